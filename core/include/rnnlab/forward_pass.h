#pragma once

// The forward pass over one sequence, keeping every step's values so that views can show them.
// Time runs along columns: column t-1 holds step t (t = 1..T). σ is the logistic function; a
// gate block k of a G·H-row matrix is rows k·H .. (k+1)·H − 1, in PyTorch's gate order.
//
//   rnn:  a_t = Wxh·x_t + Whh·h_{t-1} + bh ;  h_t = tanh(a_t)
//   lstm: [î f̂ ĝ ô]_t = W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh
//         i = σ(î), f = σ(f̂), g = tanh(ĝ), o = σ(ô) ;  c_t = f ⊙ c_{t-1} + i ⊙ g ;
//         h_t = o ⊙ tanh(c_t)
//   gru:  r̂ = W_ir·x_t + b_ir + W_hr·h_{t-1} + b_hr ;  ẑ likewise ;  r = σ(r̂), z = σ(ẑ)
//         m_t = W_hn·h_{t-1} + b_hn ;  n̂ = W_in·x_t + b_in + r ⊙ m_t ;  n = tanh(n̂)
//         h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
//   y_t = Why·h_t + by

#include <memory>
#include <span>

#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

namespace rnnlab {

class BatchPass;
class Rng;

struct ForwardPass {
  CellKind cell = CellKind::Rnn;
  Matrix inputs;  // I×T, x_t as columns; 0×T for one-hot (indexed) inputs
  // One-hot data (text): x_t is one-hot at inputIndices(t) and d_t at targetIndices(t); then
  // `inputs` and `targets` stay 0×T (never materialized) and the input products are column
  // gathers. Both are empty for numeric data.
  Eigen::VectorXi inputIndices;
  Eigen::VectorXi targetIndices;
  // rnn: H×T, a_t. lstm, gru: G·H×T, the gates before activation (î f̂ ĝ ô or r̂ ẑ n̂).
  Matrix preActivations;
  Matrix gates;            // G·H×T, the gates after activation (i f g o or r z n); empty for rnn
  Matrix cellState;        // lstm: H×(T+1), column 0 is c0, column t is c_t; else empty
  Matrix cellTanh;         // lstm: H×T, tanh(c_t); else empty
  Matrix candidateHidden;  // gru: H×T, m_t = W_hn·h_{t-1} + b_hn (what r scales); else empty
  Matrix hidden;           // H×(T+1), column 0 is h0, column t is h_t
  Matrix outputs;          // O×T, y_t = Why·h_t + by (every step, also in `last` mode)
  Matrix targets;        // O×T (sequence) or O×1 (last), d_t as columns; 0×T for one-hot targets
  Matrix probabilities;  // O×T, softmax(y_t) for cross-entropy; empty for mse
  Vector stepLoss;       // T, each step's share of the loss (zero at steps without a target)
  Matrix outputGrad;     // O×T, δy_t = ∂L/∂y_t (zero at steps without a target)
  double loss = 0.0;
  // A stack (v3 §1, L·D > 1): the run of the whole stack, of which the members above show one
  // cell, layer viewedLayer (−1: the top one) in direction viewedDirection: its inputs (a layer
  // above the first reads the one below's outputs, D·H rows), gates and states. outputs, targets,
  // the loss and outputGrad are the model's. Set viewedLayer and viewedDirection before forward().
  // The default is layer 0's forward cell, whose blocks are the ones Parameters::Wxh(), Whh()
  // and the biases name, so a view written for one cell computes with matching weights.
  // Null for one cell. Shared by copies (it is not changed after forward()).
  std::shared_ptr<const BatchPass> stack;
  int viewedLayer = 0;
  int viewedDirection = 0;
  // The layer and direction the members show (viewedLayer resolved and both clamped).
  int shownLayer(const ModelConfig& config) const;
  int shownDirection(const ModelConfig& config) const;

  // Sizes every member for the shape, so that later passes of the same shape do not allocate.
  // `indexed`: sized for one-hot inputs and targets given as indices (see inputIndices).
  void resize(const ModelConfig& config, Index steps, bool indexed = false);
  Index steps() const { return inputs.cols(); }
  bool indexed() const { return inputIndices.size() > 0; }
  // The inputs (I×T) and targets (O×T) as dense matrices, for views and tests: `inputs` and
  // `targets` themselves, or the one-hot columns of the indices (allocates).
  Matrix denseInputs(Index inputSize) const;
  Matrix denseTargets(Index outputSize) const;
  Index hiddenSize() const { return hidden.rows(); }
  // Rows of gate `gate` (0-based, PyTorch's order) of `gates` or `preActivations`.
  auto gate(Index gate) const { return gates.middleRows(gate * hiddenSize(), hiddenSize()); }
};

// A stack's pass made to show another cell of the same run: layer `layer` (−1: the top one) in
// direction `direction`, clamped as viewedLayer and viewedDirection are. The cell's members
// (inputs, gates, states) are replaced by that cell's, the model's (outputs, loss, outputGrad)
// stay; nothing is run again. A pass of one cell (no stack) stays as it is. Allocates.
void viewCell(ForwardPass& pass, int layer, int direction);

// Runs the model over data.inputs from model.h0 (and model.c0) and evaluates the loss against
// data.targets. Requires data shaped for model.config (see validate() in session.h); does not
// allocate when `pass` already has the right shape (a stack always allocates: it is for views).
// `dropout`: a stack's pass as a training iteration runs it (v3 §1), its masks drawn from this
// generator as the trainer draws them for the first sequence of its batch (the stack's run keeps
// them: BatchPass::sequenceDropoutMask); null, p = 0 or one layer draw nothing.
void forward(const Model& model, const SequenceData& data, ForwardPass& pass,
             Rng* dropout = nullptr);

// One-hot data given as indices (text): x_t = e_{inputs[t]}, d_t = e_{targets[t]} (equal
// lengths), cross-entropy at every step, starting from hidden state `h` and (lstm) cell state
// `c` instead of h0 and c0 (`c` is ignored by other cells). The input products are column
// gathers of the input weights. Does not allocate when `pass` already has the (indexed) shape.
// For a stack, `h` and `c` hold every cell's state (h0's layout; extra entries, further streams,
// are ignored). `dropout` as for forward() (the first stream's masks).
void forwardIndexed(const Model& model, std::span<const int> inputs, std::span<const int> targets,
                    const Vector& h, const Vector& c, ForwardPass& pass, Rng* dropout = nullptr);

}  // namespace rnnlab
