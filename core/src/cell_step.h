#pragma once

// Stepping a model's cell: forwardCell() is the one place that picks a cell's forward pass
// (forward(), prediction and sampling all come through it), and CellStepper carries the state
// from one time step to the next for code that feeds the model's outputs back in.

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"

namespace rnnlab::detail {

// Runs the model's cell over every step of `pass`, whose inputs (dense or indexed) and hidden
// column 0 are set, starting from cell state c0 (lstm: zeros unless it has H entries; other cells
// ignore it). Fills the cell's columns of `pass`, not its outputs. Does not allocate.
void forwardCell(const Model& model, const Vector& c0, ForwardPass& pass);

// One time step at a time from (h0, c0): each step feeds one input through forwardCell() on a
// one-step pass, keeps the new state for the next step and sets the outputs y = Why·h + by.
// Copies carry the state, so a copy can run ahead while the original stays.
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

  const Model& m_model;
  ForwardPass m_pass;  // one step: hidden column 0 is the state the step starts from
  Vector m_c;          // lstm: the cell state the next step starts from; empty otherwise
  Vector m_y;
};

}  // namespace rnnlab::detail
