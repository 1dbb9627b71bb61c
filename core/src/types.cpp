#include "rnnlab/types.h"

#include <array>
#include <utility>

namespace rnnlab {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           std::string_view name) {
  for (const auto& [value, text] : table) {
    if (text == name) {
      return value;
    }
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, text] : table) {
    if (candidate == value) {
      return text;
    }
  }
  return "?";
}

constexpr std::array<std::pair<OutputMode, std::string_view>, 2> OutputModeNames{
    {{OutputMode::Sequence, "sequence"}, {OutputMode::Last, "last"}}};
constexpr std::array<std::pair<LossKind, std::string_view>, 2> LossNames{
    {{LossKind::Mse, "mse"}, {LossKind::CrossEntropy, "cross_entropy"}}};
constexpr std::array<std::pair<OptimizerKind, std::string_view>, 5> OptimizerNames{
    {{OptimizerKind::Sgd, "sgd"},
     {OptimizerKind::Momentum, "momentum"},
     {OptimizerKind::Adagrad, "adagrad"},
     {OptimizerKind::Adam, "adam"},
     {OptimizerKind::Rmsprop, "rmsprop"}}};
constexpr std::array<std::pair<CellKind, std::string_view>, 3> CellNames{
    {{CellKind::Rnn, "rnn"}, {CellKind::Lstm, "lstm"}, {CellKind::Gru, "gru"}}};
constexpr std::array<std::pair<AttentionKind, std::string_view>, 3> AttentionNames{
    {{AttentionKind::None, "none"}, {AttentionKind::Dot, "dot"}, {AttentionKind::Additive, "additive"}}};

}  // namespace

std::string_view toString(OutputMode mode) { return nameOf(OutputModeNames, mode); }
std::string_view toString(LossKind loss) { return nameOf(LossNames, loss); }
std::string_view toString(OptimizerKind optimizer) { return nameOf(OptimizerNames, optimizer); }
std::string_view toString(CellKind cell) { return nameOf(CellNames, cell); }
std::string_view toString(AttentionKind attention) { return nameOf(AttentionNames, attention); }

std::optional<OutputMode> outputModeFromString(std::string_view name) {
  return lookup(OutputModeNames, name);
}
std::optional<LossKind> lossKindFromString(std::string_view name) {
  return lookup(LossNames, name);
}
std::optional<OptimizerKind> optimizerKindFromString(std::string_view name) {
  return lookup(OptimizerNames, name);
}
std::optional<CellKind> cellKindFromString(std::string_view name) {
  return lookup(CellNames, name);
}
std::optional<AttentionKind> attentionKindFromString(std::string_view name) {
  return lookup(AttentionNames, name);
}

}  // namespace rnnlab
