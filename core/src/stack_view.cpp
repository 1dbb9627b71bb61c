#include "stack_view.h"

#include <algorithm>

#include "rnnlab/batch_pass.h"
#include "rnnlab/loss.h"

namespace rnnlab {

int ForwardPass::shownLayer(const ModelConfig& config) const {
  return viewedLayer < 0 || viewedLayer >= config.layers ? config.layers - 1 : viewedLayer;
}

int ForwardPass::shownDirection(const ModelConfig& config) const {
  return std::clamp(viewedDirection, 0, config.directions() - 1);
}

namespace detail {
namespace {

using Values = BatchPass::CellValues;

// The shown cell's values from the run, and the model's outputs and loss.
void showCell(const Model& model, ForwardPass& pass) {
  const ModelConfig& config = model.config;
  const BatchPass& run = *pass.stack;
  const int k = pass.shownLayer(config);
  const int d = pass.shownDirection(config);
  const bool lstm = config.cell == CellKind::Lstm;
  pass.cell = config.cell;
  if (!pass.indexed() || k > 0) {
    pass.inputs = run.sequenceCellValues(0, k, d, Values::Input);
  }
  pass.preActivations = run.sequenceCellValues(0, k, d, Values::PreActivations);
  pass.gates = run.sequenceCellValues(0, k, d, Values::Gates);
  const Matrix hidden = run.sequenceCellValues(0, k, d, Values::Hidden);
  const Index T = hidden.cols();
  pass.hidden.resize(hidden.rows(), T + 1);
  pass.hidden.col(0) = run.sequenceInitialState(0, k, d, false);
  pass.hidden.rightCols(T) = hidden;
  if (lstm) {
    const Matrix cell = run.sequenceCellValues(0, k, d, Values::CellState);
    pass.cellState.resize(cell.rows(), T + 1);
    pass.cellState.col(0) = run.sequenceInitialState(0, k, d, true);
    pass.cellState.rightCols(T) = cell;
    pass.cellTanh = run.sequenceCellValues(0, k, d, Values::CellTanh);
  } else {
    pass.cellState.resize(0, 0);
    pass.cellTanh.resize(0, 0);
  }
  pass.candidateHidden = run.sequenceCellValues(0, k, d, Values::Candidate);
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

namespace {

// The states the steps read (H×T, position order): h_{t−1} (or c_{t−1}) for the forward
// direction; h_{t+1} for the reverse one, which reads its initial state (column 0) at t = T.
Matrix previousStates(const Matrix& states, bool reverse) {
  const Index T = states.cols() - 1;
  if (!reverse) {
    return states.leftCols(T);
  }
  Matrix out(states.rows(), T);
  out.leftCols(T - 1) = states.middleCols(2, T - 1);
  out.col(T - 1) = states.col(0);
  return out;
}

// The shown cell's deltas from a run whose backward pass is done; `out.grads` is left as it is.
void showCellGradients(const ModelConfig& config, const BatchPass& run, const ForwardPass& pass,
                       BackwardPass& out) {
  const int k = pass.shownLayer(config);
  const int d = pass.shownDirection(config);
  const Index H = config.hiddenSize;
  out.hiddenGrad = run.sequenceCellValues(0, k, d, Values::HiddenGrad);
  out.preActivationGrad = run.sequenceCellValues(0, k, d, Values::PreGrad);
  out.cellGrad = run.sequenceCellValues(0, k, d, Values::CellGrad);
  out.recurrentGrad = run.sequenceCellValues(0, k, d, Values::RecurrentGrad);
  const Index T = out.hiddenGrad.cols();
  const auto dh = out.hiddenGrad.array();
  switch (config.cell) {
    case CellKind::Rnn:
      out.gateGrad.resize(0, 0);
      out.cellTanhGrad.resize(0, 0);
      break;
    case CellKind::Lstm: {
      // δi = g ⊙ δc, δf = c_prev ⊙ δc, δg = i ⊙ δc, δo = tanh(c_t) ⊙ δh; δtanh(c_t) = o ⊙ δh.
      const auto dc = out.cellGrad.array();
      out.gateGrad.resize(4 * H, T);
      out.gateGrad.topRows(H) = (pass.gate(2).array() * dc).matrix();
      out.gateGrad.middleRows(H, H) =
          (previousStates(pass.cellState, d == 1).array() * dc).matrix();
      out.gateGrad.middleRows(2 * H, H) = (pass.gate(0).array() * dc).matrix();
      out.gateGrad.bottomRows(H) = (pass.cellTanh.array() * dh).matrix();
      out.cellTanhGrad = (pass.gate(3).array() * dh).matrix();
      break;
    }
    case CellKind::Gru: {
      // δr = m ⊙ δn̂, δz = (h_prev − n) ⊙ δh, δn = (1 − z) ⊙ δh.
      out.gateGrad.resize(3 * H, T);
      out.gateGrad.topRows(H) =
          (pass.candidateHidden.array() * out.preActivationGrad.bottomRows(H).array()).matrix();
      out.gateGrad.middleRows(H, H) =
          ((previousStates(pass.hidden, d == 1).array() - pass.gate(2).array()) * dh).matrix();
      out.gateGrad.bottomRows(H) = ((1.0 - pass.gate(1).array()) * dh).matrix();
      out.cellTanhGrad.resize(0, 0);
      break;
    }
  }
}

}  // namespace

void backwardStack(const Model& model, const ForwardPass& pass, BackwardPass& out) {
  const ModelConfig& config = model.config;
  BatchPass run = *pass.stack;  // a copy: the pass is shared and stays as it is
  if (!out.grads.hasShape(config)) {
    out.grads = Parameters::zeros(config);
  }
  run.backward(model, out.grads);
  showCellGradients(config, run, pass, out);
}

void viewEveryCell(const Model& model, const ForwardPass& pass, std::vector<ForwardPass>& forward,
                   std::vector<BackwardPass>& backward) {
  const ModelConfig& config = model.config;
  BatchPass run = *pass.stack;
  Gradients grads = Parameters::zeros(config);
  run.backward(model, grads);
  forward.clear();
  backward.clear();
  for (int layer = 0; layer < config.layers; ++layer) {
    for (int direction = 0; direction < config.directions(); ++direction) {
      ForwardPass cell = pass;
      cell.viewedLayer = layer;
      cell.viewedDirection = direction;
      showCell(model, cell);
      BackwardPass back;
      back.grads = grads;
      showCellGradients(config, run, cell, back);
      forward.push_back(std::move(cell));
      backward.push_back(std::move(back));
    }
  }
}

}  // namespace detail
}  // namespace rnnlab
