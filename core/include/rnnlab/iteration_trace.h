#pragma once

// Everything one training iteration computes, kept for stepping through it phase by phase:
// forward t = 1..T, the loss, backward t = T..1, clipping, the update.

#include <vector>

#include "rnnlab/trainer.h"

namespace rnnlab {

struct IterationTrace {
  IterationReport report;  // number, loss (before the update), clipping, status
  Model before;            // the weights the passes used
  ForwardPass forward;
  BackwardPass backward;  // unclipped gradients and per-step deltas
  Gradients clipped;      // what the optimizer received
  Parameters after;       // the weights after the update (== before.params if it diverged)
};

// Runs the trainer's next iteration on a copy (same weights, data, settings and optimizer state),
// so the trace holds exactly the numbers Trainer::step() would produce; `trainer` is unchanged.
IterationTrace traceIteration(const Trainer& trainer);

// The phases of one iteration, in the order a student steps through them.
struct IterationPhase {
  enum class Kind { Forward, Loss, Backward, Clip, Update };
  Kind kind = Kind::Forward;
  Index step = -1;  // the time step's column (0 is t = 1) for Forward and Backward, else −1

  friend bool operator==(const IterationPhase&, const IterationPhase&) = default;
};

// 2T + 3 phases: Forward 0..T−1, Loss, Backward T−1..0, Clip, Update.
std::vector<IterationPhase> iterationPhases(Index steps);

}  // namespace rnnlab
