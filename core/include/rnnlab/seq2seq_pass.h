#pragma once

// The forward and backward passes of a sequence-to-sequence model with attention (spec v3 §3)
// over one (source, target) pair, exactly as the spec defines them:
//
//   encoder: the stack of §1 (L layers, D directions, cell of the model) reads the one-hot
//            source tokens x_1 … x_S from zero state; e_j (D·H) is its top layer's output.
//   decoder: the same cell, L layers, one direction; layer k starts from the encoder's layer k
//            forward final state. With q_t the decoder's top h before step t:
//              none:     c_t = [h→_S ; h←_1] of the encoder's top layer
//              dot:      score_tj = q_t·e_j                      (D = 1)
//              additive: score_tj = w_vᵀ tanh(W_q q_t + W_k e_j)
//              α_t = softmax_j(score_t·), c_t = Σ_j α_tj e_j
//            z_t = [c_t ; onehot(u_{t−1})], s_t = decoder(z_t, s_{t−1}), y_t = Why·s_t^top + by.
//   loss:    Σ_t CE(y_t, target_t) over the target's tokens and <eos> (T′ = length + 1).
//
// A pair is computed alone (its own S and T′, nothing padded); a batch's loss is the mean of
// its pairs' losses and its gradient the mean of theirs (Seq2SeqBatch). Every buffer is sized by
// reserve(); passes within that capacity do not allocate.

#include <memory>
#include <span>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/pairs_data.h"
#include "rnnlab/rng.h"

namespace rnnlab {

namespace detail {
struct CellTrace;
}

class Seq2SeqPass {
 public:
  Seq2SeqPass();
  ~Seq2SeqPass();
  Seq2SeqPass(const Seq2SeqPass&);
  Seq2SeqPass& operator=(const Seq2SeqPass&);
  Seq2SeqPass(Seq2SeqPass&&) noexcept;
  Seq2SeqPass& operator=(Seq2SeqPass&&) noexcept;

  // Sizes every buffer for sources of up to `maxSource` tokens and decoders of up to
  // `maxSteps` steps (a target's length + 1, or a decoding's bound).
  void reserve(const ModelConfig& config, Index maxSource, Index maxSteps);

  // Encodes the source (tokens, each ≥ 2) from zero state and prepares the decoder's initial
  // state and the attention's keys, without dropout (decoding).
  void encode(const Model& model, std::span<const int> source);
  // Decoder step t (0-based; steps 0 … t − 1 done) reading token `previous` (<bos> at t = 0):
  // the attention, the context, the cells and the logits y_t (logits(t)).
  void decodeStep(const Model& model, Index t, int previous);
  // Teacher forcing over the target (tokens ≥ 2, then <eos>): encode, T′ decoder steps, the
  // loss. `dropout` draws the pair's masks, encoder's then decoder's.
  double forward(const Model& model, std::span<const int> source, std::span<const int> target,
                 Rng* dropout = nullptr);
  // Adds `scale` × the gradient of the last forward()'s loss to `grads` (shaped for the model).
  void backward(const Model& model, double scale, Gradients& grads);

  double loss() const { return m_loss; }
  Index sourceLength() const { return m_S; }
  Index steps() const { return m_T; }  // decoder steps run
  // y_t (V) of decoder step t.
  Eigen::Ref<const Vector> logits(Index t) const;
  // The last pass's outputs (T′×V), attention weights (T′×S; 0×0 for `none`) and decoder top
  // states (T′×H, after each step). Allocate; for views and `grads`.
  Matrix outputs() const;
  Matrix attention() const;
  Matrix decoderHidden() const;

 private:
  void drawMasks(Index steps, bool encoder, Rng& rng);
  void runEncoder(const Model& model, std::span<const int> source);
  void attend(const Model& model, Index t);
  void backAttention(const Model& model, Index t, Gradients& grads);
  void backEncoder(const Model& model, Gradients& grads);

  struct Buffers;
  std::unique_ptr<Buffers> m;
  ModelConfig m_config;
  Index m_S = 0;
  Index m_T = 0;
  double m_loss = 0.0;
};

// A batch of pairs (indices into `pairs`, in batch order): returns the mean of their losses and
// sets `grads` (shaped for the model) to exactly its gradient. `pass` must be reserved for the
// longest pair; it ends holding the batch's last pair. `dropout` draws each pair's masks before
// its pass, pairs in batch order (training).
double seq2seqBatch(const Model& model, std::span<const PairsData::Tokens> pairs,
                    std::span<const long> batch, Seq2SeqPass& pass, Gradients& grads,
                    Rng* dropout = nullptr);
// The mean loss over every pair (validation), without dropout.
double seq2seqMeanLoss(const Model& model, std::span<const PairsData::Tokens> pairs,
                       Seq2SeqPass& pass);

}  // namespace rnnlab
