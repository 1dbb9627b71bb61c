// The LSTM and GRU cells (spec v2 §1): forward values, every per-step intermediate and the
// gradients against an independent naive implementation (reference_gated.h), central finite
// differences for every cell × loss × output mode, initialization, determinism and convergence.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>

#include "reference_gated.h"
#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/gradient_check.h"
#include "rnnlab/rng.h"
#include "rnnlab/step_inspection.h"
#include "rnnlab/trainer.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

void expectNear(const reference::Mat& expected, const Matrix& actual, double tolerance,
                const std::string& what) {
  ASSERT_EQ(static_cast<Index>(expected.size()), actual.rows()) << what;
  for (Index r = 0; r < actual.rows(); ++r) {
    ASSERT_EQ(static_cast<Index>(expected[r].size()), actual.cols()) << what;
    for (Index c = 0; c < actual.cols(); ++c) {
      const double scale = std::max(1.0, std::abs(expected[r][c]));
      EXPECT_NEAR(expected[r][c], actual(r, c), tolerance * scale)
          << what << "(" << r << "," << c << ")";
    }
  }
}

void expectNear(const reference::Vec& expected, const Matrix& actual, double tolerance,
                const std::string& what) {
  ASSERT_EQ(actual.cols(), 1) << what;
  ASSERT_EQ(static_cast<Index>(expected.size()), actual.rows()) << what;
  for (Index i = 0; i < actual.rows(); ++i) {
    const double scale = std::max(1.0, std::abs(expected[i]));
    EXPECT_NEAR(expected[i], actual(i, 0), tolerance * scale) << what << "(" << i << ")";
  }
}

ModelConfig config(CellKind cell, int I, int H, int O, OutputMode mode, LossKind loss) {
  ModelConfig cfg{I, H, O, mode, loss};
  cfg.cell = cell;
  return cfg;
}

void expectMatchesReference(const Model& model, const SequenceData& data, double tolerance) {
  ForwardPass pass;
  BackwardPass back;
  forward(model, data, pass);
  backward(model, pass, back);
  const reference::GatedResult ref = reference::runGated(model, data);
  const Index T = data.steps();
  const Index H = model.config.hiddenSize;
  ASSERT_TRUE(std::isfinite(pass.loss));
  EXPECT_NEAR(ref.loss, pass.loss, tolerance * std::max(1.0, std::abs(ref.loss)));
  expectNear(ref.outputs, pass.outputs.transpose(), tolerance, "outputs");
  expectNear(ref.hidden, pass.hidden.rightCols(T).transpose(), tolerance, "hidden");
  expectNear(ref.gates, pass.gates.transpose(), tolerance, "gates");
  if (model.config.cell == CellKind::Lstm) {
    expectNear(ref.cell, pass.cellState.rightCols(T).transpose(), tolerance, "c");
    // tanh(c_t) is kept as computed (to within 4e-16: the cells use tanh(x) = 2σ(2x) − 1), and
    // h_t = o ⊙ tanh(c_t).
    EXPECT_LE((pass.cellTanh.array() - pass.cellState.rightCols(T).array().tanh()).abs().maxCoeff(),
              4e-16);
    EXPECT_TRUE(pass.hidden.rightCols(T).isApprox(
        (pass.gates.bottomRows(H).array() * pass.cellTanh.array()).matrix(), 1e-15));
  }
  const Parameters& g = back.grads;
  expectNear(ref.dWih, g.Wih(), tolerance, "dW_ih");
  expectNear(ref.dWhh, g.Whh(), tolerance, "dW_hh");
  expectNear(ref.dbih, g.block(2), tolerance, "db_ih");
  expectNear(ref.dbhh, g.block(3), tolerance, "db_hh");
  expectNear(ref.dWhy, g.Why(), tolerance, "dWhy");
  expectNear(ref.dby, g.block(5), tolerance, "dby");
}

}  // namespace

using Case = std::tuple<CellKind, LossKind, OutputMode, int, int, int, int>;  // I, H, O, T

class GatedAgainstReference : public ::testing::TestWithParam<Case> {};

