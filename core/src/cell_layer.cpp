#include "cell_layer.h"

#include <algorithm>

#include "cell_passes.h"

namespace rnnlab::detail {

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

void Packing::reserve(Index maxBatch, Index maxSteps) {
  lengths.reserve(static_cast<std::size_t>(maxBatch));
  offset.reserve(static_cast<std::size_t>(maxSteps + 1));
  width.reserve(static_cast<std::size_t>(maxSteps));
  chunks.reserve(static_cast<std::size_t>(maxSteps));
}

Index Packing::maxChunkColumns(Index hiddenSize, Index maxBatch, Index maxColumns) {
  // A chunk ends at the first step that brings it to accumulateColumns() or more.
  return std::min(maxColumns, accumulateColumns(hiddenSize) + maxBatch);
}

void Packing::set(std::span<const Index> lengthsByRank, Index hiddenSize) {
  batch = static_cast<Index>(lengthsByRank.size());
  lengths.assign(lengthsByRank.begin(), lengthsByRank.end());
  steps = batch > 0 ? lengths[0] : 0;
  offset.resize(static_cast<std::size_t>(steps + 1));
  width.resize(static_cast<std::size_t>(steps));
  Index active = batch;
  offset[0] = 0;
  for (Index t = 0; t < steps; ++t) {
    while (active > 0 && lengths[static_cast<std::size_t>(active - 1)] <= t) {
      --active;
    }
    width[static_cast<std::size_t>(t)] = active;
    offset[static_cast<std::size_t>(t + 1)] = offset[static_cast<std::size_t>(t)] + active;
  }
  columns = offset[static_cast<std::size_t>(steps)];
  // A chunk's h_{t-1} columns must be contiguous: step s−1's are followed by step s's unless the
  // width shrinks at step s−1 (s−1 > 0), where block s−2 is wider than what s−1 reads.
  chunks.clear();
  const Index chunkColumns = accumulateColumns(hiddenSize);
  Index chunkLast = steps - 1;
  for (Index t = steps - 1; t >= 0; --t) {
    const bool earlierContiguous =
        t == 1 || (t > 1 && width[static_cast<std::size_t>(t - 1)] ==
                                width[static_cast<std::size_t>(t - 2)]);
    if (t == 0 || !earlierContiguous ||
        offset[static_cast<std::size_t>(chunkLast + 1)] - offset[static_cast<std::size_t>(t)] >=
            chunkColumns) {
      chunks.push_back({t, chunkLast});
      chunkLast = t - 1;
    }
  }
}

void WeightProduct::reserve(Index rows, Index depth, Index maxCols, bool tiled) {
  m_tiled = tiled;
  m_exact.reserve(tiled ? 0 : rows, tiled ? 0 : depth, tiled ? 0 : maxCols);
  m_fast.reserve(tiled ? rows : 0, tiled ? depth : 0);
}

void WeightProduct::pack(Eigen::Ref<const Matrix> W, bool transposed) {
  if (m_tiled) {
    m_fast.pack(W, transposed);
  } else {
    m_exact.pack(W, transposed);
  }
}

void WeightProduct::addProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B) {
  if (m_tiled) {
    m_fast.addProduct(C, B);
  } else {
    m_exact.addProduct(C, B);
  }
}

void WeightProduct::setProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B) {
  if (m_tiled) {
    m_fast.setProduct(C, B);
  } else {
    m_exact.setProduct(C, B);
  }
}

