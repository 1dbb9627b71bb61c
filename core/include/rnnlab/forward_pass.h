#pragma once

// The forward pass over one sequence, keeping every step's values so that views can show them.
// Time runs along columns: column t-1 holds step t (t = 1..T).

#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

namespace rnnlab {

struct ForwardPass {
  Matrix inputs;          // I×T, x_t as columns
  Matrix preActivations;  // H×T, a_t = Wxh·x_t + Whh·h_{t-1} + bh
  Matrix hidden;          // H×(T+1), column 0 is h0, column t is h_t
  Matrix outputs;         // O×T, y_t = Why·h_t + by (every step, also in `last` mode)
  Matrix targets;         // O×T (sequence) or O×1 (last), d_t as columns
  Matrix probabilities;   // O×T, softmax(y_t) for cross-entropy; empty for mse
  Vector stepLoss;        // T, each step's share of the loss (zero at steps without a target)
  Matrix outputGrad;      // O×T, δy_t = ∂L/∂y_t (zero at steps without a target)
  double loss = 0.0;

  // Sizes every member for the shape, so that later passes of the same shape do not allocate.
  void resize(const ModelConfig& config, Index steps);
  Index steps() const { return inputs.cols(); }
};

// Runs the model over data.inputs from model.h0 and evaluates the loss against data.targets.
// Requires data shaped for model.config (see validate() in session.h); does not allocate when
// `pass` already has the right shape.
void forward(const Model& model, const SequenceData& data, ForwardPass& pass);

}  // namespace rnnlab
