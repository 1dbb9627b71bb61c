#include "rnnlab/batch_pass.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <stdexcept>

#include "cell_passes.h"
#include "rnnlab/loss.h"

namespace rnnlab {

namespace {

// Columns summed into the weight gradients at a time: enough for an efficient product, few
// enough that the chunk is still in cache (512 KB of h_{t-1} per chunk).
Index accumulateColumns(Index hidden) {
  return std::max<Index>(64, (Index{1} << 16) / std::max<Index>(hidden, 1));
}

// out += Σ of the columns, one vectorized add per column: rowwise().sum() on a column-major
// block walks each row across the columns, and took ~5% of a minibatch at H = 128.
template <class In, class Out>
void addColumnSums(const In& in, Out&& out) {
  for (Index c = 0; c < in.cols(); ++c) {
    out += in.col(c);
  }
}

}  // namespace

void BatchPass::reserve(const ModelConfig& config, std::span<const SequenceData> sequences,
                        Index maxBatch) {
  m_config = config;
  std::vector<Index> lengths;
  lengths.reserve(sequences.size());
  for (const SequenceData& s : sequences) {
    lengths.push_back(s.steps());
  }
  std::sort(lengths.begin(), lengths.end(), std::greater<>());
  const auto B = std::min<Index>(maxBatch, static_cast<Index>(lengths.size()));
  const Index N = std::accumulate(lengths.begin(), lengths.begin() + B, Index{0});
  const Index T = lengths.empty() ? 0 : lengths.front();
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index GH = gateCount(config.cell) * H;
  const bool gated = config.cell != CellKind::Rnn;
  const bool lstm = config.cell == CellKind::Lstm;
  const bool gru = config.cell == CellKind::Gru;
  const bool crossEntropy = config.loss == LossKind::CrossEntropy;

  m_sorted.reserve(static_cast<std::size_t>(B));
  m_lengths.reserve(static_cast<std::size_t>(B));
  m_offset.reserve(static_cast<std::size_t>(T + 1));
  m_width.reserve(static_cast<std::size_t>(T));
  m_all.resize(sequences.size());
  std::iota(m_all.begin(), m_all.end(), 0L);

  m_inputs.resize(I, N);
  m_targets.resize(O, config.outputMode == OutputMode::Last ? B : N);
  m_pre.resize(GH, N);
  m_gates.resize(gated ? GH : 0, gated ? N : 0);
  m_hidden.resize(H, B + N);
  m_cell.resize(lstm ? H : 0, lstm ? B + N : 0);
  m_cellTanh.resize(lstm ? H : 0, lstm ? N : 0);
  m_candidate.resize(gru ? H : 0, gru ? N : 0);
  m_outputs.resize(O, N);
  m_outputGrad.resize(O, N);
  m_probabilities.resize(crossEntropy ? O : 0, N);
  m_stepLoss.resize(N);
  m_hiddenGrad.resize(H, N);
  m_cellGrad.resize(lstm ? H : 0, lstm ? N : 0);
  m_preGrad.resize(GH, N);
  m_recurrentGrad.resize(gru ? GH : 0, gru ? N : 0);
  m_inputBias.resize(GH);
  m_input.reserve(GH, I, B);
  m_outputTransposed.reserve(H, O, B);
  m_recurrent.reserve(gru ? 2 * H : GH, H, B);
  m_recurrentCandidate.reserve(gru ? H : 0, gru ? H : 0, gru ? B : 0);
  m_recurrentTransposed.reserve(H, GH, B);
}

double BatchPass::forward(const Model& model, std::span<const SequenceData> sequences,
                          std::span<const long> batch) {
  const ModelConfig& config = model.config;
  const Parameters& p = model.params;
  const auto B = static_cast<Index>(batch.size());
  if (B == 0 || B > static_cast<Index>(m_sorted.capacity()) || !(config == m_config)) {
    throw std::invalid_argument("BatchPass::forward: the batch does not fit the reserved size");
  }
  const auto lengthOf = [&](long k) {
    return sequences[static_cast<std::size_t>(batch[static_cast<std::size_t>(k)])].steps();
  };
  // Longest first, ties in batch order (an insertion sort: no buffer, and linear when the
  // lengths are equal, the common case).
  m_sorted.resize(static_cast<std::size_t>(B));
  for (Index k = 0; k < B; ++k) {
    long x = k;
    Index j = k;
    while (j > 0 && lengthOf(m_sorted[static_cast<std::size_t>(j - 1)]) < lengthOf(x)) {
      m_sorted[static_cast<std::size_t>(j)] = m_sorted[static_cast<std::size_t>(j - 1)];
      --j;
    }
    m_sorted[static_cast<std::size_t>(j)] = x;
  }
  m_lengths.resize(static_cast<std::size_t>(B));
  for (Index r = 0; r < B; ++r) {
    m_lengths[static_cast<std::size_t>(r)] = lengthOf(m_sorted[static_cast<std::size_t>(r)]);
  }
  const Index T = m_lengths[0];
  if (T + 1 > static_cast<Index>(m_offset.capacity())) {
    throw std::invalid_argument("BatchPass::forward: a sequence is longer than reserved");
  }
  m_offset.resize(static_cast<std::size_t>(T + 1));
  m_width.resize(static_cast<std::size_t>(T));
  Index active = B;
  m_offset[0] = 0;
  for (Index t = 0; t < T; ++t) {
    while (active > 0 && m_lengths[static_cast<std::size_t>(active - 1)] <= t) {
      --active;
    }
    m_width[static_cast<std::size_t>(t)] = active;
    m_offset[static_cast<std::size_t>(t + 1)] = m_offset[static_cast<std::size_t>(t)] + active;
  }
  const Index N = m_offset[static_cast<std::size_t>(T)];
  if (N > m_inputs.cols()) {
    throw std::invalid_argument("BatchPass::forward: the batch is longer than reserved");
  }
  m_batch = B;
  m_steps = T;
  m_columns = N;

  const bool last = config.outputMode == OutputMode::Last;
  for (Index r = 0; r < B; ++r) {
    const SequenceData& s = sequences[static_cast<std::size_t>(
        batch[static_cast<std::size_t>(m_sorted[static_cast<std::size_t>(r)])])];
    for (Index t = 0; t < s.steps(); ++t) {
      m_inputs.col(column(r, t)) = s.inputs.row(t).transpose();
      if (!last) {
        m_targets.col(column(r, t)) = s.targets.row(t).transpose();
      }
    }
    if (last) {
      m_targets.col(r) = s.targets.row(s.targets.rows() - 1).transpose();
    }
  }

  const Index H = config.hiddenSize;
  const bool lstm = config.cell == CellKind::Lstm;
  for (Index r = 0; r < B; ++r) {
    m_hidden.col(r) = model.h0;
    if (lstm) {
      if (model.c0.size() == H) {
        m_cell.col(r) = model.c0;
      } else {
        m_cell.col(r).setZero();
      }
    }
  }

  // Each step's pre-activations start from the biases the cell adds before its nonlinearity;
  // the input and recurrent products are added step by step while the block is in cache.
  switch (config.cell) {
    case CellKind::Rnn:
      m_inputBias = p.bh();
      break;
    case CellKind::Lstm:
      m_inputBias = p.bih() + p.bhh();
      break;
    case CellKind::Gru:
      m_inputBias = p.bih();
      m_inputBias.head(2 * H) += p.bhh().head(2 * H);
      break;
  }
  m_input.pack(p.Wxh(), false);
  if (config.cell == CellKind::Gru) {
    m_recurrent.pack(p.Whh().topRows(2 * H), false);
    m_recurrentCandidate.pack(p.Whh().bottomRows(H), false);
  } else {
    m_recurrent.pack(p.Whh(), false);
  }
  for (Index t = 0; t < T; ++t) {
    const Index o = m_offset[static_cast<std::size_t>(t)];
    const Index w = m_width[static_cast<std::size_t>(t)];
    auto pre = m_pre.middleCols(o, w);
    const auto previous = previousBlock(m_hidden, t);
    auto hidden = m_hidden.middleCols(B + o, w);
    pre.colwise() = m_inputBias;
    m_input.addProduct(pre, m_inputs.middleCols(o, w));
    switch (config.cell) {
      case CellKind::Rnn:
        m_recurrent.addProduct(pre, previous);
        detail::fastTanh(pre, hidden);
        break;
      case CellKind::Lstm: {
        auto gates = m_gates.middleCols(o, w);
        m_recurrent.addProduct(pre, previous);
        detail::sigmoid(pre.topRows(2 * H), gates.topRows(2 * H));               // i, f
        detail::fastTanh(pre.middleRows(2 * H, H), gates.middleRows(2 * H, H));  // g
        detail::sigmoid(pre.bottomRows(H), gates.bottomRows(H));                 // o
        auto c = m_cell.middleCols(B + o, w);
        c = (gates.middleRows(H, H).array() * previousBlock(m_cell, t).array() +
             gates.topRows(H).array() * gates.middleRows(2 * H, H).array())
                .matrix();
        detail::fastTanh(c, m_cellTanh.middleCols(o, w));
        hidden = (gates.bottomRows(H).array() * m_cellTanh.middleCols(o, w).array()).matrix();
        break;
      }
      case CellKind::Gru: {
        auto gates = m_gates.middleCols(o, w);
        auto m = m_candidate.middleCols(o, w);
        m_recurrent.addProduct(pre.topRows(2 * H), previous);
        m_recurrentCandidate.setProduct(m, previous);
        m.colwise() += p.bhh().tail(H);
        detail::sigmoid(pre.topRows(2 * H), gates.topRows(2 * H));  // r, z
        pre.bottomRows(H).array() += gates.topRows(H).array() * m.array();
        detail::fastTanh(pre.bottomRows(H), gates.bottomRows(H));  // n
        hidden = (gates.bottomRows(H).array() +
                  gates.middleRows(H, H).array() * (previous.array() - gates.bottomRows(H).array()))
                     .matrix();
        break;
      }
    }
  }

  m_outputs.leftCols(N).noalias() = p.Why() * m_hidden.middleCols(B, N);
  m_outputs.leftCols(N).colwise() += p.by();

  double total = 0.0;
  if (!last) {
    total = evaluateLoss(config.loss, OutputMode::Sequence, m_outputs.leftCols(N),
                         m_targets.leftCols(N), m_stepLoss.head(N), m_outputGrad.leftCols(N),
                         m_probabilities.leftCols(N));
  } else {
    m_outputGrad.leftCols(N).setZero();
    m_stepLoss.head(N).setZero();
    for (Index r = 0; r < B; ++r) {
      const Index c = column(r, m_lengths[static_cast<std::size_t>(r)] - 1);
      total += evaluateLoss(config.loss, OutputMode::Sequence, m_outputs.middleCols(c, 1),
                            m_targets.middleCols(r, 1), m_stepLoss.segment(c, 1),
                            m_outputGrad.middleCols(c, 1), m_probabilities.middleCols(c, 1));
    }
  }
  const double scale = 1.0 / static_cast<double>(B);
  m_outputGrad.leftCols(N) *= scale;
  m_loss = total * scale;
  return m_loss;
}

double BatchPass::forwardAll(const Model& model, std::span<const SequenceData> sequences) {
  if (sequences.empty()) {
    return 0.0;
  }
  return forward(model, sequences, std::span<const long>(m_all).first(sequences.size()));
}

void BatchPass::backward(const Model& model, Gradients& g) {
  const Parameters& p = model.params;
  const Index H = model.config.hiddenSize;
  const Index B = m_batch;
  const Index T = m_steps;
  const CellKind cell = model.config.cell;
  m_outputTransposed.pack(p.Why(), true);
  m_recurrentTransposed.pack(p.Whh(), true);
  g.setZero();
  // The weight gradients are sums of per-step outer products. They are taken a few steps at a
  // time, as products over those steps' columns while the backward loop has them in cache;
  // one product over all N columns read them again from memory (~10% of a minibatch at H=128).
  Index chunkLast = T - 1;  // the chunk is steps t..chunkLast
  const Index chunkColumns = accumulateColumns(H);

  for (Index t = T - 1; t >= 0; --t) {
    const Index o = m_offset[static_cast<std::size_t>(t)];
    const Index w = m_width[static_cast<std::size_t>(t)];
    const bool hasNext = t + 1 < T;
    const Index o2 = hasNext ? m_offset[static_cast<std::size_t>(t + 1)] : 0;
    const Index w2 = hasNext ? m_width[static_cast<std::size_t>(t + 1)] : 0;
    auto dh = m_hiddenGrad.middleCols(o, w);
    auto dPre = m_preGrad.middleCols(o, w);
    m_outputTransposed.setProduct(dh, m_outputGrad.middleCols(o, w));  // Whyᵀ·δy_t
    switch (cell) {
      case CellKind::Rnn: {
        if (hasNext) {
          m_recurrentTransposed.addProduct(dh.leftCols(w2), m_preGrad.middleCols(o2, w2));
        }
        dPre = ((1.0 - m_hidden.middleCols(B + o, w).array().square()) * dh.array()).matrix();
        break;
      }
      case CellKind::Lstm: {
        if (hasNext) {
          m_recurrentTransposed.addProduct(dh.leftCols(w2), m_preGrad.middleCols(o2, w2));
        }
        const auto gates = m_gates.middleCols(o, w);
        const auto i = gates.topRows(H).array();
        const auto f = gates.middleRows(H, H).array();
        const auto gg = gates.middleRows(2 * H, H).array();
        const auto og = gates.bottomRows(H).array();
        const auto tanhC = m_cellTanh.middleCols(o, w).array();
        auto dc = m_cellGrad.middleCols(o, w);
        dc = ((1.0 - tanhC.square()) * (og * dh.array())).matrix();
        if (hasNext) {
          dc.leftCols(w2).array() += m_gates.middleCols(o2, w2).middleRows(H, H).array() *
                                     m_cellGrad.middleCols(o2, w2).array();
        }
        dPre.topRows(H) = (i * (1.0 - i) * (gg * dc.array())).matrix();
        dPre.middleRows(H, H) =
            (f * (1.0 - f) * (previousBlock(m_cell, t).array() * dc.array())).matrix();
        dPre.middleRows(2 * H, H) = ((1.0 - gg.square()) * (i * dc.array())).matrix();
        dPre.bottomRows(H) = (og * (1.0 - og) * (tanhC * dh.array())).matrix();
        break;
      }
      case CellKind::Gru: {
        if (hasNext) {
          m_recurrentTransposed.addProduct(dh.leftCols(w2), m_recurrentGrad.middleCols(o2, w2));
          dh.leftCols(w2).array() += m_gates.middleCols(o2, w2).middleRows(H, H).array() *
                                     m_hiddenGrad.middleCols(o2, w2).array();
        }
        const auto gates = m_gates.middleCols(o, w);
        const auto r = gates.topRows(H).array();
        const auto z = gates.middleRows(H, H).array();
        const auto n = gates.bottomRows(H).array();
        auto dRec = m_recurrentGrad.middleCols(o, w);
        dPre.bottomRows(H) = ((1.0 - n.square()) * ((1.0 - z) * dh.array())).matrix();  // δn̂
        dPre.topRows(H) =
            (r * (1.0 - r) * (m_candidate.middleCols(o, w).array() * dPre.bottomRows(H).array()))
                .matrix();
        dPre.middleRows(H, H) =
            (z * (1.0 - z) * ((previousBlock(m_hidden, t).array() - n) * dh.array())).matrix();
        dRec.topRows(2 * H) = dPre.topRows(2 * H);
        dRec.bottomRows(H) = (r * dPre.bottomRows(H).array()).matrix();
        break;
      }
    }
    // A chunk's h_{t-1} columns must be contiguous: step s−1's are followed by step s's unless
    // the width shrinks at step s−1 (s−1 > 0), where block s−2 is wider than what s−1 reads.
    const bool earlierContiguous =
        t == 1 || (t > 1 && m_width[static_cast<std::size_t>(t - 1)] ==
                                m_width[static_cast<std::size_t>(t - 2)]);
    if (t == 0 || !earlierContiguous ||
        m_offset[static_cast<std::size_t>(chunkLast + 1)] - o >= chunkColumns) {
      accumulate(model, t, chunkLast, g);
      chunkLast = t - 1;
    }
  }

  if (cell == CellKind::Lstm) {
    g.bhh() = g.bih();
  }
}

void BatchPass::accumulate(const Model& model, Index first, Index last, Gradients& g) const {
  const Index begin = m_offset[static_cast<std::size_t>(first)];
  const Index n = m_offset[static_cast<std::size_t>(last + 1)] - begin;
  const auto deltas = m_preGrad.middleCols(begin, n);
  const auto previous = m_hidden.middleCols(previousStart(first), n);
  g.Wxh().noalias() += deltas * m_inputs.middleCols(begin, n).transpose();
  switch (model.config.cell) {
    case CellKind::Rnn:
      g.Whh().noalias() += deltas * previous.transpose();
      addColumnSums(deltas, g.bh());
      break;
    case CellKind::Lstm:
      g.Whh().noalias() += deltas * previous.transpose();
      addColumnSums(deltas, g.bih());
      break;
    case CellKind::Gru: {
      const auto recurrent = m_recurrentGrad.middleCols(begin, n);
      g.Whh().noalias() += recurrent * previous.transpose();
      addColumnSums(deltas, g.bih());
      addColumnSums(recurrent, g.bhh());
      break;
    }
  }
  const auto outputGrad = m_outputGrad.middleCols(begin, n);
  g.Why().noalias() += outputGrad * m_hidden.middleCols(m_batch + begin, n).transpose();
  g.by() += outputGrad.rowwise().sum();
}

Index BatchPass::rankOf(Index k) const {
  for (Index r = 0; r < m_batch; ++r) {
    if (m_sorted[static_cast<std::size_t>(r)] == k) {
      return r;
    }
  }
  throw std::out_of_range("BatchPass: no such sequence in the batch");
}

double BatchPass::sequenceLoss(Index k) const {
  const Index r = rankOf(k);
  double total = 0.0;
  for (Index t = 0; t < m_lengths[static_cast<std::size_t>(r)]; ++t) {
    total += m_stepLoss(column(r, t));
  }
  return total;
}

Matrix BatchPass::sequenceOutputs(Index k) const {
  const Index r = rankOf(k);
  const Index T = m_lengths[static_cast<std::size_t>(r)];
  Matrix out(T, m_outputs.rows());
  for (Index t = 0; t < T; ++t) {
    out.row(t) = m_outputs.col(column(r, t)).transpose();
  }
  return out;
}

Matrix BatchPass::sequenceHidden(Index k) const {
  const Index r = rankOf(k);
  const Index T = m_lengths[static_cast<std::size_t>(r)];
  Matrix out(m_hidden.rows(), T + 1);
  out.col(0) = m_hidden.col(r);
  for (Index t = 0; t < T; ++t) {
    out.col(t + 1) = m_hidden.col(m_batch + column(r, t));
  }
  return out;
}

}  // namespace rnnlab
