// RMSprop (PyTorch's, without momentum or centering) and learning-rate decay (StepLR stepped once
// per iteration, starting at lr_decay_start): the update written out by hand, the spec's decay
// example, the trainer using η_k with k numbered on after a resume, and exact resume across decay
// steps. The comparison with PyTorch itself is tests/cli/check_optimizer_pytorch.py.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "rnnlab/optimizer.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "rnnlab/training_settings.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

const ModelConfig Tiny{1, 1, 1, OutputMode::Sequence, LossKind::Mse};

Parameters filled(double value) {
  Parameters p = Parameters::zeros(Tiny);
  for (auto block : p.blocks()) {
    block.setConstant(value);
  }
  return p;
}

TrainingSettings rmsprop(double eta, double alpha, double epsilon) {
  TrainingSettings s;
  s.optimizer = OptimizerKind::Rmsprop;
  s.learningRate = eta;
  s.alpha = alpha;
  s.epsilon = epsilon;
  return s;
}

Session sessionFor(CellKind cell) {
  Session session;
  session.model = ModelConfig{3, 5, 2, OutputMode::Sequence, LossKind::Mse, cell};
  session.training = rmsprop(0.01, 0.9, 1e-6);
  session.training.lrDecay = 0.5;
  session.training.lrDecayEvery = 6;
  session.training.lrDecayStart = 10;
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

}  // namespace

TEST(Rmsprop, IsPyTorchsFormWithoutMomentumOrCentering) {
  Optimizer optimizer(Tiny);
  Parameters theta = filled(1.0);
  const TrainingSettings s = rmsprop(0.01, 0.9, 1e-6);
  double expected = 1.0;
  double v = 0.0;
  for (int k = 1; k <= 3; ++k) {
    const double g = 0.3 * k - 0.5;
    v = 0.9 * v + (1.0 - 0.9) * g * g;
    expected -= 0.01 * g / (std::sqrt(v) + 1e-6);
    optimizer.step(theta, filled(g), s);
  }
  EXPECT_NEAR(theta.Whh()(0, 0), expected, 1e-15);
  EXPECT_EQ(optimizer.updates(), 3);
  // Its one slot, square_avg, holds v.
  const OptimizerState state = optimizer.state();
  ASSERT_EQ(state.buffers.size(), 1u);
  EXPECT_NEAR(state.buffers[0].by()(0), v, 1e-17);
}

TEST(Rmsprop, TakesTheLearningRateItIsGiven) {
  Optimizer a(Tiny);
  Optimizer b(Tiny);
  Parameters thetaA = filled(1.0);
  Parameters thetaB = filled(1.0);
  TrainingSettings s = rmsprop(0.01, 0.99, 1e-8);
  a.step(thetaA, filled(0.4), s, 0.005);
  s.learningRate = 0.005;
  b.step(thetaB, filled(0.4), s);
  EXPECT_TRUE(thetaA == thetaB);
}

TEST(LearningRateDecay, OffByDefault) {
  const TrainingSettings s;
  EXPECT_EQ(s.lrDecay, 1.0);
  EXPECT_EQ(s.lrDecayEvery, 1000);
  EXPECT_EQ(s.lrDecayStart, 0);
  EXPECT_EQ(s.alpha, 0.99);
  for (const long k : {0L, 1L, 999L, 1000L, 123456789L}) {
    EXPECT_EQ(learningRateAt(s, k), s.learningRate);
  }
}

// The spec's example: s = 5, n = 3 → iterations 0–7 use η, 8–10 ηγ, 11–13 ηγ².
TEST(LearningRateDecay, TheSpecsExample) {
  TrainingSettings s;
  s.learningRate = 0.2;
  s.lrDecay = 0.5;
  s.lrDecayStart = 5;
  s.lrDecayEvery = 3;
  for (long k = 0; k <= 7; ++k) {
    EXPECT_EQ(learningRateAt(s, k), 0.2) << k;
  }
  for (long k = 8; k <= 10; ++k) {
    EXPECT_EQ(learningRateAt(s, k), 0.1) << k;
  }
  for (long k = 11; k <= 13; ++k) {
    EXPECT_EQ(learningRateAt(s, k), 0.05) << k;
  }
  EXPECT_EQ(learningRateAt(s, 14), 0.025);
}

