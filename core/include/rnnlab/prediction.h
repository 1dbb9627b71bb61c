#pragma once

// Multi-step prediction on numeric sequences whose outputs predict the next input (O = I, the
// noisy sine's next-value task), as Dive into Deep Learning's sequence chapter draws it: the
// k-step-ahead prediction of x_t uses the true inputs up to x_{t−k} and then feeds the network's
// own predictions back for the remaining k − 1 steps. k = 1 is the one-step (teacher-forced)
// prediction; large k shows how far free running drifts.

#include "rnnlab/model.h"

namespace rnnlab {

// Row s − 1 (s = 1..T, T = inputs.rows()) holds the prediction of x_{s+k−1} (inputs row
// s + k − 1, or beyond the data when s + k − 1 ≥ T) from the true x_0..x_{s−1} followed by k − 1
// fed-back predictions, all from h0 (and c0). Row s − 1 for k = 1 is forward()'s y_s. Needs
// O = I and k ≥ 1 (throws std::invalid_argument otherwise). Allocates; O(T·k) cell steps.
Matrix kStepAheadPredictions(const Model& model, const Matrix& inputs, int k);

}  // namespace rnnlab
