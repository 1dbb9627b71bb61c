#include "rnnlab/rng.h"

#include <cmath>

namespace rnnlab {
namespace {

std::uint64_t splitMix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& word : m_state) {
    word = splitMix64(x);
  }
}

std::uint64_t Rng::nextU64() {
  const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
  const std::uint64_t t = m_state[1] << 17;
  m_state[2] ^= m_state[0];
  m_state[3] ^= m_state[1];
  m_state[1] ^= m_state[2];
  m_state[0] ^= m_state[3];
  m_state[2] ^= t;
  m_state[3] = rotl(m_state[3], 45);
  return result;
}

std::array<std::uint64_t, 4> Rng::state() const {
  return {m_state[0], m_state[1], m_state[2], m_state[3]};
}

void Rng::setState(const std::array<std::uint64_t, 4>& words) {
  for (std::size_t k = 0; k < 4; ++k) {
    m_state[k] = words[k];
  }
  m_hasSpare = false;
  m_spare = 0.0;
}

double Rng::uniform() { return static_cast<double>(nextU64() >> 11) * 0x1.0p-53; }

double Rng::normal() {
  if (m_hasSpare) {
    m_hasSpare = false;
    return m_spare;
  }
  double u = 0.0;
  double v = 0.0;
  double s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  // sqrt is correctly rounded by IEEE 754, so only the logarithm needed our own version.
  const double f = std::sqrt(-2.0 * deterministicLog(s) / s);
  m_spare = v * f;
  m_hasSpare = true;
  return u * f;
}

double deterministicLog(double x) {
  // x = m·2^e with m in [√½, √2); log m = 2·atanh(r), r = (m−1)/(m+1), |r| ≤ 0.1716, by its
  // series (r² ≤ 0.0295, so 13 terms reach 1e-20); log x = log m + e·ln 2 (ln 2 split in two
  // so e·ln2_hi is exact).
  int exponent = 0;
  double m = std::frexp(x, &exponent);  // exact
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    exponent -= 1;
  }
  const double r = (m - 1.0) / (m + 1.0);
  const double r2 = r * r;
  double sum = 0.0;
  for (int k = 25; k >= 3; k -= 2) {
    sum = (sum + 1.0 / k) * r2;
  }
  const double logM = 2.0 * r + 2.0 * r * sum;
  constexpr double Ln2Hi = 6.93147180369123816490e-01;
  constexpr double Ln2Lo = 1.90821492927058770002e-10;
  const double e = exponent;
  return e * Ln2Hi + (logM + e * Ln2Lo);
}

}  // namespace rnnlab
