#pragma once

// Exact backpropagation through time over the whole sequence (column t-1 is step t). Every cell
// starts from δy_t: dWhy += δy_t·h_tᵀ, dby += δy_t, and δh_t = Whyᵀ·δy_t + (what later steps
// send back through h_t). Then, per cell (gate blocks as in forward_pass.h):
//
//   rnn:  δa_t = (1 − h_t²) ⊙ δh_t
//         dWxh += δa_t·x_tᵀ   dWhh += δa_t·h_{t-1}ᵀ   dbh += δa_t     back to h_{t-1}: Whhᵀ·δa_t
//   lstm: δo = tanh(c_t) ⊙ δh_t ;  δtanh(c_t) = o ⊙ δh_t
//         δc_t = (1 − tanh²(c_t)) ⊙ δtanh(c_t) + f_{t+1} ⊙ δc_{t+1}
//         δi = g ⊙ δc_t,  δf = c_{t-1} ⊙ δc_t,  δg = i ⊙ δc_t
//         δî = i(1−i) ⊙ δi,  δf̂ = f(1−f) ⊙ δf,  δĝ = (1−g²) ⊙ δg,  δô = o(1−o) ⊙ δo
//         dW_ih += δ[î f̂ ĝ ô]·x_tᵀ   dW_hh += δ[î f̂ ĝ ô]·h_{t-1}ᵀ   db_ih = db_hh += δ[î f̂ ĝ ô]
//         back to h_{t-1}: W_hhᵀ·δ[î f̂ ĝ ô]
//   gru:  δn = (1 − z) ⊙ δh_t,  δz = (h_{t-1} − n) ⊙ δh_t,  δn̂ = (1 − n²) ⊙ δn,  δr = m_t ⊙ δn̂
//         δr̂ = r(1−r) ⊙ δr,  δẑ = z(1−z) ⊙ δz
//         dW_ih += δ[r̂ ẑ n̂]·x_tᵀ ;  db_ih += δ[r̂ ẑ n̂]
//         dW_hh += δ[r̂ ẑ (r⊙n̂)]·h_{t-1}ᵀ ;  db_hh += δ[r̂ ẑ (r⊙n̂)]
//         back to h_{t-1}: W_hhᵀ·δ[r̂ ẑ (r⊙n̂)] + z ⊙ δh_t

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"

namespace rnnlab {

struct BackwardPass {
  Matrix hiddenGrad;  // H×T, δh_t = ∂L/∂h_t (through the output and through later steps)
  // rnn: H×T, δa_t. lstm, gru: G·H×T, the deltas of the gates before activation (δî δf̂ δĝ δô or
  // δr̂ δẑ δn̂): what dW_ih and db_ih sum.
  Matrix preActivationGrad;
  Matrix gateGrad;  // G·H×T, the deltas of the activated gates (δi δf δg δo or δr δz δn)
  Matrix cellGrad;  // lstm: H×T, δc_t = ∂L/∂c_t (through h_t and through later steps); else empty
  Matrix cellTanhGrad;  // lstm: H×T, δtanh(c_t) = o ⊙ δh_t; else empty
  // gru: G·H×T, δ[r̂ ẑ (r⊙n̂)], the deltas on the W_hh side (what dW_hh and db_hh sum); else
  // empty (for lstm both sides are preActivationGrad).
  Matrix recurrentGrad;
  Gradients grads;  // summed over all steps
  // A stack: the run after its backward pass, of which the members above show one cell (the
  // one the forward pass showed); viewCell() shows another. Null for one cell. Shared by copies.
  std::shared_ptr<const BatchPass> stack;

  void resize(const ModelConfig& config, Index steps);
  // The W_hh side's deltas: recurrentGrad for gru, preActivationGrad otherwise.
  const Matrix& recurrentSideGrad() const {
    return recurrentGrad.size() > 0 ? recurrentGrad : preActivationGrad;
  }
};

// Gradients of forward's loss with respect to the parameters. `pass` must come from forward()
// on the same model. No clipping. Does not allocate when `out` already has the right shape
// (apart from Eigen's blocking buffers for large matrix products).
void backward(const Model& model, const ForwardPass& pass, BackwardPass& out);

// A stack's backward pass made to show cell (layer, direction) of the same run (clamped as
// ForwardPass::viewedLayer is; −1: the top layer): every member but `grads` is that cell's. A
// reverse cell's previous state at position t is its state at t + 1. A pass of one cell stays as
// it is. Allocates.
void viewCell(BackwardPass& pass, int layer, int direction);

}  // namespace rnnlab
