#pragma once

// The single-sequence passes of a stack (v3 §1), for views: forward() and backward() run the
// whole stack through a BatchPass of one sequence and fill ForwardPass / BackwardPass with the
// values of the one cell they show (ForwardPass::viewedLayer, viewedDirection), so that every view
// written for one cell can show any layer of a stack. They allocate.

#include <span>
#include <vector>

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/rng.h"
#include "rnnlab/sequence_data.h"

namespace rnnlab::detail {

// `dropout`: the generator a training iteration draws the masks from (see forward()), or null.
void forwardStack(const Model& model, const SequenceData& data, ForwardPass& pass, Rng* dropout);
void forwardStackIndexed(const Model& model, std::span<const int> inputs,
                         std::span<const int> targets, const Vector& h, const Vector& c,
                         ForwardPass& pass, Rng* dropout);
// `pass` must come from one of the two above on the same model.
void backwardStack(const Model& model, const ForwardPass& pass, BackwardPass& out);
// Every cell of the stack `pass` ran, g = layer·D + direction (PyTorch's order): its forward
// values (`pass` showing that cell) and its backward ones (with the model's gradients), from one
// backward pass over the run.
void viewEveryCell(const Model& model, const ForwardPass& pass, std::vector<ForwardPass>& forward,
                   std::vector<BackwardPass>& backward);

}  // namespace rnnlab::detail
