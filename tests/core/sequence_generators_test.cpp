// The task generators: determinism (same options, same numbers; another seed, other numbers),
// shapes that fit the model shape they return, and each task's defining rule.

#include "rnnlab/sequence_generators.h"

#include <gtest/gtest.h>

#include <cmath>

#include "rnnlab/session.h"

using namespace rnnlab;

namespace {

void expectFits(const GeneratedTask& task, int train, int validation, Index length) {
  ASSERT_EQ(static_cast<int>(task.set.train.size()), train);
  ASSERT_EQ(static_cast<int>(task.set.validation.size()), validation);
  EXPECT_EQ(validateSequenceSet(task.set, task.config), std::nullopt);
  for (const auto* list : {&task.set.train, &task.set.validation}) {
    for (const SequenceData& s : *list) {
      EXPECT_EQ(s.steps(), length);
    }
  }
}

}  // namespace

TEST(SequenceGenerators, SameOptionsGiveTheSameNumbersAndAnotherSeedOthers) {
  SineOptions sine;
  sine.counts = {8, 3, 5};
  EXPECT_EQ(generateSine(sine).set, generateSine(sine).set);
  SineOptions other = sine;
  other.counts.seed = 6;
  EXPECT_FALSE(generateSine(other).set == generateSine(sine).set);
  EchoOptions echo;
  echo.counts = {4, 2, 5};
  EXPECT_EQ(generateEcho(echo).set, generateEcho(echo).set);
  AddingOptions adding;
  adding.counts = {4, 2, 5};
  EXPECT_EQ(generateAdding(adding).set, generateAdding(adding).set);
  CopyOptions copy;
  copy.counts = {4, 2, 5};
  EXPECT_EQ(generateCopy(copy).set, generateCopy(copy).set);
  ParityOptions parity;
  parity.counts = {4, 2, 5};
  EXPECT_EQ(generateParity(parity).set, generateParity(parity).set);
}

TEST(SequenceGenerators, SineIsNextValuePrediction) {
  SineOptions o;
  o.counts = {5, 2, 1};
  o.length = 30;
  const GeneratedTask task = generateSine(o);
  expectFits(task, 5, 2, 30);
  EXPECT_EQ(task.config.inputSize, 1);
  for (const SequenceData& s : task.set.train) {
    // Targets are the inputs shifted by one step.
    EXPECT_EQ(s.targets.topRows(29), s.inputs.bottomRows(29));
    EXPECT_LE(s.inputs.cwiseAbs().maxCoeff(), 1.0 + 6 * o.noise);
  }
  // Random phases: the sequences differ.
  EXPECT_NE(task.set.train[0].inputs(0, 0), task.set.train[1].inputs(0, 0));
  // Without noise, consecutive values are a sine of the given period: x_{t+1} + x_{t−1} =
  // 2cos(2π/period)·x_t (to the rounding of 4 decimals).
  o.noise = 0.0;
  const SequenceData s = generateSine(o).set.train[0];
  for (Index t = 1; t + 1 < s.steps(); ++t) {
    EXPECT_NEAR(s.inputs(t + 1, 0) + s.inputs(t - 1, 0),
                2.0 * std::cos(2.0 * 3.141592653589793 / o.period) * s.inputs(t, 0), 2e-4);
  }
}

TEST(SequenceGenerators, EchoRepeatsTheInputAfterTheDelay) {
  EchoOptions o;
  o.counts = {3, 1, 2};
  o.length = 20;
  o.delay = 4;
  const GeneratedTask task = generateEcho(o);
  expectFits(task, 3, 1, 20);
  for (const SequenceData& s : task.set.train) {
    EXPECT_EQ(s.targets.topRows(4), Matrix::Zero(4, 1));
    EXPECT_EQ(s.targets.bottomRows(16), s.inputs.topRows(16));
  }
}

