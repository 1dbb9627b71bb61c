#pragma once

// The project's own random generator, so that the same seed gives the same weights with every
// compiler and standard library (std::normal_distribution is not specified bit for bit).
//
// - The seed is expanded by SplitMix64 into the 256-bit state of xoshiro256** (Blackman & Vigna).
// - uniform(): the top 53 bits of a draw, times 2^-53, in [0, 1).
// - normal(): Marsaglia's polar method; both values of a pair are used, first u·f then v·f.
//   Its logarithm is deterministicLog(), written with + − × ÷ only, so no libm difference can
//   change a draw.

#include <array>
#include <cstdint>

namespace rnnlab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t nextU64();
  double uniform();
  double normal();

  // The four xoshiro256** state words, for saving a generator (the spec's `shuffle_rng`) and
  // continuing it exactly. Only uniform() draws continue exactly: a spare normal() value is not
  // part of the state and setState() drops it.
  std::array<std::uint64_t, 4> state() const;
  void setState(const std::array<std::uint64_t, 4>& words);

 private:
  std::uint64_t m_state[4];
  double m_spare = 0.0;
  bool m_hasSpare = false;
};

// Natural logarithm of x > 0 to within about 1 ulp, the same on every IEEE-754 platform.
double deterministicLog(double x);

}  // namespace rnnlab
