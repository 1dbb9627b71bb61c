#pragma once

// A run's loss per iteration in bounded memory, however long the run. The latest `exactCap`
// iterations are kept exactly; older ones are folded into buckets of `bucketWidth()` consecutive
// iterations, each keeping the minimum, maximum and mean of its losses, so a chart still draws
// the whole envelope (every spike reaches its bucket's maximum). When there would be more than
// `bucketCap` buckets, neighbouring pairs merge and the width doubles: the memory never exceeds
// maxBytes() = exactCap·8 + (bucketCap + 1)·32 bytes plus the object itself (16 MiB and about
// 150 bytes with the defaults), and below exactCap iterations the record is an exact copy of
// the losses.
//
// Iteration k's loss is at(k) (NaN for an iteration with no loss: the gap before a run resumed
// from a file, or a loss lost on the way). Cutting back into the folded part keeps the bucket
// that holds the new end whole: its envelope may still include up to bucketWidth() − 1 of the
// dropped iterations.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rnnlab {

class LossRecord {
 public:
  static constexpr std::size_t DefaultExactCap = std::size_t{1} << 20;   // 8 MB of losses
  static constexpr std::size_t DefaultBucketCap = std::size_t{1} << 18;  // 8 MB of buckets

  // What a range of iterations held: its smallest and largest loss (and where: an exact
  // iteration, or the middle of the bucket that held it), and the mean. Non-finite losses (a
  // gap, a diverged iteration) are left out; count == 0 (and NaN values) when none was finite.
  struct Summary {
    double min = 0.0;
    double max = 0.0;
    double mean = 0.0;
    std::size_t minAt = 0;
    std::size_t maxAt = 0;
    std::uint64_t count = 0;
  };

  LossRecord() : LossRecord(DefaultExactCap, DefaultBucketCap) {}
  explicit LossRecord(std::size_t exactCap, std::size_t bucketCap);
  // An exact copy of `losses` (with the default caps, folded beyond them).
  explicit LossRecord(const std::vector<double>& losses);

  // Iterations 0 .. size() − 1 are recorded.
  std::size_t size() const { return m_exactBegin + m_count; }
  bool empty() const { return size() == 0; }
  // Iterations from exactBegin() on are kept exactly; those before it (from the first recorded
  // one) in buckets of bucketWidth() iterations.
  std::size_t exactBegin() const { return m_exactBegin; }
  // The first iteration with a loss recorded (0 unless the run resumed at a later one).
  std::size_t origin() const { return m_origin; }
  bool isExact(std::size_t iteration) const {
    return iteration >= m_exactBegin && iteration < size();
  }
  std::size_t bucketWidth() const { return m_width; }
  std::size_t exactCap() const { return m_exactCap; }
  std::size_t bucketCap() const { return m_bucketCap; }

  // The loss of `iteration` if kept exactly, else its bucket's mean (NaN for none).
  double at(std::size_t iteration) const;
  double operator[](std::size_t iteration) const { return at(iteration); }
  double front() const { return at(0); }
  double back() const { return at(size() - 1); }
  // The iterations first .. last (inclusive, clamped to the record).
  Summary summarize(std::size_t first, std::size_t last) const;
  // The first and one-past-last iteration of the bucket holding `iteration` (itself alone when
  // it is exact).
  std::pair<std::size_t, std::size_t> span(std::size_t iteration) const;

  void push_back(double loss);
  // Keeps iterations 0 .. size − 1 (see the note on cutting back into the folded part).
  void truncate(std::size_t size);
  // Frees everything.
  void clear();
  // Iterations before `iteration` have no loss (a run resumed from a file): cheap for any
  // `iteration`, unlike pushing NaNs. Only on an empty record.
  void startAt(std::size_t iteration);

  // Takes a batch: `batch[k]` is the loss of iteration first + k, and the run has done `end`
  // iterations. Everything from `first` on is replaced by the batch, then everything from `end`
  // on is dropped. A batch starting beyond the end leaves a gap of NaN (startAt() when the record
  // is empty). Returns how many of the old iterations were kept unchanged.
  std::size_t merge(std::size_t first, const std::vector<double>& batch, std::size_t end);

  // at(k) for every iteration: the losses themselves while the record is exact.
  std::vector<double> values() const;
  // The bytes this record holds (its buffers' capacities and itself), never above maxBytes().
  std::size_t byteSize() const;
  std::size_t maxBytes() const;

  friend bool operator==(const LossRecord& record, const std::vector<double>& losses);

 private:
  struct Bucket {
    double min;
    double max;
    double sum;
    std::uint64_t count;  // finite losses
  };

  void fold(std::size_t iteration, double loss);
  void coarsen();
  double& exactSlot(std::size_t index) {
    return m_ring[(m_head + index) % m_ring.size()];
  }
  double exactSlot(std::size_t index) const { return m_ring[(m_head + index) % m_ring.size()]; }
  const Bucket* bucketOf(std::size_t iteration) const;

  std::size_t m_exactCap;
  std::size_t m_bucketCap;
  std::size_t m_origin = 0;      // the first recorded iteration (before it: no losses)
  std::size_t m_exactBegin = 0;  // the first exact iteration
  // The exact losses: a ring of at most m_exactCap slots, the oldest at m_head.
  std::vector<double> m_ring;
  std::size_t m_head = 0;
  std::size_t m_count = 0;
  // Bucket j covers iterations [j·m_width, (j + 1)·m_width) ∩ [m_origin, m_exactBegin);
  // m_buckets[i] is bucket m_firstBucket + i.
  std::vector<Bucket> m_buckets;
  std::size_t m_firstBucket = 0;
  std::size_t m_width = 1;
};

// "iteration,loss" CSV: one row per iteration while the record is exact; for the folded part one
// row per bucket (its first iteration and its mean loss), then one per exact iteration.
std::string serializeLossRecord(const LossRecord& record);

}  // namespace rnnlab
