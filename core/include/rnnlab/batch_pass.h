#pragma once

// The forward and backward passes over a minibatch of sequences, run as matrix-matrix products.
//
// The batch is packed the way PyTorch packs a PackedSequence: its sequences are sorted by length
// (longest first, ties in batch order), and step t holds the B_t sequences that are at least t+1
// steps long as one H×B_t block of columns. Every step's recurrent product W_hh·[h_{t-1}] is then
// one matrix-matrix product with W_hh packed once per pass (PackedProduct); the input products
// run per step too, while the block is in cache, the output products once over all packed
// columns, and the weight gradients over a few steps' columns at a time. Sequences of equal
// length simply give B_t = B at every step; shorter ones drop out of the blocks as they end
// (nothing is padded or masked).
//
// The loss is the spec's batch mean L = (1/B)·Σ_b L_b, each L_b that sequence's loss from h0 (and
// c0) exactly as forward() defines it, and backward() gives exactly its gradient (the same
// equations as backward_pass.h; tanh is computed as 2σ(2x)−1, within 4e-16 of std::tanh).
//
// The workspaces are sized once by reserve(); passes within that capacity do not allocate.

#include <span>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/packed_product.h"
#include "rnnlab/sequence_data.h"

namespace rnnlab {

class BatchPass {
 public:
  // Sizes every buffer for batches of at most `maxBatch` sequences taken from `sequences` (the
  // capacity is the sum of the maxBatch longest lengths).
  void reserve(const ModelConfig& config, std::span<const SequenceData> sequences, Index maxBatch);

  // Runs the sequences sequences[batch[k]] from h0 (and c0); returns the batch-mean loss. The
  // batch must fit the capacity reserve() was given.
  double forward(const Model& model, std::span<const SequenceData> sequences,
                 std::span<const long> batch);
  // The gradient of the last forward()'s loss (same model) into `grads` (shaped for the model).
  void backward(const Model& model, Gradients& grads);
  // forward() over every sequence reserve() was given (with maxBatch ≥ their number), in order:
  // the mean loss over all of them, the spec's validation loss.
  double forwardAll(const Model& model, std::span<const SequenceData> sequences);

  double loss() const { return m_loss; }
  Index batchSize() const { return m_batch; }
  // Packed columns of the last forward pass (Σ_b T_b).
  Index columns() const { return m_columns; }
  // Sequence k of the last batch (k as given to forward()): its loss L_k, and its outputs y_t
  // (T×O, rows are steps) and hidden states (H×(T+1), column 0 is h0). Allocate; for views.
  double sequenceLoss(Index k) const;
  Matrix sequenceOutputs(Index k) const;
  Matrix sequenceHidden(Index k) const;

 private:
  // Adds the weight gradients' terms of steps first..last to `grads` (their h_{t-1} columns
  // must be contiguous).
  void accumulate(const Model& model, Index first, Index last, Gradients& grads) const;
  // Step t reads h_{t-1} (c_{t-1}) from the first B_t columns of the block before its own in
  // m_hidden (m_cell): h0 (c0) for t = 0, else step t−1's outputs. Nothing is copied.
  Index previousStart(Index t) const {
    return t == 0 ? 0 : m_batch + m_offset[static_cast<std::size_t>(t - 1)];
  }
  auto previousBlock(const Matrix& states, Index t) const {
    return states.middleCols(previousStart(t), m_width[static_cast<std::size_t>(t)]);
  }
  Index column(Index rank, Index step) const { return m_offset[step] + rank; }
  Index rankOf(Index k) const;

  ModelConfig m_config;
  Index m_batch = 0;
  Index m_columns = 0;
  Index m_steps = 0;  // the longest length in the batch
  double m_loss = 0.0;
  std::vector<long> m_sorted;    // batch positions (k), longest sequence first
  std::vector<Index> m_lengths;  // length of the sequence at each rank
  std::vector<Index> m_offset;   // first packed column of each step; m_offset[T] = columns
  std::vector<Index> m_width;    // B_t

  // Packed columns (capacity N): column m_offset[t] + r is step t of the sequence at rank r.
  Matrix m_inputs;      // I×N
  Matrix m_targets;     // O×N (sequence mode) or O×B (last mode, by rank)
  Matrix m_pre;         // G·H×N, gates before activation (rnn: a_t)
  Matrix m_gates;       // G·H×N after activation (gated cells)
  Matrix m_hidden;      // H×(B+N): h0 for each rank, then h_t at column B + packed column
  Matrix m_cell;        // lstm: H×(B+N), c0 then c_t, the same way
  Matrix m_cellTanh;    // lstm: H×N, tanh(c_t)
  Matrix m_candidate;   // gru: H×N, W_hn·h_{t-1} + b_hn
  Matrix m_outputs;     // O×N
  Matrix m_outputGrad;  // O×N, ∂L/∂y (zero where there is no target)
  Matrix m_probabilities;
  Vector m_stepLoss;
  Matrix m_hiddenGrad;      // H×N
  Matrix m_cellGrad;        // lstm: H×N
  Matrix m_preGrad;         // G·H×N
  Matrix m_recurrentGrad;   // gru: G·H×N, δ[r̂ ẑ (r⊙n̂)]
  std::vector<long> m_all;  // 0..n−1 of the sequences reserve() was given
  // The weights packed once per pass for their per-step products (gru: W_hh's r,z rows and its
  // n rows apart).
  Vector m_inputBias;  // G·H, the biases added before the nonlinearity
  PackedProduct m_input;
  PackedProduct m_outputTransposed;
  PackedProduct m_recurrent;
  PackedProduct m_recurrentCandidate;
  PackedProduct m_recurrentTransposed;
};

}  // namespace rnnlab
