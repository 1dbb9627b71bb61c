// ValidationSchedule: validation at fixed iterations, at least 50 a run or one an epoch, thinned
// only where one evaluation would outweigh a fifth of the training between two points.

#include "rnnlab/validation_schedule.h"

#include <gtest/gtest.h>

#include "rnnlab/sequence_set.h"
#include "rnnlab/text_data.h"

using namespace rnnlab;

namespace {

SequenceData sequenceOf(Index length) {
  SequenceData data;
  data.inputs = Matrix::Zero(length, 1);
  data.targets = Matrix::Zero(length, 1);
  return data;
}

TEST(ValidationSchedule, FiftyPointsARunWhenEvaluationIsFree) {
  EXPECT_EQ(ValidationSchedule(300, ValidationCosts{}).interval(), 6);
  EXPECT_EQ(ValidationSchedule(1000, ValidationCosts{}).interval(), 20);
  EXPECT_EQ(ValidationSchedule(20, ValidationCosts{}).interval(), 1);  // every iteration
  EXPECT_EQ(ValidationSchedule(0, ValidationCosts{}).interval(), 1);
}

TEST(ValidationSchedule, EveryEpochWhereThatIsDenser) {
  ValidationCosts costs;
  costs.iterationsPerEpoch = 4;
  EXPECT_EQ(ValidationSchedule(1000, costs).interval(), 4);
  costs.iterationsPerEpoch = 100;
  EXPECT_EQ(ValidationSchedule(1000, costs).interval(), 20);
}

TEST(ValidationSchedule, ThinnedOnlyWhereOneEvaluationCostsMoreThanAFifth) {
  ValidationCosts costs;
  costs.iterationSteps = 30.0;
  costs.evaluationSteps = 6.0 * 20;  // exactly a fifth of 20 iterations: not thinned
  EXPECT_EQ(ValidationSchedule(1000, costs).interval(), 20);
  costs.evaluationSteps = 6.0 * 20 + 1;  // a little more: the next whole interval that fits
  EXPECT_EQ(ValidationSchedule(1000, costs).interval(), 21);
  costs.evaluationSteps = 6.0 * 1000;
  EXPECT_EQ(ValidationSchedule(1000, costs).interval(), 1000);
}

TEST(ValidationSchedule, DueAtMultiplesAndAtTheTarget) {
  const ValidationSchedule schedule(300, ValidationCosts{});
  EXPECT_TRUE(schedule.due(0, 300));
  EXPECT_FALSE(schedule.due(5, 300));
  EXPECT_TRUE(schedule.due(6, 300));
  EXPECT_TRUE(schedule.due(294, 300));
  EXPECT_FALSE(schedule.due(299, 300));
  EXPECT_TRUE(schedule.due(300, 300));
  // A run that stops off the grid still ends with a point.
  const ValidationSchedule odd(301, ValidationCosts{});
  EXPECT_EQ(odd.interval(), 6);
  EXPECT_TRUE(odd.due(301, 301));
}

TEST(ValidationSchedule, CostsOfADataSet) {
  SequenceSet set;
  for (Index length : {10, 20, 30, 40, 50}) {
    set.train.push_back(sequenceOf(length));
  }
  set.validation = {sequenceOf(15), sequenceOf(25)};
  set.batchSize = 2;  // three batches an epoch
  const ValidationCosts costs = ValidationSchedule::costsOf(set);
  EXPECT_EQ(costs.iterationsPerEpoch, 3);
  EXPECT_DOUBLE_EQ(costs.iterationSteps, 3.0 * 150.0 / 3.0);
  EXPECT_DOUBLE_EQ(costs.evaluationSteps, 40.0);
  // 40 steps against a fifth of 150 per iteration: every iteration would do; an epoch is denser
  // than 1000 / 50.
  EXPECT_EQ(ValidationSchedule(1000, costs).interval(), 3);
}

TEST(ValidationSchedule, CostsOfAText) {
  TextData text;
  text.sequenceLength = 25;
  text.indices.assign(1000, 0);
  text.validationIndices.assign(300, 0);
  const ValidationCosts costs = ValidationSchedule::costsOf(text);
  EXPECT_EQ(costs.iterationsPerEpoch, 40);
  EXPECT_DOUBLE_EQ(costs.iterationSteps, 75.0);
  EXPECT_DOUBLE_EQ(costs.evaluationSteps, 300.0);
  // 300 steps need 20 iterations' training (a fifth of 20 × 75); 10000 / 50 = 200 is sparser.
  EXPECT_EQ(ValidationSchedule(10000, costs).interval(), 40);  // the epoch is denser than 200
  EXPECT_EQ(ValidationSchedule(500, costs).interval(), 20);    // thinned from 10 to 20
}

}  // namespace
