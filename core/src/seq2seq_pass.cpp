#include "rnnlab/seq2seq_pass.h"

#include <cmath>
#include <stdexcept>

#include "rnnlab/pairs_data.h"
#include "seq2seq_buffers.h"

namespace rnnlab {

using detail::CellBlocks;
using detail::CellTrace;

Seq2SeqPass::Seq2SeqPass() : m(std::make_unique<Buffers>()) {}
Seq2SeqPass::~Seq2SeqPass() = default;
Seq2SeqPass::Seq2SeqPass(const Seq2SeqPass& other)
    : m(std::make_unique<Buffers>(*other.m)),
      m_config(other.m_config),
      m_S(other.m_S),
      m_T(other.m_T),
      m_loss(other.m_loss) {}
Seq2SeqPass& Seq2SeqPass::operator=(const Seq2SeqPass& other) {
  if (this != &other) {
    *m = *other.m;
    m_config = other.m_config;
    m_S = other.m_S;
    m_T = other.m_T;
    m_loss = other.m_loss;
  }
  return *this;
}
Seq2SeqPass::Seq2SeqPass(Seq2SeqPass&&) noexcept = default;
Seq2SeqPass& Seq2SeqPass::operator=(Seq2SeqPass&&) noexcept = default;

void Seq2SeqPass::reserve(const ModelConfig& config, Index S, Index T) {
  m_config = config;
  Buffers& b = *m;
  const Index H = config.hiddenSize;
  const Index DH = config.topSize();
  const Index V = config.outputSize;
  const Index A = config.effectiveAttentionSize();
  const Index GH = gateCount(config.cell) * H;
  const int L = config.layers;
  const int D = config.directions();
  b.encoder.resize(static_cast<std::size_t>(L * D));
  for (CellTrace& trace : b.encoder) {
    trace.reserve(config.cell, H, S);
  }
  b.decoder.resize(static_cast<std::size_t>(L));
  for (CellTrace& trace : b.decoder) {
    trace.reserve(config.cell, H, T);
  }
  b.encoderBlocks.resize(b.encoder.size());
  b.decoderBlocks.resize(b.decoder.size());
  const auto above = static_cast<std::size_t>(L - 1);
  const bool dropout = config.dropout > 0.0;
  b.encoderOutput.assign(static_cast<std::size_t>(L), Matrix(DH, S));
  b.encoderOutputGrad.assign(static_cast<std::size_t>(L), Matrix(DH, S));
  b.encoderInput.assign(above, Matrix(DH, S));
  b.encoderMask.assign(dropout ? above : 0, Matrix(DH, S));
  b.decoderInput.assign(above, Matrix(H, T));
  b.decoderMask.assign(dropout ? above : 0, Matrix(H, T));
  b.source.reserve(static_cast<std::size_t>(S));
  b.previous.reserve(static_cast<std::size_t>(T));
  b.targets.reserve(static_cast<std::size_t>(T));
  const bool additive = config.attention == AttentionKind::Additive;
  b.keys.resize(additive ? A : 0, S);
  b.scoreTanh.resize(additive ? A : 0, S);
  b.keysGrad.resize(additive ? A : 0, S);
  b.scoreTanhGrad.resize(additive ? A : 0, S);
  b.query.resize(additive ? A : 0);
  b.queryGrad.resize(additive ? A : 0);
  b.alpha.resize(S, T);
  b.context.resize(DH, T);
  b.logits.resize(V, T);
  b.probabilities.resize(V, T);
  b.inputProduct.resize(GH);
  b.stateGrad.assign(static_cast<std::size_t>(L), Vector(H));
  b.cellGrad.assign(static_cast<std::size_t>(L), Vector::Zero(H));
  for (Vector* v : {&b.hiddenGrad, &b.previousHidden, &b.previousCell, &b.carryH, &b.carryC,
                    &b.zeroH}) {
    v->setZero(H);
  }
  b.pre.resize(GH);
  b.recurrent.resize(GH);
  b.below.resize(std::max(DH, H));
  b.contextGrad.resize(DH);
  b.alphaGrad.resize(S);
  b.scoreGrad.resize(S);
  b.outputGrad.resize(V);
}

void Seq2SeqPass::drawMasks(Index steps, bool encoder, Rng& rng) {
  const double p = m_config.dropout;
  const double keep = 1.0 / (1.0 - p);
  for (Matrix& mask : encoder ? m->encoderMask : m->decoderMask) {
    for (Index t = 0; t < steps; ++t) {
      for (Index j = 0; j < mask.rows(); ++j) {
        mask(j, t) = rng.uniform() >= p ? keep : 0.0;
      }
    }
  }
}

void Seq2SeqPass::encode(const Model& model, std::span<const int> source) {
  m->masked = false;
  runEncoder(model, source);
}

void Seq2SeqPass::runEncoder(const Model& model, std::span<const int> source) {
  Buffers& b = *m;
  const Parameters& p = model.params;
  const auto S = static_cast<Index>(source.size());
  if (S < 1 || S > b.alpha.rows()) {
    throw std::invalid_argument("Seq2SeqPass::encode: the source does not fit the reserved size");
  }
  m_S = S;
  m_T = 0;
  b.source.assign(source.begin(), source.end());
  const Index H = m_config.hiddenSize;
  const int L = m_config.layers;
  const int D = m_config.directions();
  const bool lstm = m_config.cell == CellKind::Lstm;
  for (int k = 0; k < L; ++k) {
    for (int d = 0; d < D; ++d) {
      CellBlocks& blocks = b.encoderBlocks[static_cast<std::size_t>(k * D + d)];
      blocks = {p.cellBlockIndex(k, d, CellBlock::InputWeights),
                p.cellBlockIndex(k, d, CellBlock::RecurrentWeights),
                p.cellBlockIndex(k, d, CellBlock::InputBias),
                p.cellBlockIndex(k, d, CellBlock::RecurrentBias)};
      CellTrace& trace = b.encoder[static_cast<std::size_t>(k * D + d)];
      trace.hidden.col(0).setZero();
      if (lstm) {
        trace.cell.col(0).setZero();
      }
      const Matrix& Wih = p.block(blocks.inputWeights);
      for (Index s = 0; s < S; ++s) {
        const Index j = d == 0 ? s : S - 1 - s;
        if (k == 0) {
          detail::cellForwardStep(m_config.cell, p, blocks, Wih.col(b.source[static_cast<std::size_t>(j)]),
                                  s, trace);
        } else {
          b.inputProduct.noalias() = Wih * b.encoderInput[static_cast<std::size_t>(k - 1)].col(j);
          detail::cellForwardStep(m_config.cell, p, blocks, b.inputProduct, s, trace);
        }
        b.encoderOutput[static_cast<std::size_t>(k)].col(j).segment(d * H, H) =
            trace.hidden.col(s + 1);
      }
    }
    if (k + 1 < L) {
      auto in = b.encoderInput[static_cast<std::size_t>(k)].leftCols(S);
      in = b.encoderOutput[static_cast<std::size_t>(k)].leftCols(S);
      if (b.masked) {
        in.array() *= b.encoderMask[static_cast<std::size_t>(k)].leftCols(S).array();
      }
    }
  }
  // The decoder's layer k starts from the encoder's layer k forward final state.
  for (int k = 0; k < L; ++k) {
    const CellTrace& from = b.encoder[static_cast<std::size_t>(k * D)];
    CellTrace& to = b.decoder[static_cast<std::size_t>(k)];
    to.hidden.col(0) = from.hidden.col(S);
    if (lstm) {
      to.cell.col(0) = from.cell.col(S);
    }
    b.decoderBlocks[static_cast<std::size_t>(k)] = {
        p.decoderBlockIndex(k, CellBlock::InputWeights),
        p.decoderBlockIndex(k, CellBlock::RecurrentWeights),
        p.decoderBlockIndex(k, CellBlock::InputBias),
        p.decoderBlockIndex(k, CellBlock::RecurrentBias)};
  }
  if (m_config.attention == AttentionKind::Additive) {
    b.keys.leftCols(S).noalias() =
        p.block(p.attentionBlockIndex(1)) * b.encoderOutput.back().leftCols(S);
  }
}

void Seq2SeqPass::attend(const Model& model, Index t) {
  Buffers& b = *m;
  const Parameters& p = model.params;
  const Index S = m_S;
  const Index H = m_config.hiddenSize;
  const Matrix& E = b.encoderOutput.back();
  auto context = b.context.col(t);
  if (m_config.attention == AttentionKind::None) {
    context.head(H) = E.col(S - 1).head(H);
    if (m_config.bidirectional) {
      context.tail(H) = E.col(0).tail(H);
    }
    return;
  }
  const auto q = b.decoder.back().hidden.col(t);
  auto scores = b.alpha.col(t).head(S);
  if (m_config.attention == AttentionKind::Dot) {
    scores.noalias() = E.leftCols(S).transpose() * q;
  } else {
    b.query.noalias() = p.block(p.attentionBlockIndex(0)) * q;
    auto tanhBlock = b.scoreTanh.leftCols(S);
    tanhBlock = (b.keys.leftCols(S).colwise() + b.query).array().tanh().matrix();
    scores.noalias() = tanhBlock.transpose() * p.block(p.attentionBlockIndex(2)).transpose();
  }
  const double top = scores.maxCoeff();
  scores = (scores.array() - top).exp().matrix();
  scores /= scores.sum();
  context.noalias() = E.leftCols(S) * scores;
}

void Seq2SeqPass::decodeStep(const Model& model, Index t, int previous) {
  Buffers& b = *m;
  const Parameters& p = model.params;
  if (t >= b.logits.cols() || t != m_T) {
    throw std::invalid_argument("Seq2SeqPass::decodeStep: steps must follow each other and fit");
  }
  const Index DH = m_config.topSize();
  const int L = m_config.layers;
  attend(model, t);
  b.previous.resize(static_cast<std::size_t>(t + 1));
  b.previous[static_cast<std::size_t>(t)] = previous;
  for (int k = 0; k < L; ++k) {
    const CellBlocks& blocks = b.decoderBlocks[static_cast<std::size_t>(k)];
    const Matrix& Wih = p.block(blocks.inputWeights);
    if (k == 0) {
      b.inputProduct.noalias() = Wih.leftCols(DH) * b.context.col(t);
      b.inputProduct += Wih.col(DH + previous);
    } else {
      auto in = b.decoderInput[static_cast<std::size_t>(k - 1)].col(t);
      in = b.decoder[static_cast<std::size_t>(k - 1)].hidden.col(t + 1);
      if (b.masked) {
        in.array() *= b.decoderMask[static_cast<std::size_t>(k - 1)].col(t).array();
      }
      b.inputProduct.noalias() = Wih * in;
    }
    detail::cellForwardStep(m_config.cell, p, blocks, b.inputProduct, t,
                            b.decoder[static_cast<std::size_t>(k)]);
  }
  auto y = b.logits.col(t);
  y = p.by();
  y.noalias() += p.Why() * b.decoder.back().hidden.col(t + 1);
  m_T = t + 1;
}

double Seq2SeqPass::forward(const Model& model, std::span<const int> source,
                            std::span<const int> target, Rng* dropout) {
  Buffers& b = *m;
  const auto T = static_cast<Index>(target.size()) + 1;
  if (T > b.logits.cols()) {
    throw std::invalid_argument("Seq2SeqPass::forward: the target does not fit the reserved size");
  }
  b.masked = dropout != nullptr && m_config.dropout > 0.0 && m_config.layers > 1;
  if (b.masked) {
    // Per pair: the encoder's masks, then the decoder's, before the pass (v3 §1).
    drawMasks(static_cast<Index>(source.size()), true, *dropout);
    drawMasks(T, false, *dropout);
  }
  runEncoder(model, source);
  b.targets.resize(static_cast<std::size_t>(T));
  double loss = 0.0;
  for (Index t = 0; t < T; ++t) {
    const int previous = t == 0 ? PairsData::Bos : target[static_cast<std::size_t>(t - 1)];
    const int wanted = t + 1 < T ? target[static_cast<std::size_t>(t)] : PairsData::Eos;
    b.targets[static_cast<std::size_t>(t)] = wanted;
    decodeStep(model, t, previous);
    // log softmax, as the text model's loss computes it.
    const auto y = b.logits.col(t);
    const double top = y.maxCoeff();
    auto probabilities = b.probabilities.col(t);
    probabilities = (y.array() - top).exp().matrix();
    const double sum = probabilities.sum();
    probabilities /= sum;
    loss -= y(wanted) - top - std::log(sum);
  }
  m_loss = loss;
  return loss;
}

Eigen::Ref<const Vector> Seq2SeqPass::logits(Index t) const { return m->logits.col(t); }

Matrix Seq2SeqPass::outputs() const { return m->logits.leftCols(m_T).transpose(); }

Matrix Seq2SeqPass::attention() const {
  if (m_config.attention == AttentionKind::None) {
    return Matrix(0, 0);
  }
  return m->alpha.topLeftCorner(m_S, m_T).transpose();
}

Matrix Seq2SeqPass::decoderHidden() const {
  return m->decoder.back().hidden.middleCols(1, m_T).transpose();
}

}  // namespace rnnlab
