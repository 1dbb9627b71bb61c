#include "rnnlab/iteration_trace.h"

#include <gtest/gtest.h>

#include <cmath>

#include "rnnlab/batch_pass.h"
#include "rnnlab/session.h"
#include "rnnlab/step_inspection.h"

using namespace rnnlab;

TEST(IterationTrace, HoldsExactlyWhatTheNextStepComputes) {
  Session s = builtinExample();
  s.training.optimizer = OptimizerKind::Adam;  // optimizer state matters for the update
  s.training.learningRate = 0.01;
  Trainer trainer(s.makeModel(), s.data, s.training);
  for (int i = 0; i < 10; ++i) {
    trainer.step();
  }
  const Model beforeModel = trainer.model();
  const IterationTrace trace = traceIteration(trainer);
  EXPECT_TRUE(trainer.model() == beforeModel);  // the trainer itself did not move
  EXPECT_EQ(trainer.iteration(), 10);

  const IterationReport report = trainer.step();
  EXPECT_EQ(trace.report.iteration, 10);
  EXPECT_EQ(trace.report.loss, report.loss);
  EXPECT_TRUE(trace.before == beforeModel);
  EXPECT_TRUE(trace.after == trainer.model().params);
  EXPECT_TRUE(trace.backward.grads == trainer.lastBackward().grads);
  EXPECT_TRUE(trace.clipped == trainer.lastClippedGradients());
  EXPECT_TRUE(trace.forward.hidden == trainer.lastForward().hidden);
}

TEST(IterationTrace, PhasesRunForwardLossBackwardClipUpdate) {
  using Kind = IterationPhase::Kind;
  const std::vector<IterationPhase> phases = iterationPhases(3);
  const std::vector<IterationPhase> expected{
      {Kind::Forward, 0},  {Kind::Forward, 1},  {Kind::Forward, 2},
      {Kind::Loss, -1},    {Kind::Backward, 2}, {Kind::Backward, 1},
      {Kind::Backward, 0}, {Kind::Clip, -1},    {Kind::Update, -1}};
  EXPECT_EQ(phases, expected);
  EXPECT_EQ(iterationPhases(1).size(), 5u);
}

namespace {

// A 2-layer bidirectional `cell` stack with dropout p on one sequence (T = 5).
Trainer stackTrainer(CellKind cell, double p) {
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse, cell};
  config.layers = 2;
  config.bidirectional = true;
  config.dropout = p;
  SequenceData data;
  data.inputs = Matrix::NullaryExpr(5, 3, [](Index t, Index i) {
    return std::sin(0.7 * static_cast<double>(t) + static_cast<double>(i));
  });
  data.targets = Matrix::NullaryExpr(
      5, 2, [](Index t, Index k) { return std::cos(0.4 * static_cast<double>(t + k)); });
  TrainingSettings settings;
  settings.seed = 17;
  settings.learningRate = 0.05;
  return Trainer(Model::initialized(config, settings.seed, 0.6), data, settings);
}

// The spec's rule written out on its own (v3 §1): Rng(seed + 2), per iteration, per sequence
// (stream) in batch order, per layer k = 1 … L − 1, per step, per unit j (h→ first):
// m = 1 if uniform() ≥ p, else 0; the input is scaled by m / (1 − p). `skipped` draws belong to
// the iterations (and streams) before.
Matrix specMask(std::uint64_t seed, long skipped, double p, Index units, Index steps) {
  Rng rng(seed + 2);
  for (long i = 0; i < skipped; ++i) {
    rng.uniform();
  }
  Matrix mask(units, steps);
  for (Index t = 0; t < steps; ++t) {
    for (Index j = 0; j < units; ++j) {
      mask(j, t) = rng.uniform() >= p ? 1.0 / (1.0 - p) : 0.0;
    }
  }
  return mask;
}

}  // namespace

