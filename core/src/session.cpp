#include "rnnlab/session.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <system_error>

#include "rnnlab/limits.h"
#include "rnnlab/pytorch_weights.h"
#include "rnnlab/safetensors.h"
#include "rnnlab/utf8.h"
#include "text_io.h"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace rnnlab {
namespace {

using Json = nlohmann::json;
using detail::formatNumber;

constexpr std::string_view FormatName = "rnnlab-session";

[[noreturn]] void fail(std::string message) { throw SessionError(std::move(message)); }

std::string plural(Index count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

// How a JSON value looks, for "expected X, got Y" messages.
std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
      std::string text = value.get<std::string>();
      if (text.size() > 40) {
        text = text.substr(0, 37) + "...";
      }
      return "a string (" + Json(text).dump() + ")";
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "the number " + value.dump();
    case Json::value_t::number_float:
      return "the number " + formatNumber(value.get<double>());
    case Json::value_t::array:
      return "an array of " + plural(static_cast<Index>(value.size()), "item");
    case Json::value_t::object:
      return "an object";
    default:
      return "a value of type " + std::string(value.type_name());
  }
}

std::string join(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

const Json* find(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const Json& require(const Json& object, const std::string& parent, std::string_view key,
                    std::string_view hint = {}) {
  const Json* value = find(object, key);
  if (value == nullptr) {
    fail(join(parent, key) + ": missing" + (hint.empty() ? "" : " (" + std::string(hint) + ")"));
  }
  return *value;
}

const Json& requireObject(const Json& value, const std::string& path) {
  if (!value.is_object()) {
    fail(path + ": expected an object, got " + describe(value));
  }
  return value;
}

// A finite number; `path` names the value in messages.
double readNumber(const Json& value, const std::string& path) {
  if (!value.is_number()) {
    fail(path + ": expected a number, got " + describe(value));
  }
  const double number = value.get<double>();
  if (!std::isfinite(number)) {
    fail(path + ": must be a finite number, got " + formatNumber(number));
  }
  return number;
}

// A whole number, also when written as 3.0 or 1e3. Returns nullopt for anything else that is a
// number (fractions, values beyond long long); non-numbers are refused here.
std::optional<long long> wholeNumber(const Json& value, const std::string& path) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
      return std::nullopt;
    }
    return value.get<long long>();
  }
  if (!value.is_number()) {
    fail(path + ": expected a whole number, got " + describe(value));
  }
  const double number = value.get<double>();
  // 2^63 is exactly representable; everything below it that is whole fits a long long.
  if (number == std::trunc(number) && std::abs(number) < 9223372036854775808.0) {
    return static_cast<long long>(number);
  }
  return std::nullopt;
}

std::string numberText(const Json& value) {
  return value.is_number_float() ? formatNumber(value.get<double>()) : value.dump();
}

long long readInteger(const Json& value, const std::string& path, long long min, long long max) {
  const auto number = wholeNumber(value, path);
  if (!number) {
    fail(path + ": must be a whole number between " + std::to_string(min) + " and " +
         std::to_string(max) + ", got " + numberText(value));
  }
  if (*number < min || *number > max) {
    fail(path + ": must be between " + std::to_string(min) + " and " + std::to_string(max) +
         ", got " + std::to_string(*number));
  }
  return *number;
}

std::uint64_t readSeed(const Json& value, const std::string& path) {
  if (value.is_number_unsigned()) {
    return value.get<std::uint64_t>();
  }
  const std::string range = "must be a whole number between 0 and " +
                            std::to_string(std::numeric_limits<std::uint64_t>::max());
  if (!value.is_number()) {
    fail(path + ": " + range + ", got " + describe(value));
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    // 2^64 is exactly representable; every whole double in [0, 2^64) converts exactly.
    if (number >= 0.0 && number < 18446744073709551616.0 && number == std::trunc(number)) {
      return static_cast<std::uint64_t>(number);
    }
  }
  fail(path + ": " + range + ", got " + numberText(value));
}

std::string readString(const Json& value, const std::string& path) {
  if (!value.is_string()) {
    fail(path + ": expected a string, got " + describe(value));
  }
  return value.get<std::string>();
}

// Refuses a row that is not an array of `cols` values; `expectedShape` is the "expected ..."
// part of messages.
void checkRow(const Json& row, Index rowNumber, const std::string& path, Index cols,
              const std::string& expectedShape) {
  if (!row.is_array()) {
    fail(path + ": " + expectedShape + ", row " + std::to_string(rowNumber + 1) + " is " +
         describe(row));
  }
  if (static_cast<Index>(row.size()) != cols) {
    fail(path + ": " + expectedShape + ", row " + std::to_string(rowNumber + 1) + " has " +
         std::to_string(row.size()));
  }
}

// Reads one row of `cols` numbers, handing each to `assign(column, value)`.
template <class Target>
void readRow(const Json& row, Index rowNumber, const std::string& path, Index cols,
             const std::string& expectedShape, Target&& assign) {
  checkRow(row, rowNumber, path, cols, expectedShape);
  for (Index c = 0; c < cols; ++c) {
    assign(c, readNumber(row[static_cast<std::size_t>(c)],
                         path + ": row " + std::to_string(rowNumber + 1) + ", column " +
                             std::to_string(c + 1)));
  }
}

// A weight matrix of known shape: "expected 4 rows of 4 numbers, row 2 has 3".
Matrix readFixedMatrix(const Json& value, const std::string& path, Index rows, Index cols) {
  const std::string expected = "expected " + plural(rows, "row") + " of " + plural(cols, "number");
  if (!value.is_array()) {
    fail(path + ": " + expected + ", got " + describe(value));
  }
  if (static_cast<Index>(value.size()) != rows) {
    fail(path + ": " + expected + ", got " + plural(static_cast<Index>(value.size()), "row"));
  }
  // Every row's length first: the matrix is allocated only once the file holds its numbers.
  for (Index r = 0; r < rows; ++r) {
    checkRow(value[static_cast<std::size_t>(r)], r, path, cols, expected);
  }
  Matrix out(rows, cols);
  for (Index r = 0; r < rows; ++r) {
    readRow(value[static_cast<std::size_t>(r)], r, path, cols, expected,
            [&](Index c, double number) { out(r, c) = number; });
  }
  return out;
}

Vector readVector(const Json& value, const std::string& path, Index size) {
  const std::string expected = "expected an array of " + plural(size, "number");
  if (!value.is_array()) {
    fail(path + ": " + expected + ", got " + describe(value));
  }
  if (static_cast<Index>(value.size()) != size) {
    fail(path + ": " + expected + ", got " + plural(static_cast<Index>(value.size()), "number"));
  }
  Vector out(size);
  for (Index k = 0; k < size; ++k) {
    out(k) =
        readNumber(value[static_cast<std::size_t>(k)], path + ": number " + std::to_string(k + 1));
  }
  return out;
}

// A data matrix: rows are time steps, each with `cols` numbers, e.g.
// "data.inputs: row 3 has 2 numbers, expected 3 (model.input_size)".
Matrix readDataRows(const Json& value, const std::string& path, Index cols,
                    std::string_view colsKey) {
  const std::string perRow = plural(cols, "number") + " (" + std::string(colsKey) + ")";
  if (!value.is_array()) {
    fail(path + ": expected an array of rows of " + perRow + ", got " + describe(value));
  }
  const auto rows = static_cast<Index>(value.size());
  // Every row's length first: rows × cols is allocated only once the file holds that many
  // numbers (a row of "[]" must not ask for room for cols numbers).
  for (Index r = 0; r < rows; ++r) {
    const Json& row = value[static_cast<std::size_t>(r)];
    const std::string rowName = "row " + std::to_string(r + 1);
    if (!row.is_array()) {
      fail(path + ": " + rowName + " is " + describe(row) + ", expected an array of " + perRow);
    }
    if (static_cast<Index>(row.size()) != cols) {
      fail(path + ": " + rowName + " has " + plural(static_cast<Index>(row.size()), "number") +
           ", expected " + std::to_string(cols) + " (" + std::string(colsKey) + ")");
    }
  }
  Matrix out(rows, cols);
  for (Index r = 0; r < rows; ++r) {
    const Json& row = value[static_cast<std::size_t>(r)];
    const std::string rowName = "row " + std::to_string(r + 1);
    for (Index c = 0; c < cols; ++c) {
      out(r, c) = readNumber(row[static_cast<std::size_t>(c)],
                             path + ": " + rowName + ", column " + std::to_string(c + 1));
    }
  }
  return out;
}

