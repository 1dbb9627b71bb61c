// k-step-ahead prediction: k = 1 is the teacher-forced output, and each k-step prediction is the
// last of k free-running predictions from the true prefix (generateSequence, §4).

#include "rnnlab/prediction.h"

#include <gtest/gtest.h>

#include "rnnlab/batch_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/rng.h"
#include "rnnlab/text_model.h"
#include "test_models.h"

using namespace rnnlab;

TEST(KStepAhead, OneStepIsTheTeacherForcedOutputAndKStepsTheFreeRun) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    ModelConfig config{2, 5, 2, OutputMode::Sequence, LossKind::Mse};
    config.cell = cell;
    const Model model = testing_support::randomModel(config, 4);
    const SequenceData data = testing_support::randomData(config, 9, 2);
    ForwardPass pass;
    forward(model, data, pass);
    const Matrix one = kStepAheadPredictions(model, data.inputs, 1);
    EXPECT_LT((one - pass.outputs.transpose()).cwiseAbs().maxCoeff(), 1e-12) << toString(cell);
    for (const int k : {2, 4, 16}) {
      const Matrix many = kStepAheadPredictions(model, data.inputs, k);
      for (Index s = 1; s <= data.steps(); ++s) {
        const Matrix run = generateSequence(model, data.inputs.topRows(s), k);
        EXPECT_LT((many.row(s - 1) - run.row(k - 1)).cwiseAbs().maxCoeff(), 1e-12)
            << toString(cell) << " k " << k << " s " << s;
      }
    }
  }
}

TEST(KStepAhead, RefusesOutputsThatCannotBeFedBack) {
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  const Model model = testing_support::randomModel(config, 1);
  EXPECT_THROW(kStepAheadPredictions(model, Matrix::Zero(4, 3), 2), std::invalid_argument);
}

TEST(KStepAhead, SeveralHorizonsAtOnceEqualEachAlone) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    ModelConfig config{2, 6, 2, OutputMode::Sequence, LossKind::Mse};
    config.cell = cell;
    Model model = testing_support::randomModel(config, 5);
    if (cell == CellKind::Lstm) {
      model.c0 = Vector::LinSpaced(6, -0.3, 0.3);  // a given c0 is where the chains start from
    }
    const SequenceData data = testing_support::randomData(config, 30, 3);
    const std::vector<int> horizons{1, 4, 16, 64, 4};
    const std::vector<Matrix> all = kStepAheadPredictions(model, data.inputs, horizons);
    ASSERT_EQ(all.size(), horizons.size());
    for (std::size_t i = 0; i < horizons.size(); ++i) {
      const Matrix alone = kStepAheadPredictions(model, data.inputs, horizons[i]);
      ASSERT_EQ(all[i].rows(), alone.rows());
      ASSERT_EQ(all[i].cols(), alone.cols());
      EXPECT_LT((all[i] - alone).cwiseAbs().maxCoeff(), 1e-12)
          << toString(cell) << " k " << horizons[i];
    }
  }
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  const Model model = testing_support::randomModel(config, 1);
  const std::vector<int> horizons{1, 2};
  EXPECT_THROW(kStepAheadPredictions(model, Matrix::Zero(4, 3), horizons), std::invalid_argument);
}

namespace {

// A stack of `layers` cells in one or two directions with random biases, h0 and c0 (every cell's
// rows), its recurrences near the edge of stability as testing_support::randomModel's.
Model randomStack(CellKind cell, int layers, bool bidirectional, std::uint64_t seed) {
  ModelConfig config{2, 5, 2, OutputMode::Sequence, LossKind::Mse};
  config.cell = cell;
  config.layers = layers;
  config.bidirectional = bidirectional;
  Model model = Model::initialized(config, seed, 0.5);
  Rng rng(seed + 1);
  for (int k = 0; k < model.params.blockCount(); ++k) {
    for (Index j = 0; j < model.params.flat(k).size(); ++j) {
      model.params.flat(k)(j) = model.params.isBias(k) ? rng.uniform() - 0.5
                                                       : (rng.uniform() - 0.5) * 0.8;
    }
  }
  const Index states = static_cast<Index>(config.cellCount()) * config.hiddenSize;
  model.h0 = Vector::NullaryExpr(states, [&rng] { return rng.uniform() - 0.5; });
  if (cell == CellKind::Lstm) {
    model.c0 = Vector::NullaryExpr(states, [&rng] { return rng.uniform() - 0.5; });
  }
  return model;
}

}  // namespace

// A stack steps layer by layer (layer k reads layer k − 1's new h) with every layer's state
// carried: one step ahead is the batched pass's teacher-forced output, several horizons at once
// equal each alone, and each k-step prediction is the last of k free-running ones.
TEST(KStepAhead, StacksStepEveryLayer) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    for (const int layers : {2, 3}) {
      const Model model = randomStack(cell, layers, false, 10 + static_cast<std::uint64_t>(layers));
      const SequenceData data = testing_support::randomData(model.config, 12, 7);
      const std::vector<SequenceData> sequences{data};
      BatchPass batch;
      batch.reserve(model.config, sequences, 1);
      const std::vector<long> first{0};
      batch.forward(model, sequences, first);
      const Matrix teacherForced = batch.sequenceOutputs(0);
      const Matrix one = kStepAheadPredictions(model, data.inputs, 1);
      EXPECT_LT((one - teacherForced).cwiseAbs().maxCoeff(), 1e-12)
          << toString(cell) << " layers " << layers;
      const std::vector<int> horizons{1, 3, 8};
      const std::vector<Matrix> all = kStepAheadPredictions(model, data.inputs, horizons);
      for (std::size_t i = 0; i < horizons.size(); ++i) {
        const int k = horizons[i];
        const Matrix alone = kStepAheadPredictions(model, data.inputs, k);
        EXPECT_LT((all[i] - alone).cwiseAbs().maxCoeff(), 1e-12) << toString(cell) << " k " << k;
        for (Index s = 1; s <= data.steps(); s += 5) {
          const Matrix run = generateSequence(model, data.inputs.topRows(s), k);
          EXPECT_LT((alone.row(s - 1) - run.row(k - 1)).cwiseAbs().maxCoeff(), 1e-12)
              << toString(cell) << " k " << k << " s " << s;
        }
      }
    }
  }
}

// Free running feeds each output back; a reverse direction would need the steps that follow.
TEST(KStepAhead, RefusesABidirectionalModel) {
  const Model model = randomStack(CellKind::Gru, 1, true, 3);
  const Matrix inputs = Matrix::Zero(4, 2);
  const std::vector<int> horizons{1, 2};
  EXPECT_THROW(kStepAheadPredictions(model, inputs, 2), std::invalid_argument);
  EXPECT_THROW(kStepAheadPredictions(model, inputs, horizons), std::invalid_argument);
  EXPECT_THROW(generateSequence(model, inputs, 3), std::invalid_argument);
  EXPECT_THROW(sampleIndices(model, std::vector<int>{0}, SampleSettings{}), std::invalid_argument);
}
