#pragma once

// Seq2SeqPass's workspaces (private to core): shared by the forward pass (seq2seq_pass.cpp) and
// the backward pass (seq2seq_backward.cpp).

#include <vector>

#include "rnnlab/seq2seq_pass.h"
#include "seq2seq_cell.h"

namespace rnnlab {

struct Seq2SeqPass::Buffers {
  std::vector<detail::CellTrace> encoder;  // cell k·D + d
  std::vector<detail::CellTrace> decoder;  // layer k
  std::vector<detail::CellBlocks> encoderBlocks;
  std::vector<detail::CellBlocks> decoderBlocks;
  std::vector<Matrix> encoderOutput;  // per layer D·H×S: [h→_j ; h←_j] at position j
  std::vector<Matrix> encoderInput;   // layer k ≥ 1 (index k − 1): the output below, masked
  std::vector<Matrix> encoderMask;    // index k − 1, D·H×S: 0 or 1/(1 − p)
  std::vector<Matrix> decoderInput;   // index k − 1, H×T′
  std::vector<Matrix> decoderMask;
  std::vector<int> source;
  std::vector<int> previous;  // u_{t−1}
  std::vector<int> targets;
  Matrix keys;       // A×S, W_k·e_j (additive)
  Matrix scoreTanh;  // A×S, tanh(W_q q_t + W_k e_j)
  Vector query;      // A, W_q q_t
  Matrix alpha;      // S×T′
  Matrix context;    // D·H×T′
  Matrix logits;     // V×T′
  Matrix probabilities;  // V×T′
  Vector inputProduct;   // G·H
  bool masked = false;
  // The backward pass.
  std::vector<Matrix> encoderOutputGrad;  // per layer D·H×S
  Matrix keysGrad;                        // A×S
  Matrix scoreTanhGrad;                   // A×S
  std::vector<Vector> stateGrad;          // per decoder layer: ∂L/∂h of the next step's start
  std::vector<Vector> cellGrad;           // lstm: the same for c
  Vector hiddenGrad, pre, recurrent, previousHidden, previousCell, below, contextGrad;
  Vector alphaGrad, scoreGrad, queryGrad, outputGrad, carryH, carryC, zeroH;
};

}  // namespace rnnlab
