// PaceLimiter on time points given by the test: how many iterations are due when, and what a
// tick that ran too few does.

#include "training/pace_limiter.h"

#include <QTest>

using Clock = PaceLimiter::Clock;
using std::chrono::milliseconds;

class PaceLimiterTest : public QObject {
  Q_OBJECT

 private slots:
  void fullSpeedIsNotLimited();
  void tickIntervalFollowsTheSpeedWithinBounds();
  void dueIterationsFollowTheElapsedTime();
  void aTickThatRanTooFewStartsAfreshInsteadOfBursting();
  void watchSpreadsARunOverFifteenSeconds();
};

void PaceLimiterTest::fullSpeedIsNotLimited() {
  PaceLimiter pace;
  QVERIFY(!pace.limited());
  pace.setSpeed(-5);
  QCOMPARE(pace.speed(), 0);
  QVERIFY(!pace.limited());
  pace.setSpeed(20);
  QVERIFY(pace.limited());
}

void PaceLimiterTest::tickIntervalFollowsTheSpeedWithinBounds() {
  PaceLimiter pace;
  pace.setSpeed(1);
  QCOMPARE(pace.tickIntervalMs(), 100);  // at most 100 ms: a pause is noticed quickly
  pace.setSpeed(20);
  QCOMPARE(pace.tickIntervalMs(), 50);
  pace.setSpeed(5000);
  QCOMPARE(pace.tickIntervalMs(), 10);  // at least 10 ms: many iterations per tick
}

void PaceLimiterTest::dueIterationsFollowTheElapsedTime() {
  PaceLimiter pace;
  pace.setSpeed(20);  // one every 50 ms
  const Clock::time_point t0{};
  pace.start(t0);
  QCOMPARE(pace.due(t0), 1L);  // the first at once
  pace.ran(1, 1, t0);
  QCOMPARE(pace.due(t0 + milliseconds(49)), 0L);
  QCOMPARE(pace.due(t0 + milliseconds(50)), 1L);
  pace.ran(1, 1, t0 + milliseconds(50));
  // A late tick (timer jitter) catches up, so the average stays at the speed.
  QCOMPARE(pace.due(t0 + milliseconds(260)), 4L);
  pace.ran(4, 4, t0 + milliseconds(260));
  QCOMPARE(pace.due(t0 + milliseconds(1000)), 21L - 6L);
}

void PaceLimiterTest::aTickThatRanTooFewStartsAfreshInsteadOfBursting() {
  PaceLimiter pace;
  pace.setSpeed(1000);
  const Clock::time_point t0{};
  pace.start(t0);
  pace.ran(1, 1, t0);
  // 100 due, only 30 ran (too slow, or a command cut the tick short).
  QCOMPARE(pace.due(t0 + milliseconds(100)), 100L);
  pace.ran(30, 100, t0 + milliseconds(100));
  // Counting starts again at that moment: the 70 missed are not run later in a burst.
  QCOMPARE(pace.due(t0 + milliseconds(100)), 1L);
  QCOMPARE(pace.due(t0 + milliseconds(110)), 11L);
}

// Watch: a run of any length over about 15 s, never slower than one iteration a second.
void PaceLimiterTest::watchSpreadsARunOverFifteenSeconds() {
  QCOMPARE(PaceLimiter::WatchSeconds, 15);
  QCOMPARE(PaceLimiter::watchSpeed(1000), 67);    // the example: 15 s, not 0.02 s
  QCOMPARE(PaceLimiter::watchSpeed(20000), 1334);  // the sonnets preset
  QCOMPARE(PaceLimiter::watchSpeed(30), 2);
  QCOMPARE(PaceLimiter::watchSpeed(15), 1);
  QCOMPARE(PaceLimiter::watchSpeed(1), 1);
  QCOMPARE(PaceLimiter::watchSpeed(0), 1);
  QCOMPARE(PaceLimiter::watchSpeed(1'000'000'000L), 66'666'667);
}

QTEST_GUILESS_MAIN(PaceLimiterTest)
#include "pace_limiter_test.moc"
