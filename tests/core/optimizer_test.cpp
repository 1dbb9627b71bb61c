// Each optimizer against its update written out by hand for two steps on known gradients.

#include "rnnlab/optimizer.h"

#include <gtest/gtest.h>

#include <cmath>

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

TrainingSettings with(OptimizerKind kind, double eta) {
  TrainingSettings s;
  s.optimizer = kind;
  s.learningRate = eta;
  return s;
}

}  // namespace

TEST(Optimizer, Sgd) {
  Optimizer opt(Tiny);
  Parameters theta = filled(1.0);
  opt.step(theta, filled(0.5), with(OptimizerKind::Sgd, 0.1));
  EXPECT_DOUBLE_EQ(theta.Wxh()(0, 0), 1.0 - 0.1 * 0.5);
  EXPECT_DOUBLE_EQ(theta.by()(0), 1.0 - 0.1 * 0.5);
}

TEST(Optimizer, MomentumIsPyTorchsForm) {
  Optimizer opt(Tiny);
  Parameters theta = filled(1.0);
  TrainingSettings s = with(OptimizerKind::Momentum, 0.1);
  s.momentum = 0.9;
  opt.step(theta, filled(0.5), s);  // v = 0.5
  opt.step(theta, filled(0.2), s);  // v = 0.9·0.5 + 0.2 = 0.65
  EXPECT_DOUBLE_EQ(theta.Whh()(0, 0), 1.0 - 0.1 * 0.5 - 0.1 * (0.9 * 0.5 + 0.2));
}

TEST(Optimizer, AdagradIsMinCharRnnsForm) {
  Optimizer opt(Tiny);
  Parameters theta = filled(1.0);
  TrainingSettings s = with(OptimizerKind::Adagrad, 0.1);
  s.epsilon = 1e-8;
  opt.step(theta, filled(0.5), s);  // G = 0.25
  opt.step(theta, filled(0.2), s);  // G = 0.29
  const double expected =
      1.0 - 0.1 * 0.5 / std::sqrt(0.25 + 1e-8) - 0.1 * 0.2 / std::sqrt(0.29 + 1e-8);
  EXPECT_NEAR(theta.Why()(0, 0), expected, 1e-15);
}

TEST(Optimizer, AdamIsPyTorchsFormWithBiasCorrection) {
  Optimizer opt(Tiny);
  Parameters theta = filled(1.0);
  TrainingSettings s = with(OptimizerKind::Adam, 0.01);
  double expected = 1.0, m = 0.0, v = 0.0;
  for (int k = 1; k <= 3; ++k) {
    const double g = 0.3 * k - 0.5;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    expected -=
        0.01 * (m / (1.0 - std::pow(0.9, k))) / (std::sqrt(v / (1.0 - std::pow(0.999, k))) + 1e-8);
    opt.step(theta, filled(g), s);
  }
  EXPECT_NEAR(theta.bh()(0), expected, 1e-15);
  EXPECT_EQ(opt.updates(), 3);
}

TEST(Optimizer, SwitchingKindRestartsState) {
  Optimizer opt(Tiny);
  Parameters theta = filled(1.0);
  TrainingSettings s = with(OptimizerKind::Momentum, 0.1);
  opt.step(theta, filled(1.0), s);
  s.optimizer = OptimizerKind::Adam;
  opt.step(theta, filled(1.0), s);
  EXPECT_EQ(opt.updates(), 1);  // Adam's first update: bias correction with k = 1
  // Adam's first step moves every weight by η·g/(|g| + ε·…) ≈ η.
  EXPECT_NEAR(theta.Wxh()(0, 0), 1.0 - 0.1 - 0.1, 1e-7);
}

TEST(Optimizer, RestartsItsStateForParametersOfAnotherCell) {
  ModelConfig rnn{2, 3, 1, OutputMode::Sequence, LossKind::Mse};
  ModelConfig lstm = rnn;
  lstm.cell = CellKind::Lstm;
  Optimizer optimizer(rnn);
  TrainingSettings settings;
  settings.optimizer = OptimizerKind::Momentum;
  settings.learningRate = 0.1;
  Parameters theta = Parameters::zeros(lstm);
  Gradients g = Parameters::zeros(lstm);
  g.element(1, 11, 2) = 1.0;  // W_hh, last row of the o block
  optimizer.step(theta, g, settings);
  optimizer.step(theta, g, settings);
  // v = 1, then 0.9·1 + 1 = 1.9: θ = −0.1·(1 + 1.9).
  EXPECT_DOUBLE_EQ(theta.element(1, 11, 2), -0.1 * (1.0 + 1.9));
  EXPECT_EQ(optimizer.updates(), 2);
}
