#include "rnnlab/loss_record.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "text_io.h"

namespace rnnlab {

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

LossRecord::LossRecord(std::size_t exactCap, std::size_t bucketCap)
    : m_exactCap(std::max<std::size_t>(exactCap, 1)),
      m_bucketCap(std::max<std::size_t>(bucketCap, 2)) {}

LossRecord::LossRecord(const std::vector<double>& losses) : LossRecord() {
  for (double loss : losses) {
    push_back(loss);
  }
}

double LossRecord::at(std::size_t iteration) const {
  if (iteration >= size()) {
    return NaN;
  }
  if (iteration >= m_exactBegin) {
    return exactSlot(iteration - m_exactBegin);
  }
  const Bucket* bucket = bucketOf(iteration);
  return bucket != nullptr && bucket->count > 0 ? bucket->sum / static_cast<double>(bucket->count)
                                                : NaN;
}

const LossRecord::Bucket* LossRecord::bucketOf(std::size_t iteration) const {
  if (iteration < m_origin || iteration >= m_exactBegin) {
    return nullptr;
  }
  const std::size_t j = iteration / m_width;
  if (j < m_firstBucket || j - m_firstBucket >= m_buckets.size()) {
    return nullptr;
  }
  return &m_buckets[j - m_firstBucket];
}

std::pair<std::size_t, std::size_t> LossRecord::span(std::size_t iteration) const {
  if (iteration >= m_exactBegin || iteration < m_origin) {
    return {iteration, iteration + 1};
  }
  const std::size_t j = iteration / m_width;
  return {std::max(j * m_width, m_origin), std::min((j + 1) * m_width, m_exactBegin)};
}

LossRecord::Summary LossRecord::summarize(std::size_t first, std::size_t last) const {
  Summary s;
  double lowest = std::numeric_limits<double>::infinity();
  double highest = -std::numeric_limits<double>::infinity();
  double sum = 0.0;
  const auto take = [&](double low, double high, std::size_t lowAt, std::size_t highAt) {
    if (s.count == 0 || low < lowest) {
      lowest = low;
      s.minAt = lowAt;
    }
    if (s.count == 0 || high > highest) {
      highest = high;
      s.maxAt = highAt;
    }
  };
  if (!empty()) {
    last = std::min(last, size() - 1);
  }
  if (empty() || first > last) {
    s.min = s.max = s.mean = NaN;
    return s;
  }
  // The folded part: whole buckets, each placed at its middle (clamped to the range).
  const std::size_t lo = std::max(first, m_origin);
  if (lo < m_exactBegin && lo <= last) {
    const std::size_t hi = std::min(last, m_exactBegin - 1);
    for (std::size_t j = lo / m_width; j <= hi / m_width; ++j) {
      if (j < m_firstBucket || j - m_firstBucket >= m_buckets.size()) {
        continue;
      }
      const Bucket& b = m_buckets[j - m_firstBucket];
      if (b.count == 0) {
        continue;
      }
      const auto [begin, end] = span(j * m_width < m_origin ? m_origin : j * m_width);
      const std::size_t middle = std::clamp(begin + (end - begin) / 2, lo, hi);
      take(b.min, b.max, middle, middle);
      sum += b.sum;
      s.count += b.count;
    }
  }
  // The exact part, in at most two contiguous runs of the ring.
  const std::size_t from = std::max(first, m_exactBegin);
  if (from <= last) {
    std::size_t slot = (m_head + (from - m_exactBegin)) % m_ring.size();
    for (std::size_t k = from; k <= last; ++k) {
      const double v = m_ring[slot];
      if (++slot == m_ring.size()) {
        slot = 0;
      }
      if (!std::isfinite(v)) {
        continue;
      }
      take(v, v, k, k);
      sum += v;
      ++s.count;
    }
  }
  if (s.count == 0) {
    s.min = s.max = s.mean = NaN;
  } else {
    s.min = lowest;
    s.max = highest;
    s.mean = sum / static_cast<double>(s.count);
  }
  return s;
}

void LossRecord::push_back(double loss) {
  if (m_count == m_exactCap) {
    fold(m_exactBegin, exactSlot(0));
    m_head = (m_head + 1) % m_ring.size();
    --m_count;
    ++m_exactBegin;
  }
  if (m_ring.size() < m_exactCap) {
    // Still growing: the ring starts at slot 0 until it is full.
    if (m_count < m_ring.size()) {
      m_ring[m_count] = loss;
    } else {
      if (m_ring.size() == m_ring.capacity()) {
        m_ring.reserve(std::min(std::max<std::size_t>(64, 2 * m_ring.size()), m_exactCap));
      }
      m_ring.push_back(loss);
    }
  } else {
    exactSlot(m_count) = loss;
  }
  ++m_count;
}

void LossRecord::fold(std::size_t iteration, double loss) {
  const std::size_t j = iteration / m_width;
  if (m_buckets.empty()) {
    m_firstBucket = j;
  }
  while (m_firstBucket + m_buckets.size() <= j) {
    if (m_buckets.size() == m_buckets.capacity()) {
      m_buckets.reserve(std::min(std::max<std::size_t>(16, 2 * m_buckets.size()), m_bucketCap + 1));
    }
    m_buckets.push_back({std::numeric_limits<double>::infinity(),
                         -std::numeric_limits<double>::infinity(), 0.0, 0});
  }
  Bucket& b = m_buckets.back();
  if (std::isfinite(loss)) {
    b.min = std::min(b.min, loss);
    b.max = std::max(b.max, loss);
    b.sum += loss;
    ++b.count;
  }
  if (m_buckets.size() > m_bucketCap) {
    coarsen();
  }
}

void LossRecord::coarsen() {
  // In place: bucket i moves to slot t ≤ i, and every slot is read before it is written.
  const std::size_t newFirst = m_firstBucket / 2;
  std::size_t used = 0;
  for (std::size_t i = 0; i < m_buckets.size(); ++i) {
    const Bucket b = m_buckets[i];
    const std::size_t t = (m_firstBucket + i) / 2 - newFirst;
    if (t == used) {
      m_buckets[t] = b;
      ++used;
    } else {
      Bucket& into = m_buckets[t];
      into.min = std::min(into.min, b.min);
      into.max = std::max(into.max, b.max);
      into.sum += b.sum;
      into.count += b.count;
    }
  }
  m_buckets.resize(used);
  m_firstBucket = newFirst;
  m_width *= 2;
}

void LossRecord::truncate(std::size_t size) {
  if (size >= this->size()) {
    return;
  }
  if (size >= m_exactBegin) {
    m_count = size - m_exactBegin;
    return;
  }
  m_count = 0;
  m_head = 0;
  if (size <= m_origin) {
    m_buckets.clear();
    m_width = 1;
    m_origin = size;
    m_exactBegin = size;
    return;
  }
  m_buckets.resize((size - 1) / m_width - m_firstBucket + 1);
  m_exactBegin = size;
}

void LossRecord::clear() {
  *this = LossRecord(m_exactCap, m_bucketCap);
}

void LossRecord::startAt(std::size_t iteration) {
  if (!empty()) {
    return;
  }
  m_buckets.clear();
  m_width = 1;
  m_origin = iteration;
  m_exactBegin = iteration;
  m_count = 0;
  m_head = 0;
}

std::size_t LossRecord::merge(std::size_t first, const std::vector<double>& batch,
                              std::size_t end) {
  const std::size_t kept = std::min({size(), first, end});
  if (first > size()) {
    if (empty()) {
      startAt(first);
    }
    while (size() < first) {
      push_back(NaN);
    }
  } else {
    truncate(first);
  }
  const std::size_t taken = end > first ? std::min(batch.size(), end - first) : 0;
  for (std::size_t k = 0; k < taken; ++k) {
    push_back(batch[k]);
  }
  truncate(end);
  return kept;
}

std::vector<double> LossRecord::values() const {
  std::vector<double> out;
  out.reserve(size());
  for (std::size_t k = 0; k < size(); ++k) {
    out.push_back(at(k));
  }
  return out;
}

std::size_t LossRecord::byteSize() const {
  return sizeof(*this) + m_ring.capacity() * sizeof(double) + m_buckets.capacity() * sizeof(Bucket);
}

std::size_t LossRecord::maxBytes() const {
  return sizeof(*this) + m_exactCap * sizeof(double) + (m_bucketCap + 1) * sizeof(Bucket);
}

bool operator==(const LossRecord& record, const std::vector<double>& losses) {
  if (record.size() != losses.size()) {
    return false;
  }
  for (std::size_t k = 0; k < losses.size(); ++k) {
    if (!(record.at(k) == losses[k])) {
      return false;
    }
  }
  return true;
}

std::string serializeLossRecord(const LossRecord& record) {
  std::string out = "iteration,loss\n";
  const auto row = [&out](std::size_t iteration, double loss) {
    out += std::to_string(iteration);
    out += ',';
    out += detail::formatNumber(loss);
    out += '\n';
  };
  std::size_t k = record.origin();
  while (k < record.exactBegin()) {
    row(k, record.at(k));
    k = std::max(record.span(k).second, k + 1);
  }
  for (; k < record.size(); ++k) {
    row(k, record.at(k));
  }
  return out;
}

}  // namespace rnnlab
