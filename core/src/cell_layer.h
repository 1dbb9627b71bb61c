#pragma once

// One cell of a stack (a layer in one direction) run over a packed minibatch, forward and back:
// the cell's part of BatchPass (batch_pass.h). The packing is PyTorch's: sequences sorted by
// length, longest first; step t holds the B_t sequences at least t + 1 steps long as one block of
// columns, column offset[t] + r for the sequence at rank r. A reverse direction runs on the same
// packing with time reversed per sequence (BatchPass gathers its inputs in that order), so the
// cell itself always runs forward in its own time.
//
// The equations are those of forward_pass.h and backward_pass.h; every buffer is sized by
// reserve(), so passes within that capacity do not allocate.

#include <span>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/packed_product.h"
#include "rnnlab/tiled_product.h"

namespace rnnlab::detail {

struct Packing {
  Index batch = 0;    // B
  Index steps = 0;    // T, the longest length
  Index columns = 0;  // N = Σ_b T_b
  std::vector<Index> lengths;  // T_r of the sequence at rank r
  std::vector<Index> offset;   // first column of step t; offset[T] = N
  std::vector<Index> width;    // B_t
  // The weight gradients are summed over a few steps' columns at a time (first..last, taken
  // from the last step down): enough columns for an efficient product, few enough to still be in
  // cache, and h_{t-1}'s columns contiguous.
  struct Chunk {
    Index first;
    Index last;
  };
  std::vector<Chunk> chunks;

  void reserve(Index maxBatch, Index maxSteps);
  // The most columns a chunk can have for batches within the capacity.
  static Index maxChunkColumns(Index hiddenSize, Index maxBatch, Index maxColumns);
  // Lays out sequences of the given lengths (by rank, longest first) for a hidden size H.
  void set(std::span<const Index> lengthsByRank, Index hiddenSize);
  Index column(Index rank, Index step) const { return offset[static_cast<std::size_t>(step)] + rank; }
  Index offsetOf(Index step) const { return offset[static_cast<std::size_t>(step)]; }
  Index widthOf(Index step) const { return width[static_cast<std::size_t>(step)]; }
};

// The cell's input: packed columns of a dense matrix (I×N, packing column c at column
// offset + c), or one-hot inputs as indices.
struct LayerInput {
  const Matrix* dense = nullptr;
  Index offset = 0;
  const Eigen::VectorXi* indices = nullptr;

  auto columns(Index first, Index count) const { return dense->middleCols(offset + first, count); }
};

// W·B for one W and many B: version 2's PackedProduct (Eigen's numbers bit for bit) for a single
// cell, the tiled kernel (tiled_product.h) for a stack.
class WeightProduct {
 public:
  void reserve(Index rows, Index depth, Index maxCols, bool tiled);
  void pack(Eigen::Ref<const Matrix> W, bool transposed);
  void addProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B);
  void setProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B);

 private:
  bool m_tiled = false;
  PackedProduct m_exact;
  TiledProduct m_fast;
};

class CellLayer {
 public:
  // `inputGrad`: whether backward() computes ∂L/∂x for the layer below. `tiled`: the products
  // run on the tiled kernel (a stack) rather than Eigen's (a single cell, version 2's numbers).
  void reserve(CellKind cell, Index hiddenSize, Index inputSize, Index maxBatch, Index maxColumns,
               bool inputGrad, bool tiled);

  // Runs the cell of (layer, direction) over the packing. On entry hidden.leftCols(B) (and, for
  // an lstm, cell.leftCols(B)) hold each rank's initial state.
  void forward(const Parameters& p, int layer, int direction, const Packing& packing,
               const LayerInput& input);
  // On entry hiddenGrad holds ∂L/∂h_t from above (the output layer or the next layer) for every
  // column. Fills the cell's deltas, adds its weight gradients to `g` (which the caller zeroed),
  // and, when reserved for it, sets inputGrad = W_ihᵀ·δ (∂L/∂x_t).
  void backward(const Parameters& p, int layer, int direction, const Packing& packing,
                const LayerInput& input, Gradients& g);

  // Column of step t's state: h_t is hidden.col(B + packing column), h0 of rank r is col(r).
  Matrix pre;          // G·H×N, gates before activation (rnn: a_t)
  Matrix gates;        // G·H×N after activation (gated cells)
  Matrix hidden;       // H×(B+N)
  Matrix cell;         // lstm: H×(B+N)
  Matrix cellTanh;     // lstm: H×N
  Matrix candidate;    // gru: H×N, W_hn·h_{t-1} + b_hn
  Matrix hiddenGrad;   // H×N
  Matrix cellGrad;     // lstm: H×N
  Matrix preGrad;      // G·H×N
  Matrix recurrentGrad;  // gru: G·H×N, δ[r̂ ẑ (r⊙n̂)]
  Matrix inputGrad;    // I×N when reserved for it

 private:
  Index previousStart(const Packing& packing, Index t) const {
    return t == 0 ? 0 : packing.batch + packing.offsetOf(t - 1);
  }
  auto previousBlock(const Packing& packing, const Matrix& states, Index t) const {
    return states.middleCols(previousStart(packing, t), packing.widthOf(t));
  }
  void accumulate(const Parameters& p, int layer, int direction, const Packing& packing,
                  const LayerInput& input, Index first, Index last, Gradients& g);

  CellKind m_cell = CellKind::Rnn;
  bool m_tiled = false;
  Vector m_inputBias;  // G·H, the biases added before the nonlinearity
  WeightProduct m_input;
  WeightProduct m_recurrent;
  WeightProduct m_recurrentCandidate;
  WeightProduct m_recurrentTransposed;
  TiledProduct m_inputTransposed;     // W_ihᵀ for inputGrad (layers above the first: a stack)
  OuterProductSum m_weightGradient;  // tiled: δ·xᵀ and δ·h_{t-1}ᵀ
};

}  // namespace rnnlab::detail
