// `training_state`: each key's reader beside its writer. It is read after `model`, `training` and
// `data` (the slots depend on the first two, the text position and carried state on the text).
//
// Slots of another optimizer than training.optimizer (the setting changed after the last update)
// are not written: the next update restarts the state at zero anyway, which a step count of 0
// says.

#include <algorithm>
#include <cstdio>

#include "rnnlab/limits.h"
#include "session_blocks.h"
#include "session_checks.h"

namespace rnnlab::detail {
namespace {

TrainingState& stateOf(Session& session) { return *session.trainingState; }

bool sameOptimizer(const Session& session) {
  return session.trainingState->optimizer.kind == session.training.optimizer;
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

}  // namespace

void readOptimizerStep(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  TrainingState& state = stateOf(session);
  state.optimizer.step = static_cast<long>(
      readInteger(*value, pathOf(self), 0, static_cast<long long>(state.iteration)));
}

void writeOptimizerStep(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  const long step = sameOptimizer(session) ? session.trainingState->optimizer.step : 0L;
  holder.key(self.key) += std::to_string(step);
}

void readOptimizerSlots(const FieldSpec& self, const Json* value, Session& session,
                        ReadContext&) {
  const std::string path = pathOf(self);
  const OptimizerKind kind = session.training.optimizer;
  const auto names = OptimizerState::slotNames(kind);
  const Json& slots = requireObject(*value, path);
  for (const auto& [key, unused] : slots.items()) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      fail(path + "." + key + ": training.optimizer " + std::string(toString(kind)) +
           " keeps no slot of that name");
    }
  }
  if (slots.empty()) {
    return;
  }
  for (const std::string_view name : names) {
    const std::string key(name);
    stateOf(session).optimizer.buffers.push_back(readSlot(
        require(slots, path, key,
                "training.optimizer " + std::string(toString(kind)) + " keeps every slot"),
        path + "." + key, session.model));
  }
}

