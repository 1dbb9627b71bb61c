#include "rnnlab/model_history.h"

#include <gtest/gtest.h>

#include "rnnlab/trainer.h"

using namespace rnnlab;

namespace {

const ModelConfig Cfg{2, 3, 1, OutputMode::Sequence, LossKind::Mse};

Parameters marked(long iteration) {
  Parameters p = Parameters::zeros(Cfg);
  p.Wxh().setConstant(static_cast<double>(iteration));
  return p;
}

std::size_t bytesFor(std::size_t entries) {
  return entries * ModelHistory::entryBytes(marked(0), 0);
}

}  // namespace

TEST(ModelHistory, KeepsEveryIterationWhileItFits) {
  ModelHistory history(bytesFor(100));
  for (long i = 0; i <= 50; ++i) {
    history.record(i, marked(i));
  }
  EXPECT_EQ(history.size(), 51u);
  EXPECT_EQ(history.stride(), 1);
  ASSERT_NE(history.atOrBefore(37), nullptr);
  EXPECT_EQ(history.atOrBefore(37)->iteration, 37);
  EXPECT_EQ(history.atOrBefore(37)->params.Wxh()(0, 0), 37.0);
}

TEST(ModelHistory, ThinsGeometricallyWithinTheBound) {
  ModelHistory history(bytesFor(16));
  for (long i = 0; i <= 1000; ++i) {
    history.record(i, marked(i));
    ASSERT_EQ(history.capacity(), 16u);  // known from the first entry's size
    ASSERT_LE(history.size(), 16u);
  }
  EXPECT_EQ(history[0].iteration, 0);  // the start always stays
  EXPECT_GE(history.stride(), 64);
  for (std::size_t k = 0; k < history.size(); ++k) {
    EXPECT_EQ(history[k].iteration % history.stride(), 0);
    EXPECT_EQ(history[k].params.Wxh()(0, 0), static_cast<double>(history[k].iteration));
    if (k > 0) {
      EXPECT_GT(history[k].iteration, history[k - 1].iteration);
    }
  }
  const ModelHistory::Entry* e = history.atOrBefore(999);
  ASSERT_NE(e, nullptr);
  EXPECT_LE(e->iteration, 999);
  EXPECT_GT(e->iteration, 999 - history.stride());
}

TEST(ModelHistory, ClearStartsOver) {
  ModelHistory history(bytesFor(4));
  for (long i = 0; i < 20; ++i) {
    history.record(i, marked(i));
  }
  history.clear();
  EXPECT_TRUE(history.empty());
  EXPECT_EQ(history.atOrBefore(5), nullptr);
  history.record(0, marked(0));
  EXPECT_EQ(history.size(), 1u);
  EXPECT_EQ(history.stride(), 1);
}

TEST(ModelHistory, TruncateAfterDropsLaterEntriesAndRecordingResumes) {
  ModelHistory history(bytesFor(100));
  for (long i = 0; i <= 20; ++i) {
    history.record(i, marked(i));
  }
  history.truncateAfter(7);
  EXPECT_EQ(history.size(), 8u);
  EXPECT_EQ(history.atOrBefore(20)->iteration, 7);
  history.record(8, marked(80));
  EXPECT_EQ(history.atOrBefore(20)->iteration, 8);
  EXPECT_EQ(history.atOrBefore(8)->params.Wxh()(0, 0), 80.0);
  history.truncateAfter(-1);
  EXPECT_TRUE(history.empty());
}

// Kept with the optimizer's state, an entry continues a run exactly for every optimizer: a
// trainer restarted from the entry at iteration k gives the same weights as the straight run.
TEST(ModelHistory, EntriesKeepTheOptimizerStateSoContinuingIsExact) {
  for (const OptimizerKind kind :
       {OptimizerKind::Momentum, OptimizerKind::Adagrad, OptimizerKind::Adam}) {
    const ModelConfig config{2, 3, 2, OutputMode::Sequence, LossKind::Mse, CellKind::Gru};
    TrainingSettings settings;
    settings.optimizer = kind;
    settings.learningRate = 0.05;
    SequenceData data;
    data.inputs = Matrix::Random(4, 2);
    data.targets = Matrix::Random(4, 2);
    const Model start = Model::initialized(config, 7, 0.5);

    Trainer straight(start, data, settings);
    ModelHistory history;
    history.record(0, straight.model().params, straight.optimizer());
    straight.run(20, [&](const IterationReport&) {
      history.record(straight.iteration(), straight.model().params, straight.optimizer());
      return true;
    });
    const ModelHistory::Entry* entry = history.atOrBefore(8);
    ASSERT_NE(entry, nullptr);
    ASSERT_TRUE(entry->hasOptimizer);
    EXPECT_EQ(entry->iteration, 8);
    EXPECT_EQ(entry->optimizer.step, 8);
    EXPECT_EQ(entry->optimizer.kind, kind);

    Model from = start;
    from.params = entry->params;
    Trainer branch(start, data, settings);
    TrainingState state;
    state.iteration = entry->iteration;
    state.optimizer = entry->optimizer;
    branch.restart(from, state);
    branch.run(12, {});
    EXPECT_TRUE(branch.model().params == straight.model().params) << toString(kind);

    // Without the state (the old behaviour) the branch differs: the check above can fail.
    Trainer fresh(start, data, settings);
    fresh.restart(from, entry->iteration);
    fresh.run(12, {});
    EXPECT_FALSE(fresh.model().params == straight.model().params) << toString(kind);
  }
}

// The optimizer's slots count against the bound: Adam (two slots) keeps a third as many entries
// as plain weights would take.
TEST(ModelHistory, OptimizerSlotsCountAgainstTheBound) {
  const Parameters p = marked(0);
  ModelHistory plain(bytesFor(30));
  ModelHistory withAdam(bytesFor(30));
  Optimizer adam(Cfg);
  TrainingSettings settings;
  settings.optimizer = OptimizerKind::Adam;
  Parameters weights = p;
  adam.step(weights, p, settings);  // the state is Adam's from now on
  for (long i = 0; i < 200; ++i) {
    plain.record(i, p);
    withAdam.record(i, p, adam);
  }
  EXPECT_GT(plain.capacity(), 2 * withAdam.capacity());
  EXPECT_LE(withAdam.size(), withAdam.capacity());
  EXPECT_LE(withAdam.capacity() * ModelHistory::entryBytes(p, 2), bytesFor(30));
}

TEST(ModelHistory, EntriesKeepATextRunsPositionAndCarriedState) {
  ModelHistory history(1 << 20);
  const Vector h = Vector::LinSpaced(Cfg.hiddenSize, -0.5, 0.5);
  history.record(1, marked(1));
  history.recordTextState(1, 25, h, Vector());
  history.record(2, marked(2));
  history.recordTextState(7, 50, h, h);  // not the entry just kept: ignored
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0].textPosition, 25);
  EXPECT_EQ(history[0].carriedH, h);
  EXPECT_EQ(history[0].carriedC.size(), 0);
  EXPECT_EQ(history[1].textPosition, -1);

  // Carried over to another history with the entry.
  ModelHistory copy(1 << 20);
  copy.record(history[0]);
  EXPECT_EQ(copy[0].textPosition, 25);
  EXPECT_EQ(copy[0].carriedH, h);
}
