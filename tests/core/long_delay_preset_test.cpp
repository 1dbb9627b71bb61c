// The long-delay presets make the point the gated cells exist for: the same task, seed and
// iteration budget leave the tanh RNN at the loss of a constant output while the LSTM and the
// GRU solve it. Trains each preset headless for its own budget.

#include <gtest/gtest.h>

#include <string>

#include "rnnlab/session.h"
#include "rnnlab/trainer.h"

namespace rnnlab {
namespace {

Session preset(const std::string& cell) {
  return loadSession(std::string(RNNLAB_SOURCE_DIR) + "/resources/presets/delay-" + cell +
                     ".rnnlab.json");
}

// ½ Σ (d − mean d)²: the best a network can do without remembering anything.
double constantOutputLoss(const SequenceData& data) {
  const double mean = data.targets.mean();
  return 0.5 * (data.targets.array() - mean).square().sum();
}

double trainedLoss(const Session& session) {
  Trainer trainer(session.makeModel(), session.data, session.training);
  const IterationReport last =
      trainer.run(session.training.iterations, [](const auto&) { return true; });
  EXPECT_EQ(last.status, IterationReport::Status::Ok);
  return trainer.currentLoss();
}

TEST(LongDelayPreset, TheThreeCellsShareTaskSeedAndBudget) {
  const Session rnn = preset("rnn");
  for (const char* cell : {"lstm", "gru"}) {
    const Session gated = preset(cell);
    EXPECT_EQ(gated.data, rnn.data) << cell;
    EXPECT_EQ(gated.training, rnn.training) << cell;
    EXPECT_EQ(gated.model.hiddenSize, rnn.model.hiddenSize) << cell;
  }
  EXPECT_EQ(rnn.model.cell, CellKind::Rnn);
  EXPECT_EQ(preset("lstm").model.cell, CellKind::Lstm);
  EXPECT_EQ(preset("gru").model.cell, CellKind::Gru);
}

TEST(LongDelayPreset, TheTanhRnnStaysNearTheConstantOutputLoss) {
  const Session session = preset("rnn");
  const double trivial = constantOutputLoss(session.data);
  const double loss = trainedLoss(session);
  EXPECT_GT(loss, 0.8 * trivial) << "trivial " << trivial;
}

TEST(LongDelayPreset, TheLstmSolvesIt) {
  const Session session = preset("lstm");
  const double trivial = constantOutputLoss(session.data);
  EXPECT_LT(trainedLoss(session), 0.02 * trivial) << "trivial " << trivial;
}

TEST(LongDelayPreset, TheGruSolvesIt) {
  const Session session = preset("gru");
  const double trivial = constantOutputLoss(session.data);
  EXPECT_LT(trainedLoss(session), 0.02 * trivial) << "trivial " << trivial;
}

}  // namespace
}  // namespace rnnlab
