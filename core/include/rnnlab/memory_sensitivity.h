#pragma once

// How far back a trained network looks, computed exactly from the model and one forward pass.
//
// The state s_t is h_t (rnn, gru) or (h_t, c_t) stacked (lstm, 2H). One step maps (s_{t-1}, x_t)
// to s_t; its Jacobians A_t = ∂s_t/∂s_{t-1} and B_t = ∂s_t/∂x_t follow from the values the
// forward pass kept (formulas in memory_sensitivity.cpp). Then
//   ∂y_t/∂x_k = Why · [h rows of] A_t·A_{t-1}···A_{k+1}·B_k   (k ≤ t; zero for k > t).
// A stack (v3 §1) chains its cells: each cell's Jacobians are its own weights' (W_ih_l{k}…) and
// its own values (viewCell); a reverse cell's A_t is ∂s_t/∂s_{t+1}, as it reads the sequence
// from its end, so with D = 2 an output also depends on later inputs.

#include <functional>

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"

namespace rnnlab {

// The largest sequence the memory matrix is computed for: its cost grows with T².
inline constexpr Index MaxSensitivitySteps = 200;
// The largest number of multiply-adds one memory matrix may take (a few seconds at most).
inline constexpr double MaxSensitivityWork = 2e9;

// A_t and B_t of step `step` (column index; 0 is t = 1) of the cell the pass shows (its
// viewedLayer and viewedDirection): S×S and S×I_k, S = stateSize(cell, H), I_k that cell's input
// size. For a reverse cell A_t = ∂s_t/∂s_{t+1}.
Index stateSize(CellKind cell, Index hiddenSize);
void stepJacobians(const Model& model, const ForwardPass& pass, Index step, Matrix& stateJacobian,
                   Matrix& inputJacobian);

// ‖∂h_t/∂h_{t-1}‖₂ for every step (length T, spectral norm), and the spectral norm of the product
// ∂s_t/∂s_0 = A_t···A_1 of the full state Jacobians (length T): how strongly a change of the
// initial state still reaches step t. For the rnn cell the two use the same A_t. Of the cell the
// pass shows; for a reverse cell the previous state is s_{t+1} and the product runs from step T
// down to t (its initial state is read at t = T).
struct RecurrentJacobianNorms {
  Vector stepNorms;     // ‖∂h_t/∂h_{t-1}‖₂
  Vector productNorms;  // ‖∂s_t/∂s_0‖₂ (the full state, with c_t for an LSTM)
};
RecurrentJacobianNorms recurrentJacobianNorms(const Model& model, const ForwardPass& pass);

// The memory matrix: T×T, entry (t, k) = ‖∂y_t/∂x_k‖_F (Frobenius norm of the O×I Jacobian) for
// k ≤ t, zero above the diagonal (with D = 2 every entry: the reverse direction reads later
// inputs). Of the whole model: a stack's pass (any cell shown) gives its every layer.
// Empty when T > MaxSensitivitySteps or the work would exceed MaxSensitivityWork (see
// sensitivityWork). `cancelled`, when given, is polled between rows; an empty matrix comes back
// if it returns true.
Matrix memorySensitivity(const Model& model, const ForwardPass& pass,
                         const std::function<bool()>& cancelled = {});
double sensitivityWork(const ModelConfig& config, Index steps);

// The smallest n such that `share` of the matrix's total (summed over every output step) lies at
// lags |t − k| < n, i.e. within the last n input steps of each output (for a bidirectional model
// also the next n − 1). 0 for an all-zero matrix.
Index sensitivityHorizon(const Matrix& sensitivity, double share = 0.9);

}  // namespace rnnlab
