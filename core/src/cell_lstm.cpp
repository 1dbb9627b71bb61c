// PyTorch's nn.LSTM cell (gates i, f, g, o), forward and exact BPTT; the equations are in
// forward_pass.h and backward_pass.h.

#include "cell_passes.h"

namespace rnnlab::detail {

void forwardLstm(const Parameters& p, const Vector& c0, ForwardPass& pass) {
  const Index T = pass.steps();
  const Index H = pass.hiddenSize();
  // The input products and both biases for all steps at once; only W_hh·h_{t-1} is sequential.
  setInputProducts(p.Wih(), pass, pass.preActivations);
  pass.preActivations.colwise() += p.bih();
  pass.preActivations.colwise() += p.bhh();
  if (c0.size() == H) {
    pass.cellState.col(0) = c0;
  } else {
    pass.cellState.col(0).setZero();
  }
  for (Index t = 0; t < T; ++t) {
    auto pre = pass.preActivations.col(t);
    auto gate = pass.gates.col(t);
    pre.noalias() += p.Whh() * pass.hidden.col(t);
    sigmoid(pre.head(2 * H), gate.head(2 * H));               // i, f
    fastTanh(pre.segment(2 * H, H), gate.segment(2 * H, H));  // g
    sigmoid(pre.tail(H), gate.tail(H));                       // o
    pass.cellState.col(t + 1) = (gate.segment(H, H).array() * pass.cellState.col(t).array() +
                                 gate.head(H).array() * gate.segment(2 * H, H).array())
                                    .matrix();
    fastTanh(pass.cellState.col(t + 1), pass.cellTanh.col(t));
    pass.hidden.col(t + 1) = (gate.tail(H).array() * pass.cellTanh.col(t).array()).matrix();
  }
}

void backwardLstm(const Parameters& p, const ForwardPass& pass, BackwardPass& out) {
  const Index T = pass.steps();
  const Index H = pass.hiddenSize();
  Gradients& g = out.grads;
  for (Index t = T - 1; t >= 0; --t) {
    auto dh = out.hiddenGrad.col(t);
    if (t + 1 < T) {
      dh.noalias() += p.Whh().transpose() * out.preActivationGrad.col(t + 1);
    }
    const auto gate = pass.gates.col(t);
    const auto i = gate.head(H).array();
    const auto f = gate.segment(H, H).array();
    const auto gg = gate.segment(2 * H, H).array();
    const auto o = gate.tail(H).array();
    const auto tanhC = pass.cellTanh.col(t).array();
    auto dTanhC = out.cellTanhGrad.col(t);
    auto dc = out.cellGrad.col(t);
    auto dGate = out.gateGrad.col(t);
    auto dPre = out.preActivationGrad.col(t);

    dTanhC = (o * dh.array()).matrix();
    if (t + 1 < T) {
      dc = ((1.0 - tanhC.square()) * dTanhC.array() +
            pass.gates.col(t + 1).segment(H, H).array() * out.cellGrad.col(t + 1).array())
               .matrix();
    } else {
      dc = ((1.0 - tanhC.square()) * dTanhC.array()).matrix();
    }
    dGate.head(H) = (gg * dc.array()).matrix();                                   // δi
    dGate.segment(H, H) = (pass.cellState.col(t).array() * dc.array()).matrix();  // δf
    dGate.segment(2 * H, H) = (i * dc.array()).matrix();                          // δg
    dGate.tail(H) = (tanhC * dh.array()).matrix();                                // δo
    dPre.head(H) = (i * (1.0 - i) * dGate.head(H).array()).matrix();
    dPre.segment(H, H) = (f * (1.0 - f) * dGate.segment(H, H).array()).matrix();
    dPre.segment(2 * H, H) = ((1.0 - gg.square()) * dGate.segment(2 * H, H).array()).matrix();
    dPre.tail(H) = (o * (1.0 - o) * dGate.tail(H).array()).matrix();
  }
  setInputWeightGradient(out.preActivationGrad, pass, g.Wih());
  g.Whh().noalias() = out.preActivationGrad * pass.hidden.leftCols(T).transpose();
  g.bih() = out.preActivationGrad.rowwise().sum();
  g.bhh() = g.bih();
}

}  // namespace rnnlab::detail
