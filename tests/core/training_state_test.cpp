// Exact resume: the optimizer state as a value, the trainer continuing from it, and
// `training_state` in session files (parsed, written, refused when it does not fit).

#include "rnnlab/training_state.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "rnnlab/optimizer.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

Session sessionFor(CellKind cell, OptimizerKind optimizer) {
  Session session;
  session.model = ModelConfig{3, 5, 2, OutputMode::Sequence, LossKind::Mse, cell};
  session.training.optimizer = optimizer;
  session.training.learningRate = 0.02;
  session.training.initScale = 0.4;
  session.training.seed = 11;
  session.data = testing_support::randomData(session.model, 6, 5);
  session.setModel(testing_support::randomModel(session.model, 3));
  return session;
}

struct RunResult {
  std::vector<double> losses;
  Parameters weights;
  TrainingState state;
};

RunResult train(Trainer& trainer, long iterations) {
  RunResult run;
  trainer.run(iterations, [&](const IterationReport& report) {
    EXPECT_EQ(report.status, IterationReport::Status::Ok);
    run.losses.push_back(report.loss);
    return true;
  });
  run.weights = trainer.model().params;
  run.state = trainer.trainingState();
  return run;
}

class ResumeTest : public ::testing::TestWithParam<std::tuple<CellKind, OptimizerKind>> {};

