#pragma once

// Multi-step prediction on numeric sequences whose outputs predict the next input (O = I, the
// noisy sine's next-value task), as Dive into Deep Learning's sequence chapter draws it: the
// k-step-ahead prediction of x_t uses the true inputs up to x_{t−k} and then feeds the network's
// own predictions back for the remaining k − 1 steps. k = 1 is the one-step (teacher-forced)
// prediction; large k shows how far free running drifts.

#include <span>
#include <vector>

#include "rnnlab/model.h"

namespace rnnlab {

// Row s − 1 (s = 1..T, T = inputs.rows()) holds the prediction of x_{s+k−1} (inputs row
// s + k − 1, or beyond the data when s + k − 1 ≥ T) from the true x_0..x_{s−1} followed by k − 1
// fed-back predictions, all from h0 (and c0). Row s − 1 for k = 1 is forward()'s y_s. Needs
// O = I and k ≥ 1 (throws std::invalid_argument otherwise). Allocates; O(T·k) cell steps. A
// stack of one direction steps every layer; a bidirectional model throws std::invalid_argument
// (free running cannot read the future, spec v3 §1).
Matrix kStepAheadPredictions(const Model& model, const Matrix& inputs, int k);

// The same for several horizons at once (result i for horizons[i], each k ≥ 1), for views that
// redraw while training: one pass of max(k) steps runs the T free-running chains side by side
// as matrix-matrix products (H×T blocks) instead of T·Σk matrix-vector steps; for 1, 4, 16 and
// 64 at T = 200, H = 128 it took 36–49 ms against 140–170 ms (a loaded 2-core machine). Equal to
// the single-horizon function up to rounding (the products sum in another order and the rnn's
// tanh is the vectorized one, within 4e-16), which the feedback can grow over many steps.
// Allocates.
std::vector<Matrix> kStepAheadPredictions(const Model& model, const Matrix& inputs,
                                          std::span<const int> horizons);

}  // namespace rnnlab
