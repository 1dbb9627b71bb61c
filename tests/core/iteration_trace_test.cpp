#include "rnnlab/iteration_trace.h"

#include <gtest/gtest.h>

#include "rnnlab/session.h"

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