// N1 iterations, the session written to JSON and read back, then N2 more from it: the same
// losses, weights and state, bit for bit, as N1 + N2 at once.
TEST_P(ResumeTest, SavedAndReloadedRunContinuesBitForBit) {
  const auto [cell, optimizer] = GetParam();
  const Session session = sessionFor(cell, optimizer);
  constexpr long N1 = 17;
  constexpr long N2 = 29;

  Trainer straight(session.makeModel(), session.data, session.training);
  const RunResult whole = train(straight, N1 + N2);

  Trainer first(session.makeModel(), session.data, session.training);
  const RunResult part1 = train(first, N1);
  Session saved = session;
  saved.setModel(first.model());
  saved.trainingState = first.trainingState();
  const Session reloaded = parseSession(serializeSession(saved));
  ASSERT_TRUE(reloaded.trainingState.has_value());
  EXPECT_EQ(*reloaded.trainingState, *saved.trainingState);
  EXPECT_EQ(reloaded.trainingState->iteration, N1);
  EXPECT_EQ(reloaded.trainingState->optimizer.step, N1);
  EXPECT_EQ(reloaded.trainingState->optimizer.buffers.size(),
            OptimizerState::slotNames(optimizer).size());

  Trainer second(reloaded.makeModel(), reloaded.data, reloaded.training, *reloaded.trainingState);
  EXPECT_EQ(second.iteration(), N1);
  const RunResult part2 = train(second, N2);

  std::vector<double> joined = part1.losses;
  joined.insert(joined.end(), part2.losses.begin(), part2.losses.end());
  EXPECT_EQ(joined, whole.losses);
  EXPECT_TRUE(part2.weights == whole.weights);
  EXPECT_EQ(part2.state, whole.state);

  // Without the state, the optimizers that keep one continue differently (the test can fail).
  if (optimizer != OptimizerKind::Sgd) {
    Trainer fresh(reloaded.makeModel(), reloaded.data, reloaded.training);
    fresh.restart(reloaded.makeModel(), N1);
    const RunResult restarted = train(fresh, N2);
    EXPECT_FALSE(restarted.weights == whole.weights);
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryCellAndOptimizer, ResumeTest,
    ::testing::Combine(::testing::Values(CellKind::Rnn, CellKind::Lstm, CellKind::Gru),
                       ::testing::Values(OptimizerKind::Sgd, OptimizerKind::Momentum,
                                         OptimizerKind::Adagrad, OptimizerKind::Adam,
                                         OptimizerKind::Rmsprop)));

TEST(OptimizerState, SlotNamesFollowTheSpec) {
  using Names = std::vector<std::string_view>;
  const auto names = [](OptimizerKind kind) {
    const auto span = OptimizerState::slotNames(kind);
    return Names(span.begin(), span.end());
  };
  EXPECT_EQ(names(OptimizerKind::Sgd), Names{});
  EXPECT_EQ(names(OptimizerKind::Momentum), Names{"v"});
  EXPECT_EQ(names(OptimizerKind::Adagrad), Names{"G"});
  EXPECT_EQ(names(OptimizerKind::Adam), (Names{"m", "v"}));
  EXPECT_EQ(names(OptimizerKind::Rmsprop), Names{"square_avg"});
}

TEST(OptimizerState, SetStateRefusesASlotOfAnotherShapeAndChangesNothing) {
  const Session session = sessionFor(CellKind::Lstm, OptimizerKind::Momentum);
  Optimizer optimizer(session.model);
  OptimizerState bad;
  bad.kind = OptimizerKind::Momentum;
  bad.step = 3;
  ModelConfig other = session.model;
  other.hiddenSize = 4;
  bad.buffers.push_back(Parameters::zeros(other));
  try {
    optimizer.setState(bad);
    FAIL() << "a slot of another shape was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("optimizer.v"), std::string::npos) << error.what();
  }
  EXPECT_EQ(optimizer.updates(), 0);
  EXPECT_TRUE(optimizer.state().buffers.empty());  // still sgd, untouched
}

TEST(TrainingStateFile, VersionOneFileHasNoStateAndStaysVersionOne) {
  Session session = builtinExample();
  EXPECT_FALSE(session.trainingState.has_value());
  EXPECT_EQ(session.formatVersionNeeded(), 1);
  session.trainingState = TrainingState{};
  EXPECT_EQ(session.formatVersionNeeded(), 2);
  const std::string json = serializeSession(session);
  EXPECT_NE(json.find("\"training_state\""), std::string::npos);
  EXPECT_EQ(json.find("\"optimizer\": {"), std::string::npos) << "sgd keeps no slots";
}

// Slots of another optimizer than the session's (the setting changed after the last update)
// are dropped on writing, as the next update would restart them.
TEST(TrainingStateFile, SlotsOfAnotherOptimizerAreNotWritten) {
  Session session = sessionFor(CellKind::Rnn, OptimizerKind::Adam);
  Trainer trainer(session.makeModel(), session.data, session.training);
  trainer.run(3, {});
  session.trainingState = trainer.trainingState();
  session.training.optimizer = OptimizerKind::Momentum;
  const Session reloaded = parseSession(serializeSession(session));
  ASSERT_TRUE(reloaded.trainingState.has_value());
  EXPECT_EQ(reloaded.trainingState->iteration, 3);
  EXPECT_EQ(reloaded.trainingState->optimizer.step, 0);
  EXPECT_TRUE(reloaded.trainingState->optimizer.buffers.empty());
}

void expectRefused(const std::string& json, const std::string& keyInMessage) {
  try {
    parseSession(json);
    FAIL() << "accepted; expected a message naming " << keyInMessage;
  } catch (const SessionError& error) {
    EXPECT_NE(std::string(error.what()).find(keyInMessage), std::string::npos) << error.what();
  }
}

TEST(TrainingStateFile, StateThatDoesNotFitIsRefusedNamingTheKey) {
  Session session = sessionFor(CellKind::Gru, OptimizerKind::Adagrad);
  Trainer trainer(session.makeModel(), session.data, session.training);
  trainer.run(2, {});
  session.trainingState = trainer.trainingState();
  const std::string good = serializeSession(session);
  ASSERT_NO_THROW(parseSession(good));

  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
  };
  expectRefused(replaced("\"G\": {", "\"m\": {"), "training_state.optimizer.m");
  expectRefused(replaced("\"optimizer_step\": 2", "\"optimizer_step\": 5"),
                "training_state.optimizer_step");
  expectRefused(replaced("\"iteration\": 2", "\"iteration\": -1"), "training_state.iteration");
  expectRefused(replaced("\"iteration\": 2", "\"iteration\": 2, \"carried_h\": [0]"),
                "training_state.carried_h");
  // A slot block of the wrong length: b_hh of the GRU has 15 numbers.
  const auto bhh = good.find("\"b_hh\"", good.find("\"training_state\""));
  ASSERT_NE(bhh, std::string::npos);
  std::string shortened = good;
  shortened.replace(shortened.find('[', bhh), 1, "[1, ");
  expectRefused(shortened, "training_state.optimizer.G.b_hh");
  // A negative sum of squares would make √G not a number.
  std::string negative = good;
  const auto by = negative.find("\"by\": [", negative.find("\"training_state\""));
  negative.replace(by, 7, "\"by\": [-1, ");
  std::string::size_type close = negative.find(']', by);
  const auto comma = negative.rfind(',', close);
  negative.erase(comma, close - comma);  // drop the last number to keep the length
  expectRefused(negative, "training_state.optimizer.G.by");
  // A missing slot after updates.
  expectRefused(replaced("\"optimizer\": {", "\"optimizer_unused\": {"), "training_state");
}

}  // namespace

