#include "rnnlab/memory_sensitivity.h"

#include <gtest/gtest.h>

#include <Eigen/SVD>
#include <vector>

#include "test_models.h"

namespace rnnlab {
namespace {

using testing_support::randomData;
using testing_support::randomModel;

ModelConfig configFor(CellKind cell) {
  ModelConfig config;
  config.inputSize = 2;
  config.hiddenSize = 5;
  config.outputSize = 3;
  config.cell = cell;
  return config;
}

// ∂y_t/∂x_k by central differences on the inputs, through forward() itself.
Matrix finiteDifferenceSensitivity(const Model& model, const SequenceData& data) {
  const Index T = data.steps();
  const Index I = data.inputs.cols();
  const double h = 1e-6;
  Matrix out = Matrix::Zero(T, T);
  ForwardPass plus;
  ForwardPass minus;
  for (Index k = 0; k < T; ++k) {
    Matrix dy(model.config.outputSize * T, I);
    for (Index j = 0; j < I; ++j) {
      SequenceData p = data;
      SequenceData m = data;
      p.inputs(k, j) += h;
      m.inputs(k, j) -= h;
      forward(model, p, plus);
      forward(model, m, minus);
      const Matrix diff = (plus.outputs - minus.outputs) / (2 * h);  // O×T
      dy.col(j) = diff.reshaped();
    }
    for (Index t = 0; t < T; ++t) {
      out(t, k) = dy.middleRows(t * model.config.outputSize, model.config.outputSize).norm();
    }
  }
  return out;
}

class MemorySensitivityTest : public ::testing::TestWithParam<CellKind> {};

TEST_P(MemorySensitivityTest, MatchesFiniteDifferences) {
  const ModelConfig config = configFor(GetParam());
  const Model model = randomModel(config, 7, 0.6);
  const SequenceData data = randomData(config, 9, 3);
  ForwardPass pass;
  forward(model, data, pass);
  const Matrix exact = memorySensitivity(model, pass);
  const Matrix numeric = finiteDifferenceSensitivity(model, data);
  ASSERT_EQ(exact.rows(), 9);
  ASSERT_EQ(exact.cols(), 9);
  for (Index t = 0; t < 9; ++t) {
    for (Index k = 0; k < 9; ++k) {
      if (k > t) {
        EXPECT_EQ(exact(t, k), 0.0);
        EXPECT_LT(numeric(t, k), 1e-8) << "the future must not change the past";
      } else {
        EXPECT_NEAR(exact(t, k), numeric(t, k), 1e-7 * (1.0 + numeric(t, k)))
            << "t=" << t << " k=" << k;
      }
    }
  }
  // The diagonal is Why·∂h_t/∂x_t: never zero for random weights.
  EXPECT_GT(exact.diagonal().minCoeff(), 1e-6);
}

TEST_P(MemorySensitivityTest, ProductNormIsTheNormOfTheChainedJacobians) {
  const ModelConfig config = configFor(GetParam());
  const Model model = randomModel(config, 11, 0.6);
  const SequenceData data = randomData(config, 6, 5);
  ForwardPass pass;
  forward(model, data, pass);
  const RecurrentJacobianNorms norms = recurrentJacobianNorms(model, pass);
  ASSERT_EQ(norms.stepNorms.size(), 6);
  ASSERT_EQ(norms.productNorms.size(), 6);
  // ∂h_1/∂h_0 by finite differences on h0: its spectral norm is stepNorms(0).
  const Index H = config.hiddenSize;
  Matrix J(H, H);
  for (Index j = 0; j < H; ++j) {
    Model p = model;
    Model m = model;
    p.h0(j) += 1e-6;
    m.h0(j) -= 1e-6;
    ForwardPass fp;
    ForwardPass fm;
    forward(p, data, fp);
    forward(m, data, fm);
    J.col(j) = (fp.hidden.col(1) - fm.hidden.col(1)) / 2e-6;
  }
  const double expected = Eigen::JacobiSVD<Matrix>(J).singularValues()(0);
  EXPECT_NEAR(norms.stepNorms(0), expected, 1e-7);
  if (config.cell != CellKind::Lstm) {  // for an LSTM the product also carries c_t
    EXPECT_LE(norms.productNorms(1),
              norms.stepNorms(1) * norms.productNorms(0) * (1 + 1e-12) + 1e-12)
        << "submultiplicative";
  }
}

INSTANTIATE_TEST_SUITE_P(Cells, MemorySensitivityTest,
                         ::testing::Values(CellKind::Rnn, CellKind::Lstm, CellKind::Gru));

TEST(SensitivityHorizon, CountsTheLagsThatHoldTheShare) {
  Matrix s = Matrix::Zero(4, 4);
  // Only lag 0 and lag 2 carry weight: 8 at lag 0, 2 at lag 2.
  for (Index t = 0; t < 4; ++t) {
    s(t, t) = 2.0;
  }
  s(2, 0) = 1.0;
  s(3, 1) = 1.0;
  EXPECT_EQ(sensitivityHorizon(s, 0.8), 1);
  EXPECT_EQ(sensitivityHorizon(s, 0.9), 3);
  EXPECT_EQ(sensitivityHorizon(Matrix::Zero(3, 3), 0.9), 0);
}

TEST(MemorySensitivity, RefusesSequencesAboveTheLimit) {
  const ModelConfig config = configFor(CellKind::Rnn);
  const Model model = randomModel(config, 1);
  const SequenceData data = randomData(config, MaxSensitivitySteps + 1, 1);
  ForwardPass pass;
  forward(model, data, pass);
  EXPECT_EQ(memorySensitivity(model, pass).size(), 0);
  EXPECT_EQ(memorySensitivity(model, pass, [] { return true; }).size(), 0);
}

}  // namespace
}  // namespace rnnlab