void CellLayer::reserve(CellKind cellKind, Index H, Index I, Index maxBatch, Index N,
                        bool withInputGrad, bool tiled) {
  m_cell = cellKind;
  m_tiled = tiled;
  const Index GH = gateCount(cellKind) * H;
  const Index B = maxBatch;
  const bool gated = cellKind != CellKind::Rnn;
  const bool lstm = cellKind == CellKind::Lstm;
  const bool gru = cellKind == CellKind::Gru;
  pre.resize(GH, N);
  gates.resize(gated ? GH : 0, gated ? N : 0);
  hidden.resize(H, B + N);
  cell.resize(lstm ? H : 0, lstm ? B + N : 0);
  cellTanh.resize(lstm ? H : 0, lstm ? N : 0);
  candidate.resize(gru ? H : 0, gru ? N : 0);
  hiddenGrad.resize(H, N);
  cellGrad.resize(lstm ? H : 0, lstm ? N : 0);
  preGrad.resize(GH, N);
  recurrentGrad.resize(gru ? GH : 0, gru ? N : 0);
  inputGrad.resize(withInputGrad ? I : 0, withInputGrad ? N : 0);
  m_inputBias.resize(GH);
  m_input.reserve(GH, I, B, tiled);
  m_recurrent.reserve(gru ? 2 * H : GH, H, B, tiled);
  m_recurrentCandidate.reserve(gru ? H : 0, gru ? H : 0, gru ? B : 0, tiled);
  m_recurrentTransposed.reserve(H, GH, B, tiled);
  m_inputTransposed.reserve(withInputGrad ? I : 0, withInputGrad ? GH : 0);
  m_weightGradient.reserve(tiled ? std::max(I, H) : 0, tiled ? Packing::maxChunkColumns(H, B, N) : 0);
}

void CellLayer::forward(const Parameters& p, int layer, int direction, const Packing& packing,
                        const LayerInput& input) {
  const Index H = hidden.rows();
  const Index B = packing.batch;
  const Matrix& Wih = p.block(p.cellBlockIndex(layer, direction, CellBlock::InputWeights));
  const Matrix& Whh = p.block(p.cellBlockIndex(layer, direction, CellBlock::RecurrentWeights));
  const auto bih = p.vec(p.cellBlockIndex(layer, direction, CellBlock::InputBias));
  const int recurrentBias = p.cellBlockIndex(layer, direction, CellBlock::RecurrentBias);
  // Each step's pre-activations start from the biases the cell adds before its nonlinearity;
  // the input and recurrent products are added step by step while the block is in cache.
  switch (m_cell) {
    case CellKind::Rnn:
      m_inputBias = bih;
      break;
    case CellKind::Lstm:
      m_inputBias = bih + p.vec(recurrentBias);
      break;
    case CellKind::Gru:
      m_inputBias = bih;
      m_inputBias.head(2 * H) += p.vec(recurrentBias).head(2 * H);
      break;
  }
  if (input.dense != nullptr) {
    m_input.pack(Wih, false);
  }
  if (m_cell == CellKind::Gru) {
    m_recurrent.pack(Whh.topRows(2 * H), false);
    m_recurrentCandidate.pack(Whh.bottomRows(H), false);
  } else {
    m_recurrent.pack(Whh, false);
  }
  // A layer above the first reads a wide input (D·H): its input products run as one product over
  // the whole batch, which is faster than a product per step. The first layer's stay per step, as
  // version 2 computed them (bit for bit).
  const bool wholeInput = layer > 0 && input.dense != nullptr;
  if (wholeInput) {
    pre.leftCols(packing.columns).colwise() = m_inputBias;
    m_input.addProduct(pre.leftCols(packing.columns), input.columns(0, packing.columns));
  }
  for (Index t = 0; t < packing.steps; ++t) {
    const Index o = packing.offsetOf(t);
    const Index w = packing.widthOf(t);
    auto stepPre = pre.middleCols(o, w);
    const auto previous = previousBlock(packing, hidden, t);
    auto h = hidden.middleCols(B + o, w);
    if (wholeInput) {
      // The input product and the biases are in place.
    } else if (input.dense != nullptr) {
      stepPre.colwise() = m_inputBias;
      m_input.addProduct(stepPre, input.columns(o, w));
    } else {
      stepPre.colwise() = m_inputBias;
      for (Index c = 0; c < w; ++c) {
        stepPre.col(c) += Wih.col((*input.indices)(o + c));
      }
    }
    switch (m_cell) {
      case CellKind::Rnn:
        m_recurrent.addProduct(stepPre, previous);
        fastTanh(stepPre, h);
        break;
      case CellKind::Lstm: {
        auto g = gates.middleCols(o, w);
        m_recurrent.addProduct(stepPre, previous);
        sigmoid(stepPre.topRows(2 * H), g.topRows(2 * H));               // i, f
        fastTanh(stepPre.middleRows(2 * H, H), g.middleRows(2 * H, H));  // g
        sigmoid(stepPre.bottomRows(H), g.bottomRows(H));                 // o
        auto c = cell.middleCols(B + o, w);
        c = (g.middleRows(H, H).array() * previousBlock(packing, cell, t).array() +
             g.topRows(H).array() * g.middleRows(2 * H, H).array())
                .matrix();
        fastTanh(c, cellTanh.middleCols(o, w));
        h = (g.bottomRows(H).array() * cellTanh.middleCols(o, w).array()).matrix();
        break;
      }
      case CellKind::Gru: {
        auto g = gates.middleCols(o, w);
        auto m = candidate.middleCols(o, w);
        m_recurrent.addProduct(stepPre.topRows(2 * H), previous);
        m_recurrentCandidate.setProduct(m, previous);
        m.colwise() += p.vec(recurrentBias).tail(H);
        sigmoid(stepPre.topRows(2 * H), g.topRows(2 * H));  // r, z
        stepPre.bottomRows(H).array() += g.topRows(H).array() * m.array();
        fastTanh(stepPre.bottomRows(H), g.bottomRows(H));  // n
        h = (g.bottomRows(H).array() +
             g.middleRows(H, H).array() * (previous.array() - g.bottomRows(H).array()))
                .matrix();
        break;
      }
    }
  }
}