// Text runs keep a position and a carried state besides the optimizer's: saved in
// training_state (text_position, carried_h, carried_c), they continue bit for bit too, across
// the text's wrap-around (the chunks wrap every 7 iterations here).
class TextResumeTest : public ::testing::TestWithParam<CellKind> {};

TEST_P(TextResumeTest, SavedAndReloadedTextRunContinuesBitForBit) {
  const CellKind cell = GetParam();
  const std::string json = std::string(R"({"format": "rnnlab-session", "version": 2,
      "model": {"cell": ")") +
                           std::string(toString(cell)) + R"(", "hidden_size": 6,
                "output_mode": "sequence", "loss": "cross_entropy"},
      "training": {"optimizer": "adam", "learning_rate": 0.01, "seed": 3, "init_scale": 0.3},
      "data": {"kind": "text", "text": "the quick brown fox jumps over the lazy dog",
               "sequence_length": 5, "carry_hidden": true}})";
  const Session session = parseSession(json);
  ASSERT_TRUE(session.text.has_value());
  constexpr long N1 = 17;
  constexpr long N2 = 29;

  Trainer straight(session.makeModel(), *session.text, session.training);
  const RunResult whole = train(straight, N1 + N2);

  Trainer first(session.makeModel(), *session.text, session.training);
  const RunResult part1 = train(first, N1);
  Session saved = session;
  saved.setModel(first.model());
  saved.trainingState = first.trainingState();
  ASSERT_TRUE(saved.trainingState->textPosition.has_value());
  EXPECT_EQ(saved.trainingState->carriedC.has_value(), cell == CellKind::Lstm);
  const Session reloaded = parseSession(serializeSession(saved));
  ASSERT_TRUE(reloaded.trainingState.has_value());
  EXPECT_EQ(*reloaded.trainingState, *saved.trainingState);

  Trainer second(reloaded.makeModel(), *reloaded.text, reloaded.training);
  second.resume(*reloaded.trainingState);
  const RunResult part2 = train(second, N2);
  std::vector<double> joined = part1.losses;
  joined.insert(joined.end(), part2.losses.begin(), part2.losses.end());
  EXPECT_EQ(joined, whole.losses);
  EXPECT_TRUE(part2.weights == whole.weights);
  EXPECT_EQ(part2.state, whole.state);

  // Without the position and carried state the continuation differs (the test can fail).
  TrainingState withoutText = *reloaded.trainingState;
  withoutText.textPosition.reset();
  withoutText.carriedH.reset();
  withoutText.carriedC.reset();
  Trainer forgetful(reloaded.makeModel(), *reloaded.text, reloaded.training);
  forgetful.resume(withoutText);
  EXPECT_NE(train(forgetful, N2).losses, part2.losses);
}

INSTANTIATE_TEST_SUITE_P(EveryCell, TextResumeTest,
                         ::testing::Values(CellKind::Rnn, CellKind::Lstm, CellKind::Gru));

TEST(TrainingStateFile, TextStateThatDoesNotFitIsRefusedNamingTheKey) {
  const std::string head = R"({"format": "rnnlab-session", "version": 2,
      "model": {"cell": "gru", "hidden_size": 2, "output_mode": "sequence", "loss": "cross_entropy"},
      "data": {"kind": "text", "text": "abcabcabcabc", "sequence_length": 3},
      "training_state": {"iteration": 3, )";
  expectRefused(head + R"("text_position": 3, "carried_h": [0.1]}})", "training_state.carried_h");
  expectRefused(head + R"("text_position": 3, "carried_h": [0.1, 0.2], "carried_c": [0, 0]}})",
                "training_state.carried_c");
  expectRefused(head + R"("text_position": 3}})", "training_state");
  expectRefused(head + R"("text_position": 99, "carried_h": [0.1, 0.2]}})",
                "training_state.text_position");
}

