#include "rnnlab/prediction.h"

#include <stdexcept>

#include "cell_passes.h"
#include "rnnlab/forward_pass.h"

namespace rnnlab {
namespace {

// One cell step at a time, keeping (h, c) in a one-step pass; y is the output after the step.
class Stepper {
 public:
  explicit Stepper(const Model& model) : m_model(model) {
    m_pass.resize(model.config, 1);
    m_pass.hidden.col(0) = model.h0;
    const Index H = model.config.hiddenSize;
    if (model.config.cell == CellKind::Lstm) {
      m_c = model.c0.size() == H ? model.c0 : Vector::Zero(H);
    }
    m_y.resize(model.config.outputSize);
  }

  void feed(const Eigen::Ref<const Vector>& x) {
    const Parameters& p = m_model.params;
    m_pass.inputs.col(0) = x;
    switch (m_model.config.cell) {
      case CellKind::Rnn:
        detail::forwardRnn(p, m_pass);
        break;
      case CellKind::Lstm:
        detail::forwardLstm(p, m_c, m_pass);
        m_c = m_pass.cellState.col(1);
        break;
      case CellKind::Gru:
        detail::forwardGru(p, m_pass);
        break;
    }
    m_pass.hidden.col(0) = m_pass.hidden.col(1);
    m_y.noalias() = p.Why() * m_pass.hidden.col(1);
    m_y += p.by();
  }

  const Vector& output() const { return m_y; }

 private:
  const Model& m_model;
  ForwardPass m_pass;
  Vector m_c;
  Vector m_y;
};

}  // namespace

Matrix kStepAheadPredictions(const Model& model, const Matrix& inputs, int k) {
  if (k < 1 || model.config.outputSize != model.config.inputSize ||
      inputs.cols() != model.config.inputSize) {
    throw std::invalid_argument(
        "kStepAheadPredictions: needs k ≥ 1 and output_size = input_size = the inputs' width");
  }
  const Index T = inputs.rows();
  Matrix out(T, model.config.outputSize);
  Stepper truth(model);
  for (Index s = 1; s <= T; ++s) {
    truth.feed(inputs.row(s - 1).transpose());
    Stepper free = truth;
    for (int j = 1; j < k; ++j) {
      const Vector y = free.output();
      free.feed(y);
    }
    out.row(s - 1) = free.output().transpose();
  }
  return out;
}

}  // namespace rnnlab