void writeOptimizerSlots(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  const OptimizerState& optimizer = session.trainingState->optimizer;
  const auto names = OptimizerState::slotNames(optimizer.kind);
  ObjectWriter slots(holder.key(self.key), holder.childIndent());
  for (std::size_t s = 0; s < names.size(); ++s) {
    const Parameters& slot = optimizer.buffers[s];
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

bool hasOptimizerSlots(const Session& session) {
  return sameOptimizer(session) && !session.trainingState->optimizer.buffers.empty();
}

// --- a text's position and carried state ---

void readTextPosition(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  stateOf(session).textPosition = static_cast<long>(
      readInteger(*value, pathOf(self), 0, static_cast<long long>(session.text->size())));
}

void writeTextPosition(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  holder.key(self.key) += std::to_string(*session.trainingState->textPosition);
}

bool hasTextPosition(const Session& session) {
  return session.trainingState->textPosition.has_value();
}

namespace {
// A text's carried state: one row per stream and layer, stream-major (v3 §2).
Index carriedRows(const Session& session) {
  return static_cast<Index>(session.text->streams) * session.model.layers;
}
}  // namespace

void readCarriedH(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  stateOf(session).carriedH =
      readStateRows(*value, pathOf(self), carriedRows(session), session.model.hiddenSize);
}

void writeCarriedH(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  appendStateRows(holder.key(self.key), *session.trainingState->carriedH, carriedRows(session),
                  holder.childIndent());
}

bool hasCarriedH(const Session& session) { return session.trainingState->carriedH.has_value(); }

void readCarriedC(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  if (session.model.cell != CellKind::Lstm) {
    fail(pathOf(self) + ": only an lstm carries a cell state");
  }
  stateOf(session).carriedC =
      readStateRows(*value, pathOf(self), carriedRows(session), session.model.hiddenSize);
}

void writeCarriedC(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  appendStateRows(holder.key(self.key), *session.trainingState->carriedC, carriedRows(session),
                  holder.childIndent());
}

bool hasCarriedC(const Session& session) { return session.trainingState->carriedC.has_value(); }

// --- a data set's epoch order (each of 0..n−1 once), the position in it and the shuffle
// generator (four words of 16 hex digits) ---

void readEpochOrder(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  const std::string key = pathOf(self);
  const auto n = static_cast<long long>(trainingCount(session));
  if (!value->is_array() || static_cast<long long>(value->size()) != n) {
    fail(key + ": expected an array of the " + std::to_string(n) +
         " training sequence numbers 0.." + std::to_string(n - 1) + ", got " + describe(*value));
  }
  std::vector<bool> seen(static_cast<std::size_t>(n), false);
  std::vector<long> values;
  values.reserve(static_cast<std::size_t>(n));
  for (std::size_t k = 0; k < value->size(); ++k) {
    const long long v = readInteger((*value)[k], key + "[" + std::to_string(k) + "]", 0, n - 1);
    if (seen[static_cast<std::size_t>(v)]) {
      fail(key + "[" + std::to_string(k) + "]: " + std::to_string(v) + " appears twice");
    }
    seen[static_cast<std::size_t>(v)] = true;
    values.push_back(static_cast<long>(v));
  }
  stateOf(session).epochOrder = std::move(values);
}

void writeEpochOrder(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  const std::vector<long>& order = *session.trainingState->epochOrder;
  std::string& out = holder.key(self.key);
  out += '[';
  for (std::size_t k = 0; k < order.size(); ++k) {
    out += (k > 0 ? ", " : "") + std::to_string(order[k]);
  }
  out += ']';
}

bool hasEpochOrder(const Session& session) { return session.trainingState->epochOrder.has_value(); }

void readEpochPosition(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  const auto n = static_cast<long long>(trainingCount(session));
  stateOf(session).epochPosition =
      static_cast<long>(readInteger(*value, pathOf(self), 0, std::max<long long>(n - 1, 0)));
}

// Written with the order (validate() refuses one without the other).
void writeEpochPosition(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  holder.key(self.key) += std::to_string(session.trainingState->epochPosition.value_or(0));
}

namespace {

// A generator's four state words, as 16 hex digits each.
std::array<std::uint64_t, 4> readRngWords(const FieldSpec& self, const Json* value) {
  const std::string key = pathOf(self);
  if (!value->is_array() || value->size() != 4) {
    fail(key + ": expected 4 strings of 16 hex digits, got " + describe(*value));
  }
  std::array<std::uint64_t, 4> rng{};
  for (std::size_t k = 0; k < 4; ++k) {
    const std::string word = readString((*value)[k], key + "[" + std::to_string(k) + "]");
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
  return rng;
}

void writeRngWords(ObjectWriter& holder, const FieldSpec& self,
                   const std::array<std::uint64_t, 4>& rng) {
  std::string& words = holder.key(self.key);
  words += '[';
  for (std::size_t k = 0; k < 4; ++k) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(rng[k]));
    words += (k > 0 ? ", \"" : "\"") + std::string(hex) + "\"";
  }
  words += ']';
}

}  // namespace

void readShuffleRng(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  stateOf(session).shuffleRng = readRngWords(self, value);
}

void writeShuffleRng(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  writeRngWords(holder, self, *session.trainingState->shuffleRng);
}

void readDropoutRng(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  stateOf(session).dropoutRng = readRngWords(self, value);
}

void writeDropoutRng(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  writeRngWords(holder, self, *session.trainingState->dropoutRng);
}

bool hasDropoutRng(const Session& session) { return session.trainingState->dropoutRng.has_value(); }

bool hasShuffleRng(const Session& session) { return session.trainingState->shuffleRng.has_value(); }

// --- the keys that go together ---

void finishTrainingState(const Json& object, Session& session) {
  const std::string path = pathOf(Block::TrainingState);
  const TrainingState& state = *session.trainingState;
  const OptimizerKind kind = session.training.optimizer;
  if (state.optimizer.buffers.empty() && state.optimizer.step > 0 &&
      !OptimizerState::slotNames(kind).empty()) {
    fail(pathOf(fieldReadBy(&readOptimizerSlots)) + ": missing (" + std::string(toString(kind)) +
         " after " + std::to_string(state.optimizer.step) + " updates keeps its slots)");
  }
  const DataKind dataKind = dataKindOf(session);
  if (dataKind == DataKind::Text) {
    const bool lstm = session.model.cell == CellKind::Lstm;
    if (state.textPosition.has_value() != state.carriedH.has_value() ||
        (lstm && state.carriedC.has_value() != state.textPosition.has_value())) {
      fail(path + ": " + std::string(fieldReadBy(&readTextPosition).key) + ", " +
           std::string(fieldReadBy(&readCarriedH).key) +
           (lstm ? " and " + std::string(fieldReadBy(&readCarriedC).key) : std::string()) +
           " go together");
    }
  }
  if (dataKind == DataKind::Sequences || dataKind == DataKind::Pairs) {
    const bool shuffle = session.pairs ? session.pairs->shuffle : session.sequences->shuffle;
    const FieldSpec& order = fieldReadBy(&readEpochOrder);
    if (state.epochOrder.has_value() != state.epochPosition.has_value()) {
      fail(path + ": " + std::string(order.key) + " and " +
           std::string(fieldReadBy(&readEpochPosition).key) + " go together");
    }
    if (shuffle && state.epochOrder && !state.shuffleRng) {
      fail(pathOf(fieldReadBy(&readShuffleRng)) + ": missing (data.shuffle is true and " +
           std::string(order.key) + " is given)");
    }
  }
  // Keys of another data kind are refused: a file that says more than the session keeps.
  const std::vector<const FieldSpec*> fields = fieldsOf(Block::TrainingState);
  for (const auto& item : object.items()) {
    const std::string& key = item.key();  // clang 14 cannot capture a structured binding
    const bool known = std::any_of(fields.begin(), fields.end(), [&](const FieldSpec* field) {
      return field->key == key && (field->dataKinds & bit(dataKind)) != 0;
    });
    if (!known) {
      fail(path + "." + key + ": not used by this session (its data kind keeps no such state)");
    }
  }
}

}  // namespace rnnlab::detail
