// The vanilla tanh cell: a_t = Wxh·x_t + Whh·h_{t-1} + bh, h_t = tanh(a_t).

#include "cell_passes.h"

namespace rnnlab::detail {

void forwardRnn(const Parameters& p, ForwardPass& pass) {
  const Index T = pass.steps();
  // The input products do not depend on the recurrence, so they run as one matrix-matrix product
  // over all steps; only Whh·h_{t-1} is sequential.
  setInputProducts(p.Wxh(), pass, pass.preActivations);
  pass.preActivations.colwise() += p.bh();
  for (Index t = 0; t < T; ++t) {
    pass.preActivations.col(t).noalias() += p.Whh() * pass.hidden.col(t);
    pass.hidden.col(t + 1) = pass.preActivations.col(t).array().tanh().matrix();
  }
}

void backwardRnn(const Parameters& p, const ForwardPass& pass, BackwardPass& out) {
  const Index T = pass.steps();
  Gradients& g = out.grads;
  const auto hiddenStates = pass.hidden.rightCols(T);   // h_1..h_T
  const auto previousStates = pass.hidden.leftCols(T);  // h_0..h_{T-1}
  for (Index t = T - 1; t >= 0; --t) {
    if (t + 1 < T) {
      out.hiddenGrad.col(t).noalias() += p.Whh().transpose() * out.preActivationGrad.col(t + 1);
    }
    out.preActivationGrad.col(t) =
        ((1.0 - hiddenStates.col(t).array().square()) * out.hiddenGrad.col(t).array()).matrix();
  }
  setInputWeightGradient(out.preActivationGrad, pass, g.Wxh());
  g.Whh().noalias() = out.preActivationGrad * previousStates.transpose();
  g.bh() = out.preActivationGrad.rowwise().sum();
}

}  // namespace rnnlab::detail
