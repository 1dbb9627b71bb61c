#include "rnnlab/model_history.h"

#include <algorithm>
#include <utility>

namespace rnnlab {

ModelHistory::ModelHistory(std::size_t byteBudget) : m_byteBudget(byteBudget) {}

void ModelHistory::clear() {
  m_count = 0;
  m_stride = 1;
}

std::size_t ModelHistory::entryBytes(const Parameters& params, std::size_t optimizerSlots) {
  // A heap allocation's header and rounding (glibc: at least 32 bytes a block).
  constexpr std::size_t Allocation = 32;
  const auto blocks = static_cast<std::size_t>(params.blockCount());
  const std::size_t perParameters = sizeof(double) * params.elementCount() + Allocation +
                                    blocks * (sizeof(Matrix) + Allocation);
  return sizeof(Entry) + perParameters * (1 + optimizerSlots);
}

void ModelHistory::truncateAfter(long iteration) {
  while (m_count > 0 && m_entries[m_count - 1].iteration > iteration) {
    --m_count;  // the slot keeps its memory for reuse
  }
}

ModelHistory::Entry* ModelHistory::slotFor(long iteration, const Parameters& params,
                                           std::size_t optimizerSlots) {
  if (m_capacity == 0 || optimizerSlots > m_optimizerSlots) {
    m_optimizerSlots = std::max(m_optimizerSlots, optimizerSlots);
    m_capacity =
        std::max<std::size_t>(2, m_byteBudget / entryBytes(params, m_optimizerSlots));
    m_entries.reserve(m_capacity);
    while (m_count > m_capacity) {
      thin();
    }
  }
  if (iteration % m_stride != 0) {
    return nullptr;
  }
  if (m_count == m_capacity) {
    thin();
    if (iteration % m_stride != 0) {
      return nullptr;
    }
  }
  if (m_count == m_entries.size()) {
    m_entries.emplace_back();
  }
  Entry& entry = m_entries[m_count];
  entry.iteration = iteration;
  entry.params = params;  // reuses the slot's buffers when the shape matches
  ++m_count;
  return &entry;
}

void ModelHistory::record(long iteration, const Parameters& params) {
  if (Entry* entry = slotFor(iteration, params, 0)) {
    entry->hasOptimizer = false;
    entry->textPosition = -1;
  }
}

void ModelHistory::recordTextState(long iteration, long position, const Vector& hidden,
                                   const Vector& cell) {
  if (m_count == 0 || m_entries[m_count - 1].iteration != iteration) {
    return;
  }
  Entry& entry = m_entries[m_count - 1];
  entry.textPosition = position;
  entry.carriedH = hidden;  // same sizes every time: no allocation after the first
  entry.carriedC = cell;
}

void ModelHistory::record(long iteration, const Parameters& params, const Optimizer& optimizer) {
  const std::size_t slots = OptimizerState::slotNames(optimizer.kind()).size();
  if (Entry* entry = slotFor(iteration, params, slots)) {
    optimizer.copyStateTo(entry->optimizer);  // reuses the slot's buffers too
    entry->hasOptimizer = true;
    entry->textPosition = -1;
  }
}

void ModelHistory::record(const Entry& kept) {
  const std::size_t slots = kept.hasOptimizer ? kept.optimizer.buffers.size() : 0;
  if (Entry* entry = slotFor(kept.iteration, kept.params, slots)) {
    entry->optimizer = kept.optimizer;
    entry->hasOptimizer = kept.hasOptimizer;
    entry->textPosition = kept.textPosition;
    entry->carriedH = kept.carriedH;
    entry->carriedC = kept.carriedC;
  }
}

void ModelHistory::thin() {
  m_stride *= 2;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < m_count; ++i) {
    if (m_entries[i].iteration % m_stride == 0) {
      std::swap(m_entries[kept], m_entries[i]);  // the dropped slot keeps its memory for reuse
      ++kept;
    }
  }
  m_count = kept;
}

const ModelHistory::Entry* ModelHistory::atOrBefore(long iteration) const {
  const auto end = m_entries.begin() + static_cast<std::ptrdiff_t>(m_count);
  auto it = std::upper_bound(m_entries.begin(), end, iteration,
                             [](long value, const Entry& e) { return value < e.iteration; });
  if (it == m_entries.begin()) {
    return nullptr;
  }
  return &*(it - 1);
}

}  // namespace rnnlab
