#pragma once

// One step of a cell (rnn, lstm or gru, the equations of forward_pass.h and backward_pass.h) on
// one column, for the encoder–decoder (seq2seq_pass.h): its decoder's layers cannot run a whole
// sequence at a time, since each step's input depends on the attention over the state the step
// before left. The input product W_ih·x_t comes from the caller, which knows the input's form
// (one-hot, a context and a token, a layer below); the caller also takes dW_ih and ∂L/∂x_t from
// the returned δ (∂L/∂(W_ih·x_t)).

#include "rnnlab/model.h"

namespace rnnlab::detail {

// The blocks of one cell in a Parameters (the rnn's recurrentBias is −1).
struct CellBlocks {
  int inputWeights = -1;
  int recurrentWeights = -1;
  int inputBias = -1;
  int recurrentBias = -1;
};

// What a cell's steps keep for the backward pass: column t of the per-step matrices is step t,
// hidden and cell have the initial state in column 0 and step t's state in column t + 1.
struct CellTrace {
  Matrix pre;        // G·H×N, before the nonlinearity
  Matrix gates;      // G·H×N, activated (gated cells)
  Matrix hidden;     // H×(N+1)
  Matrix cell;       // lstm: H×(N+1)
  Matrix cellTanh;   // lstm: H×N
  Matrix candidate;  // gru: H×N, W_hn·h_{t-1} + b_hn

  void reserve(CellKind kind, Index hiddenSize, Index steps);
};

// Step t: from hidden.col(t) (and cell.col(t)) and the input product a = W_ih·x_t, fills column
// t of pre, gates, … and hidden.col(t + 1) (cell.col(t + 1)).
void cellForwardStep(CellKind kind, const Parameters& p, const CellBlocks& blocks,
                     const Eigen::Ref<const Vector>& inputProduct, Index t, CellTrace& trace);

// Back through step t: `dh` is ∂L/∂h_{t+1} from everywhere (above, output, later steps), `dc`
// (lstm) ∂L/∂c_{t+1} from later steps. Adds the recurrent weights' and biases' gradients to `g`,
// sets dPre = ∂L/∂(W_ih·x_t) (G·H), and dhPrev, dcPrev for step t − 1. `dRecurrent` is scratch
// (G·H). Does not allocate.
void cellBackwardStep(CellKind kind, const Parameters& p, const CellBlocks& blocks,
                      const CellTrace& trace, Index t, const Eigen::Ref<const Vector>& dh,
                      const Eigen::Ref<const Vector>& dc, Gradients& g, Eigen::Ref<Vector> dPre,
                      Eigen::Ref<Vector> dRecurrent, Eigen::Ref<Vector> dhPrev,
                      Eigen::Ref<Vector> dcPrev);

}  // namespace rnnlab::detail
