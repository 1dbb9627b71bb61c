#pragma once

// The parameters of the recurrent network and the model that owns them. The cell is a choice:
//
//   rnn:  h_t = tanh(Wxh·x_t + Whh·h_{t-1} + bh)
//   lstm: PyTorch's nn.LSTM (gates i, f, g, o; cell state c_t)
//   gru:  PyTorch's nn.GRU (gates r, z, n)
//
// and every cell feeds the same output layer y_t = Why·h_t + by. The exact equations are in
// forward_pass.h; the names, shapes and order of the parameter blocks are fixed by the spec.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "rnnlab/types.h"

namespace rnnlab {

struct ModelConfig {
  int inputSize = 3;   // I
  int hiddenSize = 4;  // H
  int outputSize = 2;  // O
  OutputMode outputMode = OutputMode::Sequence;
  LossKind loss = LossKind::Mse;
  CellKind cell = CellKind::Rnn;
  // Added to the f block of an LSTM's b_ih when the weights are initialized (not trained in).
  double forgetBias = 0.0;
  // Version 3 (spec v3 §1): L stacked layers of the cell, each reading the one below (layer 0
  // reads x_t); D = 2 directions when bidirectional, a layer's output [h→_t ; h←_t] (D·H);
  // dropout p on the input of every layer k ≥ 1 while training.
  int layers = 1;
  bool bidirectional = false;
  double dropout = 0.0;
  // Version 3 §3 (`pairs` data): an encoder–decoder. The stack above (cell, L, D, H, dropout) is
  // the encoder, reading one-hot tokens (I = V); the decoder is the same cell with L layers, one
  // direction, hidden size H, reading [c_t ; onehot(u_{t−1})] (D·H + V); the output layer reads
  // its top h (O = V). Not a key of the file: the data kind sets it.
  bool seq2seq = false;
  AttentionKind attention = AttentionKind::Additive;
  int attentionSize = 0;  // A of additive attention; 0: H (the spec's default)

  int effectiveAttentionSize() const { return attentionSize > 0 ? attentionSize : hiddenSize; }
  // Whether the model has the att_W_q, att_W_k and att_w_v blocks.
  bool hasAttentionWeights() const { return seq2seq && attention == AttentionKind::Additive; }

  int directions() const { return bidirectional ? 2 : 1; }
  // L·D: the cells of the stack (1 is version 2's single cell).
  int cellCount() const { return layers * directions(); }
  bool stacked() const { return cellCount() > 1; }
  // The output layer reads D·H values.
  int topSize() const { return directions() * hiddenSize; }

  friend bool operator==(const ModelConfig&, const ModelConfig&) = default;
};

// G: the number of gate blocks stacked in W_ih, W_hh, b_ih, b_hh (1 for rnn: its single block).
int gateCount(CellKind cell);
// The gates in PyTorch's order: lstm i, f, g, o; gru r, z, n; rnn none.
std::span<const std::string_view> gateNames(CellKind cell);

// The roles of a cell's blocks (rnn: Wxh, Whh, bh; gated: W_ih, W_hh, b_ih, b_hh).
enum class CellBlock { InputWeights, RecurrentWeights, InputBias, RecurrentBias };

// The trainable parameters: a list of named blocks, in the spec's order for the cell
//   rnn:       Wxh (H×I), Whh (H×H), Why (O×H), bh (H), by (O)
//   lstm, gru: W_ih (G·H×I), W_hh (G·H×H), b_ih (G·H), b_hh (G·H), Why (O×H), by (O)
// and for a stack (L·D > 1, spec v3 §1): for each layer k and direction (forward, then reverse)
// the cell's blocks suffixed `_l{k}` / `_l{k}_reverse` (rnn: Wxh, Whh, bh; gated: W_ih, W_hh,
// b_ih, b_hh; layer k ≥ 1 reads D·H inputs), then Why (O×D·H) and by.
// A sequence-to-sequence model (spec v3 §3) has `enc_` + the stack's suffixed blocks (always
// suffixed), `dec_` + those of its one-direction decoder (dec_W_ih_l0 is G·H × (D·H + V)), the
// additive attention's att_W_q (A×H), att_W_k (A×D·H) and att_w_v (1×A, PyTorch's Linear(A, 1)
// weight), then Why (V×H) and by.
// Every block is stored as a matrix (a bias is n×1). Gradients and optimizer state have the same
// shape, so the same type holds them.
class Parameters {
 public:
  // A sequence-to-sequence model's: an encoder of 8 layers × 2 directions × 4 blocks, a decoder
  // of 8 × 4, three attention blocks, Why and by (a stack has at most 66).
  static constexpr int MaxBlockCount = 101;
  // The rnn cell's blocks. Code that handles every cell uses blockCount() and blockName().
  static constexpr int BlockCount = 5;
  static constexpr std::array<std::string_view, BlockCount> BlockNames = {"Wxh", "Whh", "Why", "bh",
                                                                          "by"};

  // The rnn cell's five blocks, each empty (0×0): assign zeros(config) or a copy before use.
  Parameters() : m_blocks(BlockCount) {}
  static Parameters zeros(const ModelConfig& config);

  // Block names of a single cell's model (version 2), in order.
  static std::span<const std::string_view> blockNames(CellKind cell);
  // Block names of any model, in order (version 2's for L·D = 1).
  static std::span<const std::string_view> blockNames(const ModelConfig& config);
  // The rows and columns block `block` has for `config` (what zeros(config) would allocate).
  static std::pair<Index, Index> shape(const ModelConfig& config, int block);

