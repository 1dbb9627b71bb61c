#include "rnnlab/neuron_search.h"

#include <algorithm>
#include <stdexcept>

#include "rnnlab/batch_pass.h"
#include "rnnlab/text_model.h"

namespace rnnlab {

std::vector<SelectionUnit> rankSelectionUnits(const Eigen::Ref<const Matrix>& activations,
                                              Index begin, Index end, double threshold,
                                              Index context) {
  const Index steps = activations.cols();
  if (begin < 0 || end > steps || begin >= end || context < 0) {
    throw std::invalid_argument("rankSelectionUnits: needs 0 <= begin < end <= T, context >= 0");
  }
  const Index before = std::max<Index>(0, begin - context);
  const Index after = std::min(steps, end + context);
  const Index around = (begin - before) + (after - end);
  std::vector<SelectionUnit> ranked;
  ranked.reserve(static_cast<std::size_t>(activations.rows()));
  for (Index u = 0; u < activations.rows(); ++u) {
    const auto inside = activations.row(u).segment(begin, end - begin);
    SelectionUnit entry;
    entry.unit = static_cast<int>(u);
    entry.onInside = static_cast<double>((inside.array() > threshold).count()) /
                     static_cast<double>(inside.size());
    if (around == 0) {
      entry.offAround = 1.0;
    } else {
      const auto left = activations.row(u).segment(before, begin - before);
      const auto right = activations.row(u).segment(end, after - end);
      const auto off = (left.array() <= threshold).count() + (right.array() <= threshold).count();
      entry.offAround = static_cast<double>(off) / static_cast<double>(around);
      entry.margin = inside.mean() - (left.sum() + right.sum()) / static_cast<double>(around);
    }
    ranked.push_back(entry);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const SelectionUnit& a, const SelectionUnit& b) {
                     const double scoreA = a.onInside + a.offAround;
                     const double scoreB = b.onInside + b.offAround;
                     if (scoreA != scoreB) {
                       return scoreA > scoreB;
                     }
                     return a.margin > b.margin;
                   });
  return ranked;
}

std::vector<PatternMatch> findPatternMatches(const Eigen::Ref<const Matrix>& activations,
                                             std::span<const int> units, double threshold,
                                             Index minimumLength) {
  std::vector<PatternMatch> matches;
  if (units.empty()) {
    return matches;
  }
  for (const int u : units) {
    if (u < 0 || u >= activations.rows()) {
      throw std::invalid_argument("findPatternMatches: a unit is not a row of the activations");
    }
  }
  const Index steps = activations.cols();
  Index runStart = -1;
  for (Index t = 0; t <= steps; ++t) {
    const bool on = t < steps && std::all_of(units.begin(), units.end(),
                                             [&](int u) { return activations(u, t) > threshold; });
    if (on && runStart < 0) {
      runStart = t;
    } else if (!on && runStart >= 0) {
      if (t - runStart >= std::max<Index>(1, minimumLength)) {
        matches.push_back({runStart, t});
      }
      runStart = -1;
    }
  }
  return matches;
}

Matrix cellActivations(const Model& model, std::span<const int> indices, long begin, long count,
                       int layer, int direction, std::span<const int> units,
                       const std::atomic<bool>& cancel, Index chunk) {
  if (begin < 0 || count < 0 || begin + count > static_cast<long>(indices.size()) - 1) {
    throw std::invalid_argument(
        "cellActivations: the stretch must lie in the text, each "
        "character with a next one");
  }
  for (const int u : units) {
    if (u < 0 || u >= model.config.hiddenSize) {
      throw std::invalid_argument("cellActivations: a unit is not one of the cell's");
    }
  }
  Matrix out(static_cast<Index>(units.size()), count);
  BatchPass pass;
  Vector h = model.h0;
  Vector c = initialCellState(model);
  const Index rows = h.size();
  chunk = std::max<Index>(1, chunk);
  for (long done = 0; done < count; done += chunk) {
    if (cancel.load()) {
      return out.leftCols(done);
    }
    const long length = std::min<long>(chunk, count - done);
    if (done == 0 || length != chunk) {
      pass.reserveStreams(model.config, 1, length);
    }
    const long starts[] = {begin + done};
    pass.forwardStreams(model, indices, starts, length, Eigen::Map<const Matrix>(h.data(), rows, 1),
                        Eigen::Map<const Matrix>(c.size() > 0 ? c.data() : h.data(), rows, 1));
    const Matrix states = pass.sequenceCellHidden(0, layer, direction);
    for (std::size_t k = 0; k < units.size(); ++k) {
      out.row(static_cast<Index>(k)).segment(done, length) = states.row(units[k]);
    }
    pass.finalStates(Eigen::Map<Matrix>(h.data(), rows, 1),
                     Eigen::Map<Matrix>(c.size() > 0 ? c.data() : h.data(), rows, 1));
  }
  return out;
}

}  // namespace rnnlab
