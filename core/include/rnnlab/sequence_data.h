#pragma once

// One training sequence: inputs row t is x_t, targets row t is d_t.

#include "rnnlab/types.h"

namespace rnnlab {

struct SequenceData {
  Matrix inputs;   // T×I
  Matrix targets;  // T×O in `sequence` mode, 1×O in `last` mode

  Index steps() const { return inputs.rows(); }

  // The targets reshaped for `mode`: `last` keeps only the final row (1×O); `sequence` gives
  // every step a row (T×O), keeping the final row and setting the earlier ones to zero when
  // there was only one. Targets that already fit `mode` come back unchanged.
  Matrix targetsFor(OutputMode mode) const;

  friend bool operator==(const SequenceData& a, const SequenceData& b) {
    return a.inputs.rows() == b.inputs.rows() && a.inputs.cols() == b.inputs.cols() &&
           a.targets.rows() == b.targets.rows() && a.targets.cols() == b.targets.cols() &&
           a.inputs == b.inputs && a.targets == b.targets;
  }
};

}  // namespace rnnlab
