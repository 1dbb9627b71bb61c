#include "rnnlab/trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "rnnlab/session.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

std::vector<double> lossCurve(const Session& session, long iterations) {
  Trainer trainer(session.makeModel(), session.data, session.training);
  std::vector<double> losses;
  trainer.run(iterations, [&](const IterationReport& r) {
    losses.push_back(r.loss);
    return true;
  });
  return losses;
}

// Next value of a sine wave: x_t = sin(0.4 t), d_t = sin(0.4 (t + 1)).
Session sineTask() {
  Session s;
  s.model = ModelConfig{1, 12, 1, OutputMode::Sequence, LossKind::Mse};
  s.training.optimizer = OptimizerKind::Adam;
  s.training.learningRate = 0.01;
  s.training.initScale = 0.3;
  s.training.seed = 4;
  constexpr int T = 24;
  s.data.inputs.resize(T, 1);
  s.data.targets.resize(T, 1);
  for (int t = 0; t < T; ++t) {
    s.data.inputs(t, 0) = std::sin(0.4 * t);
    s.data.targets(t, 0) = std::sin(0.4 * (t + 1));
  }
  return s;
}

}  // namespace

TEST(Trainer, BuiltinExampleLossFallsFromItsFirstValue) {
  const Session example = builtinExample();
  const std::vector<double> losses = lossCurve(example, example.training.iterations);
  ASSERT_EQ(losses.size(), 1000u);
  EXPECT_LT(losses.back(), 0.5 * losses.front());
  EXPECT_LT(losses[999], losses[100]);
  EXPECT_LT(losses[100], losses[0]);
}

TEST(Trainer, SameSeedGivesABitIdenticalLossCurve) {
  const Session example = builtinExample();
  const std::vector<double> a = lossCurve(example, 300);
  const std::vector<double> b = lossCurve(example, 300);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i], b[i]) << "iteration " << i;
  }
  Session other = example;
  other.training.seed = 2;
  EXPECT_NE(lossCurve(other, 1).front(), a.front());
}

TEST(Trainer, LossIsReportedBeforeTheUpdateAndCurrentLossAfter) {
  const Session example = builtinExample();
  Trainer trainer(example.makeModel(), example.data, example.training);
  const double before = trainer.currentLoss();
  const IterationReport first = trainer.step();
  EXPECT_EQ(first.iteration, 0);
  EXPECT_EQ(first.loss, before);
  EXPECT_EQ(trainer.iteration(), 1);
  const double after = trainer.currentLoss();
  EXPECT_EQ(trainer.step().loss, after);
}

TEST(Trainer, SettingsChangeAppliesFromTheNextIteration) {
  const Session example = builtinExample();
  Trainer trainer(example.makeModel(), example.data, example.training);
  trainer.step();
  TrainingSettings frozen = example.training;
  frozen.learningRate = 0.0;
  trainer.setSettings(frozen);
  const Parameters before = trainer.model().params;
  trainer.step();
  EXPECT_TRUE(trainer.model().params == before);
}

TEST(Trainer, DivergenceKeepsTheLastFiniteWeights) {
  Session s = builtinExample();
  s.training.learningRate = 1e6;
  s.training.clipValue = 0.0;
  Trainer trainer(s.makeModel(), s.data, s.training);
  std::vector<Parameters> history{trainer.model().params};
  IterationReport last;
  for (int i = 0; i < 200; ++i) {
    last = trainer.step();
    if (last.status == IterationReport::Status::Diverged) {
      break;
    }
    history.push_back(trainer.model().params);
  }
  ASSERT_EQ(last.status, IterationReport::Status::Diverged) << "expected the loss to blow up";
  EXPECT_TRUE(trainer.model().params.allFinite());
  // Back to the weights before the update that produced the non-finite ones.
  ASSERT_GE(history.size(), 2u);
  EXPECT_TRUE(trainer.model().params == history[history.size() - 2]);
  EXPECT_EQ(trainer.iteration(), static_cast<long>(history.size()) - 2);
  EXPECT_TRUE(std::isfinite(trainer.currentLoss()));
}

TEST(Trainer, CallbackCanStopTheRun) {
  const Session example = builtinExample();
  Trainer trainer(example.makeModel(), example.data, example.training);
  long calls = 0;
  trainer.run(1000, [&](const IterationReport&) { return ++calls < 10; });
  EXPECT_EQ(calls, 10);
  EXPECT_EQ(trainer.iteration(), 10);
}

TEST(Trainer, ConvergesOnSineNextValue) {
  const Session sine = sineTask();
  const std::vector<double> losses = lossCurve(sine, 1500);
  // Predicting a sine's next value from its current one (plus memory) is learnable: the loss
  // per step ends far below the variance of the targets (½·Σ d² ≈ 6 for 24 steps).
  EXPECT_LT(losses.back(), 0.02) << "first " << losses.front();
  EXPECT_LT(losses.back(), losses.front() / 100.0);
}

TEST(Trainer, EveryOptimizerLowersTheExampleLoss) {
  for (OptimizerKind kind :
       {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adagrad, OptimizerKind::Adam}) {
    Session s = builtinExample();
    s.training.optimizer = kind;
    s.training.learningRate = kind == OptimizerKind::Momentum ? 0.01 : 0.05;
    const std::vector<double> losses = lossCurve(s, 400);
    EXPECT_LT(losses.back(), losses.front()) << toString(kind);
  }
}

TEST(Trainer, RestartContinuesFromGivenWeightsAndIterationWithFreshOptimizerState) {
  Session example = builtinExample();
  example.training.optimizer = OptimizerKind::Momentum;
  Trainer trainer(example.makeModel(), example.data, example.training);
  for (int i = 0; i < 5; ++i) {
    trainer.step();
  }
  const Model atFive = trainer.model();
  for (int i = 0; i < 5; ++i) {
    trainer.step();
  }
  trainer.restart(atFive, 5);
  EXPECT_EQ(trainer.iteration(), 5);
  EXPECT_EQ(trainer.model(), atFive);
  // A fresh trainer from the same weights (no momentum yet) must take exactly the same step.
  Trainer fresh(atFive, example.data, example.training);
  const IterationReport a = trainer.step();
  const IterationReport b = fresh.step();
  EXPECT_EQ(a.iteration, 5);
  EXPECT_EQ(a.loss, b.loss);
  EXPECT_EQ(trainer.model(), fresh.model());
  EXPECT_EQ(trainer.iteration(), 6);
}