TEST(IterationTrace, StackPhasesFollowTheComputation) {
  using Kind = IterationPhase::Kind;
  ModelConfig config;
  config.layers = 2;
  config.bidirectional = true;
  const int Out = IterationPhase::OutputLayer;
  std::vector<IterationPhase> expected;
  const auto add = [&](Kind kind, int layer, int direction, std::initializer_list<Index> steps) {
    for (Index s : steps) {
      expected.push_back({kind, s, layer, direction});
    }
  };
  add(Kind::Forward, 0, 0, {0, 1});
  add(Kind::Forward, 0, 1, {1, 0});
  add(Kind::Forward, 1, 0, {0, 1});
  add(Kind::Forward, 1, 1, {1, 0});
  add(Kind::Forward, Out, 0, {0, 1});
  expected.push_back({Kind::Loss, -1});
  add(Kind::Backward, Out, 0, {1, 0});
  add(Kind::Backward, 1, 1, {0, 1});
  add(Kind::Backward, 1, 0, {1, 0});
  add(Kind::Backward, 0, 1, {0, 1});
  add(Kind::Backward, 0, 0, {1, 0});
  expected.push_back({Kind::Clip, -1});
  expected.push_back({Kind::Update, -1});
  EXPECT_EQ(iterationPhases(config, 2), expected);
  EXPECT_EQ(expected.size(), static_cast<std::size_t>(2 * 2 * (4 + 1) + 3));
  config.layers = 1;
  config.bidirectional = false;
  EXPECT_EQ(iterationPhases(config, 4), iterationPhases(4));
}

// A stack with dropout: the trace holds exactly the numbers the iteration trained on, with the
// masks the spec's rule draws for it, and every cell's passes.
TEST(IterationTrace, StackRunsWithTheIterationsDropoutMasks) {
  const double p = 0.4;
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    Trainer trainer = stackTrainer(cell, p);
    const long before = 3;
    for (long i = 0; i < before; ++i) {
      trainer.step();
    }
    const IterationTrace trace = traceIteration(trainer);
    const IterationReport report = trainer.step();
    ASSERT_EQ(trace.cellForward.size(), 4u);
    ASSERT_EQ(trace.cellBackward.size(), 4u);
    // One sequence: the same pass as the trainer's, bit for bit.
    EXPECT_EQ(trace.forward.loss, report.loss) << toString(cell);
    EXPECT_TRUE(trace.backward.grads == trainer.lastBackward().grads) << toString(cell);
    EXPECT_TRUE(trace.clipped == trainer.lastClippedGradients());
    // Per iteration one layer above the first: T·D·H = 5·8 draws.
    const Matrix mask = trace.forward.stack->sequenceDropoutMask(0, 1);
    EXPECT_EQ(mask, specMask(17, before * 40, p, 8, 5)) << toString(cell);
    EXPECT_GT((mask.array() == 0.0).count(), 0);
    EXPECT_GT((mask.array() != 0.0).count(), 0);
    // Layer 1's cells read layer 0's output times the mask.
    const Matrix below = trace.forward.stack->sequenceLayerOutput(0, 0);
    for (int d = 0; d < 2; ++d) {
      EXPECT_EQ(trace.forwardOf(1, d).inputs, Matrix(below.array() * mask.array()));
      EXPECT_EQ(trace.forwardOf(0, d).inputs, trace.forward.inputs);
    }
    EXPECT_EQ(trace.forward.stack->sequenceDropoutMask(0, 0).size(), 0);
  }
}

