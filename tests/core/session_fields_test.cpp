// The session's keys one at a time (sessionFields, setSessionField, sessionFieldValue): every
// settable key of the table takes its valid values and reads them back, and refuses a value of the
// wrong type or out of its range with the message a file would get, leaving the session as it was.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "rnnlab/session.h"

namespace rnnlab {
namespace {

using Json = nlohmann::json;
using Type = SessionFieldInfo::Type;

const std::string TextSession = R"({"format": "rnnlab-session", "version": 2,
  "model": {"cell": "lstm", "hidden_size": 3, "output_mode": "sequence", "loss": "cross_entropy"},
  "data": {"kind": "text", "sequence_length": 4, "text": "hello world, hello world.\n"}})";

const std::string DataSetSession = R"({"format": "rnnlab-session", "version": 2,
  "model": {"input_size": 1, "hidden_size": 2, "output_size": 1, "output_mode": "sequence",
            "loss": "mse"},
  "data": {"kind": "sequences", "train": [
    {"inputs": [[0.1], [0.5]], "targets": [[0.5], [0.9]]},
    {"inputs": [[0.2]], "targets": [[0.4]]}]}})";

const std::string PairsSession = R"({"format": "rnnlab-session", "version": 3,
  "model": {"cell": "gru", "hidden_size": 3},
  "data": {"kind": "pairs", "train": [["abc", "cba"], ["b", ""]]}})";

// A session of the data kind the key belongs to.
Session sessionFor(const SessionFieldInfo& field) {
  if (field.dataKind == "text") {
    return parseSession(TextSession);
  }
  if (field.dataKind == "sequences") {
    return parseSession(DataSetSession);
  }
  if (field.dataKind == "pairs") {
    return parseSession(PairsSession);
  }
  return builtinExample();
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t k = 0; k < names.size(); ++k) {
    out += names[k] + (k + 2 < names.size() ? ", " : k + 2 == names.size() ? " or " : "");
  }
  return out;
}

// Values of the key's type that its range or values allow.
std::vector<Json> validCandidates(const SessionFieldInfo& field) {
  switch (field.type) {
    case Type::Integer:
      return {field.min, field.min + 1, (field.min + field.max) / 2, field.max};
    case Type::Number:
      return {0.5, 0.25, 1e-3, 2.0, 0.0, 1.5};
    case Type::Seed:
      return {0, 42, std::numeric_limits<std::uint64_t>::max()};
    case Type::Boolean:
      return {true, false};
    case Type::Choice: {
      std::vector<Json> out;
      for (const std::string& name : field.choices) {
        out.emplace_back(name);
      }
      return out;
    }
    case Type::List: {
      std::vector<Json> out{Json::array(), Json(field.choices)};
      for (const std::string& name : field.choices) {
        out.push_back(Json::array({name}));
      }
      return out;
    }
    default:
      return {};
  }
}

// Keys whose value other values must follow: the data's width is the model's input and output
// size, so only their current value is valid for a given session.
bool tiedToTheData(const SessionFieldInfo& field) {
  return field.path == "model.input_size" || field.path == "model.output_size";
}

TEST(SessionFields, EverySettableKeyTakesItsValuesAndReadsThemBack) {
  int settable = 0;
  for (const SessionFieldInfo& field : sessionFields()) {
    if (!field.settable) {
      continue;
    }
    ++settable;
    const Session base = sessionFor(field);
    const std::optional<std::string> current = sessionFieldValue(base, field.path);
    int acceptedOthers = 0;
    for (const Json& candidate : validCandidates(field)) {
      Session session = base;
      const std::optional<std::string> problem =
          setSessionField(session, field.path, candidate.dump());
      if (problem) {
        // Refused by the session as a whole (validate()'s message), never half-applied.
        EXPECT_EQ(session, base) << field.path << " = " << candidate.dump();
        continue;
      }
      const std::optional<std::string> readBack = sessionFieldValue(session, field.path);
      if (readBack) {
        EXPECT_EQ(Json::parse(*readBack), candidate) << field.path;
      } else {
        // A file leaves out a key at its quiet value (an rnn's cell, no blog bugs, forget_bias 0,
        // lr_decay_start 0, one layer, one direction, a text's one stream, additive attention).
        const std::set<std::string> quiet = {"[]",    "0.0",         "0",
                                             "1",     "false",       "\"rnn\"",
                                             "\"additive\""};
        EXPECT_TRUE(quiet.contains(candidate.dump())) << field.path << " = " << candidate.dump();
      }
      EXPECT_EQ(parseSession(serializeSession(session)), session) << field.path;
      if (!current || Json::parse(*current) != candidate) {
        ++acceptedOthers;
      }
    }
    if (!tiedToTheData(field)) {
      EXPECT_GT(acceptedOthers, 0) << field.path << ": no other valid value was accepted";
    }
    if (current) {
      Session same = base;
      EXPECT_EQ(setSessionField(same, field.path, *current), std::nullopt) << field.path;
      EXPECT_EQ(same, base) << field.path;
    }
  }
  EXPECT_GE(settable, 20);
}