// The (rows, cols) of each parameter block of `config`, as Parameters::zeros(config) has them,
// without allocating them.
std::vector<std::pair<Index, Index>> blockShapes(const ModelConfig& config) {
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  if (config.cell == CellKind::Rnn) {
    return {{H, I}, {H, H}, {O, H}, {H, 1}, {O, 1}};
  }
  const Index GH = gateCount(config.cell) * H;
  return {{GH, I}, {GH, H}, {GH, 1}, {GH, 1}, {O, H}, {O, 1}};
}

// Every parameter block of `config` from `object` (each required; `hint` says so when one is
// missing). A block is allocated only after the file has given its numbers, so a file that
// claims the largest sizes but holds few numbers is refused without asking for gigabytes.
Parameters readBlocks(const Json& object, const std::string& path, const ModelConfig& config,
                      const std::string& hint) {
  // The cell's blocks at size 1, replaced one by one with what the file gives.
  Parameters params =
      Parameters::zeros(ModelConfig{1, 1, 1, config.outputMode, config.loss, config.cell});
  const auto shapes = blockShapes(config);
  for (int k = 0; k < params.blockCount(); ++k) {
    const std::string name(params.blockName(k));
    const Json& entry = require(object, path, name, hint);
    const auto [rows, cols] = shapes[static_cast<std::size_t>(k)];
    params.block(k) = params.isBias(k) ? Matrix(readVector(entry, path + "." + name, rows))
                                       : readFixedMatrix(entry, path + "." + name, rows, cols);
  }
  return params;
}

// --- checks shared by the parser and validate() ---

std::optional<std::string> checkSize(std::string_view key, int value, int max) {
  if (value < 1 || value > max) {
    return "model." + std::string(key) + ": must be between 1 and " + std::to_string(max) +
           ", got " + std::to_string(value);
  }
  return std::nullopt;
}

