#include "views/one_hot_columns.h"

namespace one_hot_columns {

std::vector<int> hotRows(const rnnlab::Matrix& columns) {
  std::vector<int> rows(static_cast<std::size_t>(columns.cols()), -1);
  for (rnnlab::Index t = 0; t < columns.cols(); ++t) {
    int hot = -1;
    bool oneHot = true;
    for (rnnlab::Index r = 0; r < columns.rows() && oneHot; ++r) {
      const double v = columns(r, t);
      if (v == 1.0 && hot < 0) {
        hot = static_cast<int>(r);
      } else if (v != 0.0) {
        oneHot = false;
      }
    }
    rows[static_cast<std::size_t>(t)] = oneHot ? hot : -1;
  }
  return rows;
}

std::vector<int> inputIndices(const rnnlab::ForwardPass& pass) {
  if (pass.indexed()) {
    return std::vector<int>(pass.inputIndices.data(),
                            pass.inputIndices.data() + pass.inputIndices.size());
  }
  return hotRows(pass.inputs);
}

std::vector<int> targetIndices(const rnnlab::ForwardPass& pass) {
  if (pass.targetIndices.size() > 0) {
    return std::vector<int>(pass.targetIndices.data(),
                            pass.targetIndices.data() + pass.targetIndices.size());
  }
  return hotRows(pass.targets);
}

QString label(const QStringList& labels, int index) {
  return index >= 0 && index < labels.size() ? labels[index] : QStringLiteral("?");
}

}  // namespace one_hot_columns
