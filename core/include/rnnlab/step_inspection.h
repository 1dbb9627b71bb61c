#pragma once

// Per-step views of one iteration's backward pass, for stepping through BPTT. Everything here is
// derived from the ForwardPass and BackwardPass of that iteration, so the stepper shows exactly
// the numbers backward() summed. Steps are column indices: 0 is t = 1, T−1 is t = T.

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"

namespace rnnlab {

// What step `step` adds to each gradient (for every cell; see backward_pass.h), e.g. for rnn
//   dWhy += δy_t·h_tᵀ, dby += δy_t, dWxh += δa_t·x_tᵀ, dWhh += δa_t·h_{t-1}ᵀ, dbh += δa_t.
Gradients stepContribution(const ForwardPass& pass, const BackwardPass& back, Index step);

// The running sums once the backward pass (which goes t = T..1) has processed steps
// T−1 down to `fromStep`. fromStep = 0 gives the full gradients; fromStep = T gives zeros.
Gradients accumulatedGradients(const ForwardPass& pass, const BackwardPass& back, Index fromStep);

// ‖δh_t‖ and ‖δa_t‖ (for gated cells, of all gate pre-activations) for every step (length T):
// where the gradient fades or grows along time.
Vector hiddenGradientNorms(const BackwardPass& back);
Vector preActivationGradientNorms(const BackwardPass& back);
// ‖δc_t‖ for every step of an LSTM (length T; empty for the other cells).
Vector cellGradientNorms(const BackwardPass& back);

// The tanh′ factor (1 − h_t²) of step `step` (the rnn cell's δa_t = (1 − h_t²) ⊙ δh_t).
Vector tanhDerivative(const ForwardPass& pass, Index step);

// A stack (spec v3 §1), cell by cell. `cell` and `back` are the passes of one cell
// (IterationTrace::forwardOf / backwardOf), `config` the model's; gradients are model-shaped,
// every block other than those named zero.
//
// The column of cell.hidden (and cell.cellState) holding the state step `step` reads: h_{t−1}
// for a forward cell; h_{t+1} for a reverse cell, whose initial state (column 0) it reads at t = T.
Index previousStateColumn(const ModelConfig& config, const ForwardPass& cell, Index step);
// What step `step` adds to the cell's own blocks: δ[gates]_t·x_tᵀ to W_ih (Wxh), the W_hh side's
// δ_t·h_prevᵀ to W_hh (Whh) and the deltas to the biases.
Gradients cellStepContribution(const ModelConfig& config, const ForwardPass& cell,
                               const BackwardPass& back, Index step);
// The cell's running sums once its backward pass (t = T … 1 forward, t = 1 … T reverse) has
// taken step `step`.
Gradients cellRunningGradients(const ModelConfig& config, const ForwardPass& cell,
                               const BackwardPass& back, Index step);
// The output layer's input o_t for every step: the top layer's output [h→_t ; h←_t] (D·H×T) of a
// stack, h_t (H×T) of one cell.
Matrix topOutputs(const ModelConfig& config, const ForwardPass& pass);
// What output step `step` adds to Why and by (δy_t·o_tᵀ, δy_t), and their running sums over steps
// T … `step`, which is where the backward pass of a stack starts.
Gradients outputStepContribution(const ModelConfig& config, const ForwardPass& pass, Index step);
Gradients outputRunningGradients(const ModelConfig& config, const ForwardPass& pass, Index step);

}  // namespace rnnlab