std::optional<std::string> checkFinite(const std::string& path, const Matrix& m) {
  for (Index r = 0; r < m.rows(); ++r) {
    for (Index c = 0; c < m.cols(); ++c) {
      if (!std::isfinite(m(r, c))) {
        return path + ": row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) +
               " is not a finite number (" + formatNumber(m(r, c)) + ")";
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> checkFinite(const std::string& path, const Vector& v) {
  for (Index k = 0; k < v.size(); ++k) {
    if (!std::isfinite(v(k))) {
      return path + ": number " + std::to_string(k + 1) + " is not a finite number (" +
             formatNumber(v(k)) + ")";
    }
  }
  return std::nullopt;
}

std::optional<std::string> checkMatrix(const std::string& path, const Matrix& m, Index rows,
                                       Index cols) {
  if (m.rows() != rows || m.cols() != cols) {
    return path + ": expected " + plural(rows, "row") + " of " + plural(cols, "number") + ", got " +
           plural(m.rows(), "row") + " of " + plural(m.cols(), "number");
  }
  return checkFinite(path, m);
}

std::optional<std::string> checkVector(const std::string& path, const Vector& v, Index size) {
  if (v.size() != size) {
    return path + ": expected " + plural(size, "number") + ", got " + std::to_string(v.size());
  }
  return checkFinite(path, v);
}

std::optional<std::string> checkStepCount(Index steps) {
  if (steps < 1) {
    return std::string("data.inputs: expected at least 1 row (one per time step), got none");
  }
  if (steps > limits::MaxSequenceLength) {
    return "data.inputs: at most " + std::to_string(limits::MaxSequenceLength) +
           " rows (time steps) are allowed, got " + std::to_string(steps);
  }
  return std::nullopt;
}

std::optional<std::string> checkTargetRows(OutputMode mode, Index steps, Index targetRows) {
  if (mode == OutputMode::Sequence && targetRows != steps) {
    return "data.targets: expected " + plural(steps, "row") +
           " (one per input row, output_mode sequence), got " + std::to_string(targetRows);
  }
  if (mode == OutputMode::Last && targetRows != 1) {
    return "data.targets: expected 1 row (output_mode last), got " + std::to_string(targetRows);
  }
  return std::nullopt;
}

// The weight matrices' entries of a model of these sizes (gates·H·(I + H) + O·H), refused beyond
// limits::MaxWeights before anything of that size is allocated.
std::optional<std::string> checkWeightCount(const ModelConfig& config) {
  const long gates = gateCount(config.cell);
  const long H = config.hiddenSize;
  const long weights = gates * H * (config.inputSize + H) + static_cast<long>(config.outputSize) * H;
  if (weights > limits::MaxWeights) {
    return "model: at most " + std::to_string(limits::MaxWeights) +
           " weights (gates × hidden_size × (input_size + hidden_size) + output_size × "
           "hidden_size), got " +
           std::to_string(weights) + " for a " + std::string(toString(config.cell)) +
           " cell with input_size " + std::to_string(config.inputSize) + ", hidden_size " +
           std::to_string(H) + " and output_size " + std::to_string(config.outputSize) +
           ": make the model smaller";
  }
  return std::nullopt;
}

std::optional<std::string> validateModel(const Session& session) {
  const ModelConfig& config = session.model;
  if (auto problem = checkSize("input_size", config.inputSize, limits::MaxInputSize)) {
    return problem;
  }
  if (auto problem = checkSize("hidden_size", config.hiddenSize, limits::MaxHiddenSize)) {
    return problem;
  }
  if (auto problem = checkSize("output_size", config.outputSize, limits::MaxOutputSize)) {
    return problem;
  }
  if (toString(config.outputMode) == "?") {
    return std::string("model.output_mode: unknown output mode");
  }
  if (toString(config.loss) == "?") {
    return std::string("model.loss: unknown loss");
  }
  if (toString(config.cell) == "?") {
    return std::string("model.cell: unknown cell");
  }
  if (auto problem = checkWeightCount(config)) {
    return problem;
  }
  if (!std::isfinite(config.forgetBias)) {
    return "model.forget_bias: must be a finite number, got " + formatNumber(config.forgetBias);
  }
  const Index H = config.hiddenSize;
  if (session.h0) {
    if (auto problem = checkVector("model.weights.h0", *session.h0, H)) {
      return problem;
    }
  }
  if (session.c0) {
    if (config.cell != CellKind::Lstm) {
      return "model.weights.c0: only an lstm has a cell state (model.cell is " +
             std::string(toString(config.cell)) + ")";
    }
    if (auto problem = checkVector("model.weights.c0", *session.c0, H)) {
      return problem;
    }
  }
  if (!session.weights) {
    return std::nullopt;
  }
  const Parameters& w = *session.weights;
  if (w.cell() != config.cell) {
    return "model.weights: the weights are for a " + std::string(toString(w.cell())) +
           " cell, model.cell is " + std::string(toString(config.cell));
  }
  // Shapes only: a zeros(config) to compare with cost 300 ms at the largest sizes.
  const std::span<const std::string_view> names = Parameters::blockNames(config.cell);
  for (int k = 0; k < static_cast<int>(names.size()); ++k) {
    const std::string_view name = names[static_cast<std::size_t>(k)];
    const std::string path = "model.weights." + std::string(name);
    const Matrix& block = k < w.blockCount() ? w.block(k) : Matrix();
    const auto [rows, cols] = Parameters::shape(config, k);
    const auto problem = name.starts_with('b')
                             ? (block.cols() == 1 ? checkVector(path, Vector(block), rows)
                                                  : checkMatrix(path, block, rows, 1))
                             : checkMatrix(path, block, rows, cols);
    if (problem) {
      return problem;
    }
  }
  return std::nullopt;
}

std::optional<std::string> validateText(const Session& session) {
  const TextData& text = *session.text;
  const ModelConfig& config = session.model;
  if (config.loss != LossKind::CrossEntropy) {
    return "model.loss: a text session needs cross_entropy (one character class per step), got " +
           std::string(toString(config.loss));
  }
  if (config.outputMode != OutputMode::Sequence) {
    return "model.output_mode: a text session predicts every next character and needs "
           "sequence, got " +
           std::string(toString(config.outputMode));
  }
  const int V = text.vocabularySize();
  if (config.inputSize != V) {
    return "model.input_size: a text session has one input per vocabulary character (V = " +
           std::to_string(V) + "), got " + std::to_string(config.inputSize);
  }
  if (config.outputSize != V) {
    return "model.output_size: a text session has one output per vocabulary character (V = " +
           std::to_string(V) + "), got " + std::to_string(config.outputSize);
  }
  // The indices are derived by prepareText; a session built in code must have run it.
  const auto needed = static_cast<std::size_t>(text.sequenceLength) + 2;
  if (text.sequenceLength < 1 || text.sequenceLength > limits::MaxSequenceLength) {
    return "data.sequence_length: must be between 1 and " +
           std::to_string(limits::MaxSequenceLength) + ", got " +
           std::to_string(text.sequenceLength);
  }
  if (text.indices.size() < needed) {
    return "data.text: has " + std::to_string(text.indices.size()) +
           " characters; data.sequence_length " + std::to_string(text.sequenceLength) +
           " needs at least " + std::to_string(needed);
  }
  if (text.validationIndices.size() == 1) {
    return std::string("data.validation_text: has 1 character; at least 2 are needed");
  }
  for (const auto* indices : {&text.indices, &text.validationIndices}) {
    for (const int index : *indices) {
      if (index < 0 || index >= V) {
        return std::string(indices == &text.indices ? "data.text" : "data.validation_text") +
               ": holds a character outside data.vocabulary";
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> validateData(const Session& session) {
  if (session.text) {
    return validateText(session);
  }
  if (session.sequences) {
    return validateSequenceSet(*session.sequences, session.model);
  }
  const SequenceData& data = session.data;
  if (auto problem = checkStepCount(data.inputs.rows())) {
    return problem;
  }
  if (data.inputs.cols() != session.model.inputSize) {
    return "data.inputs: rows have " + plural(data.inputs.cols(), "number") + ", expected " +
           std::to_string(session.model.inputSize) + " (model.input_size)";
  }
  if (auto problem = checkFinite("data.inputs", data.inputs)) {
    return problem;
  }
  if (auto problem =
          checkTargetRows(session.model.outputMode, data.inputs.rows(), data.targets.rows())) {
    return problem;
  }
  if (data.targets.cols() != session.model.outputSize) {
    return "data.targets: rows have " + plural(data.targets.cols(), "number") + ", expected " +
           std::to_string(session.model.outputSize) + " (model.output_size)";
  }
  return checkFinite("data.targets", data.targets);
}

std::optional<std::string> blogBugProblem(const Session& session, BlogBug bug) {
  const ModelConfig& config = session.model;
  return blogBugUndefined(bug, config.cell, config.outputMode, config.loss,
                          !session.text && !session.sequences);
}

// The index is the bug's place in the list a file of this session would hold.
std::optional<std::string> validateBlogBugs(const Session& session) {
  const std::vector<BlogBug> bugs = session.training.blogBugs.list();
  for (std::size_t i = 0; i < bugs.size(); ++i) {
    if (auto problem = blogBugProblem(session, bugs[i])) {
      return "training.blog_bugs[" + std::to_string(i) + "]: " + *problem;
    }
  }
  return std::nullopt;
}

std::optional<std::string> validateEpochState(const Session& session) {
  const TrainingState& state = *session.trainingState;
  const bool any = state.epochOrder || state.epochPosition || state.shuffleRng;
  if (!any) {
    return std::nullopt;
  }
  if (!session.sequences) {
    return std::string(
        "training_state.epoch_order: not used by this session (only a data set has an epoch)");
  }
  const auto n = static_cast<long>(session.sequences->train.size());
  if (state.epochOrder) {
    std::vector<bool> seen(static_cast<std::size_t>(n), false);
    bool ok = static_cast<long>(state.epochOrder->size()) == n;
    for (std::size_t k = 0; ok && k < state.epochOrder->size(); ++k) {
      const long v = (*state.epochOrder)[k];
      ok = v >= 0 && v < n && !seen[static_cast<std::size_t>(v)];
      if (ok) {
        seen[static_cast<std::size_t>(v)] = true;
      }
    }
    if (!ok) {
      return "training_state.epoch_order: expected each of 0.." + std::to_string(n - 1) + " once";
    }
  }
  if (state.epochOrder.has_value() != state.epochPosition.has_value()) {
    return std::string("training_state: epoch_order and epoch_position go together");
  }
  if (state.epochPosition && (*state.epochPosition < 0 || *state.epochPosition >= n)) {
    return "training_state.epoch_position: must be between 0 and " + std::to_string(n - 1) +
           ", got " + std::to_string(*state.epochPosition);
  }
  if (state.shuffleRng && *state.shuffleRng == std::array<std::uint64_t, 4>{}) {
    return std::string("training_state.shuffle_rng: all four words are zero");
  }
  return std::nullopt;
}

// The slots must be those of training.optimizer, shaped like the parameters, finite (and, where
// they are sums of squares, not negative).
std::optional<std::string> validateTrainingState(const Session& session) {
  if (!session.trainingState) {
    return std::nullopt;
  }
  const TrainingState& state = *session.trainingState;
  if (state.iteration < 0 || state.iteration > limits::MaxIterations) {
    return "training_state.iteration: must be between 0 and " +
           std::to_string(limits::MaxIterations) + ", got " + std::to_string(state.iteration);
  }
  if (state.optimizer.step < 0 || state.optimizer.step > state.iteration) {
    return "training_state.optimizer_step: must be between 0 and the iteration (" +
           std::to_string(state.iteration) + "), got " + std::to_string(state.optimizer.step);
  }
  const OptimizerState& optimizer = state.optimizer;
  const auto names = OptimizerState::slotNames(optimizer.kind);
  // Slots of another optimizer than training.optimizer (changed since the last update) are
  // neither written nor used: the next update restarts the state.
  if (optimizer.buffers.empty() || optimizer.kind != session.training.optimizer) {
    return validateEpochState(session);
  }
  if (optimizer.buffers.size() != names.size()) {
    return "training_state.optimizer: " + std::string(toString(optimizer.kind)) + " keeps " +
           std::to_string(names.size()) + " slots, got " + std::to_string(optimizer.buffers.size());
  }
  const Parameters expected = Parameters::zeros(session.model);
  for (std::size_t s = 0; s < optimizer.buffers.size(); ++s) {
    const Parameters& slot = optimizer.buffers[s];
    const std::string slotPath = "training_state.optimizer." + std::string(names[s]);
    if (slot.cell() != session.model.cell || slot.blockCount() != expected.blockCount()) {
      return slotPath + ": the slot is for a " + std::string(toString(slot.cell())) +
             " cell, model.cell is " + std::string(toString(session.model.cell));
    }
    // Sums of squares: Adagrad's G and Adam's v (the second name "v" of adam, not momentum's v).
    const bool squares = optimizer.kind == OptimizerKind::Adagrad ||
                         (optimizer.kind == OptimizerKind::Adam && s == 1);
    for (int k = 0; k < expected.blockCount(); ++k) {
      const std::string path = slotPath + "." + std::string(expected.blockName(k));
      const Matrix& block = slot.block(k);
      if (auto problem =
              checkMatrix(path, block, expected.block(k).rows(), expected.block(k).cols())) {
        return problem;
      }
      if (squares && (block.array() < 0.0).any()) {
        return path + ": a sum of squares cannot be negative";
      }
    }
  }
  return validateEpochState(session);
}

// --- parsing ---

template <class Enum>
Enum readEnum(const Json& object, std::string_view key, std::string_view what,
              std::optional<Enum> (*fromString)(std::string_view), std::string_view expected) {
  const std::string path = join("model", key);
  const std::string name = readString(require(object, "model", key), path);
  const auto value = fromString(name);
  if (!value) {
    fail(path + ": unknown " + std::string(what) + " " + Json(name).dump() + " (expected " +
         std::string(expected) + ")");
  }
  return *value;
}

void readFormatAndVersion(const Json& root) {
  const Json* format = find(root, "format");
  if (format == nullptr) {
    fail("format: missing (expected \"rnnlab-session\"; is this an RNN Lab session file?)");
  }
  if (!format->is_string() || format->get<std::string>() != FormatName) {
    fail("format: expected \"rnnlab-session\", got " + describe(*format));
  }
  const Json& version = require(root, "", "version", "expected 1 or 2");
  if (!version.is_number()) {
    fail("version: expected a whole number, got " + describe(version));
  }
  const auto number = wholeNumber(version, "version");
  if (!number || *number < 1 || *number > Session::FormatVersion) {
    fail("version: this program reads versions 1 to " + std::to_string(Session::FormatVersion) +
         ", the file has version " + numberText(version));
  }
}

// `vocabularySize` (a text session's V) stands in for a missing input_size and output_size.
ModelConfig readModelConfig(const Json& model, std::optional<int> vocabularySize) {
  const auto size = [&](std::string_view key, int max) {
    if (vocabularySize && find(model, key) == nullptr) {
      return *vocabularySize;  // 1..MaxInputSize: prepareText refuses other vocabularies
    }
    return static_cast<int>(readInteger(require(model, "model", key), join("model", key), 1, max));
  };
  ModelConfig config;
  config.inputSize = size("input_size", limits::MaxInputSize);
  config.hiddenSize = static_cast<int>(readInteger(require(model, "model", "hidden_size"),
                                                   "model.hidden_size", 1, limits::MaxHiddenSize));
  config.outputSize = size("output_size", limits::MaxOutputSize);
  if (const Json* activation = find(model, "activation")) {
    const std::string name = readString(*activation, "model.activation");
    if (name != "tanh") {
      fail("model.activation: unknown activation " + Json(name).dump() + " (expected tanh)");
    }
  }
  config.outputMode = readEnum<OutputMode>(model, "output_mode", "output mode",
                                           &outputModeFromString, "sequence or last");
  config.loss =
      readEnum<LossKind>(model, "loss", "loss", &lossKindFromString, "mse or cross_entropy");
  if (find(model, "cell") != nullptr) {
    config.cell =
        readEnum<CellKind>(model, "cell", "cell", &cellKindFromString, "rnn, lstm or gru");
  }
  if (const Json* forgetBias = find(model, "forget_bias")) {
    config.forgetBias = readNumber(*forgetBias, "model.forget_bias");
  }
  if (auto problem = checkWeightCount(config)) {
    fail(*problem);
  }
  return config;
}

void readWeights(const Json& value, Session& session) {
  const Json& weights = requireObject(value, "model.weights");
  const Index H = session.model.hiddenSize;
  const auto names = Parameters::blockNames(session.model.cell);
  const auto count = static_cast<std::size_t>(names.size());
  // "weights must give Wxh, Whh, Why, bh and by" (for the cell's own names)
  std::string hint = "weights must give ";
  for (std::size_t k = 0; k < count; ++k) {
    hint += std::string(names[k]) + (k + 2 < count ? ", " : k + 2 == count ? " and " : "");
  }
  if (session.model.cell != CellKind::Rnn) {
    hint += " for a " + std::string(toString(session.model.cell)) + " cell";
  }
  Parameters params = readBlocks(weights, "model.weights", session.model, hint);
  session.weights = std::move(params);
  if (const Json* h0 = find(weights, "h0")) {
    session.h0 = readVector(*h0, "model.weights.h0", H);
  }
  if (const Json* c0 = find(weights, "c0")) {
    if (session.model.cell != CellKind::Lstm) {
      fail("model.weights.c0: only an lstm has a cell state (model.cell is " +
           std::string(toString(session.model.cell)) + ")");
    }
    session.c0 = readVector(*c0, "model.weights.c0", H);
  }
}

// One optimizer slot: an object with every parameter block of the cell, in its shape.
Parameters readSlot(const Json& value, const std::string& path, const ModelConfig& config) {
  const Json& object = requireObject(value, path);
  Parameters slot = readBlocks(object, path, config, "a slot has one entry per parameter block");
  for (const auto& [key, unused] : object.items()) {
    if (slot.blockIndex(key) < 0) {
      fail(path + "." + key + ": not a parameter block of a " + std::string(toString(config.cell)) +
           " cell");
    }
  }
  return slot;
}

// A data set's epoch order (each of 0..n−1 once), the position in it and the shuffle generator
// (four words of 16 hex digits); the order and the position go together.
void readEpochState(const Json& object, const std::string& path, const SequenceSet& set,
                    TrainingState& state) {
  const auto n = static_cast<long long>(set.train.size());
  if (const Json* order = find(object, "epoch_order")) {
    const std::string key = path + ".epoch_order";
    if (!order->is_array() || static_cast<long long>(order->size()) != n) {
      fail(key + ": expected an array of the " + std::to_string(n) +
           " training sequence numbers 0.." + std::to_string(n - 1) + ", got " + describe(*order));
    }
    std::vector<bool> seen(static_cast<std::size_t>(n), false);
    std::vector<long> values;
    values.reserve(static_cast<std::size_t>(n));
    for (std::size_t k = 0; k < order->size(); ++k) {
      const long long v = readInteger((*order)[k], key + "[" + std::to_string(k) + "]", 0, n - 1);
      if (seen[static_cast<std::size_t>(v)]) {
        fail(key + "[" + std::to_string(k) + "]: " + std::to_string(v) + " appears twice");
      }
      seen[static_cast<std::size_t>(v)] = true;
      values.push_back(static_cast<long>(v));
    }
    state.epochOrder = std::move(values);
  }
  if (const Json* position = find(object, "epoch_position")) {
    state.epochPosition = static_cast<long>(
        readInteger(*position, path + ".epoch_position", 0, std::max<long long>(n - 1, 0)));
  }
  if (state.epochOrder.has_value() != state.epochPosition.has_value()) {
    fail(path + ": epoch_order and epoch_position go together");
  }
  if (const Json* words = find(object, "shuffle_rng")) {
    const std::string key = path + ".shuffle_rng";
    if (!words->is_array() || words->size() != 4) {
      fail(key + ": expected 4 strings of 16 hex digits, got " + describe(*words));
    }
    std::array<std::uint64_t, 4> rng{};
    for (std::size_t k = 0; k < 4; ++k) {
      const std::string word = readString((*words)[k], key + "[" + std::to_string(k) + "]");
      const bool hex = word.size() == 16 &&
                       word.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
      if (!hex) {
        fail(key + "[" + std::to_string(k) + "]: expected 16 hex digits, got " + Json(word).dump());
      }
      rng[k] = std::stoull(word, nullptr, 16);
    }
    if (rng == std::array<std::uint64_t, 4>{}) {
      fail(key + ": all four words are zero, which is not a state of the generator");
    }
    state.shuffleRng = rng;
  }
  if (set.shuffle && state.epochOrder && !state.shuffleRng) {
    fail(path + ".shuffle_rng: missing (data.shuffle is true and epoch_order is given)");
  }
}

// `training_state`, read after `model`, `training` and `data` (the slots depend on the first two,
// the text position and carried state on the text). Keys of another data kind are refused.
TrainingState readTrainingState(const Json& value, const Session& session) {
  const std::string path = "training_state";
  const Json& object = requireObject(value, path);
  TrainingState state;
  state.iteration = static_cast<long>(readInteger(require(object, path, "iteration"),
                                                  path + ".iteration", 0, limits::MaxIterations));
  const OptimizerKind kind = session.training.optimizer;
  state.optimizer.kind = kind;
  if (const Json* step = find(object, "optimizer_step")) {
    state.optimizer.step = static_cast<long>(
        readInteger(*step, path + ".optimizer_step", 0, static_cast<long long>(state.iteration)));
  }
  const auto names = OptimizerState::slotNames(kind);
  if (const Json* optimizer = find(object, "optimizer")) {
    const std::string optimizerPath = path + ".optimizer";
    const Json& slots = requireObject(*optimizer, optimizerPath);
    for (const auto& [key, unused] : slots.items()) {
      if (std::find(names.begin(), names.end(), key) == names.end()) {
        fail(optimizerPath + "." + key + ": training.optimizer " + std::string(toString(kind)) +
             " keeps no slot of that name");
      }
    }
    if (!slots.empty()) {
      for (const std::string_view name : names) {
        const std::string key(name);
        state.optimizer.buffers.push_back(readSlot(
            require(slots, optimizerPath, key,
                    "training.optimizer " + std::string(toString(kind)) + " keeps every slot"),
            optimizerPath + "." + key, session.model));
      }
    }
  }
  if (state.optimizer.buffers.empty() && state.optimizer.step > 0 && !names.empty()) {
    fail(path + ".optimizer: missing (" + std::string(toString(kind)) + " after " +
         std::to_string(state.optimizer.step) + " updates keeps its slots)");
  }
  const bool text = session.text.has_value();
  if (text) {
    const Index H = session.model.hiddenSize;
    if (const Json* position = find(object, "text_position")) {
      state.textPosition = static_cast<long>(readInteger(
          *position, path + ".text_position", 0, static_cast<long long>(session.text->size())));
    }
    if (const Json* h = find(object, "carried_h")) {
      state.carriedH = readVector(*h, path + ".carried_h", H);
    }
    if (const Json* c = find(object, "carried_c")) {
      if (session.model.cell != CellKind::Lstm) {
        fail(path + ".carried_c: only an lstm carries a cell state");
      }
      state.carriedC = readVector(*c, path + ".carried_c", H);
    }
    if (state.textPosition.has_value() != state.carriedH.has_value() ||
        (session.model.cell == CellKind::Lstm &&
         state.carriedC.has_value() != state.textPosition.has_value())) {
      fail(path + ": text_position, carried_h" +
           std::string(session.model.cell == CellKind::Lstm ? " and carried_c" : "") +
           " go together");
    }
  }
  const bool dataSet = session.sequences.has_value();
  if (dataSet) {
    readEpochState(object, path, *session.sequences, state);
  }
  for (const auto& [key, unused] : object.items()) {
    const bool textKey = key == "text_position" || key == "carried_h" || key == "carried_c";
    const bool epochKey = key == "epoch_order" || key == "epoch_position" || key == "shuffle_rng";
    if (key != "iteration" && key != "optimizer_step" && key != "optimizer" && !(text && textKey) &&
        !(dataSet && epochKey)) {
      fail(path + "." + key + ": not used by this session (its data kind keeps no such state)");
    }
  }
  return state;
}

// `training.blog_bugs`: an array of bug names, each at most once. `order` receives them as
// listed, so that later checks can name the index the file used.
BlogBugs readBlogBugs(const Json& value, std::vector<BlogBug>& order) {
  const std::string path = "training.blog_bugs";
  if (!value.is_array()) {
    fail(path + ": expected an array of bug names, got " + describe(value));
  }
  BlogBugs bugs;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string itemPath = path + "[" + std::to_string(i) + "]";
    const std::string name = readString(value[i], itemPath);
    const auto bug = blogBugFromString(name);
    if (!bug) {
      fail(itemPath + ": unknown bug " + Json(name).dump() +
           " (expected last_output_only, final_hidden_in_backward, h_t_in_dwhh or "
           "gradient_missing_2)");
    }
    if (bugs.has(*bug)) {
      fail(itemPath + ": " + name + " is listed twice");
    }
    bugs.set(*bug, true);
    order.push_back(*bug);
  }
  return bugs;
}

TrainingSettings readTraining(const Json& value, std::vector<BlogBug>& blogBugOrder) {
  const Json& training = requireObject(value, "training");
  TrainingSettings settings;
  if (const Json* optimizer = find(training, "optimizer")) {
    const std::string name = readString(*optimizer, "training.optimizer");
    const auto kind = optimizerKindFromString(name);
    if (!kind) {
      fail("training.optimizer: unknown optimizer " + Json(name).dump() +
           " (expected sgd, momentum, adagrad or adam)");
    }
    settings.optimizer = *kind;
  }
  const std::pair<std::string_view, double*> numbers[] = {
      {"learning_rate", &settings.learningRate},
      {"clip_value", &settings.clipValue},
      {"clip_norm", &settings.clipNorm},
      {"momentum", &settings.momentum},
      {"beta1", &settings.beta1},
      {"beta2", &settings.beta2},
      {"epsilon", &settings.epsilon},
      {"init_scale", &settings.initScale},
  };
  for (const auto& [key, target] : numbers) {
    if (const Json* number = find(training, key)) {
      *target = readNumber(*number, join("training", key));
    }
  }
  if (const Json* iterations = find(training, "iterations")) {
    settings.iterations = static_cast<long>(
        readInteger(*iterations, "training.iterations", 0, limits::MaxIterations));
  }
  if (const Json* seed = find(training, "seed")) {
    settings.seed = readSeed(*seed, "training.seed");
  }
  if (const Json* bugs = find(training, "blog_bugs")) {
    settings.blogBugs = readBlogBugs(*bugs, blogBugOrder);
  }
  if (auto problem = validate(settings)) {
    fail(*problem);
  }
  return settings;
}

enum class DataKind { Sequence, Sequences, Text };

// "sequence" (the default), "sequences" or "text"; `data` must be an object.
DataKind readDataKind(const Json& data) {
  const Json* kind = find(data, "kind");
  if (kind == nullptr) {
    return DataKind::Sequence;
  }
  const std::string name = readString(*kind, "data.kind");
  if (name == "text") {
    return DataKind::Text;
  }
  if (name == "sequence") {
    return DataKind::Sequence;
  }
  if (name == "sequences") {
    return DataKind::Sequences;
  }
  fail("data.kind: unknown kind " + Json(name).dump() + " (expected sequence, sequences or text)");
}

// One element of `data.train` or `data.validation`: {"inputs": rows, "targets": rows}.
SequenceData readListedSequence(const Json& value, const std::string& path,
                                const ModelConfig& config) {
  const Json& object = requireObject(value, path);
  SequenceData out;
  out.inputs = readDataRows(require(object, path, "inputs"), path + ".inputs", config.inputSize,
                            "model.input_size");
  if (auto problem = checkStepCount(out.inputs.rows())) {
    fail(path + problem->substr(std::string_view("data").size()));
  }
  const Json& targets = require(object, path, "targets");
  if (targets.is_array()) {
    if (auto problem = checkTargetRows(config.outputMode, out.inputs.rows(),
                                       static_cast<Index>(targets.size()))) {
      fail(path + problem->substr(std::string_view("data").size()));
    }
  }
  out.targets = readDataRows(targets, path + ".targets", config.outputSize, "model.output_size");
  return out;
}

std::vector<SequenceData> readSequenceList(const Json& value, const std::string& path,
                                           const ModelConfig& config) {
  if (!value.is_array()) {
    fail(path + ": expected an array of sequences ({\"inputs\": ..., \"targets\": ...}), got " +
         describe(value));
  }
  std::vector<SequenceData> out;
  out.reserve(value.size());
  for (std::size_t k = 0; k < value.size(); ++k) {
    out.push_back(readListedSequence(value[k], path + "[" + std::to_string(k) + "]", config));
  }
  return out;
}

SequenceSet readSequenceSet(const Json& data, const ModelConfig& config) {
  SequenceSet set;
  set.train = readSequenceList(require(data, "data", "train"), "data.train", config);
  if (set.train.empty()) {
    fail("data.train: expected at least one sequence, got none");
  }
  if (const Json* validation = find(data, "validation")) {
    set.validation = readSequenceList(*validation, "data.validation", config);
  }
  if (const Json* batch = find(data, "batch_size")) {
    set.batchSize = static_cast<int>(readInteger(*batch, "data.batch_size", 1, 1'000'000'000));
  }
  if (const Json* shuffle = find(data, "shuffle")) {
    if (!shuffle->is_boolean()) {
      fail("data.shuffle: expected true or false, got " + describe(*shuffle));
    }
    set.shuffle = shuffle->get<bool>();
  }
  for (const auto& [key, unused] : data.items()) {
    if (key != "kind" && key != "train" && key != "validation" && key != "batch_size" &&
        key != "shuffle") {
      fail("data." + key +
           ": not used by data.kind sequences (expected train, validation, "
           "batch_size, shuffle)");
    }
  }
  return set;
}

// `key` (inline UTF-8) or `key`_file (a file relative to `folder`); exactly one, or neither when
// `optional`. Returns whether one was given.
bool readTextOrFile(const Json& data, const std::string& key, const std::filesystem::path& folder,
                    bool optional, std::string& out) {
  const Json* inline_ = find(data, key);
  const Json* file = find(data, key + "_file");
  if (inline_ != nullptr && file != nullptr) {
    fail("data." + key + ": give either " + key + " or " + key + "_file, not both");
  }
  if (inline_ != nullptr) {
    out = readString(*inline_, "data." + key);
    return true;
  }
  if (file == nullptr) {
    if (!optional) {
      fail("data." + key + ": missing (a text session needs " + key + " or " + key + "_file)");
    }
    return false;
  }
  const std::filesystem::path name = readString(*file, "data." + key + "_file");
  if (name.empty()) {
    fail("data." + key + "_file: the file name is empty");
  }
  const std::filesystem::path path = name.is_absolute() || folder.empty() ? name : folder / name;
  try {
    out = detail::readTextFile(path);
  } catch (const SessionError& error) {
    fail("data." + key + "_file: " + error.what());
  }
  return true;
}

TextData readTextData(const Json& data, const std::filesystem::path& folder) {
  TextData text;
  readTextOrFile(data, "text", folder, false, text.text);
  readTextOrFile(data, "validation_text", folder, true, text.validationText);
  if (const Json* length = find(data, "sequence_length")) {
    text.sequenceLength = static_cast<int>(
        readInteger(*length, "data.sequence_length", 1, limits::MaxSequenceLength));
  }
  if (const Json* carry = find(data, "carry_hidden")) {
    if (!carry->is_boolean()) {
      fail("data.carry_hidden: expected true or false, got " + describe(*carry));
    }
    text.carryHidden = carry->get<bool>();
  }
  if (const Json* vocabulary = find(data, "vocabulary")) {
    const std::string characters = readString(*vocabulary, "data.vocabulary");
    if (const auto offset = decodeUtf8(characters, text.vocabulary)) {
      fail("data.vocabulary: invalid UTF-8 at byte " + std::to_string(*offset));
    }
    text.vocabularyGiven = true;
  }
  if (auto problem = prepareText(text)) {
    // A text read from a file: name the file's key, since its bytes are what is wrong.
    for (const std::string key : {"text", "validation_text"}) {
      const std::string prefix = "data." + key + ": invalid UTF-8";
      const Json* file = find(data, key + "_file");
      if (problem->starts_with(prefix) && file != nullptr) {
        *problem = "data." + key + "_file " + file->dump() + problem->substr(problem->find(": "));
      }
    }
    fail(*problem);
  }
  return text;
}

SequenceData readData(const Json& value, const ModelConfig& config) {
  const Json& data = requireObject(value, "data");
  SequenceData out;
  out.inputs = readDataRows(require(data, "data", "inputs"), "data.inputs", config.inputSize,
                            "model.input_size");
  if (auto problem = checkStepCount(out.inputs.rows())) {
    fail(*problem);
  }
  const Json& targets = require(data, "data", "targets");
  if (targets.is_array()) {
    if (auto problem = checkTargetRows(config.outputMode, out.inputs.rows(),
                                       static_cast<Index>(targets.size()))) {
      fail(*problem);
    }
  }
  out.targets = readDataRows(targets, "data.targets", config.outputSize, "model.output_size");
  return out;
}

// Line and column (from 1) of byte `offset` in `text`.
std::string positionOf(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
    if (text[k] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's messages start with "[json.exception.<kind>.<id>] "; keep what follows.
std::string withoutExceptionTag(const std::string& message) {
  const auto end = message.find("] ");
  return end == std::string::npos ? message : message.substr(end + 2);
}

[[noreturn]] void failJson(const Json::exception& error, std::string_view text) {
  if (const auto* parseError = dynamic_cast<const Json::parse_error*>(&error)) {
    // A binary file (an image, say): nlohmann would quote its raw bytes ("last read: '\x89'"),
    // which no one can read. Say what it is instead.
    std::u32string decoded;
    if (const std::optional<std::size_t> bad = decodeUtf8(text, decoded)) {
      fail("not a session file: byte " + std::to_string(*bad + 1) +
           " is not UTF-8 text (is it an image or another binary file?)");
    }
    // "parse error at line 1, column 8: syntax error while parsing ..." → "invalid JSON at ..."
    const std::string message = withoutExceptionTag(parseError->what());
    constexpr std::string_view Prefix = "parse error";
    if (message.starts_with(Prefix)) {
      fail("invalid JSON" + message.substr(Prefix.size()));
    }
    fail("invalid JSON at byte " + std::to_string(parseError->byte) + ": " + message);
  }
  // Number overflow ("number overflow parsing '1e999'") comes without a position: find the
  // number in the text.
  std::string message = withoutExceptionTag(error.what());
  const auto open = message.find('\'');
  const auto close = message.rfind('\'');
  if (message.starts_with("number overflow") && open != std::string::npos && close > open) {
    const std::string number = message.substr(open + 1, close - open - 1);
    const auto at = text.find(number);
    fail("invalid JSON" + (at == std::string_view::npos ? "" : " at " + positionOf(text, at)) +
         ": the number " + number + " is too large (not a finite double)");
  }
  fail("invalid JSON: " + message);
}

// `model.weights_file`: the weights from a safetensors file beside the session.
void readWeightsFile(const Json& value, const std::filesystem::path& folder, Session& session) {
  const std::string name = readString(value, "model.weights_file");
  if (name.empty()) {
    fail("model.weights_file: the file name is empty");
  }
  if (session.weights) {
    fail("model.weights_file: the session also gives model.weights (give one of the two)");
  }
  const std::filesystem::path path = folder / std::filesystem::path(name);
  try {
    session.weights = importPytorchWeights(loadSafetensors(path), session.model);
  } catch (const SafetensorsError& error) {
    const std::string message = error.what();
    fail("model.weights_file: " +
         (message.starts_with(path.string()) ? message : path.string() + ": " + message));
  }
  session.weightsFile = name;
}

Session parseValidJson(const Json& root, const std::filesystem::path& folder) {
  if (!root.is_object()) {
    fail("expected a JSON object with \"format\": \"rnnlab-session\" at the top level, got " +
         describe(root));
  }
  readFormatAndVersion(root);
  Session session;
  // Not copied: copying a JSON value recurses, and nested brackets would overflow the stack.
  const Json& model = requireObject(require(root, "", "model"), "model");
  const Json& data = requireObject(require(root, "", "data"), "data");
  const DataKind dataKind = readDataKind(data);
  if (dataKind == DataKind::Text) {
    // Read first: the vocabulary gives the input and output sizes, which the file may omit.
    session.text = readTextData(data, folder);
  }
  session.model = readModelConfig(
      model, session.text ? std::optional<int>(session.text->vocabularySize()) : std::nullopt);
  if (const Json* weights = find(model, "weights")) {
    readWeights(*weights, session);
  }
  if (const Json* weightsFile = find(model, "weights_file")) {
    readWeightsFile(*weightsFile, folder, session);
  }
  std::vector<BlogBug> blogBugOrder;
  if (const Json* training = find(root, "training")) {
    session.training = readTraining(*training, blogBugOrder);
  }
  if (dataKind == DataKind::Sequences) {
    session.sequences = readSequenceSet(data, session.model);
  }
  if (session.text || session.sequences) {
    session.data.inputs.resize(0, session.model.inputSize);
    session.data.targets.resize(0, session.model.outputSize);
  } else {
    session.data = readData(data, session.model);
  }
  if (const Json* state = find(root, "training_state")) {
    session.trainingState = readTrainingState(*state, session);
  }
  // Checked here, where the data kind is known, with the index the file used.
  for (std::size_t i = 0; i < blogBugOrder.size(); ++i) {
    if (auto problem = blogBugProblem(session, blogBugOrder[i])) {
      fail("training.blog_bugs[" + std::to_string(i) + "]: " + *problem);
    }
  }
  // The readers above check everything as they go; this keeps the two in step.
  if (auto problem = validate(session)) {
    fail(*problem);
  }
  return session;
}

// --- writing ---

void appendRow(std::string& out, const auto& values) {
  out += '[';
  for (Index k = 0; k < values.size(); ++k) {
    if (k > 0) {
      out += ", ";
    }
    out += formatNumber(values(k));
  }
  out += ']';
}

// A matrix as an array of rows, one row per line.
void appendMatrix(std::string& out, const Matrix& m, const std::string& indent) {
  out += "[\n";
  for (Index r = 0; r < m.rows(); ++r) {
    out += indent + "  ";
    appendRow(out, m.row(r));
    out += r + 1 < m.rows() ? ",\n" : "\n";
  }
  out += indent + "]";
}

// Builds `"key": value` lines inside one object at one indentation.
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, std::string indent) : m_out(out), m_indent(std::move(indent)) {
    m_out += "{\n";
  }

  // Starts a member; the caller appends the value.
  std::string& key(std::string_view name) {
    if (!m_first) {
      m_out += ",\n";
    }
    m_first = false;
    m_out += m_indent + "  " + Json(std::string(name)).dump() + ": ";
    return m_out;
  }
  void text(std::string_view name, std::string_view value) {
    key(name) += Json(std::string(value)).dump();
  }
  void number(std::string_view name, double value) { key(name) += formatNumber(value); }
  void integer(std::string_view name, auto value) { key(name) += std::to_string(value); }
  void finish() { m_out += "\n" + m_indent + "}"; }
  std::string childIndent() const { return m_indent + "  "; }

 private:
  std::string& m_out;
  std::string m_indent;
  bool m_first = true;
};

// Slots of another optimizer (the setting changed after the last update) are not written: the
// next update restarts the state at zero anyway, which a step count of 0 says.
void appendTrainingState(std::string& out, const Session& session, const std::string& indent) {
  const TrainingState& state = *session.trainingState;
  const bool sameKind = state.optimizer.kind == session.training.optimizer;
  ObjectWriter writer(out, indent);
  writer.integer("iteration", state.iteration);
  writer.integer("optimizer_step", sameKind ? state.optimizer.step : 0L);
  const auto names = OptimizerState::slotNames(state.optimizer.kind);
  if (sameKind && !state.optimizer.buffers.empty()) {
    ObjectWriter slots(writer.key("optimizer"), writer.childIndent());
    for (std::size_t s = 0; s < names.size(); ++s) {
      const Parameters& slot = state.optimizer.buffers[s];
      ObjectWriter blocks(slots.key(names[s]), slots.childIndent());
      for (int k = 0; k < slot.blockCount(); ++k) {
        if (slot.isBias(k)) {
          appendRow(blocks.key(slot.blockName(k)), slot.vec(k));
        } else {
          appendMatrix(blocks.key(slot.blockName(k)), slot.block(k), blocks.childIndent());
        }
      }
      blocks.finish();
    }
    slots.finish();
  }
  if (state.textPosition) {
    writer.integer("text_position", *state.textPosition);
  }
  if (state.carriedH) {
    appendRow(writer.key("carried_h"), *state.carriedH);
  }
  if (state.carriedC) {
    appendRow(writer.key("carried_c"), *state.carriedC);
  }
  if (state.epochOrder) {
    std::string& order = writer.key("epoch_order");
    order += '[';
    for (std::size_t k = 0; k < state.epochOrder->size(); ++k) {
      order += (k > 0 ? ", " : "") + std::to_string((*state.epochOrder)[k]);
    }
    order += ']';
    writer.integer("epoch_position", state.epochPosition.value_or(0));
  }
  if (state.shuffleRng) {
    std::string& words = writer.key("shuffle_rng");
    words += '[';
    for (std::size_t k = 0; k < 4; ++k) {
      char hex[17];
      std::snprintf(hex, sizeof hex, "%016llx",
                    static_cast<unsigned long long>((*state.shuffleRng)[k]));
      words += (k > 0 ? ", \"" : "\"") + std::string(hex) + "\"";
    }
    words += ']';
  }
  writer.finish();
}

}  // namespace

Model Session::makeModel() const {
  if (!weights) {
    return Model::initialized(model, training.seed, training.initScale);
  }
  Vector c0State;
  if (model.cell == CellKind::Lstm) {
    c0State = c0 ? *c0 : Vector::Zero(model.hiddenSize);
  }
  return Model{model, *weights, h0 ? *h0 : Vector::Zero(model.hiddenSize), std::move(c0State)};
}

void Session::setModel(const Model& newModel) {
  model = newModel.config;
  weights = newModel.params;
  weightsFile.reset();  // the weights are the model's now, written into the session
  h0 = newModel.h0;
  if (newModel.config.cell == CellKind::Lstm && newModel.c0.size() == newModel.h0.size()) {
    c0 = newModel.c0;
  } else {
    c0.reset();
  }
}

int Session::formatVersionNeeded() const {
  // A version-1 reader would ignore training.blog_bugs and train correctly: not the same run.
  return model.cell == CellKind::Rnn && model.forgetBias == 0.0 && !text && !sequences &&
                 !trainingState && !weightsFile && !training.blogBugs.any()
             ? 1
             : 2;
}

Session builtinExample() {
  Session session;
  session.model = ModelConfig{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  session.training = TrainingSettings{};
  session.training.learningRate = 0.1;
  session.training.clipValue = 5.0;
  session.training.iterations = 1000;
  session.training.initScale = 0.01;
  session.training.seed = 1;
  session.data.inputs.resize(4, 3);
  session.data.inputs << 1, 2, 3,  //
      4, 5, 6,                     //
      7, 8, 9,                     //
      10, 11, 12;
  session.data.targets.resize(4, 2);
  session.data.targets << 0, 1,  //
      1, 0,                      //
      0, 1,                      //
      1, 0;
  return session;
}

std::optional<std::string> validate(const Session& session) {
  if (auto problem = validateModel(session)) {
    return problem;
  }
  if (auto problem = validate(session.training)) {
    return problem;
  }
  if (auto problem = validateData(session)) {
    return problem;
  }
  if (auto problem = validateBlogBugs(session)) {
    return problem;
  }
  return validateTrainingState(session);
}

Session parseSession(std::string_view json) {
  return parseSession(json, std::filesystem::path("."));
}

Session parseSession(std::string_view json, const std::filesystem::path& folder) {
  try {
    Json root;
    try {
      root = Json::parse(json.begin(), json.end());
    } catch (const Json::exception& error) {
      failJson(error, json);
    }
    return parseValidJson(root, folder);
  } catch (const SessionError&) {
    throw;
  } catch (const Json::exception& error) {
    // Should not happen (every access above checks the type first), but keeps the promise
    // that only SessionError leaves this function.
    fail("invalid session: " + withoutExceptionTag(error.what()));
  } catch (const std::bad_alloc&) {
    fail("the session is too large to load (out of memory)");
  } catch (const std::exception& error) {
    fail(std::string("invalid session: ") + error.what());
  }
}

Session loadSession(const std::filesystem::path& path) {
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  return parseSession(detail::readTextFile(path), folder);
}

std::string serializeSession(const Session& session) {
  // A file that loadSession() would refuse is never written.
  if (auto problem = validate(session)) {
    fail("cannot save the session: " + *problem);
  }
  std::string out;
  ObjectWriter root(out, "");
  root.text("format", FormatName);
  // A version-1 program would read a gated cell's file as an rnn; only such files say 2.
  root.integer("version", session.formatVersionNeeded());

  ObjectWriter model(root.key("model"), root.childIndent());
  model.integer("input_size", session.model.inputSize);
  model.integer("hidden_size", session.model.hiddenSize);
  model.integer("output_size", session.model.outputSize);
  if (session.model.cell == CellKind::Rnn) {
    model.text("activation", "tanh");
  } else {
    model.text("cell", toString(session.model.cell));
  }
  // Another cell ignores forget_bias, but the file keeps it, so that reading it back gives the
  // same session (and switching back to lstm finds it).
  if (session.model.cell == CellKind::Lstm || session.model.forgetBias != 0.0) {
    model.number("forget_bias", session.model.forgetBias);
  }
  model.text("output_mode", toString(session.model.outputMode));
  model.text("loss", toString(session.model.loss));
  if (session.weightsFile) {
    model.text("weights_file", *session.weightsFile);
  } else if (session.weights) {
    const Parameters& w = *session.weights;
    ObjectWriter weights(model.key("weights"), model.childIndent());
    for (int k = 0; k < w.blockCount(); ++k) {
      if (w.isBias(k)) {
        appendRow(weights.key(w.blockName(k)), w.vec(k));
      } else {
        appendMatrix(weights.key(w.blockName(k)), w.block(k), weights.childIndent());
      }
    }
    if (session.h0) {
      appendRow(weights.key("h0"), *session.h0);
    }
    if (session.c0) {
      appendRow(weights.key("c0"), *session.c0);
    }
    weights.finish();
  }
  model.finish();

  const TrainingSettings& t = session.training;
  ObjectWriter training(root.key("training"), root.childIndent());
  training.text("optimizer", toString(t.optimizer));
  training.number("learning_rate", t.learningRate);
  training.number("clip_value", t.clipValue);
  training.number("clip_norm", t.clipNorm);
  training.number("momentum", t.momentum);
  training.number("beta1", t.beta1);
  training.number("beta2", t.beta2);
  training.number("epsilon", t.epsilon);
  training.integer("iterations", t.iterations);
  training.integer("seed", t.seed);
  training.number("init_scale", t.initScale);
  if (t.blogBugs.any()) {
    std::string& list = training.key("blog_bugs");
    list += '[';
    const std::vector<BlogBug> bugs = t.blogBugs.list();
    for (std::size_t i = 0; i < bugs.size(); ++i) {
      list += (i > 0 ? ", " : "") + Json(std::string(toString(bugs[i]))).dump();
    }
    list += ']';
  }
  training.finish();

  ObjectWriter data(root.key("data"), root.childIndent());
  if (session.text) {
    const TextData& text = *session.text;
    data.text("kind", "text");
    data.integer("sequence_length", text.sequenceLength);
    data.key("carry_hidden") += text.carryHidden ? "true" : "false";
    if (text.vocabularyGiven) {
      data.text("vocabulary", encodeUtf8(text.vocabulary));
    }
    data.text("text", text.text);
    if (!text.validationText.empty()) {
      data.text("validation_text", text.validationText);
    }
  } else if (session.sequences) {
    const SequenceSet& set = *session.sequences;
    data.text("kind", "sequences");
    if (set.batchSize > 0) {
      data.integer("batch_size", set.batchSize);
    }
    data.key("shuffle") += set.shuffle ? "true" : "false";
    const std::string indent = data.childIndent();
    const auto appendList = [&](std::string_view key, const std::vector<SequenceData>& list) {
      std::string& text = data.key(key);
      text += "[";
      for (std::size_t k = 0; k < list.size(); ++k) {
        text += k > 0 ? ",\n" + indent + "  " : "\n" + indent + "  ";
        ObjectWriter sequence(text, indent + "  ");
        appendMatrix(sequence.key("inputs"), list[k].inputs, sequence.childIndent());
        appendMatrix(sequence.key("targets"), list[k].targets, sequence.childIndent());
        sequence.finish();
      }
      text += list.empty() ? "]" : "\n" + indent + "]";
    };
    appendList("train", set.train);
    if (!set.validation.empty()) {
      appendList("validation", set.validation);
    }
  } else {
    appendMatrix(data.key("inputs"), session.data.inputs, data.childIndent());
    appendMatrix(data.key("targets"), session.data.targets, data.childIndent());
  }
  data.finish();

  if (session.trainingState) {
    appendTrainingState(root.key("training_state"), session, root.childIndent());
  }

  root.finish();
  out += '\n';
  return out;
}

void saveSession(const Session& session, const std::filesystem::path& path) {
  writeFileAtomically(path, serializeSession(session));
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view text) {
  namespace fs = std::filesystem;
  const std::string name = path.string();
  if (path.filename().empty()) {
    fail(name + ": not a file name");
  }
  const fs::path folder = path.parent_path();
  std::error_code error;
  if (!folder.empty() && !fs::is_directory(folder, error)) {
    fail(name + ": cannot write, the folder " + folder.string() + " does not exist");
  }
  if (fs::is_directory(path, error)) {
    fail(name + ": is a folder, not a file");
  }

  // A fresh name beside the target, so the rename stays on one file system (and so atomic).
  std::random_device entropy;
  fs::path temp;
  std::FILE* file = nullptr;
  for (int attempt = 0; attempt < 16 && file == nullptr; ++attempt) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".tmp-%08x", static_cast<unsigned>(entropy()));
    // Built with += : GCC 12 gives a false -Wrestrict for "literal" + std::string.
    std::string tempName = ".";
    tempName += path.filename().string();
    tempName += suffix;
    temp = folder / tempName;
    // "x": fail rather than reuse a file that already exists (C11 exclusive create).
    file = std::fopen(temp.string().c_str(), "wbx");
    if (file == nullptr && errno != EEXIST) {
      break;
    }
  }
  if (file == nullptr) {
    fail(name + ": cannot write (" + std::generic_category().message(errno) + ")");
  }

  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  ok = std::fflush(file) == 0 && ok;
#if defined(__unix__) || defined(__APPLE__)
  // The data must be on disk before the rename makes it visible, or a crash could leave an
  // empty file under the real name.
  ok = ok && ::fsync(::fileno(file)) == 0;
#endif
  const int writeErrno = errno;
  ok = std::fclose(file) == 0 && ok;
  if (ok) {
    // Keep the permissions of the file being replaced.
    const auto status = fs::status(path, error);
    if (!error && fs::exists(status)) {
      fs::permissions(temp, status.permissions(), error);
    }
    fs::rename(temp, path, error);
    if (!error) {
      return;
    }
    const std::string reason = error.message();
    fs::remove(temp, error);
    fail(name + ": cannot replace the file (" + reason + ")");
  }
  fs::remove(temp, error);
  fail(name + ": writing failed (" + std::generic_category().message(writeErrno) + ")");
}

}  // namespace rnnlab
