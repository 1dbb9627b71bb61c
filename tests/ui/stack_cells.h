#pragma once

// An independent computation of a stack's cells for the view tests: each cell of a stacked model
// (spec v3 §1) as a model of one cell (version 2's code path, which never runs a BatchPass),
// composed by hand: layer 0 reads x_t, a layer above reads [h→_t ; h←_t] of the one below, and a
// reverse cell is a one-cell model run over the sequence backwards, its states turned back into
// position order.

#include <vector>

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

namespace stack_cells {

// Cell (layer, direction) of `stack` as a one-cell model (its initial states from h0 and c0).
// Its output layer is zero unless `withOutput` (then Why and by of the stack: only for the top
// layer of one direction, whose outputs are the model's).
inline rnnlab::Model cellModel(const rnnlab::Model& stack, int layer, int direction,
                               bool withOutput = false) {
  const rnnlab::ModelConfig& c = stack.config;
  rnnlab::ModelConfig config;
  config.inputSize = layer == 0 ? c.inputSize : c.topSize();
  config.hiddenSize = c.hiddenSize;
  config.outputSize = c.outputSize;
  config.outputMode = c.outputMode;
  config.loss = c.loss;
  config.cell = c.cell;
  rnnlab::Model model;
  model.config = config;
  model.params = rnnlab::Parameters::zeros(config);
  for (rnnlab::CellBlock role :
       {rnnlab::CellBlock::InputWeights, rnnlab::CellBlock::RecurrentWeights,
        rnnlab::CellBlock::InputBias, rnnlab::CellBlock::RecurrentBias}) {
    const int from = stack.params.cellBlockIndex(layer, direction, role);
    if (from >= 0) {
      model.params.block(model.params.cellBlockIndex(0, 0, role)) = stack.params.block(from);
    }
  }
  if (withOutput) {
    model.params.Why() = stack.params.Why();
    model.params.by() = stack.params.by();
  }
  const rnnlab::Index H = c.hiddenSize;
  const rnnlab::Index offset = (layer * c.directions() + direction) * H;
  model.h0 = stack.h0.segment(offset, H);
  if (c.cell == rnnlab::CellKind::Lstm) {
    model.c0 = stack.c0.size() > 0 ? rnnlab::Vector(stack.c0.segment(offset, H))
                                   : rnnlab::Vector(rnnlab::Vector::Zero(H));
  }
  return model;
}

// The one-cell pass of cell (layer, direction) over `inputs` (T×I_k rows are steps), its members
// in position order t = 1 … T (a reverse cell's column 0 stays its initial state).
inline rnnlab::ForwardPass cellPass(const rnnlab::Model& stack, int layer, int direction,
                                    const rnnlab::Matrix& inputs) {
  const rnnlab::Model model = cellModel(stack, layer, direction);
  const rnnlab::Index T = inputs.rows();
  rnnlab::SequenceData data;
  data.inputs = direction == 0 ? inputs : rnnlab::Matrix(inputs.colwise().reverse());
  data.targets = rnnlab::Matrix::Zero(T, model.config.outputSize);
  rnnlab::ForwardPass pass;
  rnnlab::forward(model, data, pass);
  if (direction == 1) {
    const auto flip = [T](rnnlab::Matrix& m, bool withInitial) {
      if (m.size() > 0) {
        m.rightCols(withInitial ? T : m.cols()) =
            rnnlab::Matrix(m.rightCols(withInitial ? T : m.cols()).rowwise().reverse());
      }
    };
    flip(pass.hidden, true);
    flip(pass.cellState, true);
    flip(pass.gates, false);
    flip(pass.preActivations, false);
    flip(pass.candidateHidden, false);
    flip(pass.cellTanh, false);
    pass.inputs = inputs.transpose();
  }
  return pass;
}

// Every cell of the stack on `inputs` (T×I): cells[layer][direction].
inline std::vector<std::vector<rnnlab::ForwardPass>> allCells(const rnnlab::Model& stack,
                                                              const rnnlab::Matrix& inputs) {
  const rnnlab::ModelConfig& c = stack.config;
  std::vector<std::vector<rnnlab::ForwardPass>> cells;
  rnnlab::Matrix layerInput = inputs;
  for (int layer = 0; layer < c.layers; ++layer) {
    cells.emplace_back();
    for (int direction = 0; direction < c.directions(); ++direction) {
      cells.back().push_back(cellPass(stack, layer, direction, layerInput));
    }
    const rnnlab::Index T = inputs.rows();
    const rnnlab::Index H = c.hiddenSize;
    layerInput.resize(T, c.topSize());
    for (int direction = 0; direction < c.directions(); ++direction) {
      layerInput.middleCols(direction * H, H) =
          cells.back()[static_cast<std::size_t>(direction)].hidden.rightCols(T).transpose();
    }
  }
  return cells;
}

}  // namespace stack_cells
