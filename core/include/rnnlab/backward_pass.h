#pragma once

// Exact backpropagation through time over the whole sequence (column t-1 is step t):
//
//   δh_t  = Whyᵀ·δy_t + δnext            (δnext = 0 at t = T)
//   δa_t  = (1 − h_t²) ⊙ δh_t
//   dWhy += δy_t·h_tᵀ     dby += δy_t
//   dWxh += δa_t·x_tᵀ     dWhh += δa_t·h_{t-1}ᵀ     dbh += δa_t
//   δnext = Whhᵀ·δa_t

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"

namespace rnnlab {

struct BackwardPass {
  Matrix hiddenGrad;  // H×T, δh_t = ∂L/∂h_t (through the output and through later steps)
  Matrix preActivationGrad;  // H×T, δa_t
  Gradients grads;           // summed over all steps

  void resize(const ModelConfig& config, Index steps);
};

// Gradients of forward's loss with respect to the parameters. `pass` must come from forward()
// on the same model. No clipping. Does not allocate when `out` already has the right shape
// (apart from Eigen's blocking buffers for large matrix products).
void backward(const Model& model, const ForwardPass& pass, BackwardPass& out);

}  // namespace rnnlab
