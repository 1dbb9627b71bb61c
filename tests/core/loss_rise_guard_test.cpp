#include "rnnlab/loss_rise_guard.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "rnnlab/session.h"
#include "rnnlab/trainer.h"

using namespace rnnlab;

namespace {

// Feeds `count` copies of `loss` from iteration `first` on; returns the iteration at which the
// guard tripped, or -1.
long feed(LossRiseGuard& guard, long first, long count, double loss) {
  long trippedAt = -1;
  for (long i = first; i < first + count; ++i) {
    if (guard.observe(i, loss) && trippedAt < 0) {
      trippedAt = i;
    }
  }
  return trippedAt;
}

}  // namespace

TEST(LossRiseGuard, TripsOnceTheRiseHasLastedTheSustainedCount) {
  LossRiseGuard guard(10.0, 50);
  EXPECT_EQ(feed(guard, 0, 1, 2.0), -1);  // the first loss, and the best so far
  EXPECT_EQ(feed(guard, 1, 10, 1.0), -1);
  EXPECT_EQ(guard.bestLoss(), 1.0);
  EXPECT_EQ(guard.bestIteration(), 1);
  // 10.5 is above 10 × 1.0 and above the first loss: the 50th such loss in a row trips it.
  EXPECT_EQ(feed(guard, 11, 100, 10.5), 60);
  EXPECT_TRUE(guard.tripped());
  EXPECT_EQ(guard.risenFor(), 100);
}

TEST(LossRiseGuard, ASpikeShorterThanTheSustainedCountDoesNotTrip) {
  LossRiseGuard guard(10.0, 50);
  feed(guard, 0, 10, 1.0);
  EXPECT_EQ(feed(guard, 10, 49, 1000.0), -1);
  EXPECT_EQ(feed(guard, 59, 1, 0.9), -1);  // recovered: the count starts again
  EXPECT_EQ(guard.risenFor(), 0);
  EXPECT_EQ(feed(guard, 60, 49, 1000.0), -1);
  EXPECT_FALSE(guard.tripped());
}

TEST(LossRiseGuard, ExactlyTenTimesTheBestIsNotARise) {
  LossRiseGuard guard(10.0, 3);
  feed(guard, 0, 1, 5.0);
  feed(guard, 1, 1, 1.0);
  EXPECT_EQ(feed(guard, 2, 10, 10.0), -1);
  EXPECT_EQ(feed(guard, 12, 3, 10.0001), 14);
}

TEST(LossRiseGuard, ALossStillBelowTheFirstIsNotARise) {
  // Trained from 2.0 down to 1e-6: a wobble to 1e-4 is 100 times the best but far better than
  // where the run began.
  LossRiseGuard guard(10.0, 50);
  feed(guard, 0, 1, 2.0);
  feed(guard, 1, 10, 1e-6);
  EXPECT_EQ(feed(guard, 11, 1000, 1e-4), -1);
  EXPECT_EQ(feed(guard, 1011, 1000, 1.9), -1);
  EXPECT_EQ(feed(guard, 2011, 50, 2.1), 2060);
}

TEST(LossRiseGuard, StaysQuietAfterTrippingUntilTheLossComesBackDown) {
  LossRiseGuard guard(10.0, 5);
  feed(guard, 0, 1, 1.0);
  EXPECT_EQ(feed(guard, 1, 5, 100.0), 5);
  EXPECT_EQ(feed(guard, 6, 100, 100.0), -1);  // told once
  EXPECT_EQ(feed(guard, 106, 1, 0.5), -1);    // back down
  EXPECT_FALSE(guard.tripped());
  EXPECT_EQ(feed(guard, 107, 5, 100.0), 111);  // a new excursion is told again
}

TEST(LossRiseGuard, IgnoresNonFiniteLossesAndRestartForgetsTheRun) {
  LossRiseGuard guard(10.0, 2);
  feed(guard, 0, 1, 1.0);
  EXPECT_EQ(feed(guard, 1, 5, std::numeric_limits<double>::quiet_NaN()), -1);
  EXPECT_EQ(feed(guard, 6, 5, std::numeric_limits<double>::infinity()), -1);
  EXPECT_EQ(guard.risenFor(), 0);
  EXPECT_EQ(guard.bestLoss(), 1.0);
  guard.restart();
  EXPECT_FALSE(guard.hasBest());
  EXPECT_EQ(feed(guard, 0, 1, 100.0), -1);  // a new first loss
  EXPECT_EQ(feed(guard, 1, 10, 150.0), -1);
}

TEST(LossRiseGuard, TripsOnTheExampleAtTooHighARateButNotAtItsOwnRate) {
  // The example with η = 10 and its clip value 5: the loss stays finite (no divergence) but
  // jumps from 2.0 to thousands.
  auto firstTrip = [](double learningRate) {
    Session session = builtinExample();
    session.training.learningRate = learningRate;
    Trainer trainer(session.makeModel(), session.data, session.training);
    LossRiseGuard guard;
    for (long i = 0; i < 2000; ++i) {
      const IterationReport report = trainer.step();
      EXPECT_EQ(report.status, IterationReport::Status::Ok);
      if (guard.observe(report.iteration, report.loss)) {
        return report.iteration;
      }
    }
    return -1L;
  };
  EXPECT_EQ(firstTrip(10.0), LossRiseGuard::DefaultSustain);
  // At η = 1 the loss goes from 2.0 to between 317 and 1,051 within ten iterations; at η = 0.3
  // it falls to 1.03 and then swings between 20 and 115.
  EXPECT_GT(firstTrip(1.0), 0);
  EXPECT_GT(firstTrip(0.3), 0);
  EXPECT_EQ(firstTrip(0.1), -1);
  EXPECT_EQ(firstTrip(0.01), -1);
}
