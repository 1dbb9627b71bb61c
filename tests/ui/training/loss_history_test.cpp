// LossHistory: the merge rule (batches that start before the end, reach past it, or leave a gap)
// and the signals that tell views what changed.

#include "training/loss_history.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <vector>

class LossHistoryTest : public QObject {
  Q_OBJECT

 private slots:
  void appendingEmitsGrownFromTheOldEnd();
  void aBatchStartingEarlierCutsBackThenGrows();
  void aBatchReachingPastTheEndIsCutToIt();
  void aDivergenceWithoutNewLossesOnlyCutsBack();
  void clearEmitsCutBackToZeroOnce();
  void aGapIsFilledWithNaNAndWarned();
  void mergeOnAPlainVectorFollowsTheSameRule();
  void validationPointsFollowTheRunsEnd();
  void aLongRunStaysWithinTheBoundAndKeepsItsLatestLossesExact();
  void validationPointsAreThinnedBeyondTheirCap();
};

namespace {

std::size_t firstArgument(const QSignalSpy& spy, int index) {
  return spy.at(index).at(0).value<std::size_t>();
}

}  // namespace

void LossHistoryTest::appendingEmitsGrownFromTheOldEnd() {
  LossHistory history;
  QSignalSpy grown(&history, &LossHistory::grown);
  QSignalSpy cut(&history, &LossHistory::cutBack);
  history.update(0, {3.0, 2.0}, 2);
  history.update(2, {1.5}, 3);
  QVERIFY(history.losses() == std::vector<double>({3.0, 2.0, 1.5}));
  QCOMPARE(history.size(), std::size_t{3});
  QCOMPARE(grown.count(), 2);
  QCOMPARE(firstArgument(grown, 0), std::size_t{0});
  QCOMPARE(firstArgument(grown, 1), std::size_t{2});
  QCOMPARE(cut.count(), 0);

  history.update(3, {}, 3);  // a snapshot without new losses changes nothing
  QCOMPARE(grown.count(), 2);
  QCOMPARE(cut.count(), 0);
}

void LossHistoryTest::aBatchStartingEarlierCutsBackThenGrows() {
  // A branch from iteration 2 of a run at 4: the old losses from 2 on go, the new run's come.
  LossHistory history;
  history.update(0, {4.0, 3.0, 2.0, 1.0}, 4);
  std::vector<std::size_t> order;  // cutBack sizes, then grown firsts + 100
  connect(&history, &LossHistory::cutBack, [&](std::size_t size) { order.push_back(size); });
  connect(&history, &LossHistory::grown, [&](std::size_t first) { order.push_back(first + 100); });
  history.update(2, {2.5, 2.25, 2.125}, 5);
  QVERIFY(history.losses() == std::vector<double>({4.0, 3.0, 2.5, 2.25, 2.125}));
  QVERIFY(order == std::vector<std::size_t>({2, 102}));
}

void LossHistoryTest::aBatchReachingPastTheEndIsCutToIt() {
  // A divergence took the last update back: the run is at 3, the batch had a loss for 3 too.
  LossHistory history;
  QSignalSpy grown(&history, &LossHistory::grown);
  history.update(0, {4.0, 3.0, 2.0, 1.0}, 3);
  QVERIFY(history.losses() == std::vector<double>({4.0, 3.0, 2.0}));
  QCOMPARE(grown.count(), 1);
}

void LossHistoryTest::aDivergenceWithoutNewLossesOnlyCutsBack() {
  // The loss of iteration 3 was handed over already; then its update was taken back.
  LossHistory history;
  history.update(0, {4.0, 3.0, 2.0, 1.0}, 4);
  QSignalSpy grown(&history, &LossHistory::grown);
  QSignalSpy cut(&history, &LossHistory::cutBack);
  history.update(4, {}, 3);
  QVERIFY(history.losses() == std::vector<double>({4.0, 3.0, 2.0}));
  QCOMPARE(cut.count(), 1);
  QCOMPARE(firstArgument(cut, 0), std::size_t{3});
  QCOMPARE(grown.count(), 0);
}

void LossHistoryTest::clearEmitsCutBackToZeroOnce() {
  LossHistory history;
  QSignalSpy cut(&history, &LossHistory::cutBack);
  history.clear();
  QCOMPARE(cut.count(), 0);  // nothing to drop
  history.update(0, {1.0}, 1);
  history.clear();
  QVERIFY(history.empty());
  QCOMPARE(cut.count(), 1);
  QCOMPARE(firstArgument(cut, 0), std::size_t{0});
}

void LossHistoryTest::aGapIsFilledWithNaNAndWarned() {
  LossHistory history;
  history.update(0, {1.0}, 1);
  QSignalSpy grown(&history, &LossHistory::grown);
  QTest::ignoreMessage(QtWarningMsg, QRegularExpression("iterations 1..2 are missing"));
  history.update(3, {0.5}, 4);
  QCOMPARE(history.size(), std::size_t{4});
  QVERIFY(std::isnan(history.losses()[1]) && std::isnan(history.losses()[2]));
  QCOMPARE(history.losses()[3], 0.5);
  QCOMPARE(grown.count(), 1);
  QCOMPARE(firstArgument(grown, 0), std::size_t{1});
}

