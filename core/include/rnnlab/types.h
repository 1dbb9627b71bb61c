#pragma once

// Basic numeric types and the enumerations of the model and its training.
// Everything is double precision; matrices are Eigen's default column-major.

#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>

namespace rnnlab {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;

// `sequence`: a target row for every step (many-to-many); `last`: one target row for y_T.
enum class OutputMode { Sequence, Last };
// `mse`: L = ½ Σ (y − d)²; `cross_entropy`: L = −Σ d · log softmax(y).
enum class LossKind { Mse, CrossEntropy };
enum class OptimizerKind { Sgd, Momentum, Adagrad, Adam, Rmsprop };
// The recurrent cell: `rnn` (tanh Elman), `lstm` and `gru` (PyTorch's nn.LSTM / nn.GRU).
enum class CellKind { Rnn, Lstm, Gru };
// A sequence-to-sequence decoder's attention (spec v3 §3): `none` (d2l's plain seq2seq, the
// encoder's final states as context), `dot` (Luong, unscaled), `additive` (Bahdanau).
enum class AttentionKind { None, Dot, Additive };

// Names as they appear in the session file and on the command line.
std::string_view toString(OutputMode mode);
std::string_view toString(LossKind loss);
std::string_view toString(OptimizerKind optimizer);
std::string_view toString(CellKind cell);
std::string_view toString(AttentionKind attention);
std::optional<OutputMode> outputModeFromString(std::string_view name);
std::optional<LossKind> lossKindFromString(std::string_view name);
std::optional<OptimizerKind> optimizerKindFromString(std::string_view name);
std::optional<CellKind> cellKindFromString(std::string_view name);
std::optional<AttentionKind> attentionKindFromString(std::string_view name);

}  // namespace rnnlab