  CellKind cell() const { return m_cell; }
  int layers() const { return m_layers; }
  int directions() const { return m_directions; }
  // The block of `role` in the cell of layer `layer` and direction `direction` (0 forward, 1
  // reverse); −1 for an rnn's RecurrentBias.
  // A sequence-to-sequence model: its encoder's.
  int cellBlockIndex(int layer, int direction, CellBlock role) const;
  // A sequence-to-sequence model's: the decoder's block of `role` in layer `layer` (−1 for an
  // rnn's RecurrentBias), and attention block j (0 att_W_q, 1 att_W_k, 2 att_w_v; −1 without).
  bool seq2seq() const { return m_seq2seq; }
  int decoderBlockIndex(int layer, CellBlock role) const;
  int attentionBlockIndex(int j) const;
  int blockCount() const { return static_cast<int>(m_blocks.size()); }
  std::string_view blockName(int block) const;
  // The block's index for this cell, or −1.
  int blockIndex(std::string_view name) const;
  bool isBias(int block) const;  // a vector (stored n×1)

  Matrix& block(int index) { return m_blocks[static_cast<std::size_t>(index)]; }
  const Matrix& block(int index) const { return m_blocks[static_cast<std::size_t>(index)]; }
  double& element(int block, Index row, Index col) { return this->block(block)(row, col); }
  double element(int block, Index row, Index col) const { return this->block(block)(row, col); }

  // Flat element views (column-major) of one block or of every block in order. flat() does
  // not allocate; blocks() builds a vector.
  Eigen::Map<Eigen::ArrayXd> flat(int index) {
    Matrix& m = block(index);
    return {m.data(), m.size()};
  }
  Eigen::Map<const Eigen::ArrayXd> flat(int index) const {
    const Matrix& m = block(index);
    return {m.data(), m.size()};
  }
  std::vector<Eigen::Map<Eigen::ArrayXd>> blocks();
  std::vector<Eigen::Map<const Eigen::ArrayXd>> blocks() const;

  // Blocks by role, valid for every cell: the input weights (Wxh or W_ih), the recurrent
  // weights (Whh or W_hh) and the output layer.
  Matrix& Wxh() { return block(0); }
  const Matrix& Wxh() const { return block(0); }
  Matrix& Whh() { return block(1); }
  const Matrix& Whh() const { return block(1); }
  Matrix& Why() { return block(whyIndex()); }
  const Matrix& Why() const { return block(whyIndex()); }
  Eigen::Map<Vector> by() { return vec(byIndex()); }
  Eigen::Map<const Vector> by() const { return vec(byIndex()); }
  // rnn only: its (first cell's) single bias.
  Eigen::Map<Vector> bh() { return vec(bhIndex()); }
  Eigen::Map<const Vector> bh() const { return vec(bhIndex()); }
  // lstm and gru: the PyTorch names.
  Matrix& Wih() { return block(0); }
  const Matrix& Wih() const { return block(0); }
  Eigen::Map<Vector> bih() { return vec(2); }
  Eigen::Map<const Vector> bih() const { return vec(2); }
  Eigen::Map<Vector> bhh() { return vec(3); }
  Eigen::Map<const Vector> bhh() const { return vec(3); }

  // A block as a vector (its elements in column-major order).
  Eigen::Map<Vector> vec(int index) {
    Matrix& m = block(index);
    return {m.data(), m.size()};
  }
  Eigen::Map<const Vector> vec(int index) const {
    const Matrix& m = block(index);
    return {m.data(), m.size()};
  }

  Index elementCount() const;
  bool allFinite() const;
  bool hasShape(const ModelConfig& config) const;
  void setZero();

  friend bool operator==(const Parameters& a, const Parameters& b);

 private:
  bool single() const { return !m_seq2seq && m_layers * m_directions == 1; }
  std::span<const std::string_view> names() const;
  int cellBlocks() const { return m_cell == CellKind::Rnn ? 3 : 4; }
  int whyIndex() const {
    if (m_seq2seq) {
      return m_layers * (m_directions + 1) * cellBlocks() + (m_attention ? 3 : 0);
    }
    return single() ? (m_cell == CellKind::Rnn ? 2 : 4) : m_layers * m_directions * cellBlocks();
  }
  int byIndex() const { return whyIndex() + (single() && m_cell == CellKind::Rnn ? 2 : 1); }
  int bhIndex() const { return single() ? 3 : 2; }

  CellKind m_cell = CellKind::Rnn;
  int m_layers = 1;
  int m_directions = 1;
  bool m_seq2seq = false;
  bool m_attention = false;  // a sequence-to-sequence model's att_* blocks
  std::vector<Matrix> m_blocks;
};

using Gradients = Parameters;

struct Model {
  ModelConfig config;
  Parameters params;
  // The initial hidden state (not trained): H values, or for a stack L·D·H values, cell g's in
  // entries g·H … g·H + H − 1 in PyTorch's order (layer 0 forward, layer 0 reverse, layer 1 …).
  Vector h0;
  // lstm: the initial cell state the same way (not trained); empty (read as zeros) otherwise.
  Vector c0{};

  // Weights drawn as `initScale` × standard normal from Rng(seed), in the order of the input,
  // recurrent and output weights (Wxh/W_ih, Whh/W_hh of every layer and direction in block
  // order, then Why), each row by row; biases, h0 and c0 zero, except that an LSTM's f block of
  // every b_ih starts at config.forgetBias. A sequence-to-sequence model (v3 §3) draws the
  // encoder's, then the decoder's W_ih and W_hh, att_W_q, att_W_k, att_w_v, then Why, and puts
  // forget_bias into every LSTM's (encoder and decoder); its h0 and c0 are the encoder's zeros.
  static Model initialized(const ModelConfig& config, std::uint64_t seed, double initScale);

  friend bool operator==(const Model& a, const Model& b);
};

}  // namespace rnnlab
