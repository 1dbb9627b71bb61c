// The forward pass, the losses and BPTT against hand-computed values, an independent naive
// implementation (reference_rnn.h) and central finite differences.

#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "reference_rnn.h"
#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/gradient_check.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

void expectNear(const reference::Mat& expected, const Matrix& actual, double tolerance,
                const char* what) {
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

void expectNear(const reference::Vec& expected, const Vector& actual, double tolerance,
                const char* what) {
  ASSERT_EQ(static_cast<Index>(expected.size()), actual.size()) << what;
  for (Index i = 0; i < actual.size(); ++i) {
    const double scale = std::max(1.0, std::abs(expected[i]));
    EXPECT_NEAR(expected[i], actual(i), tolerance * scale) << what << "(" << i << ")";
  }
}

void expectMatchesReference(const Model& model, const SequenceData& data, double tolerance) {
  ForwardPass pass;
  BackwardPass back;
  forward(model, data, pass);
  backward(model, pass, back);
  const reference::Result ref = reference::run(model, data);
  ASSERT_TRUE(std::isfinite(pass.loss));
  EXPECT_NEAR(ref.loss, pass.loss, tolerance * std::max(1.0, std::abs(ref.loss)));
  expectNear(ref.outputs, pass.outputs.transpose(), tolerance, "outputs");
  expectNear(ref.hidden, pass.hidden.rightCols(data.steps()).transpose(), tolerance, "hidden");
  expectNear(ref.dWxh, back.grads.Wxh(), tolerance, "dWxh");
  expectNear(ref.dWhh, back.grads.Whh(), tolerance, "dWhh");
  expectNear(ref.dWhy, back.grads.Why(), tolerance, "dWhy");
  expectNear(ref.dbh, back.grads.bh(), tolerance, "dbh");
  expectNear(ref.dby, back.grads.by(), tolerance, "dby");
}

ModelConfig config(int I, int H, int O, OutputMode mode, LossKind loss) {
  return ModelConfig{I, H, O, mode, loss};
}

}  // namespace

TEST(ForwardBackward, OneUnitTwoStepsByHand) {
  // Values worked out step by step (see the derivation in the spec's equations):
  // a1 = 0.5·1 + 0.1 = 0.6, h1 = tanh(0.6); a2 = 0.5·2 − 0.3·h1 + 0.1; y_t = 2·h_t − 0.2.
  Model model{config(1, 1, 1, OutputMode::Sequence, LossKind::Mse),
              Parameters::zeros(config(1, 1, 1, OutputMode::Sequence, LossKind::Mse)),
              Vector::Zero(1)};
  model.params.Wxh()(0, 0) = 0.5;
  model.params.Whh()(0, 0) = -0.3;
  model.params.Why()(0, 0) = 2.0;
  model.params.bh()(0) = 0.1;
  model.params.by()(0) = -0.2;
  SequenceData data{Matrix{{1.0}, {2.0}}, Matrix{{0.5}, {-1.0}}};

  ForwardPass pass;
  BackwardPass back;
  forward(model, data, pass);
  backward(model, pass, back);
  constexpr double Tol = 1e-15;
  EXPECT_NEAR(pass.hidden(0, 1), 0.5370495669980353, Tol);
  EXPECT_NEAR(pass.hidden(0, 2), 0.7347096078210293, Tol);
  EXPECT_NEAR(pass.outputs(0, 0), 0.8740991339960706, Tol);
  EXPECT_NEAR(pass.outputs(0, 1), 1.2694192156420587, Tol);
  EXPECT_NEAR(pass.loss, 2.645106869191014, 4 * Tol);
  EXPECT_NEAR(back.grads.Wxh()(0, 0), 4.264065253383508, 8 * Tol);
  // dWhh pairs δa_t with h_{t-1}: δa_1·h0 + δa_2·h1 (h0 = 0). The blog's h_t would differ.
  EXPECT_NEAR(back.grads.Whh()(0, 0), 1.121779243345877, 4 * Tol);
  EXPECT_NEAR(back.grads.Why()(0, 0), 1.868273879832815, 4 * Tol);
  EXPECT_NEAR(back.grads.bh()(0), 2.175283672911662, 4 * Tol);
  EXPECT_NEAR(back.grads.by()(0), 2.6435183496381294, 4 * Tol);
  // Per-step values are kept for the views.
  EXPECT_NEAR(pass.stepLoss.sum(), pass.loss, 1e-15);
  EXPECT_NEAR(back.preActivationGrad.row(0).sum(), back.grads.bh()(0), 1e-15);
}

using Case = std::tuple<LossKind, OutputMode, int, int, int, int>;  // loss, mode, I, H, O, T

class AgainstReference : public ::testing::TestWithParam<Case> {};

TEST_P(AgainstReference, ForwardAndGradientsAgreeTo1e12) {
  const auto [loss, mode, I, H, O, T] = GetParam();
  const ModelConfig cfg = config(I, H, O, mode, loss);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const Model model = testing_support::randomModel(cfg, seed);
    const SequenceData data = testing_support::randomData(cfg, T, seed);
    expectMatchesReference(model, data, 1e-12);
  }
}

TEST_P(AgainstReference, FiniteDifferencesAgree) {
  const auto [loss, mode, I, H, O, T] = GetParam();
  if (I * H + H * H + O * H > 2000) {
    GTEST_SKIP() << "finite differences on this size are covered by the smaller cases";
  }
  const ModelConfig cfg = config(I, H, O, mode, loss);
  const Model model = testing_support::randomModel(cfg, 7);
  const SequenceData data = testing_support::randomData(cfg, T, 7);
  const GradientCheckResult result = gradientCheck(model, data);
  for (int b = 0; b < Parameters::BlockCount; ++b) {
    EXPECT_LT(result.maxRelativeError[b], GradientCheckResult::Tolerance)
        << Parameters::BlockNames[b];
  }
  EXPECT_TRUE(result.passed());
}

