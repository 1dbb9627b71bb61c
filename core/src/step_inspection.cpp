#include "rnnlab/step_inspection.h"

namespace rnnlab {
namespace {

ModelConfig shapeOf(const ForwardPass& pass) {
  ModelConfig config;
  config.inputSize = static_cast<int>(pass.inputs.rows());
  config.hiddenSize = static_cast<int>(pass.hidden.rows());
  config.outputSize = static_cast<int>(pass.outputs.rows());
  config.cell = pass.cell;
  return config;
}

// The sums of steps [from, from + n) of every product backward() forms.
Gradients sumOverSteps(const ForwardPass& pass, const BackwardPass& back, Index from, Index n) {
  Gradients g = Parameters::zeros(shapeOf(pass));
  if (n <= 0) {
    return g;
  }
  const auto dy = pass.outputGrad.middleCols(from, n);
  const auto inputSide = back.preActivationGrad.middleCols(from, n);
  const auto recurrentSide = back.recurrentSideGrad().middleCols(from, n);
  g.Why().noalias() = dy * pass.hidden.middleCols(from + 1, n).transpose();
  g.by() = dy.rowwise().sum();
  g.Wxh().noalias() = inputSide * pass.inputs.middleCols(from, n).transpose();
  g.Whh().noalias() = recurrentSide * pass.hidden.middleCols(from, n).transpose();
  if (pass.cell == CellKind::Rnn) {
    g.bh() = inputSide.rowwise().sum();
  } else {
    g.bih() = inputSide.rowwise().sum();
    g.bhh() = recurrentSide.rowwise().sum();
  }
  return g;
}

}  // namespace

Gradients stepContribution(const ForwardPass& pass, const BackwardPass& back, Index step) {
  return sumOverSteps(pass, back, step, 1);
}

Gradients accumulatedGradients(const ForwardPass& pass, const BackwardPass& back, Index fromStep) {
  return sumOverSteps(pass, back, fromStep, pass.steps() - fromStep);
}

Vector hiddenGradientNorms(const BackwardPass& back) {
  return back.hiddenGrad.colwise().norm().transpose();
}

Vector preActivationGradientNorms(const BackwardPass& back) {
  return back.preActivationGrad.colwise().norm().transpose();
}

Vector cellGradientNorms(const BackwardPass& back) {
  return back.cellGrad.colwise().norm().transpose();
}

Vector tanhDerivative(const ForwardPass& pass, Index step) {
  return (1.0 - pass.hidden.col(step + 1).array().square()).matrix();
}

}  // namespace rnnlab
