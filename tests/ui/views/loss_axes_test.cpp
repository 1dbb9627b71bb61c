// LossAxes: the axes both loss charts share, their log switch and their fitting rules.

#include "views/loss_axes.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSignalSpy>
#include <QValueAxis>
#include <QtTest>
#include <cmath>
#include <limits>

class LossAxesTest : public QObject {
  Q_OBJECT

 private slots:
  void startsLinearWithTheLogAxisHidden() {
    QChart chart;
    LossAxes axes(&chart);
    QCOMPARE(chart.axes(Qt::Horizontal).size(), 1);
    QCOMPARE(chart.axes(Qt::Vertical).size(), 2);
    QVERIFY(!axes.logScale());
    QCOMPARE(axes.y(), static_cast<QAbstractAxis*>(axes.yLinear()));
    QVERIFY(axes.yLinear()->isVisible());
    QVERIFY(!axes.yLog()->isVisible());
    QCOMPARE(axes.x()->titleText(), QStringLiteral("iteration"));
  }

  void switchingMovesTheSeriesAndSyncsTheToggle() {
    QChart chart;
    LossAxes axes(&chart);
    auto* series = new QLineSeries;
    chart.addSeries(series);
    axes.attach(series);
    QVERIFY(series->attachedAxes().contains(axes.yLinear()));
    QCheckBox toggle;
    QSignalSpy toggled(&toggle, &QCheckBox::toggled);
    QVERIFY(axes.setLogScale(true, {series}, &toggle));
    QVERIFY(toggle.isChecked());
    QCOMPARE(toggled.count(), 0);  // shown, not signalled: no loop back into the chart
    QVERIFY(series->attachedAxes().contains(axes.yLog()));
    QVERIFY(!series->attachedAxes().contains(axes.yLinear()));
    QVERIFY(axes.yLog()->isVisible());
    QVERIFY(!axes.yLinear()->isVisible());
    QVERIFY(!axes.setLogScale(true, {series}, &toggle));  // no change
    QVERIFY(axes.setLogScale(false, {series}));
    QVERIFY(series->attachedAxes().contains(axes.yLinear()));
  }

  void linearFitStartsAtZeroAndEndsOnATick() {
    QChart chart;
    LossAxes axes(&chart);
    axes.fitY(0.3, 2.7, 0.3);
    QCOMPARE(axes.yLinear()->min(), 0.0);
    QCOMPARE(axes.yLinear()->tickInterval(), 1.0);  // about 5 intervals over 2.7: 1
    QCOMPARE(axes.yLinear()->max(), 3.0);
    axes.fitY(-0.2, 0.4, 0.1);  // a negative loss: the axis goes below 0
    QCOMPARE(axes.yLinear()->min(), -0.2);
    axes.fitY(1.0, 1.0, 1.0);  // a flat curve still gets a range
    QVERIFY(axes.yLinear()->max() > axes.yLinear()->min());
    axes.fitY(std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
              std::numeric_limits<double>::infinity());  // no data
    QCOMPARE(axes.yLinear()->min(), 0.0);
    QCOMPARE(axes.yLinear()->max(), 1.0);
  }

  // Qt Charts leaves a vertical title the labels' width minus that of "...": one-digit labels
  // cut a Chinese title to "⋮". Whole-number ticks below 100 carry one decimal.
  void wholeNumberLabelsAreWiderThanAnEllipsis() {
    QChart chart;
    LossAxes axes(&chart);
    axes.setYRange(0.0, 5.0);
    QVERIFY(axes.yLinear()->tickInterval() >= 1.0);
    QCOMPARE(axes.yLinear()->labelFormat(), QStringLiteral("%.1f"));
    const QFontMetricsF metrics(axes.yLinear()->labelsFont());
    QVERIFY(metrics.horizontalAdvance(QString::asprintf("%.1f", 5.0)) >
            metrics.horizontalAdvance(QStringLiteral("...")));
    axes.setYRange(0.0, 2.5);  // 0.5 steps: "0.5" is wide already, and "%.1f" would cut 0.25
    QCOMPARE(axes.yLinear()->labelFormat(), QStringLiteral("%.4g"));
    axes.setYRange(0.0, 500.0);  // "100" is wide enough
    QCOMPARE(axes.yLinear()->labelFormat(), QStringLiteral("%.4g"));
  }

  void logFitCoversWholeDecadesAndFloorsZeros() {
    QChart chart;
    LossAxes axes(&chart);
    axes.setLogScale(true, {});
    axes.fitY(0.003, 2.0, 0.003);
    // Just below 1e-3 (Qt 6.4 drops the label of a tick exactly at the minimum), up to 10.
    QVERIFY(std::abs(axes.yLog()->min() - 0.000999) < 1e-12);
    QCOMPARE(axes.yLog()->max(), 10.0);
    // A zero loss: the floor is a decade below the smallest positive one.
    QCOMPARE(LossAxes::logFloor(0.02), 0.002);
    QVERIFY(LossAxes::logFloor(std::numeric_limits<double>::infinity()) > 0.0);
    axes.fitY(0.0, 1.0, 0.02);
    QVERIFY(std::abs(axes.yLog()->min() - 0.000999) < 1e-12);
    std::vector<QPointF> points{{0, 0.0}, {1, -1.0}, {2, 0.5}};
    LossAxes::raiseToFloor(points, 0.002);
    QCOMPARE(points[0].y(), 0.002);
    QCOMPARE(points[1].y(), 0.002);
    QCOMPARE(points[2].y(), 0.5);
  }

  void xTicksAreWholeIterations() {
    QChart chart;
    LossAxes axes(&chart);
    axes.setXRange(0.0, 3.0);
    QCOMPARE(axes.x()->tickInterval(), 1.0);  // never a fraction of an iteration
    axes.setXRange(0.0, 1000.0);
    QCOMPARE(axes.x()->tickInterval(), 200.0);
    QCOMPARE(axes.x()->max(), 1000.0);
  }

  void plotColumnsFollowThePlotWidth() {
    QChart* chart = new QChart;
    LossAxes axes(chart);
    QCOMPARE(axes.plotColumns(), 800);  // not laid out yet: a sensible default
    QChartView view(chart);
    view.resize(640, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(chart->plotArea().width() > 10);
    QCOMPARE(axes.plotColumns(), static_cast<int>(chart->plotArea().width()));
  }
};

QTEST_MAIN(LossAxesTest)
#include "loss_axes_test.moc"
