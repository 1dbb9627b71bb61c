// k-step-ahead prediction: k = 1 is the teacher-forced output, and each k-step prediction is the
// last of k free-running predictions from the true prefix (generateSequence, §4).

#include "rnnlab/prediction.h"

#include <gtest/gtest.h>

#include "rnnlab/forward_pass.h"
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
