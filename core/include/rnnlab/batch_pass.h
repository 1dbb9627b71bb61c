#pragma once

// The forward and backward passes over a minibatch of sequences, run as matrix-matrix products,
// for every model: one cell or a stack of L layers in one or two directions (spec v3 §1).
//
// The batch is packed the way PyTorch packs a PackedSequence: its sequences are sorted by length
// (longest first, ties in batch order), and step t holds the B_t sequences that are at least t+1
// steps long as one H×B_t block of columns. Every step's recurrent product W_hh·[h_{t-1}] is then
// one matrix-matrix product with W_hh packed once per pass (PackedProduct); the input products
// run per step too, while the block is in cache, the output products once over all packed
// columns, and the weight gradients over a few steps' columns at a time. Sequences of equal
// length simply give B_t = B at every step; shorter ones drop out of the blocks as they end
// (nothing is padded or masked). A stack runs layer by layer, each over the whole batch (the
// cell's part is detail::CellLayer); a reverse direction runs on the same packing with each
// sequence's steps taken from its end (its inputs are gathered in that order, its outputs
// scattered back), so that its products are as wide as the forward direction's. A stack runs
// every product on RNN Lab's own kernel (TiledProduct, tiled_product.h), a single cell on
// Eigen's.
//
// The loss is the spec's batch mean L = (1/B)·Σ_b L_b, each L_b that sequence's loss from its
// initial state exactly as forward() defines it, and backward() gives exactly its gradient (the
// same equations as backward_pass.h; tanh is computed as 2σ(2x)−1, within 4e-16 of std::tanh).
// For one cell the numbers are bit for bit those of version 2.
//
// Dropout (v3 §1): when forward() is given the dropout generator and p > 0, the input of every
// layer k ≥ 1 is multiplied by m/(1 − p), m = 1 if uniform() ≥ p else 0, drawn per sequence in
// batch order, per layer k = 1 … L − 1, per step, per unit (h→ first) before the pass.
//
// The workspaces are sized once by reserve(); passes within that capacity do not allocate.

#include <memory>
#include <span>

#include "rnnlab/model.h"
#include "rnnlab/rng.h"
#include "rnnlab/sequence_data.h"

namespace rnnlab {

namespace detail {
struct Packing;
class CellLayer;
}  // namespace detail

class BatchPass {
 public:
  BatchPass();
  ~BatchPass();
  BatchPass(const BatchPass&);
  BatchPass& operator=(const BatchPass&);
  BatchPass(BatchPass&&) noexcept;
  BatchPass& operator=(BatchPass&&) noexcept;

  // Sizes every buffer for batches of at most `maxBatch` sequences taken from `sequences` (the
  // capacity is the sum of the maxBatch longest lengths).
  void reserve(const ModelConfig& config, std::span<const SequenceData> sequences, Index maxBatch);
  // Sizes every buffer for `streams` one-hot sequences (text) of `length` steps each.
  void reserveStreams(const ModelConfig& config, Index streams, Index length);

  // Runs the sequences sequences[batch[k]] from h0 (and c0); returns the batch-mean loss. The
  // batch must fit the capacity reserve() was given. `dropout`: the generator of the dropout
  // masks while training (nothing is drawn when it is null or p = 0).
  double forward(const Model& model, std::span<const SequenceData> sequences,
                 std::span<const long> batch, Rng* dropout = nullptr);
  // Text in streams (v3 §2): stream k reads text[starts[k] + t] and predicts
  // text[starts[k] + t + 1], t = 0 … length − 1 (cross-entropy at every step), starting from
  // column k of `hidden` (and `cell` for an lstm), each holding every cell's state in h0's layout
  // (L·D·H rows). Returns the mean over the streams of each stream's summed loss.
  double forwardStreams(const Model& model, std::span<const int> text,
                        std::span<const long> starts, Index length,
                        const Eigen::Ref<const Matrix>& hidden, const Eigen::Ref<const Matrix>& cell,
                        Rng* dropout = nullptr);
  // The gradient of the last forward()'s loss (same model) into `grads` (shaped for the model).
  void backward(const Model& model, Gradients& grads);
  // forward() over every sequence reserve() was given (with maxBatch ≥ their number), in order:
  // the mean loss over all of them, the spec's validation loss.
  double forwardAll(const Model& model, std::span<const SequenceData> sequences);