// With s = 0: StepLR(step_size = n, gamma = γ), whose rate after k steps is η·γ^⌊k/n⌋.
TEST(LearningRateDecay, FromZeroIsStepLR) {
  TrainingSettings s;
  s.learningRate = 0.03;
  s.lrDecay = 0.9;
  s.lrDecayEvery = 4;
  for (long k = 0; k < 40; ++k) {
    EXPECT_DOUBLE_EQ(learningRateAt(s, k), 0.03 * std::pow(0.9, static_cast<double>(k / 4)));
  }
}

// Trainer::step uses η_k for every optimizer: the same run with decay off and the learning rate
// set to η_k before each iteration gives the same weights, bit for bit.
TEST(LearningRateDecay, TheTrainerUsesTheRateOfEachIteration) {
  for (const OptimizerKind kind :
       {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adagrad, OptimizerKind::Adam,
        OptimizerKind::Rmsprop}) {
    Session session = sessionFor(CellKind::Gru);
    session.training.optimizer = kind;
    Trainer decayed(session.makeModel(), session.data, session.training);
    TrainingSettings byHand = session.training;
    byHand.lrDecay = 1.0;
    Trainer manual(session.makeModel(), session.data, byHand);
    for (long k = 0; k < 30; ++k) {
      byHand.learningRate = learningRateAt(session.training, k);
      manual.setSettings(byHand);
      EXPECT_EQ(decayed.step().loss, manual.step().loss) << toString(kind) << " " << k;
    }
    EXPECT_TRUE(decayed.model().params == manual.model().params) << toString(kind);
    // And the decay did something: without it the run differs.
    TrainingSettings constant = session.training;
    constant.lrDecay = 1.0;
    Trainer undecayed(session.makeModel(), session.data, constant);
    undecayed.run(30, nullptr);
    EXPECT_FALSE(undecayed.model().params == decayed.model().params) << toString(kind);
  }
}

class RmspropDecayResumeTest : public ::testing::TestWithParam<CellKind> {};

// N1 iterations (ending between two decay steps), the session written and read back, then N2 more:
// the same losses, weights and state, bit for bit, as N1 + N2 at once. The resumed trainer numbers
// its iterations on from N1, so its rates are those of the straight run.
TEST_P(RmspropDecayResumeTest, SavedAndReloadedRunContinuesBitForBit) {
  const Session session = sessionFor(GetParam());
  constexpr long N1 = 19;
  constexpr long N2 = 24;

  Trainer straight(session.makeModel(), session.data, session.training);
  const RunResult whole = train(straight, N1 + N2);

  Trainer first(session.makeModel(), session.data, session.training);
  const RunResult part1 = train(first, N1);
  Session saved = session;
  saved.setModel(first.model());
  saved.trainingState = first.trainingState();
  const std::string text = serializeSession(saved);
  EXPECT_NE(text.find("\"square_avg\""), std::string::npos);
  EXPECT_NE(text.find("\"version\": 3"), std::string::npos);
  const Session reloaded = parseSession(text);
  EXPECT_EQ(reloaded, saved);
  ASSERT_TRUE(reloaded.trainingState.has_value());
  EXPECT_EQ(reloaded.trainingState->optimizer.kind, OptimizerKind::Rmsprop);
  ASSERT_EQ(reloaded.trainingState->optimizer.buffers.size(), 1u);

  Trainer second(reloaded.makeModel(), reloaded.data, reloaded.training, *reloaded.trainingState);
  const RunResult part2 = train(second, N2);
  std::vector<double> joined = part1.losses;
  joined.insert(joined.end(), part2.losses.begin(), part2.losses.end());
  EXPECT_EQ(joined, whole.losses);
  EXPECT_TRUE(part2.weights == whole.weights);
  EXPECT_EQ(part2.state, whole.state);

  // Counting the second part's iterations from 0 would give it other rates (the test can fail).
  Trainer fromZero(reloaded.makeModel(), reloaded.data, reloaded.training);
  TrainingState renumbered = *reloaded.trainingState;
  renumbered.iteration = 0;
  renumbered.optimizer.step = 0;
  fromZero.resume(renumbered);
  EXPECT_FALSE(train(fromZero, N2).weights == whole.weights);
}

INSTANTIATE_TEST_SUITE_P(EveryCell, RmspropDecayResumeTest,
                         ::testing::Values(CellKind::Rnn, CellKind::Lstm, CellKind::Gru));
