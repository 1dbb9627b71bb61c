#include "rnnlab/sequence_data.h"

namespace rnnlab {

Matrix SequenceData::targetsFor(OutputMode mode) const {
  if (targets.rows() == 0) {
    return targets;
  }
  if (mode == OutputMode::Last) {
    return targets.bottomRows(1);
  }
  if (targets.rows() == steps()) {
    return targets;
  }
  Matrix all = Matrix::Zero(steps(), targets.cols());
  all.bottomRows(1) = targets.bottomRows(1);
  return all;
}

}  // namespace rnnlab
