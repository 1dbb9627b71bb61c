#include "rnnlab/model.h"

#include <array>
#include <string>

#include "rnnlab/rng.h"

namespace rnnlab {
namespace {

constexpr std::array<std::string_view, 5> RnnBlocks = {"Wxh", "Whh", "Why", "bh", "by"};
constexpr std::array<std::string_view, 6> GatedBlocks = {"W_ih", "W_hh", "b_ih",
                                                         "b_hh", "Why",  "by"};
constexpr std::array<std::string_view, 4> LstmGates = {"i", "f", "g", "o"};
constexpr std::array<std::string_view, 3> GruGates = {"r", "z", "n"};
constexpr std::array<std::string_view, 3> RnnCellBlocks = {"Wxh", "Whh", "bh"};
constexpr std::array<std::string_view, 4> GatedCellBlocks = {"W_ih", "W_hh", "b_ih", "b_hh"};
constexpr int MaxLayers = 8;

// The names of every stacked model's blocks, built once: `stacked[cell][layers − 1][D − 1]` lists
// the blocks of L layers and D directions in order (Wxh_l0, Whh_l0, bh_l0, Wxh_l0_reverse, …,
// Why, by). Constant data, so that blockName() can hand out views.
struct StackedNames {
  std::array<std::string, MaxLayers * 2 * 4 * 3> storage;
  std::array<std::array<std::array<std::vector<std::string_view>, 2>, MaxLayers>, 3> stacked;

  StackedNames() {
    std::size_t next = 0;
    for (int cell = 0; cell < 3; ++cell) {
      const auto base = cell == 0 ? std::span<const std::string_view>(RnnCellBlocks)
                                  : std::span<const std::string_view>(GatedCellBlocks);
      // Every suffixed name once: [cell][layer][direction][block].
      std::array<std::array<std::array<std::string_view, 4>, 2>, MaxLayers> names{};
      for (int k = 0; k < MaxLayers; ++k) {
        for (int d = 0; d < 2; ++d) {
          for (std::size_t j = 0; j < base.size(); ++j) {
            storage[next] = std::string(base[j]) + "_l" + std::to_string(k) + (d ? "_reverse" : "");
            names[static_cast<std::size_t>(k)][static_cast<std::size_t>(d)][j] = storage[next];
            ++next;
          }
        }
      }
      for (int layers = 1; layers <= MaxLayers; ++layers) {
        for (int directions = 1; directions <= 2; ++directions) {
          auto& list = stacked[static_cast<std::size_t>(cell)][static_cast<std::size_t>(layers - 1)]
                              [static_cast<std::size_t>(directions - 1)];
          for (int k = 0; k < layers; ++k) {
            for (int d = 0; d < directions; ++d) {
              for (std::size_t j = 0; j < base.size(); ++j) {
                list.push_back(
                    names[static_cast<std::size_t>(k)][static_cast<std::size_t>(d)][j]);
              }
            }
          }
          list.push_back("Why");
          list.push_back("by");
        }
      }
    }
  }
};

const StackedNames& stackedNames() {
  static const StackedNames names;
  return names;
}

// The names of every sequence-to-sequence model's blocks (v3 §3), built once:
// `lists[cell][layers − 1][D − 1][attention]` (enc_…, dec_…, att_…, Why, by).
struct Seq2SeqNames {
  std::vector<std::string> storage;
  std::array<std::array<std::array<std::array<std::vector<std::string_view>, 2>, 2>, MaxLayers>, 3>
      lists;