// Version 3: a stack with dropout reading a text in streams, with RMSprop and a decaying rate,
// and a bidirectional stack with dropout on a shuffled data set: saved (carried states of
// B × layers rows, dropout_rng) and reloaded, each continues bit for bit (N1 + N2 = N).
class StackResumeTest : public ::testing::TestWithParam<CellKind> {};

namespace {

void expectResumesBitForBit(const Session& session, long N1, long N2) {
  const auto make = [](const Session& s) {
    if (s.text) {
      return Trainer(s.makeModel(), *s.text, s.training);
    }
    return Trainer(s.makeModel(), *s.sequences, s.training);
  };
  Trainer straight = make(session);
  const RunResult whole = train(straight, N1 + N2);
  Trainer first = make(session);
  const RunResult part1 = train(first, N1);
  Session saved = session;
  saved.setModel(first.model());
  saved.trainingState = first.trainingState();
  ASSERT_TRUE(saved.trainingState->dropoutRng.has_value());
  const Session reloaded = parseSession(serializeSession(saved));
  ASSERT_TRUE(reloaded.trainingState.has_value());
  EXPECT_EQ(*reloaded.trainingState, *saved.trainingState);
  Trainer second = make(reloaded);
  second.resume(*reloaded.trainingState);
  const RunResult part2 = train(second, N2);
  std::vector<double> joined = part1.losses;
  joined.insert(joined.end(), part2.losses.begin(), part2.losses.end());
  EXPECT_EQ(joined, whole.losses);
  EXPECT_TRUE(part2.weights == whole.weights);
  // Without the dropout generator's state the masks differ, and so does the run.
  TrainingState fresh = *reloaded.trainingState;
  fresh.dropoutRng.reset();
  Trainer forgetful = make(reloaded);
  forgetful.resume(fresh);
  EXPECT_NE(train(forgetful, N2).losses, part2.losses);
}

}  // namespace

TEST_P(StackResumeTest, StreamsOfAStackWithDropoutContinueBitForBit) {
  const std::string json = std::string(R"({"format": "rnnlab-session", "version": 3,
      "model": {"cell": ")") + std::string(toString(GetParam())) +
                           R"(", "hidden_size": 5, "layers": 2, "dropout": 0.3,
                "output_mode": "sequence", "loss": "cross_entropy"},
      "training": {"optimizer": "rmsprop", "alpha": 0.9, "learning_rate": 0.01,
                   "lr_decay": 0.5, "lr_decay_every": 4, "lr_decay_start": 3, "seed": 3,
                   "init_scale": 0.3},
      "data": {"kind": "text", "batch_size": 3, "sequence_length": 4, "carry_hidden": true,
               "text": "the quick brown fox jumps over the lazy dog, and the dog sleeps on"}})";
  const Session session = parseSession(json);
  ASSERT_EQ(session.text->streams, 3);
  expectResumesBitForBit(session, 11, 13);  // the streams' position resets every 5 iterations
}

TEST_P(StackResumeTest, ABidirectionalStackOnADataSetContinuesBitForBit) {
  std::string json = std::string(R"({"format": "rnnlab-session", "version": 3,
      "model": {"cell": ")") + std::string(toString(GetParam())) +
                     R"(", "input_size": 2, "hidden_size": 3, "output_size": 1, "layers": 3,
                "bidirectional": true, "dropout": 0.2, "output_mode": "last", "loss": "mse"},
      "training": {"optimizer": "adam", "learning_rate": 0.01, "seed": 5, "init_scale": 0.4},
      "data": {"kind": "sequences", "batch_size": 2, "shuffle": true, "train": [)";
  for (int k = 0; k < 5; ++k) {
    json += std::string(k > 0 ? ", " : "") + R"({"inputs": [[1, 0], [0, 1])" +
            (k % 2 ? std::string(R"(, [0.5, 0.5])") : std::string()) + R"(], "targets": [[)" +
            std::to_string(k) + "]]}";
  }
  json += "]}}";
  expectResumesBitForBit(parseSession(json), 7, 6);
}

INSTANTIATE_TEST_SUITE_P(EveryCell, StackResumeTest,
                         ::testing::Values(CellKind::Rnn, CellKind::Lstm, CellKind::Gru));
