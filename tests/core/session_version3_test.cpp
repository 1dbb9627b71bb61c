// Version 3 of the session file, as far as RMSprop and learning-rate decay go: its keys are read
// only from a version-3 file (ignored as unknown keys in older files, where "rmsprop" is refused),
// each bad value is one message naming the key and leaves the session unchanged, a version-3
// session round-trips, and a file keeps its version when written back.

#include <gtest/gtest.h>

#include <string>

#include "rnnlab/session.h"

namespace rnnlab {
namespace {

// The built-in example (a version-1 file) with the training block's first line replaced.
std::string exampleWith(const std::string& version, const std::string& trainingLines) {
  std::string text = serializeSession(builtinExample());
  text.replace(text.find("\"version\": 1"), 12, "\"version\": " + version);
  const std::string optimizer = "\"optimizer\": \"sgd\"";
  text.replace(text.find(optimizer), optimizer.size(), trainingLines);
  return text;
}

std::string errorOf(const std::string& json) {
  try {
    parseSession(json);
  } catch (const SessionError& error) {
    return error.what();
  }
  return "(accepted)";
}

const std::string DecayLines =
    R"("optimizer": "rmsprop", "alpha": 0.9, "lr_decay": 0.5, "lr_decay_every": 7,
      "lr_decay_start": 20)";

TEST(SessionVersion3, ReadsRmspropAndDecayFromAVersion3File) {
  const Session session = parseSession(exampleWith("3", DecayLines));
  EXPECT_EQ(session.training.optimizer, OptimizerKind::Rmsprop);
  EXPECT_EQ(session.training.alpha, 0.9);
  EXPECT_EQ(session.training.lrDecay, 0.5);
  EXPECT_EQ(session.training.lrDecayEvery, 7);
  EXPECT_EQ(session.training.lrDecayStart, 20);
  EXPECT_EQ(session.fileVersion.number, 3);
  EXPECT_EQ(session.formatVersionNeeded(), 3);
  // Whole numbers may be written as such.
  const Session alsoWhole = parseSession(exampleWith(
      "3", R"("optimizer": "sgd", "lr_decay": 0.5, "lr_decay_every": 7.0, "lr_decay_start": 2e1)"));
  EXPECT_EQ(alsoWhole.training.lrDecayEvery, 7);
  EXPECT_EQ(alsoWhole.training.lrDecayStart, 20);
}

TEST(SessionVersion3, RoundTripsExactlyAndWritesOnlyWhatIsNotDefault) {
  Session session = parseSession(exampleWith("3", DecayLines));
  session.setModel(session.makeModel());
  const std::string text = serializeSession(session);
  EXPECT_NE(text.find("\"version\": 3"), std::string::npos);
  EXPECT_NE(text.find("\"optimizer\": \"rmsprop\""), std::string::npos);
  EXPECT_NE(text.find("\"alpha\": 0.9"), std::string::npos);
  EXPECT_NE(text.find("\"lr_decay\": 0.5"), std::string::npos);
  EXPECT_NE(text.find("\"lr_decay_every\": 7"), std::string::npos);
  EXPECT_NE(text.find("\"lr_decay_start\": 20"), std::string::npos);
  const Session again = parseSession(text);
  EXPECT_EQ(again, session);
  EXPECT_EQ(serializeSession(again), text);

  // At their defaults the keys are not written, and the example stays a version-1 file.
  const std::string example = serializeSession(builtinExample());
  for (const char* key :
       {"\"alpha\"", "\"lr_decay\"", "\"lr_decay_every\"", "\"lr_decay_start\""}) {
    EXPECT_EQ(example.find(key), std::string::npos) << key;
  }
  EXPECT_NE(example.find("\"version\": 1"), std::string::npos);
  // One of them away from its default makes the file say 3.
  Session decayed = builtinExample();
  decayed.training.lrDecayEvery = 50;
  EXPECT_EQ(decayed.formatVersionNeeded(), 3);
  EXPECT_NE(serializeSession(decayed).find("\"version\": 3"), std::string::npos);
}

TEST(SessionVersion3, OlderFilesIgnoreItsKeys) {
  for (const std::string version : {"1", "2"}) {
    const Session session = parseSession(exampleWith(
        version, R"("optimizer": "sgd", "alpha": 0.5, "lr_decay": 0.1, "lr_decay_every": 3,
                    "lr_decay_start": 4)"));
    const TrainingSettings defaults;
    EXPECT_EQ(session.training.alpha, defaults.alpha) << version;
    EXPECT_EQ(session.training.lrDecay, defaults.lrDecay) << version;
    EXPECT_EQ(session.training.lrDecayEvery, defaults.lrDecayEvery) << version;
    EXPECT_EQ(session.training.lrDecayStart, defaults.lrDecayStart) << version;
    EXPECT_EQ(session, builtinExample()) << version;
    // Unknown keys of any value, even values version 3 would refuse.
    EXPECT_EQ(errorOf(exampleWith(version, R"("optimizer": "sgd", "lr_decay": "fast",
                                              "alpha": 7)")),
              "(accepted)")
        << version;
  }
}

TEST(SessionVersion3, OlderFilesRefuseRmspropNamingTheVersion) {
  EXPECT_EQ(errorOf(exampleWith("2", R"("optimizer": "rmsprop")")),
            "training.optimizer: \"rmsprop\" needs version 3 (the file says version 2)");
  EXPECT_EQ(errorOf(exampleWith("1", R"("optimizer": "rmsprop")")),
            "training.optimizer: \"rmsprop\" needs version 3 (the file says version 1)");
  // Version 2's values in a version-1 file are read as they always were.
  EXPECT_EQ(errorOf(exampleWith("1", R"("optimizer": "adam")")), "(accepted)");
}

TEST(SessionVersion3, EachBadValueIsOneMessageNamingTheKey) {
  const auto withTraining = [](const std::string& lines) {
    return errorOf(exampleWith("3", "\"optimizer\": \"rmsprop\", " + lines));
  };
  EXPECT_EQ(withTraining(R"("alpha": 1)"), "training.alpha: must be at least 0 and below 1, got 1");
  EXPECT_EQ(withTraining(R"("alpha": -0.1)"),
            "training.alpha: must be at least 0 and below 1, got -0.1");
  EXPECT_EQ(withTraining(R"("alpha": "high")"),
            "training.alpha: expected a number, got a string (\"high\")");
  EXPECT_EQ(withTraining(R"("lr_decay": 0)"),
            "training.lr_decay: must be above 0 and at most 1 (1 turns it off), got 0");
  EXPECT_EQ(withTraining(R"("lr_decay": 1.5)"),
            "training.lr_decay: must be above 0 and at most 1 (1 turns it off), got 1.5");
  EXPECT_EQ(withTraining(R"("lr_decay_every": 0)"),
            "training.lr_decay_every: must be between 1 and 1000000000, got 0");
  EXPECT_EQ(withTraining(R"("lr_decay_every": 2.5)"),
            "training.lr_decay_every: must be a whole number between 1 and 1000000000, got 2.5");
  EXPECT_EQ(withTraining(R"("lr_decay_start": -1)"),
            "training.lr_decay_start: must be between 0 and 1000000000, got -1");
  EXPECT_EQ(withTraining(R"("lr_decay_start": true)"),
            "training.lr_decay_start: expected a whole number, got true");
}

TEST(SessionVersion3, SettingABadValueByPathLeavesTheSessionUnchanged) {
  Session session = builtinExample();
  const Session before = session;
  const struct {
    const char* path;
    const char* value;
    const char* message;
  } cases[] = {
      {"training.alpha", "1", "training.alpha: must be at least 0 and below 1, got 1"},
      {"training.lr_decay", "0",
       "training.lr_decay: must be above 0 and at most 1 (1 turns it off), got 0"},
      {"training.lr_decay_every", "0",
       "training.lr_decay_every: must be between 1 and 1000000000, got 0"},
      {"training.lr_decay_start", "-3",
       "training.lr_decay_start: must be between 0 and 1000000000, got -3"},
      {"training.optimizer", "\"rms\"",
       "training.optimizer: unknown optimizer \"rms\" (expected sgd, momentum, adagrad, adam or "
       "rmsprop)"},
  };
  for (const auto& bad : cases) {
    EXPECT_EQ(setSessionField(session, bad.path, bad.value), bad.message) << bad.path;
    EXPECT_EQ(session, before) << bad.path;
    EXPECT_EQ(session.training, before.training) << bad.path;
  }
  // The app sets rmsprop on any session: its file then says version 3.
  EXPECT_EQ(setSessionField(session, "training.optimizer", "\"rmsprop\""), std::nullopt);
  EXPECT_EQ(session.formatVersionWritten(), 3);
  // And validate() checks a value set in code.
  Session coded = builtinExample();
  coded.training.lrDecayEvery = 0;
  EXPECT_EQ(validate(coded), "training.lr_decay_every: must be between 1 and 1000000000, got 0");
}

// "train --out keeps the file's version": a version-3 file that uses only version 1's settings is
// written back as version 3; a version-1 file that needs version 2 says 2.
TEST(SessionVersion3, AFileKeepsItsVersionWhenWrittenBack) {
  Session session = parseSession(exampleWith("3", R"("optimizer": "sgd")"));
  EXPECT_EQ(session.fileVersion.number, 3);
  EXPECT_EQ(session.formatVersionNeeded(), 1);
  EXPECT_EQ(session.formatVersionWritten(), 3);
  session.setModel(session.makeModel());
  const std::string text = serializeSession(session);
  EXPECT_NE(text.find("\"version\": 3"), std::string::npos);
  EXPECT_EQ(parseSession(text).fileVersion.number, 3);
  EXPECT_EQ(serializeSession(parseSession(text)), text);

  Session old = parseSession(exampleWith("1", R"("optimizer": "sgd")"));
  old.trainingState = TrainingState{};
  EXPECT_EQ(old.formatVersionWritten(), 2);

  // The version is not a setting: sessions that differ only in it are equal.
  Session three = builtinExample();
  three.fileVersion.number = 3;
  EXPECT_EQ(three, builtinExample());
  // A share link is a new file: it says what its settings need.
  EXPECT_EQ(shareableSession(three).formatVersionWritten(), 1);
}

}  // namespace
}  // namespace rnnlab
