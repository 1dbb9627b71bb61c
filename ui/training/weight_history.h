#pragma once

// The weights kept for rewinding and branching: rnnlab::ModelHistory (every update, thinned
// geometrically within a byte budget) plus what the worker needs around it: a budget the user can
// change at any time, and a fresh history for each new model.

#include <cstddef>

#include "rnnlab/model.h"
#include "rnnlab/model_history.h"

class WeightHistory {
 public:
  std::size_t budget() const { return m_budget; }
  // Re-offers the kept entries, oldest first, to a history of the new bound, which thins them.
  void setBudget(std::size_t bytes);

  // Forgets everything; `params` are the weights at `iteration` (a new model or session). A new
  // ModelHistory rather than clear(): its capacity follows the first entry's size, and a new
  // session may have other sizes.
  void startOver(long iteration, const rnnlab::Parameters& params);
  // The same, keeping the optimizer's state with the first entry.
  void startOver(long iteration, const rnnlab::Parameters& params,
                 const rnnlab::Optimizer& optimizer);
  // The weights after `iteration` updates (iterations grow). A copy into a reused slot, or
  // nothing off the thinned stride: cheap next to an iteration, and no allocation once the
  // budget is reached.
  void record(long iteration, const rnnlab::Parameters& params) {
    m_history.record(iteration, params);
  }
  // With the optimizer's state, so that continuing from the entry is exact for every optimizer
  // (copied into the kept slot's memory: no allocation once the budget is reached).
  void record(long iteration, const rnnlab::Parameters& params,
              const rnnlab::Optimizer& optimizer) {
    m_history.record(iteration, params, optimizer);
  }
  // A text run's position and carried state after `iteration` (see ModelHistory).
  void recordTextState(long iteration, long position, const rnnlab::Vector& hidden,
                       const rnnlab::Vector& cell) {
    m_history.recordTextState(iteration, position, hidden, cell);
  }
  // Training went back to `iteration` (a branch, a divergence): later entries are dropped.
  void truncateAfter(long iteration) { m_history.truncateAfter(iteration); }
  // `params` replace the weights at `iteration` and everything after it (an applied edit).
  void replaceFrom(long iteration, const rnnlab::Parameters& params);

  // The kept entry with the largest iteration ≤ `iteration`, or nullptr.
  const rnnlab::ModelHistory::Entry* atOrBefore(long iteration) const {
    return m_history.atOrBefore(iteration);
  }
  std::size_t size() const { return m_history.size(); }

 private:
  std::size_t m_budget = rnnlab::ModelHistory::DefaultByteBudget;
  rnnlab::ModelHistory m_history{rnnlab::ModelHistory::DefaultByteBudget};
};
