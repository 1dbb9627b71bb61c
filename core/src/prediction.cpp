#include "rnnlab/prediction.h"

#include <algorithm>
#include <stdexcept>

#include "cell_passes.h"
#include "cell_step.h"
#include "rnnlab/forward_pass.h"

namespace rnnlab {
namespace {

void checkFeedBack(const Model& model, const Matrix& inputs, int k) {
  if (k < 1 || model.config.outputSize != model.config.inputSize ||
      inputs.cols() != model.config.inputSize) {
    throw std::invalid_argument(
        "kStepAheadPredictions: needs k ≥ 1 and output_size = input_size = the inputs' width");
  }
}

// One step of B chains side by side: the columns of `x` (I×B) are their inputs, `h` (H×B) and,
// for lstm, `c` their states, updated in place; the arithmetic is the cells' forward pass with
// matrices for vectors.
class BatchStepper {
 public:
  BatchStepper(const Model& model, Index chains) : m_model(model) {
    const Index H = model.config.hiddenSize;
    const Index G = gateCount(model.config.cell);
    m_pre.resize(G * H, chains);
    m_gates.resize(G * H, chains);
    m_candidate.resize(H, chains);
  }

  void feed(const Matrix& x, Matrix& h, Matrix& c) {
    const Parameters& p = m_model.params;
    const Index H = m_model.config.hiddenSize;
    switch (m_model.config.cell) {
      case CellKind::Rnn:
        m_pre.noalias() = p.Wxh() * x;
        m_pre.colwise() += p.bh();
        m_pre.noalias() += p.Whh() * h;
        // The vectorized tanh (within 4e-16 of Eigen's scalar one, which would take most of
        // the time here).
        detail::fastTanh(m_pre, h);
        break;
      case CellKind::Lstm:
        m_pre.noalias() = p.Wih() * x;
        m_pre.colwise() += p.bih();
        m_pre.colwise() += p.bhh();
        m_pre.noalias() += p.Whh() * h;
        detail::sigmoid(m_pre.topRows(2 * H), m_gates.topRows(2 * H));               // i, f
        detail::fastTanh(m_pre.middleRows(2 * H, H), m_gates.middleRows(2 * H, H));  // g
        detail::sigmoid(m_pre.bottomRows(H), m_gates.bottomRows(H));                 // o
        c = (m_gates.middleRows(H, H).array() * c.array() +
             m_gates.topRows(H).array() * m_gates.middleRows(2 * H, H).array())
                .matrix();
        detail::fastTanh(c, m_candidate);
        h = (m_gates.bottomRows(H).array() * m_candidate.array()).matrix();
        break;
      case CellKind::Gru:
        m_pre.noalias() = p.Wih() * x;
        m_pre.colwise() += p.bih();
        m_pre.topRows(2 * H).colwise() += p.bhh().head(2 * H);
        m_pre.topRows(2 * H).noalias() += p.Whh().topRows(2 * H) * h;
        m_candidate.noalias() = p.Whh().bottomRows(H) * h;
        m_candidate.colwise() += p.bhh().tail(H);
        detail::sigmoid(m_pre.topRows(2 * H), m_gates.topRows(2 * H));  // r, z
        m_pre.bottomRows(H).array() += m_gates.topRows(H).array() * m_candidate.array();
        detail::fastTanh(m_pre.bottomRows(H), m_gates.bottomRows(H));  // n
        h = (m_gates.bottomRows(H).array() +
             m_gates.middleRows(H, H).array() * (h.array() - m_gates.bottomRows(H).array()))
                .matrix();
        break;
    }
  }

 private:
  const Model& m_model;
  Matrix m_pre;
  Matrix m_gates;
  Matrix m_candidate;  // gru: W_hn·h + b_hn; lstm: tanh(c)
};

}  // namespace

Matrix kStepAheadPredictions(const Model& model, const Matrix& inputs, int k) {
  checkFeedBack(model, inputs, k);
  const Index T = inputs.rows();
  Matrix out(T, model.config.outputSize);
  detail::CellStepper truth(model, false);
  for (Index s = 1; s <= T; ++s) {
    truth.step(inputs.row(s - 1).transpose());
    detail::CellStepper free = truth;
    for (int j = 1; j < k; ++j) {
      free.step(free.output());
    }
    out.row(s - 1) = free.output().transpose();
  }
  return out;
}

std::vector<Matrix> kStepAheadPredictions(const Model& model, const Matrix& inputs,
                                          std::span<const int> horizons) {
  int longest = 1;
  for (const int k : horizons) {
    checkFeedBack(model, inputs, k);
    longest = std::max(longest, k);
  }
  checkFeedBack(model, inputs, longest);
  detail::requireOneDirection(model, "kStepAheadPredictions");
  const Index T = inputs.rows();
  const Parameters& p = model.params;
  std::vector<Matrix> out(horizons.size());
  if (T == 0) {
    for (Matrix& m : out) {
      m.resize(0, model.config.outputSize);
    }
    return out;
  }
  // A stack runs layer by layer as one-cell models; one cell is the model itself.
  std::vector<Model> stack;
  if (model.config.stacked()) {
    stack = detail::stackCells(model);
  }
  const auto layers = static_cast<std::size_t>(model.config.layers);
  const auto cellOf = [&](std::size_t k) -> const Model& { return stack.empty() ? model : stack[k]; };
  // The true prefixes: chain s − 1 starts from the state after x_0..x_{s−1}, in every layer.
  std::vector<Matrix> h(layers);
  std::vector<Matrix> c(layers);
  std::vector<BatchStepper> steppers;
  ForwardPass truth;
  for (std::size_t k = 0; k < layers; ++k) {
    const Model& cell = cellOf(k);
    truth.resize(cell.config, T);
    truth.inputs = k == 0 ? inputs.transpose() : h[k - 1];
    truth.hidden.col(0) = cell.h0;
    detail::forwardCell(cell, cell.c0, truth);
    h[k] = truth.hidden.rightCols(T);
    if (model.config.cell == CellKind::Lstm) {
      c[k] = truth.cellState.rightCols(T);
    }
    steppers.emplace_back(cell, T);
  }
  Matrix y(model.config.outputSize, T);
  for (int step = 1;; ++step) {
    y.noalias() = p.Why() * h.back();
    y.colwise() += p.by();
    for (std::size_t i = 0; i < horizons.size(); ++i) {
      if (horizons[i] == step) {
        out[i] = y.transpose();
      }
    }
    if (step == longest) {
      break;
    }
    for (std::size_t k = 0; k < layers; ++k) {
      steppers[k].feed(k == 0 ? y : h[k - 1], h[k], c[k]);
    }
  }
  return out;
}

}  // namespace rnnlab
