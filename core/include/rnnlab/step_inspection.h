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

}  // namespace rnnlab
