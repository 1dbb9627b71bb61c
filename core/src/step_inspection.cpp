#include "rnnlab/step_inspection.h"

namespace rnnlab {
namespace {

ModelConfig shapeOf(const ForwardPass& pass) {
  ModelConfig config;
  config.inputSize = static_cast<int>(pass.inputs.rows());
  config.hiddenSize = static_cast<int>(pass.hidden.rows());
  config.outputSize = static_cast<int>(pass.outputs.rows());
  return config;
}

}  // namespace

Gradients stepContribution(const ForwardPass& pass, const BackwardPass& back, Index step) {
  Gradients g = Parameters::zeros(shapeOf(pass));
  const auto dy = pass.outputGrad.col(step);
  const auto da = back.preActivationGrad.col(step);
  g.Why.noalias() = dy * pass.hidden.col(step + 1).transpose();
  g.by = dy;
  g.Wxh.noalias() = da * pass.inputs.col(step).transpose();
  g.Whh.noalias() = da * pass.hidden.col(step).transpose();
  g.bh = da;
  return g;
}

Gradients accumulatedGradients(const ForwardPass& pass, const BackwardPass& back, Index fromStep) {
  const Index T = pass.steps();
  const Index n = T - fromStep;
  Gradients g = Parameters::zeros(shapeOf(pass));
  if (n <= 0) {
    return g;
  }
  // The same products backward() forms, restricted to the processed steps.
  const auto dy = pass.outputGrad.middleCols(fromStep, n);
  const auto da = back.preActivationGrad.middleCols(fromStep, n);
  g.Why.noalias() = dy * pass.hidden.middleCols(fromStep + 1, n).transpose();
  g.by = dy.rowwise().sum();
  g.Wxh.noalias() = da * pass.inputs.middleCols(fromStep, n).transpose();
  g.Whh.noalias() = da * pass.hidden.middleCols(fromStep, n).transpose();
  g.bh = da.rowwise().sum();
  return g;
}

Vector hiddenGradientNorms(const BackwardPass& back) {
  return back.hiddenGrad.colwise().norm().transpose();
}

Vector preActivationGradientNorms(const BackwardPass& back) {
  return back.preActivationGrad.colwise().norm().transpose();
}

Vector tanhDerivative(const ForwardPass& pass, Index step) {
  return (1.0 - pass.hidden.col(step + 1).array().square()).matrix();
}

}  // namespace rnnlab
