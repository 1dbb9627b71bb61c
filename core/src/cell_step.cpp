#include "cell_step.h"

#include <array>
#include <stdexcept>
#include <string>

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

void requireOneDirection(const Model& model, const char* what) {
  if (model.config.bidirectional) {
    throw std::invalid_argument(
        std::string(what) +
        ": a bidirectional model cannot generate: its reverse direction reads the sequence from "
        "its end, and a generated sequence has no end to read before it is generated");
  }
}

std::vector<Model> stackCells(const Model& model) {
  requireOneDirection(model, "stackCells");
  const ModelConfig& config = model.config;
  const Index H = config.hiddenSize;
  const bool lstm = config.cell == CellKind::Lstm;
  const Vector c0 = initialCellState(model);
  constexpr std::array Roles = {CellBlock::InputWeights, CellBlock::RecurrentWeights,
                                CellBlock::InputBias, CellBlock::RecurrentBias};
  std::vector<Model> cells(static_cast<std::size_t>(config.layers));
  for (int k = 0; k < config.layers; ++k) {
    Model& cell = cells[static_cast<std::size_t>(k)];
    cell.config = config;
    cell.config.layers = 1;
    cell.config.dropout = 0.0;
    cell.config.inputSize = k == 0 ? config.inputSize : config.hiddenSize;
    cell.params = Parameters::zeros(cell.config);
    for (const CellBlock role : Roles) {
      const int from = model.params.cellBlockIndex(k, 0, role);
      if (from >= 0) {
        cell.params.block(cell.params.cellBlockIndex(0, 0, role)) = model.params.block(from);
      }
    }
    cell.h0 = model.h0.segment(k * H, H);
    if (lstm) {
      cell.c0 = c0.segment(k * H, H);
    }
  }
  return cells;
}

CellStepper::CellStepper(const Model& model, bool indexedInputs)
    : m_model(model), m_y(Vector::Zero(model.config.outputSize)) {
  requireOneDirection(model, "stepping a model");
  if (model.config.stacked()) {
    m_cells = std::make_shared<const std::vector<Model>>(stackCells(model));
  }
  const auto layers = static_cast<std::size_t>(model.config.layers);
  m_passes.resize(layers);
  m_c.resize(layers);
  for (std::size_t k = 0; k < layers; ++k) {
    const Model& cell = cellModel(k);
    m_passes[k].resize(cell.config, 1, indexedInputs && k == 0);
    m_passes[k].hidden.col(0) = cell.h0;
    m_c[k] = initialCellState(cell);
  }
}

void CellStepper::step(const Eigen::Ref<const Vector>& x) {
  m_passes.front().inputs.col(0) = x;
  stepFromInput();
}

void CellStepper::step(int index) {
  m_passes.front().inputIndices(0) = index;
  stepFromInput();
}

void CellStepper::stepFromInput() {
  const Parameters& p = m_model.params;
  const bool lstm = m_model.config.cell == CellKind::Lstm;
  for (std::size_t k = 0; k < m_passes.size(); ++k) {
    ForwardPass& pass = m_passes[k];
    if (k > 0) {
      pass.inputs.col(0) = m_passes[k - 1].hidden.col(1);
    }
    forwardCell(cellModel(k), m_c[k], pass);
    if (lstm) {
      m_c[k] = pass.cellState.col(1);
    }
    pass.hidden.col(0) = pass.hidden.col(1);
  }
  m_y.noalias() = p.Why() * m_passes.back().hidden.col(1);
  m_y += p.by();
}

}  // namespace rnnlab::detail
