#include "stack_view.h"

#include <algorithm>

#include "rnnlab/batch_pass.h"
#include "rnnlab/loss.h"

namespace rnnlab {

namespace {

using Values = BatchPass::CellValues;

// Values a cell of this kind has (0×0 otherwise, as ForwardPass::resize leaves them).
Matrix valuesIf(bool present, const BatchPass& run, int k, int d, Values what) {
  return present ? run.sequenceCellValues(0, k, d, what) : Matrix();
}

int clampedLayer(const ModelConfig& config, int layer) {
  return layer < 0 || layer >= config.layers ? config.layers - 1 : layer;
}

// The members of ForwardPass that belong to one cell: cell (k, d)'s values from the run.
void fillCell(const BatchPass& run, int k, int d, ForwardPass& pass) {
  const ModelConfig& config = run.config();
  pass.cell = config.cell;
  const Index T = run.sequenceCellValues(0, k, d, Values::Hidden).cols();
  if (!pass.indexed() || k > 0) {
    pass.inputs = run.sequenceCellValues(0, k, d, Values::Input);
  } else {
    pass.inputs.resize(0, T);  // one-hot inputs stay indices, as forwardIndexed() leaves them
  }
  pass.preActivations = run.sequenceCellValues(0, k, d, Values::PreActivations);
  pass.gates = valuesIf(config.cell != CellKind::Rnn, run, k, d, Values::Gates);
  const Matrix hidden = run.sequenceCellValues(0, k, d, Values::Hidden);
  pass.hidden.resize(hidden.rows(), T + 1);
  pass.hidden.col(0) = run.sequenceInitialState(0, k, d, false);
  pass.hidden.rightCols(T) = hidden;
  if (config.cell == CellKind::Lstm) {
    const Matrix cell = run.sequenceCellValues(0, k, d, Values::CellState);
    pass.cellState.resize(cell.rows(), T + 1);
    pass.cellState.col(0) = run.sequenceInitialState(0, k, d, true);
    pass.cellState.rightCols(T) = cell;
    pass.cellTanh = run.sequenceCellValues(0, k, d, Values::CellTanh);
  } else {
    pass.cellState.resize(0, 0);
    pass.cellTanh.resize(0, 0);
  }
  pass.candidateHidden = valuesIf(config.cell == CellKind::Gru, run, k, d, Values::Candidate);
}

// The state each position's step read, H×T in position order: h_{t−1} (the initial state at
// t = 1) for the forward direction, h_{t+1} (the initial state at t = T) for the reverse one.
Matrix previousStates(const BatchPass& run, int k, int d, bool cell) {
  const Matrix states = run.sequenceCellValues(0, k, d, cell ? Values::CellState : Values::Hidden);
  const Index T = states.cols();
  Matrix previous(states.rows(), T);
  if (T == 0) {
    return previous;
  }
  const Vector initial = run.sequenceInitialState(0, k, d, cell);
  if (d == 0) {
    previous.col(0) = initial;
    previous.rightCols(T - 1) = states.leftCols(T - 1);
  } else {
    previous.leftCols(T - 1) = states.rightCols(T - 1);
    previous.col(T - 1) = initial;
  }
  return previous;
}

// The members of BackwardPass that belong to cell (k, d), from the run after its backward pass.
void fillCellGrads(const BatchPass& run, int k, int d, BackwardPass& out) {
  const ModelConfig& config = run.config();
  const Index H = config.hiddenSize;
  out.hiddenGrad = run.sequenceCellValues(0, k, d, Values::HiddenGrad);
  out.preActivationGrad = run.sequenceCellValues(0, k, d, Values::PreGrad);
  out.cellGrad = valuesIf(config.cell == CellKind::Lstm, run, k, d, Values::CellGrad);
  out.recurrentGrad = valuesIf(config.cell == CellKind::Gru, run, k, d, Values::RecurrentGrad);
  const Index T = out.hiddenGrad.cols();
  const auto dh = out.hiddenGrad.array();
  const Matrix gates = run.sequenceCellValues(0, k, d, Values::Gates);
  const auto gate = [&](Index g) { return gates.middleRows(g * H, H).array(); };
  switch (config.cell) {
    case CellKind::Rnn:
      out.gateGrad.resize(0, 0);
      out.cellTanhGrad.resize(0, 0);
      break;
    case CellKind::Lstm: {
      // δi = g ⊙ δc, δf = c_{t−1} ⊙ δc, δg = i ⊙ δc, δo = tanh(c_t) ⊙ δh; δtanh(c_t) = o ⊙ δh.
      const auto dc = out.cellGrad.array();
      out.gateGrad.resize(4 * H, T);
      out.gateGrad.topRows(H) = (gate(2) * dc).matrix();
      out.gateGrad.middleRows(H, H) = (previousStates(run, k, d, true).array() * dc).matrix();
      out.gateGrad.middleRows(2 * H, H) = (gate(0) * dc).matrix();
      out.gateGrad.bottomRows(H) =
          (run.sequenceCellValues(0, k, d, Values::CellTanh).array() * dh).matrix();
      out.cellTanhGrad = (gate(3) * dh).matrix();
      break;
    }
    case CellKind::Gru: {
      // δr = m ⊙ δn̂, δz = (h_{t−1} − n) ⊙ δh, δn = (1 − z) ⊙ δh.
      out.gateGrad.resize(3 * H, T);
      out.gateGrad.topRows(H) = (run.sequenceCellValues(0, k, d, Values::Candidate).array() *
                                 out.preActivationGrad.bottomRows(H).array())
                                    .matrix();
      out.gateGrad.middleRows(H, H) =
          ((previousStates(run, k, d, false).array() - gate(2)) * dh).matrix();
      out.gateGrad.bottomRows(H) = ((1.0 - gate(1)) * dh).matrix();
      out.cellTanhGrad.resize(0, 0);
      break;
    }
  }
}

}  // namespace

int ForwardPass::shownLayer(const ModelConfig& config) const {
  return clampedLayer(config, viewedLayer);
}

int ForwardPass::shownDirection(const ModelConfig& config) const {
  return std::clamp(viewedDirection, 0, config.directions() - 1);
}

void viewCell(ForwardPass& pass, int layer, int direction) {
  if (!pass.stack) {
    return;
  }
  const ModelConfig& config = pass.stack->config();
  pass.viewedLayer = layer;
  pass.viewedDirection = direction;
  fillCell(*pass.stack, pass.shownLayer(config), pass.shownDirection(config), pass);
}

void viewCell(BackwardPass& pass, int layer, int direction) {
  if (!pass.stack) {
    return;
  }
  const ModelConfig& config = pass.stack->config();
  fillCellGrads(*pass.stack, clampedLayer(config, layer),
                std::clamp(direction, 0, config.directions() - 1), pass);
}

namespace detail {
namespace {

// The shown cell's values from the run, and the model's outputs and loss.
void showCell(const Model& model, ForwardPass& pass) {
  const ModelConfig& config = model.config;
  const BatchPass& run = *pass.stack;
  fillCell(run, pass.shownLayer(config), pass.shownDirection(config), pass);
  const Index T = pass.hidden.cols() - 1;
  pass.outputs = run.sequenceOutputs(0).transpose();
  const Index O = config.outputSize;
  pass.stepLoss.resize(T);
  pass.outputGrad.resize(O, T);
  const bool crossEntropy = config.loss == LossKind::CrossEntropy;
  pass.probabilities.resize(crossEntropy ? O : 0, crossEntropy ? T : 0);
  pass.loss = pass.indexed()
                  ? evaluateCrossEntropy(pass.outputs, pass.targetIndices, pass.stepLoss,
                                         pass.outputGrad, pass.probabilities)
                  : evaluateLoss(config.loss, config.outputMode, pass.outputs, pass.targets,
                                 pass.stepLoss, pass.outputGrad, pass.probabilities);
}

}  // namespace

void forwardStack(const Model& model, const SequenceData& data, ForwardPass& pass, Rng* dropout) {
  auto run = std::make_shared<BatchPass>();
  run->reserve(model.config, std::span<const SequenceData>(&data, 1), 1);
  const long first[] = {0};
  run->forward(model, std::span<const SequenceData>(&data, 1), first, dropout);
  pass.stack = std::move(run);
  pass.inputIndices.resize(0);
  pass.targetIndices.resize(0);
  pass.targets = data.targets.transpose();
  showCell(model, pass);
}

void forwardStackIndexed(const Model& model, std::span<const int> inputs,
                         std::span<const int> targets, const Vector& h, const Vector& c,
                         ForwardPass& pass, Rng* dropout) {
  const auto T = static_cast<Index>(inputs.size());
  const Index rows = static_cast<Index>(model.config.cellCount()) * model.config.hiddenSize;
  // One stream, as forwardStreams reads a text: the targets are the inputs one step on.
  std::vector<int> text(inputs.begin(), inputs.end());
  text.push_back(targets.empty() ? 0 : targets.back());
  auto run = std::make_shared<BatchPass>();
  run->reserveStreams(model.config, 1, T);
  const long first[] = {0};
  const Vector hidden = h.size() >= rows ? Vector(h.head(rows)) : Vector(Vector::Zero(rows));
  const Vector cell = c.size() >= rows ? Vector(c.head(rows)) : Vector(Vector::Zero(rows));
  run->forwardStreams(model, text, first, T, Eigen::Map<const Matrix>(hidden.data(), rows, 1),
                      Eigen::Map<const Matrix>(cell.data(), rows, 1), dropout);
  pass.stack = std::move(run);
  pass.inputIndices.resize(T);
  pass.targetIndices.resize(T);
  for (Index t = 0; t < T; ++t) {
    pass.inputIndices(t) = inputs[static_cast<std::size_t>(t)];
    pass.targetIndices(t) = targets[static_cast<std::size_t>(t)];
  }
  pass.inputs.resize(0, T);
  pass.targets.resize(0, T);
  showCell(model, pass);
}

void backwardStack(const Model& model, const ForwardPass& pass, BackwardPass& out) {
  const ModelConfig& config = model.config;
  auto run = std::make_shared<BatchPass>(*pass.stack);  // a copy: the pass stays as it is
  if (!out.grads.hasShape(config)) {
    out.grads = Parameters::zeros(config);
  }
  run->backward(model, out.grads);
  out.stack = std::move(run);
  fillCellGrads(*out.stack, pass.shownLayer(config), pass.shownDirection(config), out);
}

void viewEveryCell(const Model& model, const ForwardPass& pass, std::vector<ForwardPass>& forward,
                   std::vector<BackwardPass>& backward) {
  const ModelConfig& config = model.config;
  BackwardPass all;
  backwardStack(model, pass, all);  // one backward pass, every cell's values read from it
  forward.clear();
  backward.clear();
  for (int layer = 0; layer < config.layers; ++layer) {
    for (int direction = 0; direction < config.directions(); ++direction) {
      ForwardPass cell = pass;
      viewCell(cell, layer, direction);
      BackwardPass back = all;
      viewCell(back, layer, direction);
      forward.push_back(std::move(cell));
      backward.push_back(std::move(back));
    }
  }
}

}  // namespace detail
}  // namespace rnnlab