// Text in three streams: stream 0 is traced, and its masks are the iteration's first draws.
TEST(IterationTrace, TextStreamsTraceStreamZerosMasks) {
  TextData text;
  text.text = "the quick brown fox jumps over the lazy dog, then the dog naps in the sun.";
  text.sequenceLength = 6;
  text.streams = 3;
  ASSERT_FALSE(prepareText(text).has_value());
  ModelConfig config;
  config.inputSize = config.outputSize = text.vocabularySize();
  config.hiddenSize = 5;
  config.cell = CellKind::Gru;
  config.loss = LossKind::CrossEntropy;
  config.layers = 3;
  config.dropout = 0.3;
  TrainingSettings settings;
  settings.seed = 4;
  Trainer trainer(Model::initialized(config, settings.seed, 0.4), text, settings);
  for (int i = 0; i < 2; ++i) {
    trainer.step();
  }
  const IterationTrace trace = traceIteration(trainer);
  EXPECT_EQ(trace.streams, 3);
  EXPECT_EQ(trace.cellForward.size(), 3u);
  // Two iterations of 3 streams × 2 layers × 6 steps × 5 units, then stream 0's layer 1, layer 2.
  const long perIteration = 3 * 2 * 6 * 5;
  const Matrix both = specMask(4, 2 * perIteration, 0.3, 5, 12);
  EXPECT_EQ(trace.forward.stack->sequenceDropoutMask(0, 1), both.leftCols(6));
  EXPECT_EQ(trace.forward.stack->sequenceDropoutMask(0, 2), both.rightCols(6));
}

// The cell-by-cell contributions add up to the iteration's gradient: every cell's running sums
// after its last step, and the output layer's after t = 1.
TEST(IterationTrace, StackStepContributionsSumToTheGradients) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    Trainer trainer = stackTrainer(cell, 0.25);
    trainer.step();
    const IterationTrace trace = traceIteration(trainer);
    const ModelConfig& config = trace.before.config;
    const Index T = trace.forward.steps();
    Gradients total = outputRunningGradients(config, trace.forward, 0);
    Gradients steps = Parameters::zeros(config);
    for (int layer = 0; layer < 2; ++layer) {
      for (int direction = 0; direction < 2; ++direction) {
        const ForwardPass& f = trace.forwardOf(layer, direction);
        const BackwardPass& b = trace.backwardOf(layer, direction);
        // The last step of its backward pass: t = 1 forward, t = T reverse.
        const Gradients sum = cellRunningGradients(config, f, b, direction == 0 ? 0 : T - 1);
        for (int k = 0; k < total.blockCount(); ++k) {
          total.block(k) += sum.block(k);
        }
        // The activated gates' deltas read the state the step read (h_{t+1}, c_{t+1} in the
        // reverse direction): δf̂ = f(1 − f) ⊙ δf (lstm), δẑ = z(1 − z) ⊙ δz (gru).
        if (cell != CellKind::Rnn) {
          const Index H = f.hiddenSize();
          const auto gate = f.gate(1).array();
          const Matrix expected = (gate * (1.0 - gate) * b.gateGrad.middleRows(H, H).array());
          EXPECT_LE((b.preActivationGrad.middleRows(H, H) - expected).cwiseAbs().maxCoeff(), 1e-13)
              << toString(cell) << " layer " << layer << " direction " << direction;
        }
        for (Index s = 0; s < T; ++s) {
          const Gradients c = cellStepContribution(config, f, b, s);
          for (int k = 0; k < steps.blockCount(); ++k) {
            steps.block(k) += c.block(k);
          }
        }
      }
    }
    for (int k = 0; k < total.blockCount(); ++k) {
      const Matrix& expected = trace.backward.grads.block(k);
      const double tolerance = 1e-12 * (1.0 + expected.cwiseAbs().maxCoeff());
      EXPECT_LE((total.block(k) - expected).cwiseAbs().maxCoeff(), tolerance)
          << toString(cell) << " " << trace.backward.grads.blockName(k);
      if (k < steps.blockCount() - 2) {  // the cells' blocks
        EXPECT_LE((steps.block(k) - expected).cwiseAbs().maxCoeff(), tolerance)
            << toString(cell) << " " << trace.backward.grads.blockName(k);
      }
    }
    // The reverse cell reads h_{t+1}: its initial state at t = T.
    EXPECT_EQ(previousStateColumn(config, trace.forwardOf(0, 1), T - 1), 0);
    EXPECT_EQ(previousStateColumn(config, trace.forwardOf(0, 1), 1), 3);
    EXPECT_EQ(previousStateColumn(config, trace.forwardOf(0, 0), 1), 1);
  }
}
