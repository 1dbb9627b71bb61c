#pragma once

// The cell-specific parts of the forward and backward passes; forward() and backward() handle
// what every cell shares (the inputs, the output layer, the loss) and dispatch here, the forward
// pass through forwardCell() (cell_step.h). Each function works in the buffers the pass has
// sized, so none allocates.

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"

namespace rnnlab::detail {

// W·x_t for every step into the columns of `out`: a matrix product for numeric inputs, a column
// gather (W·e_k = column k of W, exactly) for one-hot inputs given as indices.
inline void setInputProducts(const Matrix& W, const ForwardPass& pass, Matrix& out) {
  if (pass.indexed()) {
    for (Index t = 0; t < pass.steps(); ++t) {
      out.col(t) = W.col(pass.inputIndices(t));
    }
  } else {
    out.noalias() = W * pass.inputs;
  }
}

// dW = Σ_t δ_t·x_tᵀ: a matrix product for numeric inputs, a scatter-add of δ_t into column k_t
// for one-hot inputs given as indices.
inline void setInputWeightGradient(const Matrix& delta, const ForwardPass& pass, Matrix& dW) {
  if (pass.indexed()) {
    dW.setZero();
    for (Index t = 0; t < pass.steps(); ++t) {
      dW.col(pass.inputIndices(t)) += delta.col(t);
    }
  } else {
    dW.noalias() = delta * pass.inputs.transpose();
  }
}

// Fill preActivations, gates, cellState, cellTanh, candidateHidden and hidden columns 1..T
// (hidden column 0 already holds h0).
void forwardRnn(const Parameters& p, ForwardPass& pass);
void forwardLstm(const Parameters& p, const Vector& c0, ForwardPass& pass);
void forwardGru(const Parameters& p, ForwardPass& pass);

// Fill the cell's per-step deltas and every gradient block except Why and by. On entry
// out.hiddenGrad holds Whyᵀ·δy_t for every step.
void backwardRnn(const Parameters& p, const ForwardPass& pass, BackwardPass& out);
void backwardLstm(const Parameters& p, const ForwardPass& pass, BackwardPass& out);
void backwardGru(const Parameters& p, const ForwardPass& pass, BackwardPass& out);

// The gated cells' activations.
// σ(x) = 1 / (1 + e^−x), as PyTorch computes it; exp runs vectorized.
template <class In, class Out>
void sigmoid(const In& in, Out&& out) {
  out = (1.0 + (-in.array()).exp()).inverse().matrix();
}

// tanh(x) = 2σ(2x) − 1 (±1 at ±∞, no NaN): Eigen's tanh for doubles is scalar and three times
// slower than its vectorized exp, and the gated cells take 2H of them per step. The absolute
// error stays below 4e-16.
template <class In, class Out>
void fastTanh(const In& in, Out&& out) {
  out = (2.0 * (1.0 + (-2.0 * in.array()).exp()).inverse() - 1.0).matrix();
}

}  // namespace rnnlab::detail
