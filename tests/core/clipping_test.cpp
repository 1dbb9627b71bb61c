#include "rnnlab/clipping.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace rnnlab;

namespace {

Gradients sample() {
  Gradients g = Parameters::zeros(ModelConfig{2, 2, 1, OutputMode::Sequence, LossKind::Mse});
  g.Wxh() << 7.0, -1.0, 0.5, -9.0;
  g.Whh() << 1.0, 2.0, 3.0, -4.0;
  g.Why() << 0.1, 0.2;
  g.bh() << 6.0, 0.0;
  g.by() << -0.3;
  return g;
}

}  // namespace

TEST(Clipping, ValueClipBoundsEveryElement) {
  Gradients g = sample();
  const ClipReport report = clipGradients(g, 5.0, 0.0);
  EXPECT_EQ(report.valuesClipped, 3);
  EXPECT_EQ(g.Wxh()(0, 0), 5.0);
  EXPECT_EQ(g.Wxh()(1, 1), -5.0);
  EXPECT_EQ(g.bh()(0), 5.0);
  EXPECT_EQ(g.Whh()(1, 1), -4.0);
  EXPECT_FALSE(report.normClipped);
  EXPECT_DOUBLE_EQ(report.normBefore, globalNorm(sample()));
  EXPECT_DOUBLE_EQ(report.normAfter, globalNorm(g));
}

TEST(Clipping, NormClipScalesByExactlyNOverNorm) {
  Gradients g = sample();
  const double norm = globalNorm(g);
  const ClipReport report = clipGradients(g, 0.0, 2.0);
  EXPECT_TRUE(report.normClipped);
  EXPECT_EQ(g.Whh()(0, 1), 2.0 * (2.0 / norm));
  EXPECT_NEAR(globalNorm(g), 2.0, 1e-15);
}

TEST(Clipping, NormClipComesAfterValueClip) {
  Gradients g = sample();
  Gradients valueClipped = sample();
  clipGradients(valueClipped, 5.0, 0.0);
  const double normAfterValues = globalNorm(valueClipped);
  clipGradients(g, 5.0, 3.0);
  EXPECT_EQ(g.Wxh()(0, 0), 5.0 * (3.0 / normAfterValues));
}

TEST(Clipping, BelowTheThresholdsNothingChanges) {
  Gradients g = sample();
  const ClipReport report = clipGradients(g, 100.0, 100.0);
  EXPECT_FALSE(report.acted());
  EXPECT_TRUE(g == sample());
}

TEST(Clipping, ZeroDisablesBoth) {
  Gradients g = sample();
  EXPECT_FALSE(clipGradients(g, 0.0, 0.0).acted());
  EXPECT_TRUE(g == sample());
}
