#include "rnnlab/model_history.h"

#include <gtest/gtest.h>

using namespace rnnlab;

namespace {

const ModelConfig Cfg{2, 3, 1, OutputMode::Sequence, LossKind::Mse};

Parameters marked(long iteration) {
  Parameters p = Parameters::zeros(Cfg);
  p.Wxh().setConstant(static_cast<double>(iteration));
  return p;
}

std::size_t bytesFor(std::size_t entries) {
  return entries * (sizeof(ModelHistory::Entry) + sizeof(double) * marked(0).elementCount());
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