TEST_P(GatedAgainstReference, ForwardIntermediatesAndGradientsAgreeTo1e12) {
  const auto [cell, loss, mode, I, H, O, T] = GetParam();
  const ModelConfig cfg = config(cell, I, H, O, mode, loss);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const Model model = testing_support::randomModel(cfg, seed);
    ASSERT_FALSE(model.h0.isZero(0.0));
    if (cell == CellKind::Lstm) {
      ASSERT_FALSE(model.c0.isZero(0.0));
    }
    const SequenceData data = testing_support::randomData(cfg, T, seed);
    expectMatchesReference(model, data, 1e-12);
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryCellLossAndMode, GatedAgainstReference,
    ::testing::Combine(::testing::Values(CellKind::Lstm, CellKind::Gru),
                       ::testing::Values(LossKind::Mse, LossKind::CrossEntropy),
                       ::testing::Values(OutputMode::Sequence, OutputMode::Last),
                       ::testing::Values(3), ::testing::Values(1, 4), ::testing::Values(2),
                       ::testing::Values(1, 6)));

INSTANTIATE_TEST_SUITE_P(
    OtherSizes, GatedAgainstReference,
    ::testing::Values(Case{CellKind::Lstm, LossKind::Mse, OutputMode::Sequence, 1, 1, 1, 1},
                      Case{CellKind::Gru, LossKind::Mse, OutputMode::Sequence, 1, 1, 1, 1},
                      Case{CellKind::Lstm, LossKind::CrossEntropy, OutputMode::Last, 5, 9, 4, 12},
                      Case{CellKind::Gru, LossKind::CrossEntropy, OutputMode::Sequence, 5, 9, 4,
                           12}));

using CheckCase = std::tuple<CellKind, LossKind, OutputMode>;

class EveryCellGradientCheck : public ::testing::TestWithParam<CheckCase> {};

// The fourth-order central difference (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h with h = 1e-3:
// truncation error O(h⁴) and rounding about 1e-16·|L|/h, so near-zero gradients stay far below
// 1e-7 relative, where the two-point check that gradientCheck() runs (h = 1e-5) is limited to
// about 1e-11·|L| absolute by rounding.
double fourthOrderDerivative(Model& probe, const SequenceData& data, int block, Index i,
                             ForwardPass& pass) {
  constexpr double Step = 1e-3;
  auto theta = probe.params.flat(block);
  const double saved = theta(i);
  double at[4];
  const double offsets[4] = {-2.0, -1.0, 1.0, 2.0};
  for (int k = 0; k < 4; ++k) {
    theta(i) = saved + offsets[k] * Step;
    forward(probe, data, pass);
    at[k] = pass.loss;
  }
  theta(i) = saved;
  return (at[0] - 8.0 * at[1] + 8.0 * at[2] - at[3]) / (12.0 * Step);
}

