// BatchPass's results per sequence, for views and for the states a text's streams carry on.

#include <stdexcept>
#include <utility>

#include "batch_pass_buffers.h"

namespace rnnlab {

Index BatchPass::rankOf(Index k) const {
  if (k < 0 || k >= m->packing.batch) {
    throw std::out_of_range("BatchPass: no such sequence in the batch");
  }
  return m->rank[static_cast<std::size_t>(k)];
}

double BatchPass::sequenceLoss(Index k) const {
  const Index r = rankOf(k);
  double total = 0.0;
  for (Index t = 0; t < m->packing.lengths[static_cast<std::size_t>(r)]; ++t) {
    total += m->stepLoss(m->packing.column(r, t));
  }
  return total;
}

Matrix BatchPass::sequenceOutputs(Index k) const {
  const Index r = rankOf(k);
  const Index T = m->packing.lengths[static_cast<std::size_t>(r)];
  Matrix out(T, m->outputs.rows());
  for (Index t = 0; t < T; ++t) {
    out.row(t) = m->outputs.col(m->packing.column(r, t)).transpose();
  }
  return out;
}

Matrix BatchPass::sequenceHidden(Index k) const {
  const Index r = rankOf(k);
  const Index T = m->packing.lengths[static_cast<std::size_t>(r)];
  const Index H = m_config.hiddenSize;
  const int top = m_config.layers - 1;
  Matrix out(m_config.topSize(), T + 1);
  for (int d = 0; d < m_config.directions(); ++d) {
    out.middleRows(d * H, H).col(0) = cellOf(top, d).hidden.col(r);
    out.middleRows(d * H, H).rightCols(T) = sequenceCellHidden(k, top, d);
  }
  return out;
}

Matrix BatchPass::sequenceCellHidden(Index k, int layer, int direction) const {
  return sequenceCellValues(k, layer, direction, CellValues::Hidden);
}

Matrix BatchPass::sequenceCellValues(Index k, int layer, int direction, CellValues what) const {
  const Index r = rankOf(k);
  const Index T = m->packing.lengths[static_cast<std::size_t>(r)];
  const Index B = m->packing.batch;
  const detail::CellLayer& cell = cellOf(layer, direction);
  if (what == CellValues::Input) {
    // In position order for both directions: the forward cell's columns.
    Matrix out;
    if (layer == 0) {
      out = m->indexed ? Matrix::Zero(m_config.inputSize, T) : Matrix(m_config.inputSize, T);
    } else {
      out.resize(m_config.topSize(), T);
    }
    for (Index t = 0; t < T; ++t) {
      const Index c = m->packing.column(r, t);
      if (layer == 0 && m->indexed) {
        out(m->inputIndices(c), t) = 1.0;
      } else if (layer == 0) {
        out.col(t) = m->inputs.col(c);
      } else if (m_config.directions() == 1 && !m->dropout) {
        out.col(t) = cellOf(layer - 1, 0).hidden.col(B + c);
      } else {
        out.col(t) = m->layerInput[static_cast<std::size_t>(layer - 1)].col(c);
      }
    }
    return out;
  }
  // States have the initial ones in their first B columns; the per-step values do not.
  const auto source = [&]() -> std::pair<const Matrix*, Index> {
    switch (what) {
      case CellValues::Hidden:
      case CellValues::Input:
        return {&cell.hidden, B};
      case CellValues::CellState:
        return {&cell.cell, B};
      case CellValues::Gates:
        return {&cell.gates, 0};
      case CellValues::PreActivations:
        return {&cell.pre, 0};
      case CellValues::CellTanh:
        return {&cell.cellTanh, 0};
      case CellValues::Candidate:
        return {&cell.candidate, 0};
      case CellValues::HiddenGrad:
        return {&cell.hiddenGrad, 0};
      case CellValues::CellGrad:
        return {&cell.cellGrad, 0};
      case CellValues::PreGrad:
        return {&cell.preGrad, 0};
      case CellValues::RecurrentGrad:
        return {&cell.recurrentGrad, 0};
    }
    return {&cell.hidden, B};
  };
  const auto [values, first] = source();
  Matrix out(values->rows(), T);
  for (Index t = 0; t < T && values->rows() > 0; ++t) {
    // A reverse cell's step s is position T − 1 − s.
    const Index step = direction == 0 ? t : T - 1 - t;
    out.col(t) = values->col(first + m->packing.column(r, step));
  }
  return out;
}

Vector BatchPass::sequenceInitialState(Index k, int layer, int direction, bool cell) const {
  const detail::CellLayer& c = cellOf(layer, direction);
  return (cell ? c.cell : c.hidden).col(rankOf(k));
}

Matrix BatchPass::sequenceLayerOutput(Index k, int layer) const {
  const Index H = m_config.hiddenSize;
  const Index T = m->packing.lengths[static_cast<std::size_t>(rankOf(k))];
  Matrix out(m_config.topSize(), T);
  for (int d = 0; d < m_config.directions(); ++d) {
    out.middleRows(d * H, H) = sequenceCellValues(k, layer, d, CellValues::Hidden);
  }
  return out;
}

Matrix BatchPass::sequenceDropoutMask(Index k, int layer) const {
  const Index r = rankOf(k);
  if (!m->dropout || layer < 1 || layer >= m_config.layers) {
    return {};
  }
  const Matrix& mask = m->dropoutMask[static_cast<std::size_t>(layer - 1)];
  const Index T = m->packing.lengths[static_cast<std::size_t>(r)];
  Matrix out(mask.rows(), T);
  for (Index t = 0; t < T; ++t) {
    out.col(t) = mask.col(m->packing.column(r, t));
  }
  return out;
}

void BatchPass::finalStates(Eigen::Ref<Matrix> hidden, Eigen::Ref<Matrix> cell) const {
  const Index H = m_config.hiddenSize;
  const bool lstm = m_config.cell == CellKind::Lstm;
  for (Index k = 0; k < m->packing.batch; ++k) {
    const Index r = rankOf(k);
    const Index c = m->packing.batch +
                    m->packing.column(r, m->packing.lengths[static_cast<std::size_t>(r)] - 1);
    for (int layer = 0; layer < m_config.layers; ++layer) {
      const detail::CellLayer& forwardCell = cellOf(layer, 0);
      const Index row = layer * m_config.directions() * H;
      hidden.col(k).segment(row, H) = forwardCell.hidden.col(c);
      if (lstm) {
        cell.col(k).segment(row, H) = forwardCell.cell.col(c);
      }
    }
  }
}

}  // namespace rnnlab
