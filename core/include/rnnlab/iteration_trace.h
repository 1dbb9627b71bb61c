#pragma once

// Everything one training iteration computes, kept for stepping through it phase by phase:
// forward t = 1..T, the loss, backward t = T..1, clipping, the update. A stack (spec v3 §1) goes
// through its cells in the order the computation does (see iterationPhases()).

#include <vector>

#include "rnnlab/trainer.h"

namespace rnnlab {

struct IterationTrace {
  IterationReport report;  // number, loss (before the update), clipping, status
  Model before;            // the weights the passes used
  // One cell: its passes. A stack: the traced sequence's passes (below) showing layer 0's forward
  // cell; a text in B streams traces stream 0, whose loss and gradient are its own while the
  // report's loss, `clipped` and `after` are the iteration's (the mean over the streams).
  ForwardPass forward;
  BackwardPass backward;  // unclipped gradients and per-step deltas
  Gradients clipped;      // what the optimizer received
  Parameters after;       // the weights after the update (== before.params if it diverged)
  // A stack: every cell's passes, g = layer·D + direction (PyTorch's order), each showing that
  // cell (position order t = 1 … T in both directions). They ran with the dropout masks the
  // iteration drew for the traced sequence (forward.stack->sequenceDropoutMask). Empty for one
  // cell.
  std::vector<ForwardPass> cellForward;
  std::vector<BackwardPass> cellBackward;
  long streams = 1;  // text: the number of streams B (stream 0 is traced)

  // The passes of cell (layer, direction): `forward` / `backward` for one cell.
  const ForwardPass& forwardOf(int layer, int direction) const;
  const BackwardPass& backwardOf(int layer, int direction) const;
};

// Runs the trainer's next iteration on a copy (same weights, data, settings and optimizer state),
// so the trace holds exactly the numbers Trainer::step() would produce; `trainer` is unchanged.
// A stack's traced sequence (a text's stream 0) runs with the dropout masks the iteration draws
// for it first (v3 §1), so its values are those the training computed.
IterationTrace traceIteration(const Trainer& trainer);

// The phases of one iteration, in the order a student steps through them.
struct IterationPhase {
  enum class Kind { Forward, Loss, Backward, Clip, Update };
  // The part of a stack a Forward or Backward phase computes when `layer` says so.
  static constexpr int OutputLayer = -1;

  Kind kind = Kind::Forward;
  Index step = -1;  // the time step's column (0 is t = 1) for Forward and Backward, else −1
  // Forward and Backward of a stack (L·D > 1): the cell, layer 0 … L − 1 in direction 0 (forward)
  // or 1 (reverse), or layer == OutputLayer for the output layer y_t = Why·o_t + by. One cell:
  // layer 0, direction 0, and its phases compute the cell and its output together.
  int layer = 0;
  int direction = 0;

  bool isOutputLayer() const { return layer == OutputLayer; }
  friend bool operator==(const IterationPhase&, const IterationPhase&) = default;
};

// One cell: 2T + 3 phases: Forward 0..T−1, Loss, Backward T−1..0, Clip, Update.
std::vector<IterationPhase> iterationPhases(Index steps);
// Any model. A stack: Forward through every cell in PyTorch's order (layer 0 forward t = 1 … T,
// layer 0 reverse t = T … 1, layer 1 …), the output layer t = 1 … T, Loss, the output layer
// t = T … 1, then the cells in the opposite order (a reverse cell t = 1 … T, a forward cell
// t = T … 1), Clip, Update: 2T(L·D + 1) + 3 phases. One cell: iterationPhases(steps).
std::vector<IterationPhase> iterationPhases(const ModelConfig& config, Index steps);

}  // namespace rnnlab