TEST_P(EveryCellGradientCheck, FiniteDifferencesAgreeTo1e7) {
  const auto [cell, loss, mode] = GetParam();
  const ModelConfig cfg = config(cell, 3, 4, 2, mode, loss);
  for (std::uint64_t seed : {7u, 8u}) {
    const Model model = testing_support::randomModel(cfg, seed);
    const SequenceData data = testing_support::randomData(cfg, 6, seed);
    // The project's own check, as the CLI and the panel run it.
    const GradientCheckResult result = gradientCheck(model, data);
    ASSERT_EQ(result.blockCount, model.params.blockCount());
    EXPECT_TRUE(result.passed()) << result.worst();
    for (int b = 0; b < result.blockCount; ++b) {
      EXPECT_EQ(result.checkedElements[static_cast<std::size_t>(b)], model.params.block(b).size());
    }
    // And every element to 1e-7 relative with the more accurate stencil.
    ForwardPass pass;
    BackwardPass back;
    forward(model, data, pass);
    backward(model, pass, back);
    const double floor = 1e-6 * std::max(1.0, std::abs(pass.loss));
    Model probe = model;
    for (int b = 0; b < model.params.blockCount(); ++b) {
      const auto analytic = back.grads.flat(b);
      double worst = 0.0;
      for (Index i = 0; i < analytic.size(); ++i) {
        const double numeric = fourthOrderDerivative(probe, data, b, i, pass);
        worst = std::max(worst, std::abs(analytic(i) - numeric) /
                                    std::max(std::abs(analytic(i)) + std::abs(numeric), floor));
      }
      EXPECT_LE(worst, 1e-7) << model.params.blockName(b) << " seed " << seed;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllCombinations, EveryCellGradientCheck,
    ::testing::Combine(::testing::Values(CellKind::Rnn, CellKind::Lstm, CellKind::Gru),
                       ::testing::Values(LossKind::Mse, LossKind::CrossEntropy),
                       ::testing::Values(OutputMode::Sequence, OutputMode::Last)));

TEST(GatedCells, GradientCheckFindsABrokenGateGradient) {
  // A check that cannot fail proves nothing: perturbing one analytic gradient must show.
  const ModelConfig cfg = config(CellKind::Lstm, 2, 3, 2, OutputMode::Sequence, LossKind::Mse);
  const Model model = testing_support::randomModel(cfg, 3);
  const SequenceData data = testing_support::randomData(cfg, 4, 3);
  ForwardPass pass;
  BackwardPass back;
  forward(model, data, pass);
  backward(model, pass, back);
  Model shifted = model;
  shifted.params.element(1, 4, 2) += 1e-3;  // W_hh, f block
  forward(shifted, data, pass);
  const double numeric = (pass.loss - reference::runGated(model, data).loss) / 1e-3;
  EXPECT_NEAR(numeric, back.grads.element(1, 4, 2), 1e-2 * std::max(1.0, std::abs(numeric)));
}

TEST(GatedCells, BlockNamesShapesAndOrder) {
  const ModelConfig lstm = config(CellKind::Lstm, 3, 5, 2, OutputMode::Sequence, LossKind::Mse);
  const Parameters p = Parameters::zeros(lstm);
  ASSERT_EQ(p.blockCount(), 6);
  const char* names[] = {"W_ih", "W_hh", "b_ih", "b_hh", "Why", "by"};
  const Index rows[] = {20, 20, 20, 20, 2, 2};
  const Index cols[] = {3, 5, 1, 1, 5, 1};
  for (int k = 0; k < 6; ++k) {
    EXPECT_EQ(p.blockName(k), names[k]);
    EXPECT_EQ(p.blockIndex(names[k]), k);
    EXPECT_EQ(p.block(k).rows(), rows[k]) << names[k];
    EXPECT_EQ(p.block(k).cols(), cols[k]) << names[k];
    EXPECT_EQ(p.isBias(k), cols[k] == 1 && k != 4) << names[k];
  }
  const Parameters gru =
      Parameters::zeros(config(CellKind::Gru, 3, 5, 2, OutputMode::Sequence, LossKind::Mse));
  EXPECT_EQ(gru.block(0).rows(), 15);
  EXPECT_EQ(gru.blockIndex("Wxh"), -1);
  const Parameters rnn =
      Parameters::zeros(config(CellKind::Rnn, 3, 5, 2, OutputMode::Sequence, LossKind::Mse));
  ASSERT_EQ(rnn.blockCount(), 5);
  for (int k = 0; k < 5; ++k) {
    EXPECT_EQ(rnn.blockName(k), Parameters::BlockNames[static_cast<std::size_t>(k)]);
  }
  EXPECT_EQ(gateNames(CellKind::Lstm).size(), 4u);
  EXPECT_EQ(gateNames(CellKind::Gru)[2], "n");
}

TEST(GatedCells, InitializationDrawsInSpecOrderAndAddsTheForgetBias) {
  ModelConfig cfg = config(CellKind::Lstm, 2, 3, 2, OutputMode::Sequence, LossKind::Mse);
  cfg.forgetBias = 1.0;
  const Model model = Model::initialized(cfg, 42, 0.1);
  Rng rng(42);
  for (int block : {0, 1, 4}) {  // W_ih, W_hh, Why, each row by row
    const Matrix& w = model.params.block(block);
    for (Index r = 0; r < w.rows(); ++r) {
      for (Index c = 0; c < w.cols(); ++c) {
        ASSERT_EQ(w(r, c), 0.1 * rng.normal()) << block << " " << r << " " << c;
      }
    }
  }
  const Vector bih = model.params.bih();
  EXPECT_TRUE(bih.segment(0, 3).isZero(0.0));
  EXPECT_TRUE((bih.segment(3, 3).array() == 1.0).all());  // the f block
  EXPECT_TRUE(bih.segment(6, 6).isZero(0.0));
  EXPECT_TRUE(model.params.bhh().isZero(0.0));
  EXPECT_TRUE(model.params.by().isZero(0.0));
  EXPECT_EQ(model.c0.size(), 3);
  EXPECT_TRUE(model.c0.isZero(0.0));
  // forget_bias is the LSTM's only.
  ModelConfig gru = cfg;
  gru.cell = CellKind::Gru;
  EXPECT_TRUE(Model::initialized(gru, 42, 0.1).params.bih().isZero(0.0));
}

TEST(GatedCells, StepContributionsSumToTheGradients) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    const ModelConfig cfg = config(cell, 3, 4, 2, OutputMode::Sequence, LossKind::Mse);
    const Model model = testing_support::randomModel(cfg, 5);
    const SequenceData data = testing_support::randomData(cfg, 5, 5);
    ForwardPass pass;
    BackwardPass back;
    forward(model, data, pass);
    backward(model, pass, back);
    Gradients sum = Parameters::zeros(cfg);
    for (Index t = 0; t < 5; ++t) {
      const Gradients step = stepContribution(pass, back, t);
      for (int b = 0; b < sum.blockCount(); ++b) {
        sum.block(b) += step.block(b);
      }
    }
    const Gradients all = accumulatedGradients(pass, back, 0);
    for (int b = 0; b < sum.blockCount(); ++b) {
      EXPECT_TRUE(sum.block(b).isApprox(back.grads.block(b), 1e-12)) << sum.blockName(b);
      EXPECT_TRUE(all.block(b).isApprox(back.grads.block(b), 1e-12)) << sum.blockName(b);
    }
    if (cell == CellKind::Lstm) {
      EXPECT_EQ(cellGradientNorms(back).size(), 5);
      EXPECT_GT(cellGradientNorms(back).minCoeff(), 0.0);
    } else {
      EXPECT_EQ(cellGradientNorms(back).size(), 0);
    }
  }
}

