#include "rnnlab/step_inspection.h"

#include "rnnlab/batch_pass.h"

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

Index previousStateColumn(const ModelConfig& config, const ForwardPass& cell, Index step) {
  if (cell.shownDirection(config) == 0) {
    return step;
  }
  return step + 1 == cell.steps() ? 0 : step + 2;
}

namespace {

// The cell's contributions over the steps [from, from + n) (position order).
Gradients cellSum(const ModelConfig& config, const ForwardPass& cell, const BackwardPass& back,
                  Index from, Index n) {
  Gradients g = Parameters::zeros(config);
  const int layer = cell.shownLayer(config);
  const int direction = cell.shownDirection(config);
  const auto blockOf = [&](CellBlock role) { return g.cellBlockIndex(layer, direction, role); };
  const Matrix inputs =
      cell.indexed() && cell.inputs.rows() == 0 ? cell.denseInputs(config.inputSize) : cell.inputs;
  for (Index s = from; s < from + n; ++s) {
    const auto inputSide = back.preActivationGrad.col(s);
    const auto recurrentSide = back.recurrentSideGrad().col(s);
    g.block(blockOf(CellBlock::InputWeights)).noalias() += inputSide * inputs.col(s).transpose();
    g.block(blockOf(CellBlock::RecurrentWeights)).noalias() +=
        recurrentSide * cell.hidden.col(previousStateColumn(config, cell, s)).transpose();
    g.block(blockOf(CellBlock::InputBias)) += inputSide;
    if (const int recurrentBias = blockOf(CellBlock::RecurrentBias); recurrentBias >= 0) {
      g.block(recurrentBias) += recurrentSide;
    }
  }
  return g;
}

Gradients outputSum(const ModelConfig& config, const ForwardPass& pass, Index from, Index n) {
  Gradients g = Parameters::zeros(config);
  const Matrix top = topOutputs(config, pass);
  const auto dy = pass.outputGrad.middleCols(from, n);
  g.Why().noalias() = dy * top.middleCols(from, n).transpose();
  g.by() = dy.rowwise().sum();
  return g;
}

}  // namespace

Gradients cellStepContribution(const ModelConfig& config, const ForwardPass& cell,
                               const BackwardPass& back, Index step) {
  return cellSum(config, cell, back, step, 1);
}

Gradients cellRunningGradients(const ModelConfig& config, const ForwardPass& cell,
                               const BackwardPass& back, Index step) {
  // A reverse cell's backward pass starts at t = 1.
  return cell.shownDirection(config) == 0 ? cellSum(config, cell, back, step, cell.steps() - step)
                                          : cellSum(config, cell, back, 0, step + 1);
}

Matrix topOutputs(const ModelConfig& config, const ForwardPass& pass) {
  if (!pass.stack) {
    return pass.hidden.rightCols(pass.steps());
  }
  return pass.stack->sequenceLayerOutput(0, config.layers - 1);
}

Gradients outputStepContribution(const ModelConfig& config, const ForwardPass& pass, Index step) {
  return outputSum(config, pass, step, 1);
}

Gradients outputRunningGradients(const ModelConfig& config, const ForwardPass& pass, Index step) {
  return outputSum(config, pass, step, pass.steps() - step);
}

}  // namespace rnnlab