INSTANTIATE_TEST_SUITE_P(
    EveryLossAndMode, AgainstReference,
    ::testing::Combine(::testing::Values(LossKind::Mse, LossKind::CrossEntropy),
                       ::testing::Values(OutputMode::Sequence, OutputMode::Last),
                       ::testing::Values(3), ::testing::Values(1, 4), ::testing::Values(2),
                       ::testing::Values(1, 5)));

INSTANTIATE_TEST_SUITE_P(
    LargerSizes, AgainstReference,
    ::testing::Values(Case{LossKind::Mse, OutputMode::Sequence, 1, 1, 1, 1},
                      Case{LossKind::CrossEntropy, OutputMode::Sequence, 7, 33, 5, 17},
                      Case{LossKind::Mse, OutputMode::Last, 16, 64, 3, 30},
                      Case{LossKind::CrossEntropy, OutputMode::Last, 9, 50, 11, 40},
                      Case{LossKind::Mse, OutputMode::Sequence, 32, 128, 32, 25}));

TEST(ForwardBackward, HugeLogitsStayFinite) {
  const ModelConfig cfg = config(3, 8, 4, OutputMode::Sequence, LossKind::CrossEntropy);
  Model model = testing_support::randomModel(cfg, 11);
  model.params.Why() *= 1e4;  // logits in the thousands: a naive softmax overflows
  model.params.by()(0) = 800.0;
  const SequenceData data = testing_support::randomData(cfg, 6, 11);
  ForwardPass pass;
  BackwardPass back;
  forward(model, data, pass);
  backward(model, pass, back);
  EXPECT_TRUE(std::isfinite(pass.loss));
  EXPECT_GT(pass.loss, 100.0);
  EXPECT_TRUE(back.grads.allFinite());
  EXPECT_TRUE(pass.probabilities.allFinite());
  expectMatchesReference(model, data, 1e-12);
}

TEST(ForwardBackward, CrossEntropyGradientIsSoftmaxMinusTargetForProbabilityRows) {
  const ModelConfig cfg = config(2, 3, 3, OutputMode::Sequence, LossKind::CrossEntropy);
  const Model model = testing_support::randomModel(cfg, 5);
  SequenceData data = testing_support::randomData(cfg, 4, 5);
  data.targets.setZero();
  for (Index t = 0; t < 4; ++t) {
    data.targets(t, t % 3) = 1.0;  // one-hot rows
  }
  ForwardPass pass;
  forward(model, data, pass);
  const Matrix expected = pass.probabilities - pass.targets;
  EXPECT_TRUE(pass.outputGrad.isApprox(expected, 1e-15));
  EXPECT_NEAR(pass.probabilities.colwise().sum().maxCoeff(), 1.0, 1e-15);
}

TEST(ForwardBackward, LastModeHasNoGradientBeforeTheLastStep) {
  const ModelConfig cfg = config(2, 3, 2, OutputMode::Last, LossKind::Mse);
  const Model model = testing_support::randomModel(cfg, 9);
  const SequenceData data = testing_support::randomData(cfg, 5, 9);
  ForwardPass pass;
  forward(model, data, pass);
  EXPECT_TRUE(pass.outputGrad.leftCols(4).isZero(0.0));
  EXPECT_TRUE(pass.stepLoss.head(4).isZero(0.0));
  EXPECT_EQ(pass.outputs.cols(), 5);  // y_t is still computed (and shown) for every step
}

TEST(ForwardBackward, BlogsWhhFormulaIsMeasurablyWrong) {
  // The blog's dWhh (δa_t·h_tᵀ) is far from the exact one, which the finite differences confirm.
  const ModelConfig cfg = config(3, 4, 2, OutputMode::Sequence, LossKind::Mse);
  const Model model = testing_support::randomModel(cfg, 3);
  const SequenceData data = testing_support::randomData(cfg, 4, 3);
  ForwardPass pass;
  BackwardPass back;
  forward(model, data, pass);
  backward(model, pass, back);
  const Matrix blogWhh = back.preActivationGrad * pass.hidden.rightCols(4).transpose();
  const Matrix correct = back.grads.Whh();
  const double relative = (blogWhh - correct).norm() / correct.norm();
  EXPECT_GT(relative, 1e-3);
  EXPECT_TRUE(gradientCheck(model, data).passed());
}

TEST(GradientCheck, SampleChecksTheRequestedNumberOfElements) {
  const ModelConfig cfg = config(8, 40, 6, OutputMode::Sequence, LossKind::Mse);
  const Model model = testing_support::randomModel(cfg, 4);
  const SequenceData data = testing_support::randomData(cfg, 5, 4);
  const GradientCheckResult result = gradientCheck(model, data, GradientCheckOptions{20, 3});
  EXPECT_EQ(result.checkedElements[0], 20);  // Wxh has 320
  EXPECT_EQ(result.checkedElements[3], 20);  // bh has 40
  EXPECT_EQ(result.checkedElements[4], 6);   // by has only 6: all of them
  EXPECT_TRUE(result.passed());
}

TEST(GradientCheck, CancelStopsEarly) {
  const ModelConfig cfg = config(3, 4, 2, OutputMode::Sequence, LossKind::Mse);
  const std::atomic<bool> cancel{true};
  GradientCheckOptions options;
  options.cancel = &cancel;
  const GradientCheckResult result = gradientCheck(testing_support::randomModel(cfg, 1),
                                                   testing_support::randomData(cfg, 3, 1), options);
  EXPECT_TRUE(result.cancelled);
}
