#include "cell_step.h"

#include "cell_passes.h"
#include "rnnlab/text_model.h"

namespace rnnlab::detail {

void forwardCell(const Model& model, const Vector& c0, ForwardPass& pass) {
  const Parameters& p = model.params;
  switch (model.config.cell) {
    case CellKind::Rnn:
      forwardRnn(p, pass);
      break;
    case CellKind::Lstm:
      forwardLstm(p, c0, pass);
      break;
    case CellKind::Gru:
      forwardGru(p, pass);
      break;
  }
}

CellStepper::CellStepper(const Model& model, bool indexedInputs)
    : m_model(model), m_c(initialCellState(model)), m_y(Vector::Zero(model.config.outputSize)) {
  m_pass.resize(model.config, 1, indexedInputs);
  m_pass.hidden.col(0) = model.h0;
}

void CellStepper::step(const Eigen::Ref<const Vector>& x) {
  m_pass.inputs.col(0) = x;
  stepFromInput();
}

void CellStepper::step(int index) {
  m_pass.inputIndices(0) = index;
  stepFromInput();
}

void CellStepper::stepFromInput() {
  const Parameters& p = m_model.params;
  forwardCell(m_model, m_c, m_pass);
  if (m_model.config.cell == CellKind::Lstm) {
    m_c = m_pass.cellState.col(1);
  }
  m_pass.hidden.col(0) = m_pass.hidden.col(1);
  m_y.noalias() = p.Why() * m_pass.hidden.col(1);
  m_y += p.by();
}

}  // namespace rnnlab::detail
