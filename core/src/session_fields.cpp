// The table of the session file's keys: each declared once, in file order (the order a written
// file has them). See session_fields.h for what each column means.
//
// Adding a key (a version-3 `model.layers`, say) is one entry here plus its semantics: a member
// with its default in the struct that holds it, and, if its value has a structure of its own,
// its reader and writer in session_blocks.cpp. Reading, validation, writing, the version a file
// needs, setting by path and share links follow from the entry.

#include "session_fields.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "rnnlab/limits.h"
#include "session_blocks.h"

namespace rnnlab::detail {
namespace {

// --- the way from a session to a scalar's value ---

template <class Owner>
Owner& ownerOf(Session& session);
template <>
ModelConfig& ownerOf(Session& session) {
  return session.model;
}
template <>
TrainingSettings& ownerOf(Session& session) {
  return session.training;
}
template <>
TextData& ownerOf(Session& session) {
  return *session.text;
}
template <>
SequenceSet& ownerOf(Session& session) {
  return *session.sequences;
}
template <>
PairsData& ownerOf(Session& session) {
  return *session.pairs;
}
template <>
TrainingState& ownerOf(Session& session) {
  return *session.trainingState;
}

// An enumeration's value by its file name (toString), or nothing.
template <class Enum>
std::optional<Enum> enumFromName(std::string_view name) {
  for (int k = 0; toString(static_cast<Enum>(k)) != "?"; ++k) {
    if (toString(static_cast<Enum>(k)) == name) {
      return static_cast<Enum>(k);
    }
  }
  return std::nullopt;
}

template <class T>
Json toJson(const T& value) {
  if constexpr (std::is_enum_v<T>) {
    return std::string(toString(value));
  } else {
    return value;
  }
}

template <class T>
void fromJson(const Json& value, T& target) {
  if constexpr (std::is_enum_v<T>) {
    target = *enumFromName<T>(value.get<std::string>());  // readScalar checked the name
  } else {
    target = value.get<T>();
  }
}

template <auto Member>
struct MemberAccess;
template <class Owner, class T, T Owner::*Member>
struct MemberAccess<Member> {
  static Json get(const Session& session) {
    return toJson(ownerOf<Owner>(const_cast<Session&>(session)).*Member);
  }
  static void set(Session& session, const Json& value) {
    fromJson(value, ownerOf<Owner>(session).*Member);
  }
};

// The accessor of a struct member: member<&TrainingSettings::learningRate>().
template <auto Member>
constexpr Accessor member() {
  return {&MemberAccess<Member>::get, &MemberAccess<Member>::set};
}

// The values of an enumeration as toString names them, with the first version of each.
template <class Enum, std::size_t N>
std::span<const ChoiceValue> enumChoices(const std::array<int, N>& since) {
  static const std::vector<ChoiceValue> values = [&] {
    std::vector<ChoiceValue> out;
    for (std::size_t k = 0; k < N; ++k) {
      out.push_back({toString(static_cast<Enum>(k)), since[k]});
    }
    return out;
  }();
  return values;
}

// --- number rules (written so that NaN fails every one) ---

bool isPositive(double v) { return v > 0.0 && std::isfinite(v); }
bool isNonNegative(double v) { return v >= 0.0 && std::isfinite(v); }
bool isUnitInterval(double v) { return v >= 0.0 && v < 1.0; }
bool isFinite(double v) { return std::isfinite(v); }
bool isDecayFactor(double v) { return v > 0.0 && v <= 1.0; }

constexpr std::string_view PositiveRule = "must be a positive number";
constexpr std::string_view SwitchRule = "must be a number >= 0 (0 turns it off)";
constexpr std::string_view UnitRule = "must be at least 0 and below 1";

// --- values that are not a struct member ---

constexpr ChoiceValue ActivationChoices[] = {{"tanh"}};
Json activationName(const Session&) { return ActivationChoices[0].name; }

// In the order of DataKind's bits.
constexpr ChoiceValue DataKindChoices[] = {
    {"sequence"}, {"sequences", 2}, {"text", 2}, {"pairs", 3}};
Json dataKindOfSession(const Session& session) {
  return std::string(dataKindName(dataKindOf(session)));
}

// --- when a file holds a key ---

bool isRnn(const Session& s) { return s.model.cell == CellKind::Rnn; }
// Another cell ignores forget_bias, but the file keeps it, so that reading it back gives the same
// session (and switching back to lstm finds it).
bool hasForgetBias(const Session& s) {
  return s.model.cell == CellKind::Lstm || s.model.forgetBias != 0.0;
}
bool hasWeights(const Session& s) { return s.weights && !s.weightsFile; }
bool hasWeightsFile(const Session& s) { return s.weightsFile.has_value(); }
bool hasH0(const Session& s) { return s.h0.has_value(); }
bool hasC0(const Session& s) { return s.c0.has_value(); }
bool hasBlogBugs(const Session& s) { return s.training.blogBugs.any(); }
bool hasTrainingState(const Session& s) { return s.trainingState.has_value(); }

void dropWeights(Session& s) { s.weights.reset(); }
void dropWeightsFile(Session& s) { s.weightsFile.reset(); }
void dropH0(Session& s) { s.h0.reset(); }
void dropC0(Session& s) { s.c0.reset(); }
void dropTrainingState(Session& s) { s.trainingState.reset(); }

constexpr unsigned SequenceOnly = bit(DataKind::Sequence);
constexpr unsigned SequencesOnly = bit(DataKind::Sequences);
constexpr unsigned TextOnly = bit(DataKind::Text);
constexpr unsigned PairsOnly = bit(DataKind::Pairs);
// A data set's and pairs' walk through their training list (epochs, batches, shuffle).
constexpr unsigned Batched = SequencesOnly | PairsOnly;

// clang-format off
const FieldSpec Table[] = {
  // The top level.
  {.block = Block::Root, .key = "format", .kind = Kind::Custom, .required = Required::Yes,
   .write = &writeFormat},
  {.block = Block::Root, .key = "version", .kind = Kind::Custom, .required = Required::Yes,
   .write = &writeVersion},
  {.block = Block::Root, .key = "model", .kind = Kind::Object, .required = Required::Yes,
   .child = Block::Model},
  {.block = Block::Root, .key = "training", .kind = Kind::Object, .child = Block::Training},
  {.block = Block::Root, .key = "data", .kind = Kind::Object, .required = Required::Yes,
   .child = Block::Data},
  {.block = Block::Root, .key = "training_state", .kind = Kind::Object,
   .presence = Presence::When, .present = &hasTrainingState, .since = 2,
   .dropForLink = &dropTrainingState, .child = Block::TrainingState},

  // model
  {.block = Block::Model, .key = "input_size", .kind = Kind::Integer,
   .required = Required::UnlessText, .min = 1, .max = limits::MaxInputSize,
   .access = member<&ModelConfig::inputSize>()},
  {.block = Block::Model, .key = "hidden_size", .kind = Kind::Integer, .required = Required::Yes,
   .min = 1, .max = limits::MaxHiddenSize, .access = member<&ModelConfig::hiddenSize>()},
  {.block = Block::Model, .key = "output_size", .kind = Kind::Integer,
   .required = Required::UnlessText, .min = 1, .max = limits::MaxOutputSize,
   .access = member<&ModelConfig::outputSize>()},
  // Version 1's only activation; a gated cell's file names its cell instead.
  {.block = Block::Model, .key = "activation", .kind = Kind::Choice, .presence = Presence::When,
   .present = &isRnn, .noun = "activation", .choices = ActivationChoices,
   .access = {&activationName, nullptr}},
  {.block = Block::Model, .key = "cell", .kind = Kind::Choice,
   .presence = Presence::UnlessDefault, .since = 2, .noun = "cell",
   .choices = enumChoices<CellKind>(std::array{1, 2, 2}), .access = member<&ModelConfig::cell>()},
  {.block = Block::Model, .key = "forget_bias", .kind = Kind::Number, .presence = Presence::When,
   .present = &hasForgetBias, .since = 2, .accepts = &isFinite, .rule = "must be a finite number",
   .access = member<&ModelConfig::forgetBias>()},
  // Version 3 §1: the stack.
  {.block = Block::Model, .key = "layers", .kind = Kind::Integer,
   .presence = Presence::UnlessDefault, .since = 3, .min = 1, .max = limits::MaxLayers,
   .access = member<&ModelConfig::layers>()},
  {.block = Block::Model, .key = "bidirectional", .kind = Kind::Boolean,
   .presence = Presence::UnlessDefault, .since = 3, .access = member<&ModelConfig::bidirectional>()},
  {.block = Block::Model, .key = "dropout", .kind = Kind::Number,
   .presence = Presence::UnlessDefault, .since = 3, .accepts = &isUnitInterval, .rule = UnitRule,
   .access = member<&ModelConfig::dropout>()},
  // Version 3 §3: a sequence-to-sequence model's attention.
  {.block = Block::Model, .key = "attention", .kind = Kind::Choice,
   .presence = Presence::UnlessDefault, .dataKinds = PairsOnly, .since = 3, .noun = "attention",
   .choices = enumChoices<AttentionKind>(std::array{3, 3, 3}),
   .access = member<&ModelConfig::attention>()},
  {.block = Block::Model, .key = "attention_size", .kind = Kind::Integer,
   .presence = Presence::UnlessDefault, .dataKinds = PairsOnly, .since = 3, .min = 1,
   .max = limits::MaxHiddenSize, .access = member<&ModelConfig::attentionSize>()},
  {.block = Block::Model, .key = "output_mode", .kind = Kind::Choice,
   .required = Required::UnlessPairs,
   .noun = "output mode", .choices = enumChoices<OutputMode>(std::array{1, 1}),
   .access = member<&ModelConfig::outputMode>(), .afterSet = &reshapeTargets},
  {.block = Block::Model, .key = "loss", .kind = Kind::Choice, .required = Required::UnlessPairs,
   .noun = "loss", .choices = enumChoices<LossKind>(std::array{1, 1}),
   .access = member<&ModelConfig::loss>()},
  // One of the two: writing a weights_file session writes the reference, not the numbers.
  {.block = Block::Model, .key = "weights", .kind = Kind::Object, .presence = Presence::When,
   .present = &hasWeights, .dropForLink = &dropWeights, .child = Block::Weights,
   .read = &readWeights, .write = &writeWeights},
  {.block = Block::Model, .key = "weights_file", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasWeightsFile, .since = 2,
   .dropForLink = &dropWeightsFile, .read = &readWeightsFile, .write = &writeWeightsFile},

  // model.weights, after the cell's parameter blocks
  {.block = Block::Weights, .key = "h0", .kind = Kind::Custom, .presence = Presence::When,
   .present = &hasH0, .dropForLink = &dropH0, .read = &readH0, .write = &writeH0},
  {.block = Block::Weights, .key = "c0", .kind = Kind::Custom, .presence = Presence::When,
   .present = &hasC0, .since = 2, .dropForLink = &dropC0, .read = &readC0, .write = &writeC0},

  // training
  {.block = Block::Training, .key = "optimizer", .kind = Kind::Choice, .noun = "optimizer",
   .choices = enumChoices<OptimizerKind>(std::array{1, 1, 1, 1, 3}),
   .access = member<&TrainingSettings::optimizer>()},
  {.block = Block::Training, .key = "learning_rate", .kind = Kind::Number,
   .accepts = &isPositive, .rule = PositiveRule,
   .access = member<&TrainingSettings::learningRate>()},
  // StepLR: η_k = η · γ^⌊max(0, k − s) / n⌋ (learningRateAt).
  {.block = Block::Training, .key = "lr_decay", .kind = Kind::Number,
   .presence = Presence::UnlessDefault, .since = 3, .accepts = &isDecayFactor,
   .rule = "must be above 0 and at most 1 (1 turns it off)",
   .access = member<&TrainingSettings::lrDecay>()},
  {.block = Block::Training, .key = "lr_decay_every", .kind = Kind::Integer,
   .presence = Presence::UnlessDefault, .since = 3, .min = 1, .max = limits::MaxIterations,
   .access = member<&TrainingSettings::lrDecayEvery>()},
  {.block = Block::Training, .key = "lr_decay_start", .kind = Kind::Integer,
   .presence = Presence::UnlessDefault, .since = 3, .min = 0, .max = limits::MaxIterations,
   .access = member<&TrainingSettings::lrDecayStart>()},
  {.block = Block::Training, .key = "clip_value", .kind = Kind::Number,
   .accepts = &isNonNegative, .rule = SwitchRule, .access = member<&TrainingSettings::clipValue>()},
  {.block = Block::Training, .key = "clip_norm", .kind = Kind::Number, .accepts = &isNonNegative,
   .rule = SwitchRule, .access = member<&TrainingSettings::clipNorm>()},
  {.block = Block::Training, .key = "momentum", .kind = Kind::Number, .accepts = &isUnitInterval,
   .rule = UnitRule, .access = member<&TrainingSettings::momentum>()},
  {.block = Block::Training, .key = "beta1", .kind = Kind::Number, .accepts = &isUnitInterval,
   .rule = UnitRule, .access = member<&TrainingSettings::beta1>()},
  {.block = Block::Training, .key = "beta2", .kind = Kind::Number, .accepts = &isUnitInterval,
   .rule = UnitRule, .access = member<&TrainingSettings::beta2>()},
  {.block = Block::Training, .key = "epsilon", .kind = Kind::Number, .accepts = &isPositive,
   .rule = PositiveRule, .access = member<&TrainingSettings::epsilon>()},
  {.block = Block::Training, .key = "alpha", .kind = Kind::Number,
   .presence = Presence::UnlessDefault, .since = 3, .accepts = &isUnitInterval, .rule = UnitRule,
   .access = member<&TrainingSettings::alpha>()},
  {.block = Block::Training, .key = "iterations", .kind = Kind::Integer, .min = 0,
   .max = limits::MaxIterations, .access = member<&TrainingSettings::iterations>()},
  {.block = Block::Training, .key = "seed", .kind = Kind::Seed,
   .access = member<&TrainingSettings::seed>()},
  {.block = Block::Training, .key = "init_scale", .kind = Kind::Number, .accepts = &isNonNegative,
   .rule = "must be a number >= 0", .access = member<&TrainingSettings::initScale>()},
  {.block = Block::Training, .key = "blog_bugs", .kind = Kind::Custom, .presence = Presence::When,
   .present = &hasBlogBugs, .since = 2, .noun = "bug", .access = {&blogBugNames, nullptr},
   .read = &readBlogBugs, .write = &writeBlogBugs},

  // data: the kind, then the keys of each kind
  {.block = Block::Data, .key = "kind", .kind = Kind::Choice,
   .presence = Presence::UnlessDefault, .noun = "kind", .choices = DataKindChoices,
   .access = {&dataKindOfSession, nullptr}},
  {.block = Block::Data, .key = "inputs", .kind = Kind::Custom, .required = Required::Yes,
   .dataKinds = SequenceOnly, .read = &readInputs, .write = &writeInputs},
  {.block = Block::Data, .key = "targets", .kind = Kind::Custom, .required = Required::Yes,
   .dataKinds = SequenceOnly, .read = &readTargets, .write = &writeTargets},
  {.block = Block::Data, .key = "batch_size", .kind = Kind::Integer,
   .presence = Presence::UnlessDefault, .dataKinds = SequencesOnly, .since = 2, .min = 1,
   .max = 1'000'000'000, .access = member<&SequenceSet::batchSize>()},
  {.block = Block::Data, .key = "shuffle", .kind = Kind::Boolean, .dataKinds = SequencesOnly,
   .since = 2, .access = member<&SequenceSet::shuffle>()},
  {.block = Block::Data, .key = "train", .kind = Kind::Custom, .required = Required::Yes,
   .dataKinds = SequencesOnly, .since = 2, .read = &readTrain,
   .write = &writeTrain},
  {.block = Block::Data, .key = "validation", .kind = Kind::Custom, .presence = Presence::When,
   .present = &hasValidationSequences, .dataKinds = SequencesOnly, .since = 2,
   .read = &readValidation, .write = &writeValidation},
  // Version 3 §2: a text read in B parallel streams (the same key as a data set's batch).
  {.block = Block::Data, .key = "batch_size", .kind = Kind::Integer,
   .presence = Presence::UnlessDefault, .dataKinds = TextOnly, .since = 3, .min = 1,
   .max = limits::MaxStreams, .access = member<&TextData::streams>()},
  {.block = Block::Data, .key = "sequence_length", .kind = Kind::Integer, .dataKinds = TextOnly,
   .since = 2, .min = 1, .max = limits::MaxSequenceLength,
   .access = member<&TextData::sequenceLength>()},
  {.block = Block::Data, .key = "carry_hidden", .kind = Kind::Boolean, .dataKinds = TextOnly,
   .since = 2, .access = member<&TextData::carryHidden>()},
  {.block = Block::Data, .key = "vocabulary", .kind = Kind::Custom, .presence = Presence::When,
   .present = &hasGivenVocabulary, .dataKinds = TextOnly, .since = 2, .read = &readVocabulary,
   .write = &writeVocabulary},
  // A text is given inline or as `<key>_file` (see readTextOrFile).
  {.block = Block::Data, .key = "text", .kind = Kind::Custom, .required = Required::Yes,
   .dataKinds = TextOnly, .since = 2, .read = &readMainText, .write = &writeMainText,
   .readWhenMissing = true},
  {.block = Block::Data, .key = "validation_text", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasValidationText, .dataKinds = TextOnly,
   .since = 2, .read = &readValidationText, .write = &writeValidationText,
   .readWhenMissing = true},

  // Version 3 §3: pairs for a sequence-to-sequence model (session_pairs_block.cpp). The
  // vocabulary comes before the lists, whose characters it checks.
  {.block = Block::Data, .key = "batch_size", .kind = Kind::Integer,
   .presence = Presence::UnlessDefault, .dataKinds = PairsOnly, .since = 3, .min = 1,
   .max = 1'000'000'000, .access = member<&PairsData::batchSize>()},
  {.block = Block::Data, .key = "shuffle", .kind = Kind::Boolean, .dataKinds = PairsOnly,
   .since = 3, .access = member<&PairsData::shuffle>()},
  {.block = Block::Data, .key = "max_output_length", .kind = Kind::Integer,
   .presence = Presence::UnlessDefault, .dataKinds = PairsOnly, .since = 3, .min = 1,
   .max = limits::MaxSequenceLength, .access = member<&PairsData::maxOutputLength>()},
  {.block = Block::Data, .key = "vocabulary", .kind = Kind::Custom, .presence = Presence::When,
   .present = &hasGivenPairsVocabulary, .dataKinds = PairsOnly, .since = 3,
   .read = &readPairsVocabulary, .write = &writePairsVocabulary},
  {.block = Block::Data, .key = "train", .kind = Kind::Custom, .required = Required::Yes,
   .dataKinds = PairsOnly, .since = 3, .read = &readTrainPairs, .write = &writeTrainPairs},
  {.block = Block::Data, .key = "validation", .kind = Kind::Custom, .presence = Presence::When,
   .present = &hasValidationPairs, .dataKinds = PairsOnly, .since = 3,
   .read = &readValidationPairs, .write = &writeValidationPairs},

  // training_state: what a run needs to continue exactly (session_state_block.cpp)
  {.block = Block::TrainingState, .key = "iteration", .kind = Kind::Integer,
   .required = Required::Yes, .since = 2, .min = 0, .max = limits::MaxIterations,
   .access = member<&TrainingState::iteration>()},
  {.block = Block::TrainingState, .key = "optimizer_step", .kind = Kind::Custom, .since = 2,
   .read = &readOptimizerStep, .write = &writeOptimizerStep},
  {.block = Block::TrainingState, .key = "optimizer", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasOptimizerSlots, .since = 2,
   .read = &readOptimizerSlots, .write = &writeOptimizerSlots},
  {.block = Block::TrainingState, .key = "text_position", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasTextPosition, .dataKinds = TextOnly, .since = 2,
   .read = &readTextPosition, .write = &writeTextPosition},
  {.block = Block::TrainingState, .key = "carried_h", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasCarriedH, .dataKinds = TextOnly, .since = 2,
   .read = &readCarriedH, .write = &writeCarriedH},
  {.block = Block::TrainingState, .key = "carried_c", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasCarriedC, .dataKinds = TextOnly, .since = 2,
   .read = &readCarriedC, .write = &writeCarriedC},
  {.block = Block::TrainingState, .key = "epoch_order", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasEpochOrder, .dataKinds = Batched,
   .since = 2, .read = &readEpochOrder, .write = &writeEpochOrder},
  {.block = Block::TrainingState, .key = "epoch_position", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasEpochOrder, .dataKinds = Batched,
   .since = 2, .read = &readEpochPosition, .write = &writeEpochPosition},
  {.block = Block::TrainingState, .key = "shuffle_rng", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasShuffleRng, .dataKinds = Batched,
   .since = 2, .read = &readShuffleRng, .write = &writeShuffleRng},
  {.block = Block::TrainingState, .key = "dropout_rng", .kind = Kind::Custom,
   .presence = Presence::When, .present = &hasDropoutRng, .since = 3, .read = &readDropoutRng,
   .write = &writeDropoutRng},
};
// clang-format on

constexpr std::string_view FormatName = "rnnlab-session";

// A default session with the block of `field` present, so that its getter has a value to read.
Session blankFor(const FieldSpec& field) {
  Session blank;
  if (field.dataKinds == TextOnly) {
    blank.text = TextData{};
  } else if (field.dataKinds == SequencesOnly) {
    blank.sequences = SequenceSet{};
  } else if (field.dataKinds == PairsOnly) {
    blank.pairs = PairsData{};
  }
  if (field.block == Block::TrainingState) {
    blank.trainingState = TrainingState{};
  }
  return blank;
}

}  // namespace

std::span<const FieldSpec> sessionFieldTable() { return Table; }

std::string_view formatName() { return FormatName; }

DataKind dataKindOf(const Session& session) {
  return session.text        ? DataKind::Text
         : session.pairs     ? DataKind::Pairs
         : session.sequences ? DataKind::Sequences
                             : DataKind::Sequence;
}


Json defaultValue(const FieldSpec& field) {
  static const std::vector<Json> defaults = [] {
    std::vector<Json> out;
    for (const FieldSpec& f : Table) {
      out.push_back(f.access.get != nullptr ? f.access.get(blankFor(f)) : Json());
    }
    return out;
  }();
  return defaults[static_cast<std::size_t>(&field - Table)];
}


std::string_view dataKindName(DataKind kind) {
  for (std::size_t k = 0; k < std::size(DataKindChoices); ++k) {
    if (kind == static_cast<DataKind>(1u << k)) {
      return DataKindChoices[k].name;
    }
  }
  return DataKindChoices[0].name;
}

DataKind dataKindNamed(std::string_view name) {
  for (std::size_t k = 0; k < std::size(DataKindChoices); ++k) {
    if (DataKindChoices[k].name == name) {
      return static_cast<DataKind>(1u << k);
    }
  }
  return DataKind::Sequence;
}


}  // namespace rnnlab::detail
