#pragma once

// The weights at past iterations, kept within a memory bound so a long run can be rewound.
//
// Every iteration is kept until the bound is reached; then every other entry is dropped and only
// iterations that are multiples of the doubled stride are kept from then on. The spacing grows
// geometrically with the length of the run, the first entry (iteration 0) always stays, and
// memory never exceeds the bound (at least two entries are always allowed).

#include <cstddef>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/optimizer.h"
#include "rnnlab/training_state.h"

namespace rnnlab {

class ModelHistory {
 public:
  static constexpr std::size_t DefaultByteBudget = std::size_t{64} << 20;  // 64 MiB

  struct Entry {
    long iteration = 0;  // updates applied when these weights were current
    Parameters params;
    // The optimizer's state with these weights, when recorded with it: continuing from the
    // entry is then exact for every optimizer, not only for SGD.
    OptimizerState optimizer;
    bool hasOptimizer = false;
    // A text run's position and carried state with these weights (recordTextState), so that
    // continuing from the entry reads on where that iteration did; −1 when not recorded.
    long textPosition = -1;
    Vector carriedH;
    Vector carriedC;
  };

  explicit ModelHistory(std::size_t byteBudget = DefaultByteBudget);

  // Offers the weights after `iteration` updates; kept if on the current stride. Iterations must
  // grow (a rewind starts a new history with clear()). Reuses freed entries' memory.
  void record(long iteration, const Parameters& params);
  // The same with the optimizer's state, copied into the kept slot's memory. The bound counts
  // the optimizer's slots too (a kind with more slots thins the kept entries to fit).
  void record(long iteration, const Parameters& params, const Optimizer& optimizer);
  // Adds a text run's position and carried state to the entry just recorded at `iteration`
  // (nothing when that iteration was not kept). Reuses the entry's memory.
  void recordTextState(long iteration, long position, const Vector& hidden, const Vector& cell);
  // Re-offers an entry of another history (its weights and optimizer state, if any).
  void record(const Entry& entry);
  void clear();
  // Drops every entry after `iteration` (a branch or a divergence takes training back there);
  // the stride stays, so recording resumes from iteration + 1 on the same spacing.
  void truncateAfter(long iteration);

  bool empty() const { return m_count == 0; }
  std::size_t size() const { return m_count; }
  const Entry& operator[](std::size_t index) const { return m_entries[index]; }
  // The kept entry with the largest iteration ≤ `iteration`, or nullptr if none.
  const Entry* atOrBefore(long iteration) const;

  long stride() const { return m_stride; }
  std::size_t capacity() const { return m_capacity; }
  std::size_t byteBudget() const { return m_byteBudget; }
  // What one entry costs against the budget: the entry itself and, for the weights and each
  // optimizer slot, their numbers plus the heap blocks holding them. Each block is its own
  // allocation, which for a tiny model (H = 1) weighs more than its numbers: without that
  // term, 64 MiB of budget took about 250 MiB.
  static std::size_t entryBytes(const Parameters& params, std::size_t optimizerSlots);

 private:
  void thin();
  // The next slot to fill, or nullptr when `iteration` is off the stride.
  Entry* slotFor(long iteration, const Parameters& params, std::size_t optimizerSlots);

  std::size_t m_byteBudget;
  std::size_t m_capacity = 0;    // entries that fit the budget, known from the first record
  std::vector<Entry> m_entries;  // [0, m_count) in use; the rest keep memory for reuse
  std::size_t m_count = 0;
  long m_stride = 1;
  std::size_t m_optimizerSlots = 0;  // the largest slot count the capacity allows for
};

}  // namespace rnnlab
