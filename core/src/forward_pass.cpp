#include "rnnlab/forward_pass.h"

#include "cell_step.h"
#include "stack_view.h"
#include "rnnlab/loss.h"

namespace rnnlab {

void ForwardPass::resize(const ModelConfig& config, Index steps, bool indexed) {
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index targetSteps = config.outputMode == OutputMode::Last ? 1 : steps;
  const bool gated = config.cell != CellKind::Rnn;
  const bool lstm = config.cell == CellKind::Lstm;
  const bool gru = config.cell == CellKind::Gru;
  const Index GH = gateCount(config.cell) * H;
  cell = config.cell;
  inputs.resize(indexed ? 0 : I, steps);
  inputIndices.resize(indexed ? steps : 0);
  targetIndices.resize(indexed ? steps : 0);
  preActivations.resize(GH, steps);
  gates.resize(gated ? GH : 0, gated ? steps : 0);
  cellState.resize(lstm ? H : 0, lstm ? steps + 1 : 0);
  cellTanh.resize(lstm ? H : 0, lstm ? steps : 0);
  candidateHidden.resize(gru ? H : 0, gru ? steps : 0);
  hidden.resize(H, steps + 1);
  outputs.resize(O, steps);
  targets.resize(indexed ? 0 : O, targetSteps);
  probabilities.resize(config.loss == LossKind::CrossEntropy ? O : 0,
                       config.loss == LossKind::CrossEntropy ? steps : 0);
  stepLoss.resize(steps);
  outputGrad.resize(O, steps);
}

Matrix ForwardPass::denseInputs(Index inputSize) const {
  if (!indexed()) {
    return inputs;
  }
  Matrix dense = Matrix::Zero(inputSize, steps());
  for (Index t = 0; t < steps(); ++t) {
    dense(inputIndices(t), t) = 1.0;
  }
  return dense;
}

Matrix ForwardPass::denseTargets(Index outputSize) const {
  if (!indexed()) {
    return targets;
  }
  Matrix dense = Matrix::Zero(outputSize, steps());
  for (Index t = 0; t < steps(); ++t) {
    dense(targetIndices(t), t) = 1.0;
  }
  return dense;
}

namespace {

// The cell and the output layer, once the inputs and hidden column 0 are in place.
void runCellAndOutputs(const Model& model, const Vector& c0, ForwardPass& pass) {
  const Parameters& p = model.params;
  detail::forwardCell(model, c0, pass);
  pass.outputs.noalias() = p.Why() * pass.hidden.rightCols(pass.steps());
  pass.outputs.colwise() += p.by();
}

}  // namespace

void forward(const Model& model, const SequenceData& data, ForwardPass& pass, Rng* dropout) {
  if (model.config.stacked()) {
    detail::forwardStack(model, data, pass, dropout);
    return;
  }
  pass.stack.reset();
  const Index T = data.steps();
  pass.resize(model.config, T);  // no-op (no allocation) when the shape is unchanged
  pass.inputs = data.inputs.transpose();
  pass.targets = data.targets.transpose();
  pass.hidden.col(0) = model.h0;
  runCellAndOutputs(model, model.c0, pass);
  pass.loss = evaluateLoss(model.config.loss, model.config.outputMode, pass.outputs, pass.targets,
                           pass.stepLoss, pass.outputGrad, pass.probabilities);
}

void forwardIndexed(const Model& model, std::span<const int> inputs, std::span<const int> targets,
                    const Vector& h, const Vector& c, ForwardPass& pass, Rng* dropout) {
  if (model.config.stacked()) {
    detail::forwardStackIndexed(model, inputs, targets, h, c, pass, dropout);
    return;
  }
  pass.stack.reset();
  const auto T = static_cast<Index>(inputs.size());
  pass.resize(model.config, T, true);  // no-op (no allocation) when the shape is unchanged
  for (Index t = 0; t < T; ++t) {
    pass.inputIndices(t) = inputs[static_cast<std::size_t>(t)];
    pass.targetIndices(t) = targets[static_cast<std::size_t>(t)];
  }
  pass.hidden.col(0) = h;
  runCellAndOutputs(model, c, pass);
  pass.loss = evaluateCrossEntropy(pass.outputs, pass.targetIndices, pass.stepLoss, pass.outputGrad,
                                   pass.probabilities);
}

}  // namespace rnnlab
