#pragma once

// TEACHING ONLY: the forward and backward passes as the blog post computes them, wrong on
// purpose (see blog_bugs.h). Training and the gradient check use these only when a bug is on;
// the normal passes (forward_pass.h, backward_pass.h) never look at BlogBugs. rnn cell, one
// numeric sequence (blogBugUndefined() says why a bug does not apply).
//
// The correct computation (mse, sequence mode; column t−1 holds step t):
//   y_t = Why·h_t + by      L = Σ_t ½‖y_t − d_t‖²      δy_t = y_t − d_t
//   dWhy = Σ_t δy_t·h_tᵀ    dby = Σ_t δy_t
//   δh_t = Whyᵀ·δy_t + Whhᵀ·δa_{t+1}      δa_t = (1 − h_t²) ⊙ δh_t
//   dWxh = Σ_t δa_t·x_tᵀ    dWhh = Σ_t δa_t·h_{t−1}ᵀ    dbh = Σ_t δa_t
//
// Each switch replaces one thing in it, and only that:
//   last_output_only (forward): the output is computed once, after the loop, and compared with
//       the target of every step: y_t := y_T = Why·h_T + by for every t, so
//       L = Σ_t ½‖y_T − d_t‖² (cross-entropy likewise) and δy_t = y_T − d_t. The backward pass
//       is the unchanged formula above, which sends δy_t into h_t although y_T depends on h_T
//       only (the true gradient sends Σ_t δy_t into h_T).
//   final_hidden_in_backward (backward): every h_t of step t in the backward pass is h_T, the
//       state the forward loop ended in: dWhy = Σ_t δy_t·h_Tᵀ, δa_t = (1 − h_T²) ⊙ δh_t (and,
//       with h_t_in_dwhh, dWhh = Σ_t δa_t·h_Tᵀ). h_{t−1} in dWhh stays the true previous state.
//   h_t_in_dwhh (backward): dWhh = Σ_t δa_t·h_tᵀ instead of Σ_t δa_t·h_{t−1}ᵀ.
//   gradient_missing_2 (loss, mse only): L = Σ_t ‖y_t − d_t‖² (no ½) but δy_t = y_t − d_t: the
//       gradient is half the loss's true gradient (the 2 of d(u²)/du = 2u is missing).
// With several on, the substitutions compose (e.g. last_output_only + gradient_missing_2:
// L = Σ_t ‖y_T − d_t‖², δy_t = y_T − d_t). With none on both functions equal forward() and
// backward() bit for bit.

#include "rnnlab/backward_pass.h"
#include "rnnlab/blog_bugs.h"
#include "rnnlab/forward_pass.h"

namespace rnnlab {

// forward(), then the blog's output (last_output_only) and loss (gradient_missing_2): outputs,
// probabilities, stepLoss, outputGrad and loss follow the equations above.
void forwardBlog(const Model& model, const SequenceData& data, const BlogBugs& bugs,
                 ForwardPass& pass);

// The blog's gradient of `pass` (which must come from forwardBlog with the same bugs): backward()
// with final_hidden_in_backward and h_t_in_dwhh applied. Requires the rnn cell.
void backwardBlog(const Model& model, const ForwardPass& pass, const BlogBugs& bugs,
                  BackwardPass& out);

}  // namespace rnnlab
