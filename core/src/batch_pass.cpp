#include "rnnlab/batch_pass.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <stdexcept>

#include "batch_pass_buffers.h"
#include "rnnlab/loss.h"

namespace rnnlab {


BatchPass::BatchPass() : m(std::make_unique<Buffers>()) {}
BatchPass::~BatchPass() = default;
BatchPass::BatchPass(const BatchPass& other)
    : m(std::make_unique<Buffers>(*other.m)), m_config(other.m_config), m_loss(other.m_loss) {}
BatchPass& BatchPass::operator=(const BatchPass& other) {
  if (this != &other) {
    *m = *other.m;
    m_config = other.m_config;
    m_loss = other.m_loss;
  }
  return *this;
}
BatchPass::BatchPass(BatchPass&&) noexcept = default;
BatchPass& BatchPass::operator=(BatchPass&&) noexcept = default;

Index BatchPass::batchSize() const { return m->packing.batch; }
Index BatchPass::columns() const { return m->packing.columns; }

detail::CellLayer& BatchPass::cellOf(int layer, int direction) {
  return m->cells[static_cast<std::size_t>(layer * m_config.directions() + direction)];
}
const detail::CellLayer& BatchPass::cellOf(int layer, int direction) const {
  return m->cells[static_cast<std::size_t>(layer * m_config.directions() + direction)];
}

void BatchPass::reserveShape(const ModelConfig& config, Index B, Index T, Index N, bool indexed) {
  m_config = config;
  Buffers& b = *m;
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index DH = config.topSize();
  const int D = config.directions();
  const int L = config.layers;
  const bool crossEntropy = config.loss == LossKind::CrossEntropy;
  b.indexed = indexed;
  b.capacityBatch = B;
  b.capacitySteps = T;
  b.packing.reserve(B, T);
  b.sorted.reserve(static_cast<std::size_t>(B));
  b.rank.reserve(static_cast<std::size_t>(B));
  b.lengthScratch.reserve(static_cast<std::size_t>(B));
  b.inputs.resize(indexed ? 0 : I, indexed ? 0 : N);
  b.inputIndices.resize(indexed ? N : 0);
  b.targetIndices.resize(indexed ? N : 0);
  b.targets.resize(indexed ? 0 : O, config.outputMode == OutputMode::Last ? B : N);
  b.reverseColumn.resize(D == 2 ? static_cast<std::size_t>(N) : 0);
  b.reversedInputs.resize(D == 2 && !indexed ? I : 0, D == 2 && !indexed ? N : 0);
  b.reversedInputIndices.resize(D == 2 && indexed ? N : 0);
  b.cells.resize(static_cast<std::size_t>(L * D));
  for (int k = 0; k < L; ++k) {
    for (int d = 0; d < D; ++d) {
      cellOf(k, d).reserve(config.cell, H, k == 0 ? I : DH, B, N, k > 0, config.stacked());
    }
  }
  const auto above = static_cast<std::size_t>(L - 1);
  const bool dropout = config.dropout > 0.0;
  b.layerInput.resize(above);
  b.reversedLayerInput.resize(D == 2 ? above : 0);
  b.dropoutMask.resize(dropout ? above : 0);
  for (std::size_t k = 0; k < above; ++k) {
    // Without dropout a one-direction layer reads the one below's states in place.
    b.layerInput[k].resize(D == 2 || dropout ? DH : 0, D == 2 || dropout ? N : 0);
    if (D == 2) {
      b.reversedLayerInput[k].resize(DH, N);
    }
    if (dropout) {
      b.dropoutMask[k].resize(DH, N);
    }
  }
  b.layerOutput.resize(D == 2 ? static_cast<std::size_t>(L) : 0);
  for (Matrix& out : b.layerOutput) {
    out.resize(DH, N);
  }
  b.layerGrad.resize(config.stacked() ? DH : 0, config.stacked() ? N : 0);
  b.outputs.resize(O, N);
  b.outputGrad.resize(O, N);
  b.probabilities.resize(crossEntropy ? O : 0, N);
  b.stepLoss.resize(N);
  // A stack runs the output layer's products on the tiled kernel too, each over all columns.
  const bool tiled = config.stacked();
  b.outputTransposed.reserve(tiled ? 0 : DH, tiled ? 0 : O, tiled ? 0 : B);
  b.output.reserve(tiled ? O : 0, tiled ? DH : 0);
  b.outputGradTransposed.reserve(tiled ? DH : 0, tiled ? O : 0);
  b.outputWeightGradient.reserve(tiled ? DH : 0,
                                 tiled ? detail::Packing::maxChunkColumns(H, B, N) : 0);
}

void BatchPass::reserve(const ModelConfig& config, std::span<const SequenceData> sequences,
                        Index maxBatch) {
  std::vector<Index> lengths;
  lengths.reserve(sequences.size());
  for (const SequenceData& s : sequences) {
    lengths.push_back(s.steps());
  }
  std::sort(lengths.begin(), lengths.end(), std::greater<>());
  const auto B = std::min<Index>(maxBatch, static_cast<Index>(lengths.size()));
  const Index N = std::accumulate(lengths.begin(), lengths.begin() + B, Index{0});
  const Index T = lengths.empty() ? 0 : lengths.front();
  reserveShape(config, B, T, N, false);
  m->all.resize(sequences.size());
  std::iota(m->all.begin(), m->all.end(), 0L);
}

void BatchPass::reserveStreams(const ModelConfig& config, Index streams, Index length) {
  reserveShape(config, streams, length, streams * length, true);
  m->all.clear();
}

template <class LengthOf>
void BatchPass::pack(Index B, const LengthOf& lengthOf) {
  Buffers& b = *m;
  if (B == 0 || B > b.capacityBatch) {
    throw std::invalid_argument("BatchPass::forward: the batch does not fit the reserved size");
  }
  // Longest first, ties in batch order (an insertion sort: no buffer, and linear when the
  // lengths are equal, the common case).
  b.sorted.resize(static_cast<std::size_t>(B));
  for (Index k = 0; k < B; ++k) {
    long x = k;
    Index j = k;
    while (j > 0 && lengthOf(b.sorted[static_cast<std::size_t>(j - 1)]) < lengthOf(x)) {
      b.sorted[static_cast<std::size_t>(j)] = b.sorted[static_cast<std::size_t>(j - 1)];
      --j;
    }
    b.sorted[static_cast<std::size_t>(j)] = x;
  }
  b.rank.resize(static_cast<std::size_t>(B));
  b.lengthScratch.resize(static_cast<std::size_t>(B));
  for (Index r = 0; r < B; ++r) {
    const long k = b.sorted[static_cast<std::size_t>(r)];
    b.rank[static_cast<std::size_t>(k)] = r;
    b.lengthScratch[static_cast<std::size_t>(r)] = lengthOf(k);
  }
  if (b.lengthScratch[0] > b.capacitySteps) {
    throw std::invalid_argument("BatchPass::forward: a sequence is longer than reserved");
  }
  b.packing.set(b.lengthScratch, m_config.hiddenSize);
  const Index N = b.packing.columns;
  if (N > b.outputs.cols()) {
    throw std::invalid_argument("BatchPass::forward: the batch is longer than reserved");
  }
  if (m_config.bidirectional) {
    for (Index r = 0; r < B; ++r) {
      const Index T = b.packing.lengths[static_cast<std::size_t>(r)];
      for (Index s = 0; s < T; ++s) {
        b.reverseColumn[static_cast<std::size_t>(b.packing.column(r, s))] =
            b.packing.column(r, T - 1 - s);
      }
    }
  }
}

void BatchPass::setInitialStates(const Model& model, const Eigen::Ref<const Matrix>* hidden,
                                 const Eigen::Ref<const Matrix>* cell) {
  const Index H = m_config.hiddenSize;
  const Index B = m->packing.batch;
  const bool lstm = m_config.cell == CellKind::Lstm;
  for (int k = 0; k < m_config.layers; ++k) {
    for (int d = 0; d < m_config.directions(); ++d) {
      detail::CellLayer& layer = cellOf(k, d);
      const Index row = (k * m_config.directions() + d) * H;
      for (Index r = 0; r < B; ++r) {
        const Index stream = m->sorted[static_cast<std::size_t>(r)];
        if (hidden != nullptr) {
          layer.hidden.col(r) = hidden->col(stream).segment(row, H);
        } else {
          layer.hidden.col(r) = model.h0.segment(row, H);
        }
        if (lstm) {
          if (cell != nullptr) {
            layer.cell.col(r) = cell->col(stream).segment(row, H);
          } else if (model.c0.size() == model.h0.size()) {
            layer.cell.col(r) = model.c0.segment(row, H);
          } else {
            layer.cell.col(r).setZero();
          }
        }
      }
    }
  }
}

void BatchPass::drawDropout(const ModelConfig& config, Rng& rng) {
  Buffers& b = *m;
  const double p = config.dropout;
  const double keep = 1.0 / (1.0 - p);
  const Index DH = config.topSize();
  for (Index k = 0; k < b.packing.batch; ++k) {
    const Index r = b.rank[static_cast<std::size_t>(k)];
    const Index T = b.packing.lengths[static_cast<std::size_t>(r)];
    for (std::size_t layer = 0; layer < b.dropoutMask.size(); ++layer) {
      Matrix& mask = b.dropoutMask[layer];
      for (Index t = 0; t < T; ++t) {
        const Index c = b.packing.column(r, t);
        for (Index j = 0; j < DH; ++j) {
          mask(j, c) = rng.uniform() >= p ? keep : 0.0;
        }
      }
    }
  }
}

double BatchPass::forward(const Model& model, std::span<const SequenceData> sequences,
                          std::span<const long> batch, Rng* dropout) {
  if (!(model.config == m_config) || m->indexed) {
    throw std::invalid_argument("BatchPass::forward: the model does not fit the reserved shape");
  }
  const auto lengthOf = [&](long k) {
    return sequences[static_cast<std::size_t>(batch[static_cast<std::size_t>(k)])].steps();
  };
  pack(static_cast<Index>(batch.size()), lengthOf);
  Buffers& b = *m;
  const Index B = b.packing.batch;
  const bool last = m_config.outputMode == OutputMode::Last;
  for (Index r = 0; r < B; ++r) {
    const SequenceData& s = sequences[static_cast<std::size_t>(
        batch[static_cast<std::size_t>(b.sorted[static_cast<std::size_t>(r)])])];
    for (Index t = 0; t < s.steps(); ++t) {
      b.inputs.col(b.packing.column(r, t)) = s.inputs.row(t).transpose();
      if (!last) {
        b.targets.col(b.packing.column(r, t)) = s.targets.row(t).transpose();
      }
    }
    if (last) {
      b.targets.col(r) = s.targets.row(s.targets.rows() - 1).transpose();
    }
  }
  setInitialStates(model, nullptr, nullptr);
  const bool drop = dropout != nullptr && m_config.dropout > 0.0 && m_config.layers > 1;
  if (drop) {
    drawDropout(m_config, *dropout);
  }
  return run(model, drop);
}

double BatchPass::forwardStreams(const Model& model, std::span<const int> text,
                                 std::span<const long> starts, Index length,
                                 const Eigen::Ref<const Matrix>& hidden,
                                 const Eigen::Ref<const Matrix>& cell, Rng* dropout) {
  if (!(model.config == m_config) || !m->indexed) {
    throw std::invalid_argument(
        "BatchPass::forwardStreams: the model does not fit the reserved shape");
  }
  pack(static_cast<Index>(starts.size()), [length](long) { return length; });
  Buffers& b = *m;
  for (Index r = 0; r < b.packing.batch; ++r) {
    const long start = starts[static_cast<std::size_t>(b.sorted[static_cast<std::size_t>(r)])];
    for (Index t = 0; t < length; ++t) {
      const Index c = b.packing.column(r, t);
      b.inputIndices(c) = text[static_cast<std::size_t>(start + t)];
      b.targetIndices(c) = text[static_cast<std::size_t>(start + t + 1)];
    }
  }
  setInitialStates(model, &hidden, m_config.cell == CellKind::Lstm ? &cell : nullptr);
  const bool drop = dropout != nullptr && m_config.dropout > 0.0 && m_config.layers > 1;
  if (drop) {
    drawDropout(m_config, *dropout);
  }
  return run(model, drop);
}

double BatchPass::run(const Model& model, bool dropout) {
  Buffers& b = *m;
  const Parameters& p = model.params;
  const detail::Packing& packing = b.packing;
  const Index B = packing.batch;
  const Index N = packing.columns;
  const Index H = m_config.hiddenSize;
  const int D = m_config.directions();
  const int L = m_config.layers;
  b.dropout = dropout;

  for (int k = 0; k < L; ++k) {
    // The layer's input in forward order, and (D = 2) in a reverse cell's order.
    detail::LayerInput input;
    detail::LayerInput reversed;
    if (k == 0) {
      if (b.indexed) {
        input.indices = &b.inputIndices;
        if (D == 2) {
          for (Index c = 0; c < N; ++c) {
            b.reversedInputIndices(c) = b.inputIndices(b.reverseColumn[static_cast<std::size_t>(c)]);
          }
          reversed.indices = &b.reversedInputIndices;
        }
      } else {
        input.dense = &b.inputs;
        if (D == 2) {
          for (Index c = 0; c < N; ++c) {
            b.reversedInputs.col(c) = b.inputs.col(b.reverseColumn[static_cast<std::size_t>(c)]);
          }
          reversed.dense = &b.reversedInputs;
        }
      }
    } else {
      const auto below = static_cast<std::size_t>(k - 1);
      if (D == 1 && !dropout) {
        input.dense = &cellOf(k - 1, 0).hidden;
        input.offset = B;
      } else {
        Matrix& x = b.layerInput[below];
        if (D == 1) {
          x.leftCols(N) = cellOf(k - 1, 0).hidden.middleCols(B, N);
        } else {
          x.leftCols(N) = b.layerOutput[below].leftCols(N);
        }
        if (dropout) {
          x.leftCols(N).array() *= b.dropoutMask[below].leftCols(N).array();
        }
        input.dense = &x;
        if (D == 2) {
          Matrix& xr = b.reversedLayerInput[below];
          for (Index c = 0; c < N; ++c) {
            xr.col(c) = x.col(b.reverseColumn[static_cast<std::size_t>(c)]);
          }
          reversed.dense = &xr;
        }
      }
    }
    cellOf(k, 0).forward(p, k, 0, packing, input);
    if (D == 2) {
      detail::CellLayer& back = cellOf(k, 1);
      back.forward(p, k, 1, packing, reversed);
      Matrix& out = b.layerOutput[static_cast<std::size_t>(k)];
      out.topRows(H).leftCols(N) = cellOf(k, 0).hidden.middleCols(B, N);
      for (Index c = 0; c < N; ++c) {
        out.bottomRows(H).col(b.reverseColumn[static_cast<std::size_t>(c)]) = back.hidden.col(B + c);
      }
    }
  }

  const auto top = D == 2 ? b.layerOutput.back().leftCols(N)
                          : cellOf(L - 1, 0).hidden.middleCols(B, N);
  if (m_config.stacked()) {
    b.outputs.leftCols(N).colwise() = p.by();
    b.output.pack(p.Why(), false);
    b.output.addProduct(b.outputs.leftCols(N), top);
  } else {
    b.outputs.leftCols(N).noalias() = p.Why() * top;
    b.outputs.leftCols(N).colwise() += p.by();
  }

  double total = 0.0;
  if (b.indexed) {
    total = evaluateCrossEntropy(b.outputs.leftCols(N), b.targetIndices.head(N),
                                 b.stepLoss.head(N), b.outputGrad.leftCols(N),
                                 b.probabilities.leftCols(N));
  } else if (m_config.outputMode != OutputMode::Last) {
    total = evaluateLoss(m_config.loss, OutputMode::Sequence, b.outputs.leftCols(N),
                         b.targets.leftCols(N), b.stepLoss.head(N), b.outputGrad.leftCols(N),
                         b.probabilities.leftCols(N));
  } else {
    b.outputGrad.leftCols(N).setZero();
    b.stepLoss.head(N).setZero();
    for (Index r = 0; r < B; ++r) {
      const Index c = packing.column(r, packing.lengths[static_cast<std::size_t>(r)] - 1);
      total += evaluateLoss(m_config.loss, OutputMode::Sequence, b.outputs.middleCols(c, 1),
                            b.targets.middleCols(r, 1), b.stepLoss.segment(c, 1),
                            b.outputGrad.middleCols(c, 1), b.probabilities.middleCols(c, 1));
    }
  }
  const double scale = 1.0 / static_cast<double>(B);
  b.outputGrad.leftCols(N) *= scale;
  m_loss = total * scale;
  return m_loss;
}

double BatchPass::forwardAll(const Model& model, std::span<const SequenceData> sequences) {
  if (sequences.empty()) {
    return 0.0;
  }
  return forward(model, sequences, std::span<const long>(m->all).first(sequences.size()));
}

void BatchPass::backward(const Model& model, Gradients& g) {
  Buffers& b = *m;
  const Parameters& p = model.params;
  const detail::Packing& packing = b.packing;
  const Index B = packing.batch;
  const Index N = packing.columns;
  const Index H = m_config.hiddenSize;
  const int D = m_config.directions();
  const int L = m_config.layers;
  g.setZero();

  // ∂L/∂(top output) = Whyᵀ·δy_t: a stack's in one product, a single cell's step by step with
  // Why packed once (version 2's numbers).
  Matrix& topGrad = m_config.stacked() ? b.layerGrad : cellOf(L - 1, 0).hiddenGrad;
  if (m_config.stacked()) {
    b.outputGradTransposed.pack(p.Why(), true);
    b.outputGradTransposed.setProduct(topGrad.leftCols(N), b.outputGrad.leftCols(N));
  } else {
    b.outputTransposed.pack(p.Why(), true);
    for (Index t = 0; t < packing.steps; ++t) {
      const Index o = packing.offsetOf(t);
      const Index w = packing.widthOf(t);
      b.outputTransposed.setProduct(topGrad.middleCols(o, w), b.outputGrad.middleCols(o, w));
    }
  }
  const auto layerInputOf = [&](int k, int d) {
    detail::LayerInput input;
    if (k == 0) {
      if (b.indexed) {
        input.indices = d == 0 ? &b.inputIndices : &b.reversedInputIndices;
      } else {
        input.dense = d == 0 ? &b.inputs : &b.reversedInputs;
      }
    } else if (D == 1 && !b.dropout) {
      input.dense = &cellOf(k - 1, 0).hidden;
      input.offset = B;
    } else {
      const auto below = static_cast<std::size_t>(k - 1);
      input.dense = d == 0 ? &b.layerInput[below] : &b.reversedLayerInput[below];
    }
    return input;
  };
  for (int k = L - 1; k >= 0; --k) {
    if (m_config.stacked()) {
      // Layer k's output gradient, in b.layerGrad (forward order), to each direction's cell.
      cellOf(k, 0).hiddenGrad.leftCols(N) = b.layerGrad.topRows(H).leftCols(N);
      if (D == 2) {
        detail::CellLayer& back = cellOf(k, 1);
        for (Index c = 0; c < N; ++c) {
          back.hiddenGrad.col(c) =
              b.layerGrad.bottomRows(H).col(b.reverseColumn[static_cast<std::size_t>(c)]);
        }
      }
    }
    for (int d = 0; d < D; ++d) {
      cellOf(k, d).backward(p, k, d, packing, layerInputOf(k, d), g);
    }
    if (k > 0) {
      // ∂L/∂(layer k − 1's output): the input gradients of both directions, through the mask.
      auto below = b.layerGrad.leftCols(N);
      below = cellOf(k, 0).inputGrad.leftCols(N);
      if (D == 2) {
        const detail::CellLayer& back = cellOf(k, 1);
        for (Index c = 0; c < N; ++c) {
          below.col(b.reverseColumn[static_cast<std::size_t>(c)]) += back.inputGrad.col(c);
        }
      }
      if (b.dropout) {
        below.array() *= b.dropoutMask[static_cast<std::size_t>(k - 1)].leftCols(N).array();
      }
    }
  }

  // The output layer's gradients, over the same chunks of steps as the cells'.
  const auto top = D == 2 ? b.layerOutput.back().leftCols(N)
                          : cellOf(L - 1, 0).hidden.middleCols(B, N);
  for (const detail::Packing::Chunk& chunk : packing.chunks) {
    const Index begin = packing.offsetOf(chunk.first);
    const Index n = packing.offsetOf(chunk.last + 1) - begin;
    const auto outputGrad = b.outputGrad.middleCols(begin, n);
    if (m_config.stacked()) {
      b.outputWeightGradient.add(g.Why(), outputGrad, top.middleCols(begin, n));
    } else {
      g.Why().noalias() += outputGrad * top.middleCols(begin, n).transpose();
    }
    g.by() += outputGrad.rowwise().sum();
  }
}

}  // namespace rnnlab