  Seq2SeqNames() {
    const auto& stacked = stackedNames().stacked;
    storage.reserve(3 * MaxLayers * 2 * 4 * 2);
    for (std::size_t cell = 0; cell < 3; ++cell) {
      const std::size_t perCell = cell == 0 ? 3 : 4;
      // enc_ + the names of the deepest bidirectional stack, dec_ + those of its forward cells.
      const auto& all = stacked[cell][MaxLayers - 1][1];
      std::array<std::array<std::array<std::size_t, 4>, 2>, MaxLayers> enc{};
      std::array<std::array<std::size_t, 4>, MaxLayers> dec{};
      for (std::size_t k = 0; k < MaxLayers; ++k) {
        for (std::size_t d = 0; d < 2; ++d) {
          for (std::size_t j = 0; j < perCell; ++j) {
            enc[k][d][j] = storage.size();
            storage.push_back("enc_" + std::string(all[(k * 2 + d) * perCell + j]));
          }
        }
        for (std::size_t j = 0; j < perCell; ++j) {
          dec[k][j] = storage.size();
          storage.push_back("dec_" + std::string(all[(k * 2) * perCell + j]));
        }
      }
      for (std::size_t layers = 1; layers <= MaxLayers; ++layers) {
        for (std::size_t directions = 1; directions <= 2; ++directions) {
          for (std::size_t attention = 0; attention < 2; ++attention) {
            auto& list = lists[cell][layers - 1][directions - 1][attention];
            for (std::size_t k = 0; k < layers; ++k) {
              for (std::size_t d = 0; d < directions; ++d) {
                for (std::size_t j = 0; j < perCell; ++j) {
                  list.push_back(storage[enc[k][d][j]]);
                }
              }
            }
            for (std::size_t k = 0; k < layers; ++k) {
              for (std::size_t j = 0; j < perCell; ++j) {
                list.push_back(storage[dec[k][j]]);
              }
            }
            if (attention == 1) {
              list.insert(list.end(), {"att_W_q", "att_W_k", "att_w_v"});
            }
            list.insert(list.end(), {"Why", "by"});
          }
        }
      }
    }
  }
};

const Seq2SeqNames& seq2seqNames() {
  static const Seq2SeqNames names;
  return names;
}

std::span<const std::string_view> seq2seqList(CellKind cell, int layers, int directions,
                                              bool attention) {
  return seq2seqNames().lists[static_cast<std::size_t>(cell)]
                             [static_cast<std::size_t>(layers - 1)]
                             [static_cast<std::size_t>(directions - 1)][attention ? 1 : 0];
}

}  // namespace

int gateCount(CellKind cell) {
  switch (cell) {
    case CellKind::Lstm:
      return 4;
    case CellKind::Gru:
      return 3;
    case CellKind::Rnn:
      break;
  }
  return 1;
}

std::span<const std::string_view> gateNames(CellKind cell) {
  switch (cell) {
    case CellKind::Lstm:
      return LstmGates;
    case CellKind::Gru:
      return GruGates;
    case CellKind::Rnn:
      break;
  }
  return {};
}

std::span<const std::string_view> Parameters::blockNames(CellKind cell) {
  if (cell == CellKind::Rnn) {
    return RnnBlocks;
  }
  return GatedBlocks;
}

std::span<const std::string_view> Parameters::blockNames(const ModelConfig& config) {
  if (config.seq2seq) {
    return seq2seqList(config.cell, config.layers, config.directions(),
                       config.hasAttentionWeights());
  }
  if (!config.stacked()) {
    return blockNames(config.cell);
  }
  return stackedNames().stacked[static_cast<std::size_t>(config.cell)]
                               [static_cast<std::size_t>(config.layers - 1)]
                               [static_cast<std::size_t>(config.directions() - 1)];
}

std::pair<Index, Index> Parameters::shape(const ModelConfig& config, int block) {
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  if (config.seq2seq) {
    const int perCell = config.cell == CellKind::Rnn ? 3 : 4;
    const Index GH = gateCount(config.cell) * H;
    const Index DH = config.topSize();
    const int encoder = config.cellCount() * perCell;
    const int decoder = config.layers * perCell;
    const bool encoderBlock = block < encoder;
    if (block < encoder + decoder) {
      const int local = encoderBlock ? block : block - encoder;
      const int layer = encoderBlock ? local / perCell / config.directions() : local / perCell;
      const Index inputs = encoderBlock ? (layer == 0 ? I : DH) : (layer == 0 ? DH + I : H);
      const std::array<std::pair<Index, Index>, 4> shapes = {
          {{GH, inputs}, {GH, H}, {GH, 1}, {GH, 1}}};
      return shapes[static_cast<std::size_t>(local % perCell)];
    }
    const int attention = config.hasAttentionWeights() ? 3 : 0;
    const Index A = config.effectiveAttentionSize();
    const std::array<std::pair<Index, Index>, 5> tail = {{{A, H}, {A, DH}, {1, A}, {O, H}, {O, 1}}};
    const int k = block - encoder - decoder;
    return tail[static_cast<std::size_t>(k < attention ? k : 3 + (k - attention))];
  }
  if (config.stacked()) {
    const int perCell = config.cell == CellKind::Rnn ? 3 : 4;
    const int cells = config.cellCount();
    if (block >= cells * perCell) {
      return block == cells * perCell ? std::pair<Index, Index>{O, config.topSize()}
                                      : std::pair<Index, Index>{O, 1};
    }
    const Index GH = gateCount(config.cell) * H;
    const int layer = block / perCell / config.directions();
    const Index inputs = layer == 0 ? I : config.topSize();
    const std::array<std::pair<Index, Index>, 4> shapes = {{{GH, inputs}, {GH, H}, {GH, 1}, {GH, 1}}};
    return shapes[static_cast<std::size_t>(block % perCell)];
  }
  if (config.cell == CellKind::Rnn) {
    const std::array<std::pair<Index, Index>, 5> shapes = {{{H, I}, {H, H}, {O, H}, {H, 1}, {O, 1}}};
    return shapes[static_cast<std::size_t>(block)];
  }
  const Index GH = gateCount(config.cell) * H;
  const std::array<std::pair<Index, Index>, 6> shapes = {
      {{GH, I}, {GH, H}, {GH, 1}, {GH, 1}, {O, H}, {O, 1}}};
  return shapes[static_cast<std::size_t>(block)];
}

Parameters Parameters::zeros(const ModelConfig& config) {
  Parameters p;
  p.m_cell = config.cell;
  p.m_layers = config.layers;
  p.m_directions = config.directions();
  p.m_seq2seq = config.seq2seq;
  p.m_attention = config.hasAttentionWeights();
  p.m_blocks.resize(blockNames(config).size());
  for (int k = 0; k < static_cast<int>(p.m_blocks.size()); ++k) {
    const auto [rows, cols] = shape(config, k);
    p.m_blocks[static_cast<std::size_t>(k)] = Matrix::Zero(rows, cols);
  }
  return p;
}

std::span<const std::string_view> Parameters::names() const {
  if (m_seq2seq) {
    return seq2seqList(m_cell, m_layers, m_directions, m_attention);
  }
  if (single()) {
    return blockNames(m_cell);
  }
  return stackedNames().stacked[static_cast<std::size_t>(m_cell)]
                               [static_cast<std::size_t>(m_layers - 1)]
                               [static_cast<std::size_t>(m_directions - 1)];
}

std::string_view Parameters::blockName(int block) const {
  return names()[static_cast<std::size_t>(block)];
}

int Parameters::cellBlockIndex(int layer, int direction, CellBlock role) const {
  const int j = static_cast<int>(role);
  if (single()) {
    if (m_cell == CellKind::Rnn) {
      return role == CellBlock::RecurrentBias ? -1 : (role == CellBlock::InputBias ? 3 : j);
    }
    return j;
  }
  if (m_cell == CellKind::Rnn && role == CellBlock::RecurrentBias) {
    return -1;
  }
  return (layer * m_directions + direction) * cellBlocks() + j;
}

int Parameters::decoderBlockIndex(int layer, CellBlock role) const {
  if (!m_seq2seq || (m_cell == CellKind::Rnn && role == CellBlock::RecurrentBias)) {
    return -1;
  }
  return (m_layers * m_directions + layer) * cellBlocks() + static_cast<int>(role);
}

int Parameters::attentionBlockIndex(int j) const {
  if (!m_attention) {
    return -1;
  }
  return m_layers * (m_directions + 1) * cellBlocks() + j;
}

int Parameters::blockIndex(std::string_view name) const {
  const auto names = this->names();
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (names[k] == name) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

bool Parameters::isBias(int block) const {
  std::string_view name = blockName(block);
  if (m_seq2seq && (name.starts_with("enc_") || name.starts_with("dec_"))) {
    name.remove_prefix(4);
  }
  return name.starts_with('b');
}

std::vector<Eigen::Map<Eigen::ArrayXd>> Parameters::blocks() {
  std::vector<Eigen::Map<Eigen::ArrayXd>> views;
  views.reserve(m_blocks.size());
  for (int k = 0; k < blockCount(); ++k) {
    views.push_back(flat(k));
  }
  return views;
}

std::vector<Eigen::Map<const Eigen::ArrayXd>> Parameters::blocks() const {
  std::vector<Eigen::Map<const Eigen::ArrayXd>> views;
  views.reserve(m_blocks.size());
  for (int k = 0; k < blockCount(); ++k) {
    views.push_back(flat(k));
  }
  return views;
}

Index Parameters::elementCount() const {
  Index count = 0;
  for (const Matrix& m : m_blocks) {
    count += m.size();
  }
  return count;
}

bool Parameters::allFinite() const {
  // x·0 is ±0 for every finite x and NaN for ±inf and NaN, so one vectorized sum tells. Eigen's
  // allFinite() tests element by element, ~9% of a text iteration (it runs on every gradient).
  double probe = 0.0;
  for (const Matrix& m : m_blocks) {
    probe += (m.array() * 0.0).sum();
  }
  return probe == 0.0;
}

bool Parameters::hasShape(const ModelConfig& config) const {
  if (m_cell != config.cell || m_layers != config.layers ||
      m_directions != config.directions() ||
      m_seq2seq != config.seq2seq || m_attention != config.hasAttentionWeights() ||
      m_blocks.size() != blockNames(config).size()) {
    return false;
  }
  if (config.stacked() || config.seq2seq) {
    for (int k = 0; k < blockCount(); ++k) {
      const auto [rows, cols] = shape(config, k);
      if (block(k).rows() != rows || block(k).cols() != cols) {
        return false;
      }
    }
    return true;
  }
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index GH = gateCount(config.cell) * H;
  const auto fits = [this](int k, Index rows, Index cols) {
    return block(k).rows() == rows && block(k).cols() == cols;
  };
  if (config.cell == CellKind::Rnn) {
    return fits(0, H, I) && fits(1, H, H) && fits(2, O, H) && fits(3, H, 1) && fits(4, O, 1);
  }
  return fits(0, GH, I) && fits(1, GH, H) && fits(2, GH, 1) && fits(3, GH, 1) && fits(4, O, H) &&
         fits(5, O, 1);
}

void Parameters::setZero() {
  for (Matrix& m : m_blocks) {
    m.setZero();
  }
}

bool operator==(const Parameters& a, const Parameters& b) {
  if (a.m_cell != b.m_cell || a.m_layers != b.m_layers || a.m_directions != b.m_directions ||
      a.m_seq2seq != b.m_seq2seq || a.m_attention != b.m_attention || a.m_blocks.size() != b.m_blocks.size()) {
    return false;
  }
  for (std::size_t k = 0; k < a.m_blocks.size(); ++k) {
    const Matrix& x = a.m_blocks[k];
    const Matrix& y = b.m_blocks[k];
    if (x.rows() != y.rows() || x.cols() != y.cols() || x != y) {
      return false;
    }
  }
  return true;
}

bool operator==(const Model& a, const Model& b) {
  return a.config == b.config && a.params == b.params && a.h0.size() == b.h0.size() &&
         a.h0 == b.h0 && a.c0.size() == b.c0.size() && a.c0 == b.c0;
}

Model Model::initialized(const ModelConfig& config, std::uint64_t seed, double initScale) {
  const Index states = static_cast<Index>(config.cellCount()) * config.hiddenSize;
  Model model{config, Parameters::zeros(config), Vector::Zero(states), Vector()};
  if (config.cell == CellKind::Lstm) {
    model.c0 = Vector::Zero(states);
  }
  Parameters& p = model.params;
  std::vector<Matrix*> weights;
  for (int k = 0; k < config.layers; ++k) {
    for (int d = 0; d < config.directions(); ++d) {
      weights.push_back(&p.block(p.cellBlockIndex(k, d, CellBlock::InputWeights)));
      weights.push_back(&p.block(p.cellBlockIndex(k, d, CellBlock::RecurrentWeights)));
    }
  }
  if (config.seq2seq) {
    for (int k = 0; k < config.layers; ++k) {
      weights.push_back(&p.block(p.decoderBlockIndex(k, CellBlock::InputWeights)));
      weights.push_back(&p.block(p.decoderBlockIndex(k, CellBlock::RecurrentWeights)));
    }
    for (int j = 0; config.hasAttentionWeights() && j < 3; ++j) {
      weights.push_back(&p.block(p.attentionBlockIndex(j)));
    }
  }
  weights.push_back(&p.Why());
  Rng rng(seed);
  for (Matrix* w : weights) {
    for (Index r = 0; r < w->rows(); ++r) {
      for (Index c = 0; c < w->cols(); ++c) {
        (*w)(r, c) = initScale * rng.normal();
      }
    }
  }
  if (config.cell == CellKind::Lstm) {
    const Index H = config.hiddenSize;
    for (int k = 0; k < config.layers; ++k) {
      for (int d = 0; d < config.directions(); ++d) {
        p.vec(p.cellBlockIndex(k, d, CellBlock::InputBias)).segment(H, H).array() +=
            config.forgetBias;  // the f block
      }
      if (config.seq2seq) {
        p.vec(p.decoderBlockIndex(k, CellBlock::InputBias)).segment(H, H).array() +=
            config.forgetBias;
      }
    }
  }
  return model;
}

}  // namespace rnnlab
