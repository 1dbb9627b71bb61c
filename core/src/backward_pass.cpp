#include "rnnlab/backward_pass.h"

#include "cell_passes.h"
#include "stack_view.h"

namespace rnnlab {

void BackwardPass::resize(const ModelConfig& config, Index steps) {
  const Index H = config.hiddenSize;
  const Index GH = gateCount(config.cell) * H;
  const bool gated = config.cell != CellKind::Rnn;
  const bool lstm = config.cell == CellKind::Lstm;
  const bool gru = config.cell == CellKind::Gru;
  hiddenGrad.resize(H, steps);
  preActivationGrad.resize(GH, steps);
  gateGrad.resize(gated ? GH : 0, gated ? steps : 0);
  cellGrad.resize(lstm ? H : 0, lstm ? steps : 0);
  cellTanhGrad.resize(lstm ? H : 0, lstm ? steps : 0);
  recurrentGrad.resize(gru ? GH : 0, gru ? steps : 0);
  if (!grads.hasShape(config)) {
    grads = Parameters::zeros(config);
  }
}

void backward(const Model& model, const ForwardPass& pass, BackwardPass& out) {
  if (pass.stack) {
    detail::backwardStack(model, pass, out);
    return;
  }
  out.stack.reset();
  const Parameters& p = model.params;
  const Index T = pass.steps();
  out.resize(model.config, T);  // no-op (no allocation) when the shape is unchanged
  Gradients& g = out.grads;
  const auto hiddenStates = pass.hidden.rightCols(T);  // h_1..h_T

  // Whyᵀ·δy_t for all steps at once; the cell adds what later steps send back.
  out.hiddenGrad.noalias() = p.Why().transpose() * pass.outputGrad;
  switch (model.config.cell) {
    case CellKind::Rnn:
      detail::backwardRnn(p, pass, out);
      break;
    case CellKind::Lstm:
      detail::backwardLstm(p, pass, out);
      break;
    case CellKind::Gru:
      detail::backwardGru(p, pass, out);
      break;
  }

  // The per-step outer products summed over t are matrix-matrix products.
  g.Why().noalias() = pass.outputGrad * hiddenStates.transpose();
  g.by() = pass.outputGrad.rowwise().sum();
}

}  // namespace rnnlab
