// validate(): whether a session in memory could be written and read back. The settings' ranges
// and values come from the field table; the rest (shapes that must agree, finite numbers, state
// that must fit the model) is checked here.

#include <cmath>
#include <string>

#include "rnnlab/limits.h"
#include "session_blocks.h"
#include "session_checks.h"
#include "session_fields.h"
#include "text_io.h"

namespace rnnlab {

namespace detail {

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
  if (config.seq2seq) {
    long weights = 0;
    for (int k = 0; k < static_cast<int>(Parameters::blockNames(config).size()); ++k) {
      const auto [rows, cols] = Parameters::shape(config, k);
      weights += static_cast<long>(rows * cols);
    }
    if (weights > limits::MaxWeights) {
      return "model: at most " + std::to_string(limits::MaxWeights) +
             " weights, got " + std::to_string(weights) +
             " for this encoder, decoder and attention: make the model smaller";
    }
    return std::nullopt;
  }
  const long gates = gateCount(config.cell);
  const long H = config.hiddenSize;
  const long D = config.directions();
  // Layer 0 reads I inputs, every layer above D·H; each of the D cells of a layer has its own.
  const long inputs = config.inputSize + (config.layers - 1L) * D * H;
  const long weights =
      gates * H * (D * inputs + config.cellCount() * H) + static_cast<long>(config.outputSize) * D * H;
  if (weights > limits::MaxWeights) {
    const std::string stack =
        config.stacked() ? ", " + std::to_string(config.layers) + " layers" +
                               (config.bidirectional ? " in two directions" : "")
                         : "";
    return "model: at most " + std::to_string(limits::MaxWeights) +
           " weights (gates × hidden_size × (input_size + hidden_size) + output_size × "
           "hidden_size" + (config.stacked() ? ", for every layer and direction" : "") +
           "), got " +
           std::to_string(weights) + " for a " + std::string(toString(config.cell)) +
           " cell with input_size " + std::to_string(config.inputSize) + ", hidden_size " +
           std::to_string(H) + " and output_size " + std::to_string(config.outputSize) + stack +
           ": make the model smaller";
  }
  return std::nullopt;
}

std::optional<std::string> blogBugProblem(const Session& session, BlogBug bug) {
  const ModelConfig& config = session.model;
  if (config.stacked()) {
    return "training.blog_bugs: the blog's bugs are defined for one layer in one direction "
           "(model.layers is " + std::to_string(config.layers) +
           (config.bidirectional ? ", bidirectional" : "") + ")";
  }
  return blogBugUndefined(bug, config.cell, config.outputMode, config.loss,
                          !session.text && !session.sequences);
}

}  // namespace detail

namespace {

using namespace detail;

// The first scalar of `block` (of those the session has) out of its range, or nothing.
std::optional<std::string> validateFields(Block block, const Session& session) {
  for (const FieldSpec* field : fieldsOf(block)) {
    if (applies(*field, session)) {
      if (auto problem = checkScalar(*field, session)) {
        return problem;
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> validateModel(const Session& session) {
  const ModelConfig& config = session.model;
  if (auto problem = validateFields(Block::Model, session)) {
    return problem;
  }
  if (auto problem = checkWeightCount(config)) {
    return problem;
  }
  const Index H = config.hiddenSize * config.cellCount();
  if (session.pairs && (session.h0 || session.c0)) {
    return std::string("model.weights.") + (session.h0 ? "h0" : "c0") +
           ": a pairs session's encoder starts every source from zero state (v3 §3); remove it";
  }
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
  const std::span<const std::string_view> names = Parameters::blockNames(config);
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
  if (config.bidirectional) {
    return "model.bidirectional: a text session is a language model, which predicts each next "
           "character from the ones before it; a reverse direction would read the character it "
           "has to predict. Use one direction";
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
  if (text.indices.size() < needed) {
    return "data.text: has " + std::to_string(text.indices.size()) +
           " characters; data.sequence_length " + std::to_string(text.sequenceLength) +
           " needs at least " + std::to_string(needed);
  }
  // v3 §2: B streams of M = ⌊(N − 1)/B⌋ characters, each at least L + 1 long.
  if (text.streams > 1) {
    const long M = (text.size() - 1) / text.streams;
    if (M < text.sequenceLength + 1) {
      return "data.batch_size: the text is too short for " + std::to_string(text.streams) +
             " streams: each would have " + std::to_string(M) +
             " characters, data.sequence_length " + std::to_string(text.sequenceLength) +
             " needs at least " + std::to_string(text.sequenceLength + 1) + " (" +
             std::to_string(text.size()) + " characters in all)";
    }
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
  if (auto problem = validateFields(Block::Data, session)) {
    return problem;
  }
  if (session.text) {
    return validateText(session);
  }
  if (session.sequences) {
    return validateSequenceSet(*session.sequences, session.model);
  }
  if (session.pairs) {
    return validatePairs(session);
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
  if (!session.sequences && !session.pairs) {
    return std::string(
        "training_state.epoch_order: not used by this session (only a data set or pairs have "
        "an epoch)");
  }
  const long n = trainingCount(session);
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
  if (auto problem = validateFields(Block::TrainingState, session)) {
    return problem;
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
    // Sums of squares: Adagrad's G, Adam's v (the second name "v" of adam, not momentum's v) and
    // RMSprop's square_avg.
    const bool squares = optimizer.kind == OptimizerKind::Adagrad ||
                         optimizer.kind == OptimizerKind::Rmsprop ||
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

}  // namespace

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

// The training block's rules, checked on a session that holds these settings and defaults
// otherwise (empty matrices: nothing is allocated).
std::optional<std::string> validate(const TrainingSettings& settings) {
  Session probe;
  probe.training = settings;
  return validateFields(Block::Training, probe);
}

}  // namespace rnnlab