void CellLayer::backward(const Parameters& p, int layer, int direction, const Packing& packing,
                         const LayerInput& input, Gradients& g) {
  const Index H = hidden.rows();
  const Index T = packing.steps;
  m_recurrentTransposed.pack(
      p.block(p.cellBlockIndex(layer, direction, CellBlock::RecurrentWeights)), true);
  // The weight gradients are sums of per-step outer products. They are taken a few steps at a
  // time, as products over those steps' columns while the backward loop has them in cache;
  // one product over all N columns read them again from memory (~10% of a minibatch at H=128).
  std::size_t chunk = 0;
  for (Index t = T - 1; t >= 0; --t) {
    const Index o = packing.offsetOf(t);
    const Index w = packing.widthOf(t);
    const bool hasNext = t + 1 < T;
    const Index o2 = hasNext ? packing.offsetOf(t + 1) : 0;
    const Index w2 = hasNext ? packing.widthOf(t + 1) : 0;
    auto dh = hiddenGrad.middleCols(o, w);
    auto dPre = preGrad.middleCols(o, w);
    switch (m_cell) {
      case CellKind::Rnn: {
        if (hasNext) {
          m_recurrentTransposed.addProduct(dh.leftCols(w2), preGrad.middleCols(o2, w2));
        }
        dPre = ((1.0 - hidden.middleCols(packing.batch + o, w).array().square()) * dh.array())
                   .matrix();
        break;
      }
      case CellKind::Lstm: {
        if (hasNext) {
          m_recurrentTransposed.addProduct(dh.leftCols(w2), preGrad.middleCols(o2, w2));
        }
        const auto stepGates = gates.middleCols(o, w);
        const auto i = stepGates.topRows(H).array();
        const auto f = stepGates.middleRows(H, H).array();
        const auto gg = stepGates.middleRows(2 * H, H).array();
        const auto og = stepGates.bottomRows(H).array();
        const auto tanhC = cellTanh.middleCols(o, w).array();
        auto dc = cellGrad.middleCols(o, w);
        dc = ((1.0 - tanhC.square()) * (og * dh.array())).matrix();
        if (hasNext) {
          dc.leftCols(w2).array() += gates.middleCols(o2, w2).middleRows(H, H).array() *
                                     cellGrad.middleCols(o2, w2).array();
        }
        dPre.topRows(H) = (i * (1.0 - i) * (gg * dc.array())).matrix();
        dPre.middleRows(H, H) =
            (f * (1.0 - f) * (previousBlock(packing, cell, t).array() * dc.array())).matrix();
        dPre.middleRows(2 * H, H) = ((1.0 - gg.square()) * (i * dc.array())).matrix();
        dPre.bottomRows(H) = (og * (1.0 - og) * (tanhC * dh.array())).matrix();
        break;
      }
      case CellKind::Gru: {
        if (hasNext) {
          m_recurrentTransposed.addProduct(dh.leftCols(w2), recurrentGrad.middleCols(o2, w2));
          dh.leftCols(w2).array() += gates.middleCols(o2, w2).middleRows(H, H).array() *
                                     hiddenGrad.middleCols(o2, w2).array();
        }
        const auto stepGates = gates.middleCols(o, w);
        const auto r = stepGates.topRows(H).array();
        const auto z = stepGates.middleRows(H, H).array();
        const auto n = stepGates.bottomRows(H).array();
        auto dRec = recurrentGrad.middleCols(o, w);
        dPre.bottomRows(H) = ((1.0 - n.square()) * ((1.0 - z) * dh.array())).matrix();  // δn̂
        dPre.topRows(H) =
            (r * (1.0 - r) * (candidate.middleCols(o, w).array() * dPre.bottomRows(H).array()))
                .matrix();
        dPre.middleRows(H, H) =
            (z * (1.0 - z) * ((previousBlock(packing, hidden, t).array() - n) * dh.array()))
                .matrix();
        dRec.topRows(2 * H) = dPre.topRows(2 * H);
        dRec.bottomRows(H) = (r * dPre.bottomRows(H).array()).matrix();
        break;
      }
    }
    if (chunk < packing.chunks.size() && packing.chunks[chunk].first == t) {
      accumulate(p, layer, direction, packing, input, t, packing.chunks[chunk].last, g);
      ++chunk;
    }
  }
  const int bih = p.cellBlockIndex(layer, direction, CellBlock::InputBias);
  if (m_cell == CellKind::Lstm) {
    g.vec(p.cellBlockIndex(layer, direction, CellBlock::RecurrentBias)) = g.vec(bih);
  }
  if (inputGrad.size() > 0) {
    m_inputTransposed.pack(p.block(p.cellBlockIndex(layer, direction, CellBlock::InputWeights)),
                           true);
    m_inputTransposed.setProduct(inputGrad.leftCols(packing.columns),
                                 preGrad.leftCols(packing.columns));
  }
}