TEST(SessionFields, WrongTypesAndValuesOutOfRangeGiveTheKeysMessage) {
  for (const SessionFieldInfo& field : sessionFields()) {
    if (!field.settable) {
      continue;
    }
    const Session base = sessionFor(field);
    const std::string& path = field.path;
    std::vector<std::pair<std::string, std::string>> refused;  // value, message
    switch (field.type) {
      case Type::Integer:
        refused = {
            {"\"x\"", path + ": expected a whole number, got a string (\"x\")"},
            {std::to_string(field.max + 1), path + ": must be between " +
                                                std::to_string(field.min) + " and " +
                                                std::to_string(field.max) + ", got " +
                                                std::to_string(field.max + 1)},
            {std::to_string(field.min - 1), path + ": must be between " +
                                                std::to_string(field.min) + " and " +
                                                std::to_string(field.max) + ", got " +
                                                std::to_string(field.min - 1)},
            {"2.5", path + ": must be a whole number between " + std::to_string(field.min) +
                        " and " + std::to_string(field.max) + ", got 2.5"},
        };
        break;
      case Type::Number: {
        refused = {{"\"x\"", path + ": expected a number, got a string (\"x\")"},
                   {"null", path + ": expected a number, got null"}};
        int outOfRange = 0;
        for (const int value : {-1, 0, 1, 2}) {
          Session session = base;
          const std::string text = std::to_string(value);
          if (const auto problem = setSessionField(session, path, text)) {
            EXPECT_EQ(*problem, path + ": " + field.rule + ", got " + text);
            EXPECT_EQ(session, base) << path;
            ++outOfRange;
          }
        }
        if (field.rule != "must be a finite number") {
          EXPECT_GT(outOfRange, 0) << path << ": no value out of its range was refused";
        }
        break;
      }
      case Type::Seed:
        refused = {{"-1", path + ": must be a whole number between 0 and 18446744073709551615, "
                                 "got -1"}};
        break;
      case Type::Boolean:
        refused = {{"1", path + ": expected true or false, got the number 1"}};
        break;
      case Type::Choice:
        refused = {{"3", path + ": expected a string, got the number 3"},
                   {"\"nope\"", path + ": unknown " + field.noun + " \"nope\" (expected " +
                                    joined(field.choices) + ")"}};
        break;
      case Type::List:
        refused = {
            {"\"x\"", path + ": expected an array of " + field.noun + " names, got a string (\"x\")"},
            {"[\"nope\"]", path + "[0]: unknown " + field.noun + " \"nope\" (expected " +
                               joined(field.choices) + ")"},
            {"[\"" + field.choices[0] + "\", \"" + field.choices[0] + "\"]",
             path + "[1]: " + field.choices[0] + " is listed twice"},
        };
        break;
      default:
        break;
    }
    for (const auto& [value, message] : refused) {
      Session session = base;
      EXPECT_EQ(setSessionField(session, path, value), message) << path << " = " << value;
      EXPECT_EQ(session, base) << path << " = " << value;
    }
  }
}

TEST(SessionFields, OnlySettingsOfThisSessionCanBeSet) {
  Session session = builtinExample();
  const Session before = session;
  EXPECT_EQ(setSessionField(session, "model.colour", "1"),
            "model.colour: not a key of the session file");
  EXPECT_EQ(setSessionField(session, "model.weights", "{}"),
            "model.weights: not a setting (it cannot be set on its own)");
  EXPECT_EQ(setSessionField(session, "training_state.iteration", "3"),
            "training_state.iteration: not a setting (it cannot be set on its own)");
  EXPECT_EQ(setSessionField(session, "data.sequence_length", "3"),
            "data.sequence_length: not used by this session (data.kind is sequence)");
  EXPECT_EQ(setSessionField(session, "training.learning_rate", "0.1 x"),
            "training.learning_rate: not a JSON value: 0.1 x");
  EXPECT_EQ(session, before);
}

