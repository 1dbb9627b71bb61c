#pragma once

// Stepping a model's cell: forwardCell() is the one place that picks a cell's forward pass
// (forward(), prediction and sampling all come through it), and CellStepper carries the state
// from one time step to the next for code that feeds the model's outputs back in. A stack of
// one direction (spec v3 §1) steps each layer's cell in turn: layer 0 reads the input, layer k
// reads layer k − 1's new h, and every layer keeps its own state.

#include <memory>
#include <vector>

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"

namespace rnnlab::detail {

// Runs the model's cell over every step of `pass`, whose inputs (dense or indexed) and hidden
// column 0 are set, starting from cell state c0 (lstm: zeros unless it has H entries; other cells
// ignore it). Fills the cell's columns of `pass`, not its outputs. Does not allocate. A stacked
// model's first cell only: use stackCells() for the others.
void forwardCell(const Model& model, const Vector& c0, ForwardPass& pass);

// The layers of a one-direction stack as one-cell models: layer k's blocks under version 2's
// names (it reads I inputs for k = 0, H above), its rows of h0 and c0; its output layer is
// zeros (O×H), unused. Throws std::invalid_argument for a bidirectional model, whose reverse
// direction would read the steps that have not come yet.
std::vector<Model> stackCells(const Model& model);

// Throws std::invalid_argument naming `what` when the model is bidirectional: free-running
// generation feeds each output back as the next input, and a reverse direction cannot read an
// input that does not exist yet.
void requireOneDirection(const Model& model, const char* what);

// One time step at a time from (h0, c0): each step feeds one input through forwardCell() on a
// one-step pass per layer, keeps every layer's new state for the next step and sets the outputs
// y = Why·h_top + by. Copies carry the state, so a copy can run ahead while the original stays
// (a stack's cell weights are shared between copies, not copied). Needs one direction.
class CellStepper {
 public:
  // `indexedInputs`: the inputs are one-hot, given as indices (text), instead of dense vectors.
  CellStepper(const Model& model, bool indexedInputs);

  // Dense input x (I entries); x may be output(), it is read before y changes.
  void step(const Eigen::Ref<const Vector>& x);
  // One-hot input e_index (a stepper made with indexedInputs).
  void step(int index);
  // y after the last step; zeros before the first.
  const Vector& output() const { return m_y; }

 private:
  void stepFromInput();
  const Model& cellModel(std::size_t layer) const { return m_cells ? (*m_cells)[layer] : m_model; }

  const Model& m_model;
  std::shared_ptr<const std::vector<Model>> m_cells;  // a stack's layers; null for one cell
  // One step per layer: hidden column 0 is the state the layer's next step starts from.
  std::vector<ForwardPass> m_passes;
  std::vector<Vector> m_c;  // lstm: each layer's cell state for the next step; empty otherwise
  Vector m_y;
};

}  // namespace rnnlab::detail
