#include "rnnlab/model.h"

#include <array>

#include "rnnlab/rng.h"

namespace rnnlab {
namespace {

constexpr std::array<std::string_view, 5> RnnBlocks = {"Wxh", "Whh", "Why", "bh", "by"};
constexpr std::array<std::string_view, 6> GatedBlocks = {"W_ih", "W_hh", "b_ih",
                                                         "b_hh", "Why",  "by"};
constexpr std::array<std::string_view, 4> LstmGates = {"i", "f", "g", "o"};
constexpr std::array<std::string_view, 3> GruGates = {"r", "z", "n"};

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

std::pair<Index, Index> Parameters::shape(const ModelConfig& config, int block) {
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
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
  p.m_blocks.resize(blockNames(config.cell).size());
  for (int k = 0; k < static_cast<int>(p.m_blocks.size()); ++k) {
    const auto [rows, cols] = shape(config, k);
    p.m_blocks[static_cast<std::size_t>(k)] = Matrix::Zero(rows, cols);
  }
  return p;
}

std::string_view Parameters::blockName(int block) const {
  return blockNames(m_cell)[static_cast<std::size_t>(block)];
}

int Parameters::blockIndex(std::string_view name) const {
  const auto names = blockNames(m_cell);
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (names[k] == name) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

bool Parameters::isBias(int block) const {
  const std::string_view name = blockName(block);
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
  if (m_cell != config.cell || m_blocks.size() != blockNames(config.cell).size()) {
    return false;
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
  if (a.m_cell != b.m_cell || a.m_blocks.size() != b.m_blocks.size()) {
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
  Model model{config, Parameters::zeros(config), Vector::Zero(config.hiddenSize), Vector()};
  if (config.cell == CellKind::Lstm) {
    model.c0 = Vector::Zero(config.hiddenSize);
  }
  Rng rng(seed);
  for (Matrix* weights : {&model.params.Wxh(), &model.params.Whh(), &model.params.Why()}) {
    for (Index r = 0; r < weights->rows(); ++r) {
      for (Index c = 0; c < weights->cols(); ++c) {
        (*weights)(r, c) = initScale * rng.normal();
      }
    }
  }
  if (config.cell == CellKind::Lstm) {
    const Index H = config.hiddenSize;
    model.params.bih().segment(H, H).array() += config.forgetBias;  // the f block
  }
  return model;
}

}  // namespace rnnlab