namespace rnnlab {
namespace {

// Stacks (v3 §1): the memory matrix of the whole model, every layer and direction, against
// finite differences through forward() of the stack; and the step Jacobians of one cell against
// finite differences on that cell's initial state.
struct StackCase {
  CellKind cell;
  bool bidirectional;
};

class StackMemorySensitivityTest : public ::testing::TestWithParam<StackCase> {};

ModelConfig stackConfigFor(const StackCase& c) {
  ModelConfig config = configFor(c.cell);
  config.hiddenSize = 3;
  config.layers = 2;
  config.bidirectional = c.bidirectional;
  return config;
}

TEST_P(StackMemorySensitivityTest, MatchesFiniteDifferences) {
  const ModelConfig config = stackConfigFor(GetParam());
  const Model model = randomModel(config, 17, 0.7);
  const SequenceData data = randomData(config, 6, 4);
  ForwardPass pass;
  pass.viewedLayer = 1;  // any cell shown: the matrix is the whole model's
  forward(model, data, pass);
  const Matrix exact = memorySensitivity(model, pass);
  const Matrix numeric = finiteDifferenceSensitivity(model, data);
  ASSERT_EQ(exact.rows(), 6);
  for (Index t = 0; t < 6; ++t) {
    for (Index k = 0; k < 6; ++k) {
      EXPECT_NEAR(exact(t, k), numeric(t, k), 1e-7 * (1.0 + numeric(t, k)))
          << "t=" << t << " k=" << k;
    }
  }
  if (config.bidirectional) {
    EXPECT_GT(exact(0, 5), 1e-6) << "the reverse direction reads later inputs";
  } else {
    EXPECT_EQ(exact(0, 5), 0.0);
  }
}

TEST_P(StackMemorySensitivityTest, StepJacobianOfEachCellMatchesFiniteDifferences) {
  const ModelConfig config = stackConfigFor(GetParam());
  const Model model = randomModel(config, 19, 0.6);
  const Index T = 5;
  const SequenceData data = randomData(config, T, 6);
  const Index H = config.hiddenSize;
  for (int layer = 0; layer < config.layers; ++layer) {
    for (int direction = 0; direction < config.directions(); ++direction) {
      ForwardPass pass;
      pass.viewedLayer = layer;
      pass.viewedDirection = direction;
      forward(model, data, pass);
      const RecurrentJacobianNorms norms = recurrentJacobianNorms(model, pass);
      // The first step the cell takes reads its initial state: position 1 forward, T reverse.
      const Index firstColumn = direction == 0 ? 1 : T;
      const Index offset = (layer * config.directions() + direction) * H;
      Matrix J(H, H);
      for (Index j = 0; j < H; ++j) {
        Model p = model;
        Model m = model;
        p.h0(offset + j) += 1e-6;
        m.h0(offset + j) -= 1e-6;
        ForwardPass fp = pass;
        ForwardPass fm = pass;
        forward(p, data, fp);
        forward(m, data, fm);
        J.col(j) = (fp.hidden.col(firstColumn) - fm.hidden.col(firstColumn)) / 2e-6;
      }
      const double expected = Eigen::JacobiSVD<Matrix>(J).singularValues()(0);
      EXPECT_NEAR(norms.stepNorms(firstColumn - 1), expected, 1e-7)
          << "layer " << layer << " direction " << direction;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Stacks, StackMemorySensitivityTest,
    ::testing::Values(StackCase{CellKind::Rnn, false}, StackCase{CellKind::Lstm, false},
                      StackCase{CellKind::Gru, false}, StackCase{CellKind::Rnn, true},
                      StackCase{CellKind::Lstm, true}, StackCase{CellKind::Gru, true}));

TEST(SensitivityHorizon, CountsLagsOnBothSidesForABidirectionalMatrix) {
  Matrix s = Matrix::Zero(4, 4);
  for (Index t = 0; t < 4; ++t) {
    s(t, t) = 2.0;
  }
  s(0, 2) = 1.0;  // a later input, two steps ahead
  s(1, 3) = 1.0;
  EXPECT_EQ(sensitivityHorizon(s, 0.8), 1);
  EXPECT_EQ(sensitivityHorizon(s, 0.9), 3);
}

}  // namespace
}  // namespace rnnlab
