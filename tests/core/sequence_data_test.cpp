#include "rnnlab/sequence_data.h"

#include <gtest/gtest.h>

namespace {

rnnlab::SequenceData threeSteps() {
  rnnlab::SequenceData data;
  data.inputs = rnnlab::Matrix::Ones(3, 2);
  data.targets.resize(3, 2);
  data.targets << 1, 2, 3, 4, 5, 6;
  return data;
}

}  // namespace

TEST(TargetsFor, LastKeepsOnlyTheFinalRow) {
  const rnnlab::Matrix last = threeSteps().targetsFor(rnnlab::OutputMode::Last);
  ASSERT_EQ(last.rows(), 1);
  EXPECT_EQ(last(0, 0), 5);
  EXPECT_EQ(last(0, 1), 6);
}

TEST(TargetsFor, SequenceFromOneRowKeepsItLastAndZerosTheRest) {
  rnnlab::SequenceData data = threeSteps();
  data.targets = data.targetsFor(rnnlab::OutputMode::Last);
  const rnnlab::Matrix all = data.targetsFor(rnnlab::OutputMode::Sequence);
  ASSERT_EQ(all.rows(), 3);
  EXPECT_EQ(all.row(2), threeSteps().targets.row(2));
  EXPECT_TRUE(all.topRows(2).isZero());
}

TEST(TargetsFor, TargetsThatFitComeBackUnchanged) {
  EXPECT_EQ(threeSteps().targetsFor(rnnlab::OutputMode::Sequence), threeSteps().targets);
}
