#pragma once

// The numbers the step-through views show for one phase of a traced iteration, taken from the
// trace and from core's step_inspection functions only. The stepper, the equations panel and
// their tests all read this one list, so no two views can disagree about a value or its name.

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "rnnlab/iteration_trace.h"

struct PhaseValue {
  QString key;            // stable ASCII name, e.g. "h_prev", "dWhh_step", "Why_change"
  QString title;          // how the views label it, e.g. "h_{t−1}" with t substituted
  rnnlab::Matrix values;  // vectors are one column; scalars 1×1
};

// What phase `phase` shows, in display order (block names B are the model's, blockNames):
//   Forward t: x, h_prev, a, h, y, d (when step t has a target), p (cross-entropy), step_loss.
//     Gated cells instead: x, h_prev, c_prev (lstm), then for each gate G (i f g o / r z n)
//     pre_G (before activation) and G, then c and tanh_c (lstm) or m (gru: W_hn·h_{t-1} + b_hn),
//     h, y, d, p, step_loss.
//   Backward t of a gated cell: dy, dh, dtanh_c and dc (lstm), d_G and dpre_G per gate, drec_n
//     (gru: the W_hh side's n delta r ⊙ δn̂), then the blocks as below.
//   Loss: loss, step_losses (1×T), outputs (O×T), targets, probabilities (cross-entropy),
//         output_grad (δy, O×T).
//   Backward t: dy, dh, tanh_prime, da, then for each block B of Wxh, Whh, Why, bh, by:
//         dB_step (stepContribution) and dB_sum (accumulatedGradients from t to T).
//   Clip: norm_before, norm_after, values_clipped, norm_clipped (0 or 1), then B_unclipped and
//         B_clipped per block.
//   Update: B_before, B_change (after − before), B_after per block.
// A stack (spec v3 §1) shows one part of the network per Forward and Backward phase, with the
// values of that cell (IterationTrace::forwardOf), h_prev being the state it reads (h_{t+1} for a
// reverse cell):
//   Forward, a cell: x (layer k ≥ 1 with dropout: below = layer k − 1's output o⁽ᵏ⁻¹⁾_t, mask =
//     the iteration's dropout mask m/(1 − p) at t, x = below ⊙ mask), then the cell's values as
//     above from h_prev to h (no y).
//   Forward, the output layer: top (o_t, the top layer's output), y, d, p, step_loss.
//   Backward, the output layer: dy, top_read (o_t), dWhy_step, dWhy_sum, dby_step, dby_sum (sums over T … t).
//   Backward, a cell: dh and the cell's deltas as above, then its own blocks keyed by the name one
//     cell gives them (dW_ih_step, dWhh_sum, ...) and titled with theirs (dW_ih_l1_reverse ...);
//     the sums run over the steps its backward pass has taken (t = 1 … t for a reverse cell).
QList<PhaseValue> phaseValues(const rnnlab::IterationTrace& trace, rnnlab::IterationPhase phase);

// "Forward t = 2 of 4", "Loss", "Backward t = 3 of 4", "Clip", "Update".
QString phaseLabel(rnnlab::IterationPhase phase, rnnlab::Index steps);
// The same with the part of a stack a step phase computes: "Forward t = 2 of 4 · layer 1 ←",
// "… · output layer"; one cell's labels are those above.
QString phaseLabel(rnnlab::IterationPhase phase, rnnlab::Index steps,
                   const rnnlab::ModelConfig& config);

// A short sentence saying what happens in this phase, for a student reading along.
QString phaseExplanation(rnnlab::IterationPhase phase, rnnlab::Index steps);
// The same for a cell: the gated cells' forward and backward steps say what their gates do.
QString phaseExplanation(rnnlab::IterationPhase phase, rnnlab::Index steps, rnnlab::CellKind cell);
// The same for any model: a stack's phases say what its layers, directions and dropout do.
QString phaseExplanation(rnnlab::IterationPhase phase, rnnlab::Index steps,
                         const rnnlab::ModelConfig& config);

// Whether step `step` (a column index) has a target: every step in `sequence` mode, the last one
// in `last` mode.
bool stepHasTarget(const rnnlab::IterationTrace& trace, rnnlab::Index step);

// The column of trace.forward.targets that holds step `step`'s target (call only when
// stepHasTarget()).
rnnlab::Index targetColumn(const rnnlab::IterationTrace& trace, rnnlab::Index step);
