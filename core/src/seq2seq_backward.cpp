// The exact gradient of a pair's loss (seq2seq_pass.h): back through the output layer and the
// decoder, step by step (each step's context gives back to the attention, whose query is the
// step before's top state), then through the encoder, which also gets the decoder's initial
// states' gradients at its layers' forward final states.

#include "rnnlab/pairs_data.h"
#include "seq2seq_buffers.h"

namespace rnnlab {

void Seq2SeqPass::backward(const Model& model, double scale, Gradients& g) {
  Buffers& b = *m;
  const Parameters& p = model.params;
  const Index S = m_S;
  const Index T = m_T;
  const Index H = m_config.hiddenSize;
  const Index DH = m_config.topSize();
  const int L = m_config.layers;
  const CellKind cell = m_config.cell;
  const bool lstm = cell == CellKind::Lstm;
  for (int k = 0; k < L; ++k) {
    b.encoderOutputGrad[static_cast<std::size_t>(k)].leftCols(S).setZero();
    b.stateGrad[static_cast<std::size_t>(k)].setZero();
    b.cellGrad[static_cast<std::size_t>(k)].setZero();
  }
  if (m_config.attention == AttentionKind::Additive) {
    b.keysGrad.leftCols(S).setZero();
  }
  Matrix& dWhy = g.Why();
  auto dby = g.by();
  for (Index t = T - 1; t >= 0; --t) {
    b.outputGrad = b.probabilities.col(t);
    b.outputGrad(b.targets[static_cast<std::size_t>(t)]) -= 1.0;
    b.outputGrad *= scale;
    dWhy.noalias() += b.outputGrad * b.decoder.back().hidden.col(t + 1).transpose();
    dby += b.outputGrad;
    b.below.head(H).noalias() = p.Why().transpose() * b.outputGrad;
    for (int k = L - 1; k >= 0; --k) {
      const auto layer = static_cast<std::size_t>(k);
      const detail::CellBlocks& blocks = b.decoderBlocks[layer];
      b.hiddenGrad = b.stateGrad[layer] + b.below.head(H);
      detail::cellBackwardStep(cell, p, blocks, b.decoder[layer], t, b.hiddenGrad,
                               b.cellGrad[layer], g, b.pre, b.recurrent, b.previousHidden,
                               b.previousCell);
      const Matrix& Wih = p.block(blocks.inputWeights);
      Matrix& dWih = g.block(blocks.inputWeights);
      if (k > 0) {
        dWih.noalias() += b.pre * b.decoderInput[layer - 1].col(t).transpose();
        b.below.head(H).noalias() = Wih.transpose() * b.pre;
        if (b.masked) {
          b.below.head(H).array() *= b.decoderMask[layer - 1].col(t).array();
        }
      } else {
        dWih.leftCols(DH).noalias() += b.pre * b.context.col(t).transpose();
        dWih.col(DH + b.previous[static_cast<std::size_t>(t)]) += b.pre;
        b.contextGrad.noalias() = Wih.leftCols(DH).transpose() * b.pre;
      }
      b.stateGrad[layer] = b.previousHidden;
      if (lstm) {
        b.cellGrad[layer] = b.previousCell;
      }
    }
    backAttention(model, t, g);
  }
  if (m_config.attention == AttentionKind::Additive) {
    const int keysBlock = p.attentionBlockIndex(1);
    const Matrix& E = b.encoderOutput.back();
    g.block(keysBlock).noalias() += b.keysGrad.leftCols(S) * E.leftCols(S).transpose();
    b.encoderOutputGrad.back().leftCols(S).noalias() +=
        p.block(keysBlock).transpose() * b.keysGrad.leftCols(S);
  }
  backEncoder(model, g);
}

double seq2seqBatch(const Model& model, std::span<const PairsData::Tokens> pairs,
                    std::span<const long> batch, Seq2SeqPass& pass, Gradients& grads,
                    Rng* dropout) {
  grads.setZero();
  const double scale = 1.0 / static_cast<double>(batch.size());
  double sum = 0.0;
  for (const long k : batch) {
    const PairsData::Tokens& pair = pairs[static_cast<std::size_t>(k)];
    sum += pass.forward(model, pair.source, pair.target, dropout);
    pass.backward(model, scale, grads);
  }
  return sum * scale;
}

double seq2seqMeanLoss(const Model& model, std::span<const PairsData::Tokens> pairs,
                       Seq2SeqPass& pass) {
  double sum = 0.0;
  for (const PairsData::Tokens& pair : pairs) {
    sum += pass.forward(model, pair.source, pair.target);
  }
  return sum / static_cast<double>(pairs.size());
}

void Seq2SeqPass::backAttention(const Model& model, Index t, Gradients& g) {
  Buffers& b = *m;
  const Parameters& p = model.params;
  const Index S = m_S;
  const Index H = m_config.hiddenSize;
  Matrix& dE = b.encoderOutputGrad.back();
  const Matrix& E = b.encoderOutput.back();
  if (m_config.attention == AttentionKind::None) {
    // c_t = [h→_S ; h←_1]
    dE.col(S - 1).head(H) += b.contextGrad.head(H);
    if (m_config.bidirectional) {
      dE.col(0).tail(H) += b.contextGrad.tail(H);
    }
    return;
  }
  const auto alpha = b.alpha.col(t).head(S);
  auto alphaGrad = b.alphaGrad.head(S);
  auto scoreGrad = b.scoreGrad.head(S);
  // c_t = E·α: dE += dc·αᵀ, dα = Eᵀ·dc; softmax: ds = α ⊙ (dα − α·dα).
  dE.leftCols(S).noalias() += b.contextGrad * alpha.transpose();
  alphaGrad.noalias() = E.leftCols(S).transpose() * b.contextGrad;
  scoreGrad = (alpha.array() * (alphaGrad.array() - alpha.dot(alphaGrad))).matrix();
  const auto q = b.decoder.back().hidden.col(t);
  Vector& dq = b.stateGrad.back();  // q_t is the top state before step t
  if (m_config.attention == AttentionKind::Dot) {
    dE.leftCols(S).noalias() += q * scoreGrad.transpose();
    dq.noalias() += E.leftCols(S) * scoreGrad;
    return;
  }
  // score_j = w_v·tanh(W_q q + W_k e_j), the tanh recomputed as the forward pass computed it.
  const Matrix& Wq = p.block(p.attentionBlockIndex(0));
  const Matrix& wv = p.block(p.attentionBlockIndex(2));
  b.query.noalias() = Wq * q;
  auto tanhBlock = b.scoreTanh.leftCols(S);
  tanhBlock = (b.keys.leftCols(S).colwise() + b.query).array().tanh().matrix();
  g.block(p.attentionBlockIndex(2)).noalias() += scoreGrad.transpose() * tanhBlock.transpose();
  auto preGrad = b.scoreTanhGrad.leftCols(S);
  preGrad.noalias() = wv.transpose() * scoreGrad.transpose();
  preGrad.array() *= 1.0 - tanhBlock.array().square();
  b.keysGrad.leftCols(S) += preGrad;
  b.queryGrad = preGrad.rowwise().sum();
  g.block(p.attentionBlockIndex(0)).noalias() += b.queryGrad * q.transpose();
  dq.noalias() += Wq.transpose() * b.queryGrad;
}

void Seq2SeqPass::backEncoder(const Model& model, Gradients& g) {
  Buffers& b = *m;
  const Parameters& p = model.params;
  const Index S = m_S;
  const Index H = m_config.hiddenSize;
  const Index DH = m_config.topSize();
  const int L = m_config.layers;
  const int D = m_config.directions();
  const CellKind cell = m_config.cell;
  const bool lstm = cell == CellKind::Lstm;
  for (int k = L - 1; k >= 0; --k) {
    const auto layer = static_cast<std::size_t>(k);
    for (int d = 0; d < D; ++d) {
      const auto index = static_cast<std::size_t>(k * D + d);
      const detail::CellBlocks& blocks = b.encoderBlocks[index];
      const Matrix& Wih = p.block(blocks.inputWeights);
      Matrix& dWih = g.block(blocks.inputWeights);
      b.carryH.setZero();
      b.carryC.setZero();
      for (Index s = S - 1; s >= 0; --s) {
        const Index j = d == 0 ? s : S - 1 - s;
        b.hiddenGrad = b.encoderOutputGrad[layer].col(j).segment(d * H, H) + b.carryH;
        if (d == 0 && s == S - 1) {
          // The decoder's layer k started from this state.
          b.hiddenGrad += b.stateGrad[layer];
          if (lstm) {
            b.carryC += b.cellGrad[layer];
          }
        }
        detail::cellBackwardStep(cell, p, blocks, b.encoder[index], s, b.hiddenGrad, b.carryC, g,
                                 b.pre, b.recurrent, b.previousHidden, b.previousCell);
        if (k == 0) {
          dWih.col(b.source[static_cast<std::size_t>(j)]) += b.pre;
        } else {
          dWih.noalias() += b.pre * b.encoderInput[layer - 1].col(j).transpose();
          b.below.head(DH).noalias() = Wih.transpose() * b.pre;
          if (b.masked) {
            b.below.head(DH).array() *= b.encoderMask[layer - 1].col(j).array();
          }
          b.encoderOutputGrad[layer - 1].col(j) += b.below.head(DH);
        }
        b.carryH = b.previousHidden;
        if (lstm) {
          b.carryC = b.previousCell;
        }
      }
    }
  }
}

}  // namespace rnnlab
