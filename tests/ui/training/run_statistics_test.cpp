// RunStatistics: what one iteration adds, what a new run clears (and what it keeps), and the
// rate over the recent past, on time points given by the test.

#include "training/run_statistics.h"

#include <QTest>
#include <cmath>

#include "training/training_snapshot.h"

using Clock = RunStatistics::Clock;
using std::chrono::milliseconds;

namespace {

rnnlab::IterationReport report(long iteration, double loss, bool clipped, double normBefore) {
  rnnlab::IterationReport result;
  result.iteration = iteration;
  result.loss = loss;
  result.clip.normBefore = normBefore;
  result.clip.normAfter = clipped ? 1.0 : normBefore;
  result.clip.normClipped = clipped;
  return result;
}

}  // namespace

class RunStatisticsTest : public QObject {
  Q_OBJECT

 private slots:
  void countsEveryIterationAndWhereClippingActed();
  void aNewRunClearsTheCountsButNotTheTrainingTime();
  void aDivergenceKeepsTheLastNorms();
  void rateIsMeasuredOverTheLastSecondWhileRunning();
};

void RunStatisticsTest::countsEveryIterationAndWhereClippingActed() {
  RunStatistics statistics;
  QVERIFY(std::isnan(statistics.lastLoss()));
  statistics.count(report(0, 2.0, true, 3.0));
  statistics.count(report(1, 1.5, false, 0.5));
  statistics.count(report(2, 1.25, true, 2.0));
  QCOMPARE(statistics.countedIterations(), 3L);
  QCOMPARE(statistics.clippedIterations(), 2L);
  QCOMPARE(statistics.lastLoss(), 1.25);
  QVERIFY(statistics.lastClip().normClipped);

  TrainingSnapshot snapshot;
  statistics.addTrainingTime(milliseconds(250));
  statistics.fill(snapshot);
  QCOMPARE(snapshot.loss, 1.25);
  QCOMPARE(snapshot.clipCountedIterations, 3L);
  QCOMPARE(snapshot.clippedIterations, 2L);
  QCOMPARE(snapshot.lastNormBefore, 2.0);
  QCOMPARE(snapshot.lastNormAfter, 1.0);
  QCOMPARE(snapshot.elapsedSeconds, 0.25);
}

void RunStatisticsTest::aNewRunClearsTheCountsButNotTheTrainingTime() {
  RunStatistics statistics;
  statistics.count(report(0, 2.0, true, 3.0));
  statistics.addTrainingTime(milliseconds(500));
  statistics.startRun();  // a branch: a new run, same training session
  TrainingSnapshot snapshot;
  statistics.fill(snapshot);
  QVERIFY(std::isnan(snapshot.loss));
  QCOMPARE(snapshot.clipCountedIterations, 0L);
  QCOMPARE(snapshot.clippedIterations, 0L);
  QCOMPARE(snapshot.lastNormBefore, 0.0);
  QCOMPARE(snapshot.lastNormAfter, 0.0);
  QCOMPARE(snapshot.elapsedSeconds, 0.5);
  statistics.clearTrainingTime();  // a reset
  QCOMPARE(statistics.elapsedSeconds(), 0.0);
}

void RunStatisticsTest::aDivergenceKeepsTheLastNorms() {
  RunStatistics statistics;
  statistics.count(report(0, 2.0, true, 3.0));
  statistics.diverged(std::nan(""));
  QVERIFY(std::isnan(statistics.lastLoss()));
  QVERIFY(!statistics.lastClip().acted());
  TrainingSnapshot snapshot;
  statistics.fill(snapshot);
  QCOMPARE(snapshot.lastNormBefore, 3.0);
  QCOMPARE(snapshot.clipCountedIterations, 1L);
}

void RunStatisticsTest::rateIsMeasuredOverTheLastSecondWhileRunning() {
  RunStatistics statistics;
  const Clock::time_point t0{};
  QCOMPARE(statistics.sampleRate(t0, 0, true), 0.0);  // one sample: no span yet
  QCOMPARE(statistics.sampleRate(t0 + milliseconds(500), 1000, true), 2000.0);
  QCOMPARE(statistics.sampleRate(t0 + milliseconds(1000), 2000, true), 2000.0);
  // Slower from here; the samples older than a second drop out of the window.
  QCOMPARE(statistics.sampleRate(t0 + milliseconds(2000), 2500, true), 500.0);
  QCOMPARE(statistics.sampleRate(t0 + milliseconds(3000), 3000, true), 500.0);
  // Paused: 0, and a resumed run does not count the pause.
  QCOMPARE(statistics.sampleRate(t0 + milliseconds(4000), 3000, false), 0.0);
  QCOMPARE(statistics.sampleRate(t0 + milliseconds(9000), 3000, true), 0.0);
  QCOMPARE(statistics.sampleRate(t0 + milliseconds(9500), 3400, true), 800.0);
}

QTEST_GUILESS_MAIN(RunStatisticsTest)
#include "run_statistics_test.moc"
