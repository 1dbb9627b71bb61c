#include "rnnlab/forward_pass.h"

#include "cell_passes.h"
#include "rnnlab/loss.h"

namespace rnnlab {

void ForwardPass::resize(const ModelConfig& config, Index steps) {
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index targetSteps = config.outputMode == OutputMode::Last ? 1 : steps;
  const bool gated = config.cell != CellKind::Rnn;
  const bool lstm = config.cell == CellKind::Lstm;
  const bool gru = config.cell == CellKind::Gru;
  const Index GH = gateCount(config.cell) * H;
  cell = config.cell;
  inputs.resize(I, steps);
  preActivations.resize(GH, steps);
  gates.resize(gated ? GH : 0, gated ? steps : 0);
  cellState.resize(lstm ? H : 0, lstm ? steps + 1 : 0);
  cellTanh.resize(lstm ? H : 0, lstm ? steps : 0);
  candidateHidden.resize(gru ? H : 0, gru ? steps : 0);
  hidden.resize(H, steps + 1);
  outputs.resize(O, steps);
  targets.resize(O, targetSteps);
  probabilities.resize(config.loss == LossKind::CrossEntropy ? O : 0,
                       config.loss == LossKind::CrossEntropy ? steps : 0);
  stepLoss.resize(steps);
  outputGrad.resize(O, steps);
}

void forward(const Model& model, const SequenceData& data, ForwardPass& pass) {
  const Parameters& p = model.params;
  const Index T = data.steps();
  pass.resize(model.config, T);  // no-op (no allocation) when the shape is unchanged
  pass.inputs = data.inputs.transpose();
  pass.targets = data.targets.transpose();
  pass.hidden.col(0) = model.h0;

  switch (model.config.cell) {
    case CellKind::Rnn:
      detail::forwardRnn(p, pass);
      break;
    case CellKind::Lstm:
      detail::forwardLstm(p, model.c0, pass);
      break;
    case CellKind::Gru:
      detail::forwardGru(p, pass);
      break;
  }

  pass.outputs.noalias() = p.Why() * pass.hidden.rightCols(T);
  pass.outputs.colwise() += p.by();

  pass.loss = evaluateLoss(model.config.loss, model.config.outputMode, pass.outputs, pass.targets,
                           pass.stepLoss, pass.outputGrad, pass.probabilities);
}

}  // namespace rnnlab
