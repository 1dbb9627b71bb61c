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

QTEST_GUILESS_MAIN(LossHistoryTest)
#include "loss_history_test.moc"