void CellLayer::accumulate(const Parameters& p, int layer, int direction, const Packing& packing,
                           const LayerInput& input, Index first, Index last, Gradients& g) {
  const Index begin = packing.offsetOf(first);
  const Index n = packing.offsetOf(last + 1) - begin;
  const auto deltas = preGrad.middleCols(begin, n);
  const auto previous = hidden.middleCols(previousStart(packing, first), n);
  Matrix& dWih = g.block(p.cellBlockIndex(layer, direction, CellBlock::InputWeights));
  Matrix& dWhh = g.block(p.cellBlockIndex(layer, direction, CellBlock::RecurrentWeights));
  auto dbih = g.vec(p.cellBlockIndex(layer, direction, CellBlock::InputBias));
  if (input.dense != nullptr) {
    if (m_tiled) {
      m_weightGradient.add(dWih, deltas, input.columns(begin, n));
    } else {
      dWih.noalias() += deltas * input.columns(begin, n).transpose();
    }
  } else {
    for (Index c = 0; c < n; ++c) {
      dWih.col((*input.indices)(begin + c)) += deltas.col(c);
    }
  }
  switch (m_cell) {
    case CellKind::Rnn:
    case CellKind::Lstm:
      if (m_tiled) {
        m_weightGradient.add(dWhh, deltas, previous);
      } else {
        dWhh.noalias() += deltas * previous.transpose();
      }
      addColumnSums(deltas, dbih);
      break;
    case CellKind::Gru: {
      const auto recurrent = recurrentGrad.middleCols(begin, n);
      if (m_tiled) {
        m_weightGradient.add(dWhh, recurrent, previous);
      } else {
        dWhh.noalias() += recurrent * previous.transpose();
      }
      addColumnSums(deltas, dbih);
      addColumnSums(recurrent, g.vec(p.cellBlockIndex(layer, direction, CellBlock::RecurrentBias)));
      break;
    }
  }
}

}  // namespace rnnlab::detail