TEST(GatedCells, KeptDeltasAreTheChainRuleOfTheKeptGates) {
  const ModelConfig cfg = config(CellKind::Lstm, 2, 3, 2, OutputMode::Sequence, LossKind::Mse);
  const Model model = testing_support::randomModel(cfg, 9);
  const SequenceData data = testing_support::randomData(cfg, 4, 9);
  ForwardPass pass;
  BackwardPass back;
  forward(model, data, pass);
  backward(model, pass, back);
  const Index H = 3;
  // δo = tanh(c_t) ⊙ δh_t, δtanh(c_t) = o ⊙ δh_t, and δô = o(1 − o) ⊙ δo.
  const auto o = pass.gates.bottomRows(H).array();
  EXPECT_TRUE(back.gateGrad.bottomRows(H).isApprox(
      (pass.cellTanh.array() * back.hiddenGrad.array()).matrix(), 1e-15));
  EXPECT_TRUE(back.cellTanhGrad.isApprox((o * back.hiddenGrad.array()).matrix(), 1e-15));
  EXPECT_TRUE(back.preActivationGrad.bottomRows(H).isApprox(
      (o * (1.0 - o) * back.gateGrad.bottomRows(H).array()).matrix(), 1e-15));
  // At the last step δc_T comes only through h_T.
  const Index T = 4;
  const auto tanhC = pass.cellTanh.col(T - 1).array();
  EXPECT_TRUE(back.cellGrad.col(T - 1).isApprox(
      ((1.0 - tanhC.square()) * back.cellTanhGrad.col(T - 1).array()).matrix(), 1e-15));
}

TEST(GatedCells, TrainingIsDeterministic) {
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru}) {
    const ModelConfig cfg = config(cell, 3, 6, 2, OutputMode::Sequence, LossKind::Mse);
    TrainingSettings settings;
    settings.optimizer = OptimizerKind::Adam;
    settings.learningRate = 0.01;
    settings.clipNorm = 1.0;
    const SequenceData data = testing_support::randomData(cfg, 8, 4);
    Trainer a(Model::initialized(cfg, 3, 0.3), data, settings);
    Trainer b(Model::initialized(cfg, 3, 0.3), data, settings);
    for (int i = 0; i < 50; ++i) {
      ASSERT_EQ(a.step().loss, b.step().loss) << toString(cell) << " iteration " << i;
    }
    EXPECT_TRUE(a.model() == b.model());
  }
}

TEST(GatedCells, EveryCellLearnsASmallTask) {
  // Echo the input of the previous step: y_t = x_{t-1}. Needs memory of one step.
  SequenceData data;
  const Index T = 12;
  data.inputs.resize(T, 1);
  data.targets.resize(T, 1);
  Rng rng(11);
  for (Index t = 0; t < T; ++t) {
    data.inputs(t, 0) = rng.normal() > 0.0 ? 1.0 : -1.0;
    data.targets(t, 0) = t == 0 ? 0.0 : 0.5 * data.inputs(t - 1, 0);
  }
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    const ModelConfig cfg = config(cell, 1, 8, 1, OutputMode::Sequence, LossKind::Mse);
    TrainingSettings settings;
    settings.optimizer = OptimizerKind::Adam;
    settings.learningRate = 0.02;
    Trainer trainer(Model::initialized(cfg, 1, 0.3), data, settings);
    const double initial = trainer.currentLoss();
    IterationReport report = trainer.run(1500, {});
    ASSERT_EQ(report.status, IterationReport::Status::Ok) << toString(cell);
    const double final = trainer.currentLoss();
    EXPECT_LT(final, 0.01 * initial) << toString(cell) << ": " << initial << " -> " << final;
  }
}
