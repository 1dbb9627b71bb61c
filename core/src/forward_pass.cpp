#include "rnnlab/forward_pass.h"

#include "rnnlab/loss.h"

namespace rnnlab {

void ForwardPass::resize(const ModelConfig& config, Index steps) {
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index targetSteps = config.outputMode == OutputMode::Last ? 1 : steps;
  inputs.resize(I, steps);
  preActivations.resize(H, steps);
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

  // The input and output products do not depend on the recurrence, so they run as matrix-matrix
  // products over all steps at once; only Whh·h_{t-1} is sequential.
  pass.preActivations.noalias() = p.Wxh * pass.inputs;
  pass.preActivations.colwise() += p.bh;
  pass.hidden.col(0) = model.h0;
  for (Index t = 0; t < T; ++t) {
    pass.preActivations.col(t).noalias() += p.Whh * pass.hidden.col(t);
    pass.hidden.col(t + 1) = pass.preActivations.col(t).array().tanh().matrix();
  }
  pass.outputs.noalias() = p.Why * pass.hidden.rightCols(T);
  pass.outputs.colwise() += p.by;

  pass.loss = evaluateLoss(model.config.loss, model.config.outputMode, pass.outputs, pass.targets,
                           pass.stepLoss, pass.outputGrad, pass.probabilities);
}

}  // namespace rnnlab
