#include "training/weight_history.h"

#include <utility>

void WeightHistory::setBudget(std::size_t bytes) {
  if (bytes == m_budget) {
    return;
  }
  rnnlab::ModelHistory resized(bytes);
  for (std::size_t i = 0; i < m_history.size(); ++i) {
    resized.record(m_history[i]);  // with its optimizer state
  }
  m_budget = bytes;
  m_history = std::move(resized);
}

void WeightHistory::startOver(long iteration, const rnnlab::Parameters& params) {
  m_history = rnnlab::ModelHistory(m_budget);
  m_history.record(iteration, params);
}

void WeightHistory::startOver(long iteration, const rnnlab::Parameters& params,
                              const rnnlab::Optimizer& optimizer) {
  m_history = rnnlab::ModelHistory(m_budget);
  m_history.record(iteration, params, optimizer);
}

void WeightHistory::replaceFrom(long iteration, const rnnlab::Parameters& params) {
  m_history.truncateAfter(iteration - 1);
  m_history.record(iteration, params);
}
