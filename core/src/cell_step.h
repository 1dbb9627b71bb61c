#pragma once

// Stepping a model's cell: forwardCell() is the one place that picks a cell's forward pass.

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"

namespace rnnlab::detail {

// Runs the model's cell over every step of `pass`, whose inputs (dense or indexed) and hidden
// column 0 are set, starting from cell state c0 (lstm: zeros unless it has H entries; other cells
// ignore it). Fills the cell's columns of `pass`, not its outputs. Does not allocate.
void forwardCell(const Model& model, const Vector& c0, ForwardPass& pass);

}  // namespace rnnlab::detail
