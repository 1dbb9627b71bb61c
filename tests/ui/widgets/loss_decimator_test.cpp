// LossDecimator keeps every pixel column's extremes, so the drawn curve covers exactly the band
// the full curve would.

#include "widgets/loss_decimator.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

class LossDecimatorTest : public QObject {
  Q_OBJECT

 private slots:
  void fewerPointsThanColumnsAreKeptAsTheyAre() {
    const std::vector<double> ys{3.0, 1.0, 2.0};
    const auto points = LossDecimator::decimate(ys, 0, 2, 100);
    QCOMPARE(points.size(), std::size_t{3});
    for (std::size_t i = 0; i < ys.size(); ++i) {
      QCOMPARE(points[i], QPointF(static_cast<double>(i), ys[i]));
    }
  }

  void emptyAndOutOfRange() {
    QVERIFY(LossDecimator::decimate({}, 0, 10, 10).empty());
    QVERIFY(LossDecimator::decimate({1.0, 2.0}, 5, 10, 10).empty());
    QVERIFY(LossDecimator::decimate({1.0, 2.0}, 1, 0, 10).empty());
    // Ranges are clamped to the data.
    QCOMPARE(LossDecimator::decimate({1.0, 2.0}, -5, 50, 10).size(), std::size_t{2});
    // Zero columns behave as one.
    QCOMPARE(LossDecimator::decimate(std::vector<double>(100, 1.0), 0, 99, 0).size(),
             std::size_t{1});
  }

  void keepsEachColumnsMinimumAndMaximumInOrder() {
    std::vector<double> ys(1000);
    for (std::size_t i = 0; i < ys.size(); ++i) {
      ys[i] = std::sin(0.37 * static_cast<double>(i)) + 0.001 * static_cast<double>(i);
    }
    const int columns = 10;
    const auto points = LossDecimator::decimate(ys, 0, 999, columns);
    QVERIFY(points.size() <= 2 * static_cast<std::size_t>(columns));
    for (std::size_t i = 1; i < points.size(); ++i) {
      QVERIFY(points[i].x() > points[i - 1].x());  // iteration order
    }
    for (int column = 0; column < columns; ++column) {
      const auto begin = ys.begin() + column * 100;
      const double low = *std::min_element(begin, begin + 100);
      const double high = *std::max_element(begin, begin + 100);
      bool sawLow = false;
      bool sawHigh = false;
      for (const QPointF& p : points) {
        if (p.x() >= column * 100 && p.x() < (column + 1) * 100) {
          QCOMPARE(p.y(), ys[static_cast<std::size_t>(p.x())]);  // real points only
          sawLow = sawLow || p.y() == low;
          sawHigh = sawHigh || p.y() == high;
        }
      }
      QVERIFY(sawLow);
      QVERIFY(sawHigh);
    }
  }

  void subRangeAndOffset() {
    std::vector<double> ys(100);
    for (std::size_t i = 0; i < ys.size(); ++i) {
      ys[i] = static_cast<double>(i);
    }
    const auto points = LossDecimator::decimate(ys, 40, 59, 5, 1000.0);
    QCOMPARE(points.size(), std::size_t{10});
    QCOMPARE(points.front(), QPointF(1040.0, 40.0));
    QCOMPARE(points.back(), QPointF(1059.0, 59.0));
  }

  void constantRunsGiveOnePointPerColumn() {
    const std::vector<double> ys(1000, 0.5);
    QCOMPARE(LossDecimator::decimate(ys, 0, 999, 20).size(), std::size_t{20});
  }

  void skipsNonFiniteLosses() {
    std::vector<double> ys(1000, 1.0);
    ys[10] = std::numeric_limits<double>::quiet_NaN();
    ys[500] = std::numeric_limits<double>::infinity();
    for (const QPointF& p : LossDecimator::decimate(ys, 0, 999, 10)) {
      QVERIFY(std::isfinite(p.y()));
    }
    for (const QPointF& p : LossDecimator::decimate(ys, 5, 15, 100)) {
      QVERIFY(std::isfinite(p.y()));
    }
  }

  void millionPoints() {
    std::vector<double> ys(1'000'000);
    for (std::size_t i = 0; i < ys.size(); ++i) {
      ys[i] = 1.0 / (1.0 + 0.001 * static_cast<double>(i));
    }
    ys[123'456] = 5.0;  // one spike must survive decimation
    ys[654'321] = -1.0;
    const auto points = LossDecimator::decimate(ys, 0, 999'999, 800);
    QVERIFY(points.size() <= 1600);
    QVERIFY(points.size() >= 800);
    QVERIFY(std::any_of(points.begin(), points.end(),
                        [](const QPointF& p) { return p.x() == 123'456 && p.y() == 5.0; }));
    QVERIFY(std::any_of(points.begin(), points.end(),
                        [](const QPointF& p) { return p.x() == 654'321 && p.y() == -1.0; }));
    QCOMPARE(points.front().x(), 0.0);
    QCOMPARE(points.back().x(), 999'999.0);
  }

  void aFoldedRecordKeepsEveryColumnsEnvelope() {
    // 10,000 losses, the latest 100 exact, the rest in at most 16 buckets; a spike and a dip
    // in the folded part.
    rnnlab::LossRecord record(100, 16);
    std::vector<double> all;
    for (int k = 0; k < 10'000; ++k) {
      double y = 2.0 + std::sin(0.01 * k);
      if (k == 2345) {
        y = 40.0;
      } else if (k == 7777) {
        y = -3.0;
      }
      record.push_back(y);
      all.push_back(y);
    }
    QVERIFY(!record.isExact(2345) && !record.isExact(7777));
    const int columns = 50;
    const auto points = LossDecimator::decimateRecord(record, 0, 9'999, columns);
    QVERIFY(points.size() <= 2 * static_cast<std::size_t>(columns));
    double highest = -1e9;
    double lowest = 1e9;
    for (std::size_t i = 0; i < points.size(); ++i) {
      highest = std::max(highest, points[i].y());
      lowest = std::min(lowest, points[i].y());
      QVERIFY(points[i].x() >= 0.0 && points[i].x() <= 9'999.0);
      if (i > 0) {
        QVERIFY(points[i].x() >= points[i - 1].x());  // in iteration order
      }
    }
    QCOMPARE(highest, 40.0);
    QCOMPARE(lowest, -3.0);
    // The exact tail, zoomed in: the losses themselves.
    const auto tail = LossDecimator::decimateRecord(record, 9'950, 9'999, columns);
    QCOMPARE(tail.size(), std::size_t{50});
    for (const QPointF& p : tail) {
      QCOMPARE(p.y(), all[static_cast<std::size_t>(p.x())]);
    }
  }
};

QTEST_MAIN(LossDecimatorTest)
#include "loss_decimator_test.moc"
