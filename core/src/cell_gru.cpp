// PyTorch's nn.GRU cell (gates r, z, n), forward and exact BPTT; the equations are in
// forward_pass.h and backward_pass.h.

#include "cell_passes.h"

namespace rnnlab::detail {

void forwardGru(const Parameters& p, ForwardPass& pass) {
  const Index T = pass.steps();
  const Index H = pass.hiddenSize();
  // The input products and the biases for all steps at once; b_hn stays apart because r scales
  // it. Only the W_hh products are sequential.
  setInputProducts(p.Wih(), pass, pass.preActivations);
  pass.preActivations.colwise() += p.bih();
  pass.preActivations.topRows(2 * H).colwise() += p.bhh().head(2 * H);
  const auto hiddenRZ = p.Whh().topRows(2 * H);
  const auto hiddenN = p.Whh().bottomRows(H);
  const auto biasN = p.bhh().tail(H);
  for (Index t = 0; t < T; ++t) {
    auto pre = pass.preActivations.col(t);
    auto gate = pass.gates.col(t);
    auto m = pass.candidateHidden.col(t);
    const auto previous = pass.hidden.col(t);
    pre.head(2 * H).noalias() += hiddenRZ * previous;
    m.noalias() = hiddenN * previous;
    m += biasN;
    sigmoid(pre.head(2 * H), gate.head(2 * H));  // r, z
    pre.tail(H).array() += gate.head(H).array() * m.array();
    fastTanh(pre.tail(H), gate.tail(H));  // n
    // h = (1 − z) ⊙ n + z ⊙ h_{t-1}, written as PyTorch does: n + z ⊙ (h_{t-1} − n).
    pass.hidden.col(t + 1) = (gate.tail(H).array() + gate.segment(H, H).array() *
                                                         (previous.array() - gate.tail(H).array()))
                                 .matrix();
  }
}

void backwardGru(const Parameters& p, const ForwardPass& pass, BackwardPass& out) {
  const Index T = pass.steps();
  const Index H = pass.hiddenSize();
  Gradients& g = out.grads;
  for (Index t = T - 1; t >= 0; --t) {
    auto dh = out.hiddenGrad.col(t);
    if (t + 1 < T) {
      dh.noalias() += p.Whh().transpose() * out.recurrentGrad.col(t + 1);
      dh.array() += pass.gates.col(t + 1).segment(H, H).array() * out.hiddenGrad.col(t + 1).array();
    }
    const auto gate = pass.gates.col(t);
    const auto r = gate.head(H).array();
    const auto z = gate.segment(H, H).array();
    const auto n = gate.tail(H).array();
    auto dGate = out.gateGrad.col(t);
    auto dPre = out.preActivationGrad.col(t);
    auto dRec = out.recurrentGrad.col(t);

    dGate.tail(H) = ((1.0 - z) * dh.array()).matrix();                                      // δn
    dGate.segment(H, H) = ((pass.hidden.col(t).array() - n) * dh.array()).matrix();         // δz
    dPre.tail(H) = ((1.0 - n.square()) * dGate.tail(H).array()).matrix();                   // δn̂
    dGate.head(H) = (pass.candidateHidden.col(t).array() * dPre.tail(H).array()).matrix();  // δr
    dPre.head(H) = (r * (1.0 - r) * dGate.head(H).array()).matrix();
    dPre.segment(H, H) = (z * (1.0 - z) * dGate.segment(H, H).array()).matrix();
    dRec.head(2 * H) = dPre.head(2 * H);
    dRec.tail(H) = (r * dPre.tail(H).array()).matrix();
  }
  setInputWeightGradient(out.preActivationGrad, pass, g.Wih());
  g.bih() = out.preActivationGrad.rowwise().sum();
  g.Whh().noalias() = out.recurrentGrad * pass.hidden.leftCols(T).transpose();
  g.bhh() = out.recurrentGrad.rowwise().sum();
}

}  // namespace rnnlab::detail
