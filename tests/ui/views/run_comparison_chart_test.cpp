#include "views/run_comparison_chart.h"

#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>

namespace {

std::vector<double> curve(std::size_t count, double rate) {
  std::vector<double> losses(count);
  for (std::size_t i = 0; i < count; ++i) {
    losses[i] = std::exp(-rate * static_cast<double>(i)) + 0.01 * std::sin(0.37 * i);
  }
  return losses;
}

}  // namespace

class RunComparisonChartTest : public QObject {
  Q_OBJECT

 private slots:
  // Nine runs in one legend row cut each whole label to "ru…": the legend names a run by its
  // number, cell and size (and "(live)"); the settings stay in the run's label.
  void legendNamesRunsShortly() {
    RunComparisonChart chart;
    chart.resize(700, 400);
    const int live = chart.addRun(
        QStringLiteral("run 2: LSTM H=8 · adam η=0.01 clip 5 (live)"), curve(20, 0.1));
    chart.addRun(QStringLiteral("运行 3：GRU H=8 · adam η=0.01 裁剪值 5（实时）"), curve(20, 0.1));
    QStringList legend;
    for (QLegendMarker* marker : chart.chartView()->chart()->legend()->markers()) {
      legend << marker->label();
    }
    QCOMPARE(legend, QStringList({QStringLiteral("run 2: LSTM H=8 (live)"),
                                  QStringLiteral("运行 3：GRU H=8（实时）")}));
    QCOMPARE(chart.runLabel(live), QStringLiteral("run 2: LSTM H=8 · adam η=0.01 clip 5 (live)"));
  }

  void eachRunHasItsLabelAndItsOwnColour() {
    RunComparisonChart chart;
    chart.resize(700, 400);
    const int a = chart.addRun(QStringLiteral("sgd η=0.01"), curve(100, 0.01));
    const int b = chart.addRun(QStringLiteral("sgd η=0.1"), curve(100, 0.1));
    const int c = chart.addRun(QStringLiteral("sgd η=0.1, no clipping"), curve(50, 0.2));
    QCOMPARE(chart.runCount(), 3);
    QCOMPARE(chart.runLabel(b), QStringLiteral("sgd η=0.1"));
    const std::set<QRgb> colours = {chart.runColor(a).rgb(), chart.runColor(b).rgb(),
                                    chart.runColor(c).rgb()};
    QCOMPARE(colours.size(), std::size_t{3});

    QStringList legend;
    for (QLegendMarker* marker : chart.chartView()->chart()->legend()->markers()) {
      legend << marker->label();
    }
    QCOMPARE(legend, QStringList({QStringLiteral("sgd η=0.01"), QStringLiteral("sgd η=0.1"),
                                  QStringLiteral("sgd η=0.1, no clipping")}));

    chart.refresh();
    QCOMPARE(chart.displayedPointCount(a), 100);  // short runs are drawn point for point
    QCOMPARE(chart.displayedPointCount(c), 50);

    const QColor freed = chart.runColor(b);
    chart.removeRun(b);
    QCOMPARE(chart.runCount(), 2);
    QCOMPARE(chart.displayedPointCount(b), -1);
    QVERIFY(!chart.runColor(b).isValid());
    // The next run takes the freed colour, not one a remaining run has.
    const int d = chart.addRun(QStringLiteral("adam"), curve(10, 0.3));
    QCOMPARE(chart.runColor(d), freed);
    chart.clear();
    QCOMPARE(chart.runCount(), 0);
    QVERIFY(chart.chartView()->chart()->series().isEmpty());
  }

  void longRunsAreDecimatedPerPixelColumn() {
    RunComparisonChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const int longRun = chart.addRun(QStringLiteral("long"), curve(1000000, 1e-5));
    const int halfRun = chart.addRun(QStringLiteral("half"), curve(500000, 2e-5));
    chart.refresh();
    const int columns = static_cast<int>(chart.chartView()->chart()->plotArea().width());
    QVERIFY(columns > 100);
    QVERIFY(chart.displayedPointCount(longRun) <= 2 * columns);
    QVERIFY(chart.displayedPointCount(longRun) > columns / 2);
    // Half as long: about half the columns.
    QVERIFY(chart.displayedPointCount(halfRun) <= columns + 2);

    chart.updateRun(halfRun, curve(1000000, 2e-5));
    QTRY_VERIFY(chart.displayedPointCount(halfRun) > columns + 2);  // the timer redraws
    QVERIFY(chart.displayedPointCount(halfRun) <= 2 * columns);
  }

  void logScaleToggles() {
    RunComparisonChart chart;
    chart.resize(600, 300);
    std::vector<double> withZero = curve(20, 0.5);
    withZero[5] = 0.0;  // a log axis cannot show it; it must not break the chart
    chart.addRun(QStringLiteral("a"), withZero);
    QSignalSpy spy(&chart, &RunComparisonChart::logScaleChanged);
    chart.setLogScale(true);
    QVERIFY(chart.logScale());
    QCOMPARE(spy.count(), 1);
    chart.refresh();
    const auto visibleY = [&chart] {
      QAbstractAxis* shown = nullptr;
      for (QAbstractAxis* axis : chart.chartView()->chart()->axes(Qt::Vertical)) {
        shown = axis->isVisible() ? axis : shown;
      }
      return shown;
    };
    auto* log = qobject_cast<QLogValueAxis*>(visibleY());
    QVERIFY(log != nullptr);
    QCOMPARE(chart.chartView()->chart()->series().constFirst()->attachedAxes().size(), 2);
    QVERIFY(chart.chartView()->chart()->series().constFirst()->attachedAxes().contains(log));
    auto* series = qobject_cast<QLineSeries*>(chart.chartView()->chart()->series().constFirst());
    for (const QPointF& p : series->points()) {
      QVERIFY(p.y() > 0.0 && p.y() >= log->min());  // the zero sits on the floor
    }
    chart.setLogScale(false);
    QCOMPARE(spy.count(), 2);
    chart.refresh();
    auto* linear = qobject_cast<QValueAxis*>(visibleY());
    QVERIFY(linear != nullptr);
    QVERIFY(linear->min() <= 0.0);  // from 0 (or below, for a negative loss)
    const QList<QPointF> points = series->points();
    QVERIFY(std::any_of(points.begin(), points.end(),
                        [](const QPointF& p) { return p.y() == 0.0; }));  // the real value again
  }
};

QTEST_MAIN(RunComparisonChartTest)
#include "run_comparison_chart_test.moc"
