#include "rnnlab/backward_pass.h"

namespace rnnlab {

void BackwardPass::resize(const ModelConfig& config, Index steps) {
  const Index H = config.hiddenSize;
  hiddenGrad.resize(H, steps);
  preActivationGrad.resize(H, steps);
  if (!grads.hasShape(config)) {
    grads = Parameters::zeros(config);
  }
}

void backward(const Model& model, const ForwardPass& pass, BackwardPass& out) {
  const Parameters& p = model.params;
  const Index T = pass.steps();
  out.resize(model.config, T);
  Gradients& g = out.grads;
  const auto hiddenStates = pass.hidden.rightCols(T);   // h_1..h_T
  const auto previousStates = pass.hidden.leftCols(T);  // h_0..h_{T-1}

  // Whyᵀ·δy_t for all steps at once; the loop below adds δnext = Whhᵀ·δa_{t+1}.
  out.hiddenGrad.noalias() = p.Why.transpose() * pass.outputGrad;
  for (Index t = T - 1; t >= 0; --t) {
    if (t + 1 < T) {
      out.hiddenGrad.col(t).noalias() += p.Whh.transpose() * out.preActivationGrad.col(t + 1);
    }
    out.preActivationGrad.col(t) =
        ((1.0 - hiddenStates.col(t).array().square()) * out.hiddenGrad.col(t).array()).matrix();
  }

  // The per-step outer products summed over t are matrix-matrix products.
  g.Why.noalias() = pass.outputGrad * hiddenStates.transpose();
  g.by = pass.outputGrad.rowwise().sum();
  g.Wxh.noalias() = out.preActivationGrad * pass.inputs.transpose();
  g.Whh.noalias() = out.preActivationGrad * previousStates.transpose();
  g.bh = out.preActivationGrad.rowwise().sum();
}

}  // namespace rnnlab