TEST(SessionFields, ValidateGivesTheMessageOfTheWholeSession) {
  Session session = builtinExample();
  EXPECT_EQ(setSessionField(session, "model.input_size", "2"),
            "data.inputs: rows have 3 numbers, expected 2 (model.input_size)");
  // A blog bug that is undefined for this model: the same message as a file's, at its index.
  session.model.loss = LossKind::CrossEntropy;
  const Session before = session;
  EXPECT_EQ(setSessionField(session, "training.blog_bugs", R"(["gradient_missing_2"])"),
            validate([&] {
              Session probe = before;
              probe.training.blogBugs.set(BlogBug::GradientMissing2, true);
              return probe;
            }()));
  EXPECT_EQ(session, before);
}

TEST(SessionFields, ChangingTheModelStartsItFromItsSeed) {
  Session session = builtinExample();
  session.setModel(session.makeModel());
  session.trainingState = TrainingState{};
  ASSERT_TRUE(session.weights && session.h0);
  EXPECT_EQ(setSessionField(session, "training.learning_rate", "0.05"), std::nullopt);
  EXPECT_TRUE(session.weights && session.trainingState) << "a training key keeps the weights";
  EXPECT_EQ(setSessionField(session, "model.hidden_size", "6"), std::nullopt);
  EXPECT_EQ(session.model.hiddenSize, 6);
  EXPECT_FALSE(session.weights || session.h0 || session.trainingState);
  // output_mode of a single sequence reshapes its targets.
  EXPECT_EQ(setSessionField(session, "model.output_mode", "\"last\""), std::nullopt);
  EXPECT_EQ(session.data.targets.rows(), 1);
  EXPECT_EQ(sessionFieldValue(session, "model.output_mode"), "\"last\"");
}

TEST(SessionFields, ShareLinksDropEverythingThatIsNotASetting) {
  const std::vector<std::string> dropped = shareLinkDroppedFields();
  EXPECT_EQ(std::set<std::string>(dropped.begin(), dropped.end()),
            (std::set<std::string>{"training_state", "model.weights", "model.weights_file",
                                   "model.weights.h0", "model.weights.c0"}));
  Session session = parseSession(TextSession);
  session.setModel(session.makeModel());
  session.weightsFile = "w.safetensors";
  session.trainingState = TrainingState{};
  Session expected = session;
  expected.weights.reset();
  expected.h0.reset();
  expected.c0.reset();
  expected.weightsFile.reset();
  expected.trainingState.reset();
  EXPECT_EQ(shareableSession(session), expected);
  for (const SessionFieldInfo& field : sessionFields()) {
    EXPECT_EQ(field.droppedByShareLink,
              std::find(dropped.begin(), dropped.end(), field.path) != dropped.end());
  }
}

TEST(SessionFields, VersionsComeFromTheTable) {
  for (const SessionFieldInfo& field : sessionFields()) {
    const bool version3 =
        field.path == "training.alpha" || field.path.starts_with("training.lr_decay") ||
        field.path == "model.layers" || field.path == "model.bidirectional" ||
        field.path == "model.dropout" || field.path == "training_state.dropout_rng" ||
        (field.path == "data.batch_size" && field.dataKind == "text") ||
        field.dataKind == "pairs";
    if (version3) {
      EXPECT_EQ(field.since, 3) << field.path;
    } else if (field.path.starts_with("training_state") || field.dataKind == "text" ||
        field.dataKind == "sequences" || field.path == "model.cell" ||
        field.path == "model.forget_bias" || field.path == "model.weights_file" ||
        field.path == "model.weights.c0" || field.path == "training.blog_bugs") {
      EXPECT_EQ(field.since, 2) << field.path;
    } else {
      EXPECT_EQ(field.since, 1) << field.path;
    }
  }
  Session session = builtinExample();
  EXPECT_EQ(session.formatVersionNeeded(), 1);
  ASSERT_EQ(setSessionField(session, "model.cell", "\"gru\""), std::nullopt);
  EXPECT_EQ(session.formatVersionNeeded(), 2);
  ASSERT_EQ(setSessionField(session, "model.cell", "\"rnn\""), std::nullopt);
  EXPECT_EQ(session.formatVersionNeeded(), 1);
  ASSERT_EQ(setSessionField(session, "training.blog_bugs", R"(["h_t_in_dwhh"])"), std::nullopt);
  EXPECT_EQ(session.formatVersionNeeded(), 2);
  ASSERT_EQ(setSessionField(session, "training.optimizer", R"("rmsprop")"), std::nullopt);
  EXPECT_EQ(session.formatVersionNeeded(), 3);
  ASSERT_EQ(setSessionField(session, "training.optimizer", R"("adam")"), std::nullopt);
  EXPECT_EQ(session.formatVersionNeeded(), 2);
  ASSERT_EQ(setSessionField(session, "training.lr_decay_start", "10"), std::nullopt);
  EXPECT_EQ(session.formatVersionNeeded(), 3);
}

}  // namespace
}  // namespace rnnlab
