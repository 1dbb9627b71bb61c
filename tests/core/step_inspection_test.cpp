#include "rnnlab/step_inspection.h"

#include <gtest/gtest.h>

#include "test_models.h"

using namespace rnnlab;

namespace {

struct Passes {
  ForwardPass forward;
  BackwardPass backward;
};

Passes run(const ModelConfig& cfg, Index steps) {
  Passes p;
  const Model model = testing_support::randomModel(cfg, 21);
  forward(model, testing_support::randomData(cfg, steps, 21), p.forward);
  backward(model, p.forward, p.backward);
  return p;
}

bool near(const Parameters& a, const Parameters& b, double tolerance) {
  const auto x = a.blocks();
  const auto y = b.blocks();
  for (int k = 0; k < Parameters::BlockCount; ++k) {
    if (!((x[k] - y[k]).abs() <= tolerance * (1.0 + y[k].abs())).all()) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST(StepInspection, StepContributionsSumToTheGradients) {
  for (OutputMode mode : {OutputMode::Sequence, OutputMode::Last}) {
    const ModelConfig cfg{3, 5, 2, mode, LossKind::CrossEntropy};
    const Passes p = run(cfg, 6);
    Gradients sum = Parameters::zeros(cfg);
    for (Index t = 5; t >= 0; --t) {
      const Gradients c = stepContribution(p.forward, p.backward, t);
      auto s = sum.blocks();
      const auto add = c.blocks();
      for (int k = 0; k < Parameters::BlockCount; ++k) {
        s[k] += add[k];
      }
      EXPECT_TRUE(near(sum, accumulatedGradients(p.forward, p.backward, t), 1e-14)) << t;
    }
    EXPECT_TRUE(near(sum, p.backward.grads, 1e-14));
    EXPECT_TRUE(accumulatedGradients(p.forward, p.backward, 0) == p.backward.grads);
    const Gradients none = accumulatedGradients(p.forward, p.backward, 6);
    for (const auto& block : none.blocks()) {
      EXPECT_TRUE((block == 0.0).all());
    }
  }
}

TEST(StepInspection, WhhContributionUsesThePreviousHiddenState) {
  const ModelConfig cfg{2, 3, 2, OutputMode::Sequence, LossKind::Mse};
  const Passes p = run(cfg, 4);
  const Gradients c = stepContribution(p.forward, p.backward, 2);
  const Matrix expected = p.backward.preActivationGrad.col(2) * p.forward.hidden.col(2).transpose();
  EXPECT_TRUE(c.Whh() == expected);
}

TEST(StepInspection, NormsAndTanhFactor) {
  const ModelConfig cfg{2, 3, 2, OutputMode::Sequence, LossKind::Mse};
  const Passes p = run(cfg, 4);
  const Vector dh = hiddenGradientNorms(p.backward);
  const Vector da = preActivationGradientNorms(p.backward);
  ASSERT_EQ(dh.size(), 4);
  for (Index t = 0; t < 4; ++t) {
    EXPECT_DOUBLE_EQ(dh(t), p.backward.hiddenGrad.col(t).norm());
    EXPECT_DOUBLE_EQ(da(t), p.backward.preActivationGrad.col(t).norm());
    const Vector factor = tanhDerivative(p.forward, t);
    EXPECT_TRUE((factor.array() * p.backward.hiddenGrad.col(t).array()).matrix() ==
                p.backward.preActivationGrad.col(t));
  }
}