TEST(SequenceGenerators, AddingSumsTheTwoMarkedValues) {
  AddingOptions o;
  o.counts = {20, 5, 3};
  o.length = 10;
  const GeneratedTask task = generateAdding(o);
  expectFits(task, 20, 5, 10);
  EXPECT_EQ(task.config.outputMode, OutputMode::Last);
  for (const SequenceData& s : task.set.train) {
    EXPECT_EQ(s.inputs.col(1).sum(), 2.0);
    EXPECT_EQ(s.inputs.col(1).head(5).sum(), 1.0);  // one marker in each half
    EXPECT_EQ(s.targets.rows(), 1);
    EXPECT_DOUBLE_EQ(s.targets(0, 0), s.inputs.col(0).dot(s.inputs.col(1)));
  }
}

TEST(SequenceGenerators, CopyRecallsThePatternAfterTheGap) {
  CopyOptions o;
  o.counts = {6, 2, 4};
  o.patternLength = 3;
  o.gap = 4;
  o.symbols = 5;
  const GeneratedTask task = generateCopy(o);
  expectFits(task, 6, 2, 2 * 3 + 4 + 1);
  EXPECT_EQ(task.config.inputSize, 7);
  EXPECT_EQ(task.config.outputSize, 6);
  for (const SequenceData& s : task.set.train) {
    for (Index t = 0; t < s.steps(); ++t) {
      EXPECT_EQ(s.inputs.row(t).sum(), 1.0);
      EXPECT_EQ(s.targets.row(t).sum(), 1.0);
    }
    EXPECT_EQ(s.inputs(7, 6), 1.0);  // go marker after K + G steps
    for (Index k = 0; k < 3; ++k) {
      EXPECT_EQ(s.targets.row(8 + k).head(5), s.inputs.row(k).head(5));
      EXPECT_EQ(s.targets(k, 5), 1.0);  // blank while the pattern is shown
    }
  }
}

TEST(SequenceGenerators, ParityIsTheRunningXor) {
  ParityOptions o;
  o.counts = {4, 1, 8};
  o.length = 16;
  const GeneratedTask task = generateParity(o);
  expectFits(task, 4, 1, 16);
  for (const SequenceData& s : task.set.train) {
    int parity = 0;
    for (Index t = 0; t < 16; ++t) {
      parity ^= static_cast<int>(s.inputs(t, 0));
      EXPECT_EQ(s.targets(t, 0), parity);
    }
  }
}

TEST(SequenceGenerators, OptionsOutOfRangeAreRefusedNamingTheOption) {
  EchoOptions echo;
  echo.delay = echo.length;
  EXPECT_THROW(generateEcho(echo), std::invalid_argument);
  SineOptions sine;
  sine.counts.train = 0;
  try {
    generateSine(sine);
    ADD_FAILURE();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("train"), std::string::npos);
  }
  AddingOptions adding;
  adding.length = 1;
  EXPECT_THROW(generateAdding(adding), std::invalid_argument);
}

// The data set presets hold exactly what the generators give for their options, so they can be
// made again (and a change to a generator shows here).
TEST(SequenceGenerators, PresetsHoldTheGeneratorsOutput) {
  const auto presetSet = [](const std::string& name) {
    return *loadSession(std::string(RNNLAB_SOURCE_DIR) + "/resources/presets/sequences/" + name +
                        ".rnnlab.json")
                .sequences;
  };
  SineOptions sine;
  sine.counts = {48, 16, 7};
  sine.length = 40;
  sine.period = 20;
  sine.noise = 0.05;
  SequenceSet expected = generateSine(sine).set;
  SequenceSet preset = presetSet("noisy-sine");
  EXPECT_EQ(preset.train, expected.train);
  EXPECT_EQ(preset.validation, expected.validation);
  AddingOptions adding;
  adding.counts = {128, 32, 7};
  adding.length = 20;
  expected = generateAdding(adding).set;
  preset = presetSet("adding");
  EXPECT_EQ(preset.train, expected.train);
  EXPECT_EQ(preset.validation, expected.validation);
  EchoOptions echo;
  echo.counts = {64, 16, 7};
  echo.length = 20;
  echo.delay = 3;
  expected = generateEcho(echo).set;
  preset = presetSet("echo-delay");
  EXPECT_EQ(preset.train, expected.train);
  EXPECT_EQ(preset.validation, expected.validation);
}
