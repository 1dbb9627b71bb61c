#pragma once

// BatchPass's workspaces (private to core): shared by the passes (batch_pass.cpp) and the
// per-sequence views of their results (batch_pass_sequences.cpp).

#include <vector>

#include "cell_layer.h"
#include "rnnlab/batch_pass.h"

namespace rnnlab {

struct BatchPass::Buffers {
  detail::Packing packing;
  Index capacityBatch = 0;
  Index capacitySteps = 0;
  std::vector<long> sorted;  // batch positions (k), longest sequence first
  std::vector<Index> rank;   // the rank of batch position k
  std::vector<Index> lengthScratch;
  // Packed columns (capacity N): column offset[t] + r is step t of the sequence at rank r.
  Matrix inputs;                  // I×N (dense inputs)
  Eigen::VectorXi inputIndices;   // N (one-hot inputs)
  Eigen::VectorXi targetIndices;  // N (one-hot targets)
  Matrix targets;                 // O×N (sequence mode) or O×B (last mode, by rank)
  // A reverse cell's packing column c' reads forward column reverseColumn[c'] (its step s of
  // the sequence at rank r is position T_r − 1 − s).
  std::vector<Index> reverseColumn;
  Matrix reversedInputs;                  // I×N, layer 0's inputs in reverse order
  Eigen::VectorXi reversedInputIndices;   // N
  std::vector<detail::CellLayer> cells;   // cell g = layer·D + direction
  // Layer k ≥ 1's input (D·H×N): layer k − 1's output, times the dropout mask; and the same in
  // a reverse cell's order. Index k − 1.
  std::vector<Matrix> layerInput;
  std::vector<Matrix> reversedLayerInput;
  std::vector<Matrix> dropoutMask;  // D·H×N per layer k ≥ 1: 0 or 1/(1 − p)
  std::vector<Matrix> layerOutput;  // D = 2: D·H×N per layer, [h→ ; h←] in forward order
  Matrix layerGrad;                 // D·H×N, ∂L/∂(a layer's output)
  Matrix outputs;                   // O×N
  Matrix outputGrad;                // O×N, ∂L/∂y (zero where there is no target)
  Matrix probabilities;
  Vector stepLoss;
  std::vector<long> all;  // 0..n−1 of the sequences reserve() was given
  PackedProduct outputTransposed;  // a single cell's Whyᵀ
  // A stack's output layer: Why, Whyᵀ and the sums of δy_t·o_tᵀ.
  TiledProduct output;
  TiledProduct outputGradTransposed;
  OuterProductSum outputWeightGradient;
  bool indexed = false;
  bool dropout = false;  // the last forward pass drew masks
};

}  // namespace rnnlab
