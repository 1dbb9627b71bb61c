// The structured keys of a `pairs` session's data (v3 §3): the vocabulary and the two lists of
// [source, target] strings, each reader beside its writer.

#include "rnnlab/utf8.h"
#include "session_blocks.h"
#include "session_checks.h"

namespace rnnlab::detail {
namespace {

using PairList = std::vector<std::pair<std::string, std::string>>;

PairList readPairList(const Json& value, const std::string& path) {
  if (!value.is_array()) {
    fail(path + ": expected an array of pairs [\"source\", \"target\"], got " + describe(value));
  }
  PairList out;
  out.reserve(value.size());
  for (std::size_t k = 0; k < value.size(); ++k) {
    const std::string at = path + "[" + std::to_string(k) + "]";
    const Json& pair = value[k];
    if (!pair.is_array() || pair.size() != 2) {
      fail(at + ": expected a pair [\"source\", \"target\"] (an array of two strings), got " +
           describe(pair));
    }
    out.emplace_back(readString(pair[0], at + "[0]"), readString(pair[1], at + "[1]"));
  }
  return out;
}

void writePairList(ObjectWriter& holder, std::string_view key, const PairList& pairs) {
  std::string& out = holder.key(key);
  const std::string indent = holder.childIndent();
  out += '[';
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    out += (k > 0 ? ",\n" : "\n") + indent + "  [" + jsonString(pairs[k].first) + ", " +
           jsonString(pairs[k].second) + "]";
  }
  out += pairs.empty() ? "]" : "\n" + indent + "]";
}

}  // namespace

void readPairsVocabulary(const FieldSpec& self, const Json* value, Session& session,
                         ReadContext&) {
  const std::string characters = readString(*value, pathOf(self));
  if (const auto offset = decodeUtf8(characters, session.pairs->vocabulary)) {
    fail(pathOf(self) + ": invalid UTF-8 at byte " + std::to_string(*offset));
  }
  session.pairs->vocabularyGiven = true;
}

void writePairsVocabulary(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  holder.key(self.key) += jsonString(encodeUtf8(session.pairs->vocabulary));
}

bool hasGivenPairsVocabulary(const Session& session) { return session.pairs->vocabularyGiven; }

void readTrainPairs(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  session.pairs->train = readPairList(*value, pathOf(self));
  if (session.pairs->train.empty()) {
    fail(pathOf(self) + ": expected at least one pair [\"source\", \"target\"], got none");
  }
}

void writeTrainPairs(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  writePairList(holder, self.key, session.pairs->train);
}

void readValidationPairs(const FieldSpec& self, const Json* value, Session& session,
                         ReadContext&) {
  session.pairs->validation = readPairList(*value, pathOf(self));
}

void writeValidationPairs(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  writePairList(holder, self.key, session.pairs->validation);
}

bool hasValidationPairs(const Session& session) { return !session.pairs->validation.empty(); }

void finishPairs(Session& session) {
  if (auto problem = preparePairs(*session.pairs)) {
    fail(*problem);
  }
  const int V = session.pairs->tokenCount();
  session.model.inputSize = V;
  session.model.outputSize = V;
  session.model.seq2seq = true;
}

std::optional<std::string> validatePairs(const Session& session) {
  const PairsData& pairs = *session.pairs;
  const ModelConfig& config = session.model;
  if (pairs.trainTokens.size() != pairs.train.size() ||
      pairs.validationTokens.size() != pairs.validation.size()) {
    return std::string("data.train: the pairs have not been turned into tokens (preparePairs)");
  }
  if (!config.seq2seq) {
    return std::string("data.kind: pairs train a sequence-to-sequence model (model.seq2seq)");
  }
  if (config.loss != LossKind::CrossEntropy) {
    return "model.loss: a pairs session needs cross_entropy (one token class per step), got " +
           std::string(toString(config.loss));
  }
  if (config.outputMode != OutputMode::Sequence) {
    return "model.output_mode: a pairs session's decoder predicts every token of the target and "
           "needs sequence, got " + std::string(toString(config.outputMode));
  }
  const int V = pairs.tokenCount();
  if (config.inputSize != V || config.outputSize != V) {
    return "model." + std::string(config.inputSize != V ? "input_size" : "output_size") +
           ": a pairs session has one per token (V = " + std::to_string(V) +
           ": <bos>, <eos> and " + std::to_string(V - 2) + " characters), got " +
           std::to_string(config.inputSize != V ? config.inputSize : config.outputSize);
  }
  if (config.attention == AttentionKind::Dot && config.bidirectional) {
    return "model.attention: dot attention compares the decoder's state (hidden_size values) "
           "with each encoder output, which has 2 × hidden_size values with a bidirectional "
           "encoder; use additive";
  }
  return std::nullopt;
}

long trainingCount(const Session& session) {
  if (session.pairs) {
    return static_cast<long>(session.pairs->train.size());
  }
  return session.sequences ? static_cast<long>(session.sequences->train.size()) : 0;
}

}  // namespace rnnlab::detail