void LossHistoryTest::mergeOnAPlainVectorFollowsTheSameRule() {
  std::vector<double> losses = {5.0, 4.0, 3.0};
  QCOMPARE(LossHistory::merge(losses, 3, {2.0, 1.0}, 5), std::size_t{3});
  QVERIFY(losses == std::vector<double>({5.0, 4.0, 3.0, 2.0, 1.0}));
  QCOMPARE(LossHistory::merge(losses, 1, {9.0, 8.0}, 2), std::size_t{1});
  QVERIFY(losses == std::vector<double>({5.0, 9.0}));
}

void LossHistoryTest::validationPointsFollowTheRunsEnd() {
  using Point = LossHistory::Point;
  LossHistory history;
  QSignalSpy changed(&history, &LossHistory::validationChanged);
  history.update(0, {5.0, 4.0, 3.0, 2.0}, 4);
  history.addValidation({{0, 9.0}, {2, 8.0}});
  history.addValidation({{4, 7.0}});
  QCOMPARE(changed.count(), 2);
  QVERIFY(history.validation() == std::vector<Point>({{0, 9.0}, {2, 8.0}, {4, 7.0}}));
  // More losses leave the points alone.
  history.update(4, {1.0, 1.0}, 6);
  QCOMPARE(changed.count(), 2);
  // A divergence takes iterations 5.. back: the point of iteration 4's weights stays.
  history.update(6, {}, 5);
  QCOMPARE(changed.count(), 2);
  history.update(5, {}, 3);
  QCOMPARE(changed.count(), 3);
  QVERIFY(history.validation() == std::vector<Point>({{0, 9.0}, {2, 8.0}}));
  // A branch from iteration 1 drops the points of the old run's later weights.
  history.update(1, {}, 1);
  QVERIFY(history.validation() == std::vector<Point>({{0, 9.0}}));
  // A point for an iteration already measured replaces it.
  history.addValidation({{0, 6.0}});
  QVERIFY(history.validation() == std::vector<Point>({{0, 6.0}}));
  history.clear();
  QVERIFY(history.validation().empty());
}

void LossHistoryTest::aLongRunStaysWithinTheBoundAndKeepsItsLatestLossesExact() {
  // Small caps, so that the run folds many times: 2,000,000 iterations in snapshot-sized batches.
  LossHistory history(1000, 256);
  QSignalSpy grown(&history, &LossHistory::grown);
  std::vector<double> batch(5000);
  std::size_t largest = 0;
  double spike = 0.0;
  for (std::size_t first = 0; first < 2'000'000; first += batch.size()) {
    for (std::size_t k = 0; k < batch.size(); ++k) {
      batch[k] = 1.0 / static_cast<double>(1 + first + k);
    }
    if (first == 700'000) {
      batch[17] = 42.0;  // a spike long folded by the end
      spike = batch[17];
    }
    history.update(first, batch, first + batch.size());
    largest = std::max(largest, history.losses().byteSize());
  }
  QCOMPARE(history.size(), std::size_t{2'000'000});
  QCOMPARE(grown.count(), 400);
  QVERIFY(largest <= history.losses().maxBytes());
  QVERIFY(history.losses().maxBytes() < 1000 * 8 + 257 * 32 + 512);
  // The latest 1000 exact; the spike still in the envelope of the whole run.
  QCOMPARE(history.losses().exactBegin(), std::size_t{2'000'000 - 1000});
  QCOMPARE(history.losses()[1'999'999], 1.0 / 2'000'000.0);
  QCOMPARE(history.losses().summarize(0, 1'999'999).max, spike);
  QCOMPARE(history.losses().summarize(600'000, 800'000).max, spike);
  QVERIFY(history.losses().summarize(0, 600'000).max < spike);
  // The default record: at most 16 MiB and a bit for any number of iterations.
  QVERIFY(LossHistory().losses().maxBytes() <= (std::size_t{16} << 20) + 1024);
}

void LossHistoryTest::validationPointsAreThinnedBeyondTheirCap() {
  using Point = LossHistory::Point;
  LossHistory history;
  const long total = 3 * static_cast<long>(LossHistory::MaxValidationPoints);
  for (long i = 1; i <= total; ++i) {
    history.addValidation({Point{10 * i, 1.0 / static_cast<double>(i)}});
    QVERIFY(history.validation().size() <= LossHistory::MaxValidationPoints);
  }
  // Still in order, still spanning the run, each kept point its exact value.
  const std::vector<Point>& points = history.validation();
  QVERIFY(points.size() > LossHistory::MaxValidationPoints / 2);
  QCOMPARE(points.front().iteration, 10L);
  QCOMPARE(points.back().iteration, 10 * total);
  for (std::size_t i = 0; i < points.size(); ++i) {
    QCOMPARE(points[i].value, 10.0 / static_cast<double>(points[i].iteration));
    if (i > 0) {
      QVERIFY(points[i].iteration > points[i - 1].iteration);
    }
  }
}

QTEST_GUILESS_MAIN(LossHistoryTest)
#include "loss_history_test.moc"