  double loss() const { return m_loss; }
  // The model shape the workspaces were reserved for (the cells sequenceCellValues() knows).
  const ModelConfig& config() const { return m_config; }
  Index batchSize() const;
  // Packed columns of the last forward pass (Σ_b T_b).
  Index columns() const;
  // Sequence k of the last batch (k as given to forward()): its loss L_k, and its outputs y_t
  // (T×O, rows are steps) and the top layer's outputs (D·H×(T+1), column 0 is the top cells'
  // initial state). Allocate; for views.
  double sequenceLoss(Index k) const;
  Matrix sequenceOutputs(Index k) const;
  Matrix sequenceHidden(Index k) const;
  // The states h_t of one cell (layer, direction) for sequence k: H×T, position order t = 1 … T
  // for both directions. Allocates.
  Matrix sequenceCellHidden(Index k, int layer, int direction) const;
  // The same for a gated cell's activated gates (G·H×T, i f g o or r z n) and an lstm's cell
  // state c_t (H×T).
  enum class CellValues {
    Hidden,          // h_t, H×T
    Gates,           // activated gates, G·H×T
    CellState,       // lstm c_t, H×T
    PreActivations,  // gates before activation (rnn: a_t), G·H×T
    CellTanh,        // lstm tanh(c_t), H×T
    Candidate,       // gru m_t, H×T
    Input,           // the cell's input x_t (layer k ≥ 1: the layer below's output), I_k×T
    // After backward():
    HiddenGrad,      // ∂L/∂h_t, H×T
    CellGrad,        // lstm ∂L/∂c_t, H×T
    PreGrad,         // deltas of the gates before activation, G·H×T
    RecurrentGrad,   // gru δ[r̂ ẑ (r⊙n̂)], G·H×T
  };
  Matrix sequenceCellValues(Index k, int layer, int direction, CellValues what) const;
  // The initial state of one cell for sequence k: h (or, `cell`, an lstm's c).
  Vector sequenceInitialState(Index k, int layer, int direction, bool cell) const;
  // Layer `layer`'s output for sequence k, [h→_t ; h←_t] (D·H×T, position order): what layer
  // `layer` + 1 reads before its dropout mask, or (the top layer) what the output layer reads.
  // Allocates.
  Matrix sequenceLayerOutput(Index k, int layer) const;
  // The dropout mask the last forward pass multiplied layer `layer`'s input by (layer ≥ 1), for
  // sequence k: D·H×T in position order, every entry 0 or 1/(1 − p); 0×0 when the pass drew no
  // masks (no generator, p = 0, or layer 0). Allocates.
  Matrix sequenceDropoutMask(Index k, int layer) const;
  // The state every stream (sequence) ended in, in h0's layout: column k of `hidden` (and of
  // `cell` for an lstm) gets sequence k's last h (c) of every forward cell, in place (sized by the
  // caller: L·D·H × B). A reverse cell's rows are left as they are.
  void finalStates(Eigen::Ref<Matrix> hidden, Eigen::Ref<Matrix> cell) const;

 private:
  void reserveShape(const ModelConfig& config, Index maxBatch, Index maxSteps, Index maxColumns,
                    bool indexed);
  // Sorts the batch by length and lays it out; `lengthOf(k)` is sequence k's length.
  template <class LengthOf>
  void pack(Index batch, const LengthOf& lengthOf);
  void setInitialStates(const Model& model, const Eigen::Ref<const Matrix>* hidden,
                        const Eigen::Ref<const Matrix>* cell);
  void drawDropout(const ModelConfig& config, Rng& rng);
  // The cells, the output layer and the loss, once the inputs and initial states are in place.
  double run(const Model& model, bool dropout);
  detail::CellLayer& cellOf(int layer, int direction);
  const detail::CellLayer& cellOf(int layer, int direction) const;
  Index rankOf(Index k) const;

  struct Buffers;
  std::unique_ptr<Buffers> m;
  ModelConfig m_config;
  double m_loss = 0.0;
};

}  // namespace rnnlab
