// LossChart keeps the whole history but never hands Qt Charts more than about two points per
// pixel column, follows new data until the user zooms, and survives a log scale with zeros.

#include "views/loss_chart.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QTest>
#include <QValueAxis>
#include <cmath>
#include <vector>

#include "widgets/presentation_style.h"

namespace {

std::vector<double> decayingLosses(long first, long count) {
  std::vector<double> losses(static_cast<std::size_t>(count));
  for (long i = 0; i < count; ++i) {
    const double x = static_cast<double>(first + i);
    losses[static_cast<std::size_t>(i)] = 2.0 * std::exp(-x / 1e5) + 0.1 * std::sin(x / 50.0) + 0.2;
  }
  return losses;
}

}  // namespace

class LossChartTest : public QObject {
  Q_OBJECT

 private slots:
  void millionLossesInChunksStayDecimated() {
    LossChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const long total = 1'000'000;
    const long chunk = 33'333;
    for (long first = 0; first < total; first += chunk) {
      chart.appendLosses(first, decayingLosses(first, std::min(chunk, total - first)));
    }
    QCOMPARE(static_cast<long>(chart.history().size()), total);
    // The coalescing timer redraws once; wait for it rather than forcing it.
    QTRY_VERIFY_WITH_TIMEOUT(chart.displayedPointCount() > 0, 10000);
    const int limit = 2 * chart.width() + 16;
    QVERIFY2(chart.displayedPointCount() <= limit,
             qPrintable(QString::number(chart.displayedPointCount())));
    QVERIFY(chart.isFollowing());
    const auto* x =
        qobject_cast<QValueAxis*>(chart.chartView()->chart()->axes(Qt::Horizontal).constFirst());
    QVERIFY(x != nullptr);
    QCOMPARE(x->max(), static_cast<double>(total - 1));
  }

  void aRunLongerThanTheExactPartStillDrawsItsEnvelope() {
    // 3,000,000 iterations: the first 1,951,424 or so are folded into buckets. A spike in the
    // folded part must still reach the drawn curve, the readout there says what is kept, and
    // zooming into it shows the bucket's band, not invented detail.
    LossChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const long total = 3'000'000;
    const long chunk = 100'000;
    const long spikeAt = 400'123;
    for (long first = 0; first < total; first += chunk) {
      std::vector<double> losses = decayingLosses(first, chunk);
      if (spikeAt >= first && spikeAt < first + chunk) {
        losses[static_cast<std::size_t>(spikeAt - first)] = 9.0;
      }
      chart.appendLosses(first, losses);
    }
    const rnnlab::LossRecord& history = chart.history();
    QCOMPARE(static_cast<long>(history.size()), total);
    QVERIFY(!history.isExact(static_cast<std::size_t>(spikeAt)));
    QVERIFY(history.isExact(static_cast<std::size_t>(total - 1)));
    QVERIFY(history.byteSize() <= history.maxBytes());
    chart.refresh();
    const auto* series =
        qobject_cast<QLineSeries*>(chart.chartView()->chart()->series().constFirst());
    QVERIFY(series != nullptr);
    const int limit = 2 * chart.width() + 16;
    QVERIFY2(chart.displayedPointCount() <= limit,
             qPrintable(QString::number(chart.displayedPointCount())));
    double highest = 0.0;
    double highestAt = 0.0;
    for (const QPointF& p : series->points()) {
      if (p.y() > highest) {
        highest = p.y();
        highestAt = p.x();
      }
    }
    QCOMPARE(highest, 9.0);
    // Placed within its bucket.
    QVERIFY(std::abs(highestAt - static_cast<double>(spikeAt)) <=
            static_cast<double>(history.bucketWidth()));
    // Zoomed closer than a bucket: the band of that bucket, still reaching the spike.
    chart.zoomToIterations(static_cast<double>(spikeAt - 10), static_cast<double>(spikeAt + 10));
    chart.refresh();
    highest = 0.0;
    for (const QPointF& p : series->points()) {
      highest = std::max(highest, p.y());
    }
    QCOMPARE(highest, 9.0);
    // Hovering there names the bucket rather than pretending to an exact loss.
    const QRectF plot = chart.chartView()->chart()->plotArea();
    chart.hoverAt(plot.center());
    QVERIFY2(chart.readoutText().contains(QStringLiteral("bucket")),
             qPrintable(chart.readoutText()));
  }

  void logScaleHandlesZeroAndNegativeLosses() {
    LossChart chart;
    chart.resize(600, 300);
    chart.appendLosses(0, {1.0, 0.5, 0.0, -0.1, 0.25, 1e-8});
    chart.setLogScale(true);
    QVERIFY(chart.logScale());
    chart.refresh();
    QCOMPARE(chart.displayedPointCount(), 6);
    QLogValueAxis* log = nullptr;
    for (QAbstractAxis* axis : chart.chartView()->chart()->axes(Qt::Vertical)) {
      if (axis->isVisible()) {
        log = qobject_cast<QLogValueAxis*>(axis);
      }
    }
    QVERIFY(log != nullptr);
    QVERIFY(log->min() > 0.0);
    QVERIFY(log->min() <= 1e-8);
    QVERIFY(log->max() >= 1.0);
    // The drawn points sit on the axis: zero and negative losses at the floor, above 0.
    auto* series = qobject_cast<QLineSeries*>(chart.chartView()->chart()->series().constFirst());
    QVERIFY(series != nullptr);
    for (const QPointF& p : series->points()) {
      QVERIFY2(p.y() >= log->min() && p.y() > 0.0, qPrintable(QString::number(p.y())));
    }
    chart.setLogScale(false);
    chart.refresh();
    QCOMPARE(chart.displayedPointCount(), 6);
    // The history keeps the real values; only the drawing is clamped.
    QCOMPARE(chart.history()[2], 0.0);
  }

  // A text session's readout in a narrow dock breaks between its fields instead of cutting
  // "perplexity" off: every line fits, and no field is lost or split.
  void aNarrowReadoutBreaksBetweenFields() {
    LossChart chart;
    chart.setCharactersPerIteration(50);
    chart.setSecondSeries({QPointF(0.0, 4.175)}, QStringLiteral("validation"));
    chart.appendLosses(0, {180.0, 169.17});
    chart.resize(1400, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QString whole = chart.readoutText();
    QVERIFY2(whole.contains(QStringLiteral("perplexity ")), qPrintable(whole));
    QCOMPARE(chart.readoutLabel()->text(), whole);
    const QFontMetrics metrics(chart.readoutLabel()->font());
    chart.resize(chart.minimumSizeHint().width(), 300);
    QTRY_VERIFY(chart.readoutLabel()->contentsRect().width() <
                metrics.horizontalAdvance(whole.section(u'\n', 0, 0)));
    const QString shown = chart.readoutLabel()->text();
    QVERIFY(shown.count(u'\n') > whole.count(u'\n'));
    for (const QString& line : shown.split(u'\n')) {
      QVERIFY2(metrics.horizontalAdvance(line) <= chart.readoutLabel()->contentsRect().width(),
               qPrintable(line));
    }
    QCOMPARE(QString(shown).replace(u'\n', QStringLiteral("   ")),
             QString(whole).replace(u'\n', QStringLiteral("   ")));
  }

  void truncateDropsTheTailAndAppendContinues() {
    LossChart chart;
    chart.resize(600, 300);
    chart.appendLosses(0, {5.0, 4.0, 3.0, 2.0, 1.0});
    chart.truncate(3);
    QCOMPARE(chart.history().values(), (std::vector<double>{5.0, 4.0, 3.0}));
    QVERIFY2(chart.readoutText().contains(QStringLiteral("iteration 2")),
             qPrintable(chart.readoutText()));
    chart.truncate(10);  // longer than the history: nothing to drop
    QCOMPARE(chart.history().size(), std::size_t{3});
    // A caller driven by a loss history's cut-back: truncate, then append from the new end.
    chart.appendLosses(3, {2.5, 2.25});
    QCOMPARE(chart.history().values(), (std::vector<double>{5.0, 4.0, 3.0, 2.5, 2.25}));
    chart.refresh();
    QCOMPARE(chart.displayedPointCount(), 5);
    chart.truncate(0);
    QVERIFY(chart.history().empty());
    QCOMPARE(chart.readoutText(), QStringLiteral("no iterations yet"));
    chart.refresh();
    QCOMPARE(chart.displayedPointCount(), 0);
  }

  // A model trained elsewhere: the chart says where its losses start instead of "no iterations
  // yet" beside an iteration counter at 1,202.
  void clearedAtAStartIterationSaysWhereLossesBegin() {
    LossChart chart;
    chart.resize(600, 300);
    chart.clear(1202);
    QCOMPARE(chart.readoutText(), QStringLiteral("from iteration 1,202 (earlier losses not saved)"));
    chart.appendLosses(1202, {2.0, 1.5});
    QVERIFY2(chart.readoutText().contains(QStringLiteral("iteration 1203")),
             qPrintable(chart.readoutText()));
    chart.truncate(0);
    QCOMPARE(chart.readoutText(), QStringLiteral("from iteration 1,202 (earlier losses not saved)"));
    chart.clear();
    QCOMPARE(chart.readoutText(), QStringLiteral("no iterations yet"));
  }

  void zoomStopsFollowingAndFitResumes() {
    LossChart chart;
    chart.resize(600, 300);
    chart.appendLosses(0, decayingLosses(0, 10'000));
    chart.refresh();
    chart.zoomToIterations(1000.0, 2000.0);
    QVERIFY(!chart.isFollowing());
    chart.appendLosses(10'000, decayingLosses(10'000, 5'000));
    chart.refresh();
    const auto* x =
        qobject_cast<QValueAxis*>(chart.chartView()->chart()->axes(Qt::Horizontal).constFirst());
    QCOMPARE(x->min(), 1000.0);
    QCOMPARE(x->max(), 2000.0);
    chart.fit();
    QVERIFY(chart.isFollowing());
    QCOMPARE(x->max(), 14'999.0);
  }

  // Qt Charts elides a y label to "..." when the plot height per label, less 8 px of padding,
  // is below the font's height: a short docked chart gets fewer labels, a tall one keeps five
  // intervals.
  void shortChartsKeepTheirYLabelsReadable() {
    for (const int height : {150, 190, 500}) {
      LossChart chart;
      chart.resize(500, height);
      chart.show();
      QVERIFY(QTest::qWaitForWindowExposed(&chart));
      chart.appendLosses(0, {62147.2, 3.0, 1.0, 0.2, 0.05});
      chart.refresh();
      QChart* qchart = chart.chartView()->chart();
      const auto* y = qobject_cast<QValueAxis*>(qchart->axes(Qt::Vertical).constFirst());
      QVERIFY(y != nullptr);
      QTRY_VERIFY(qchart->plotArea().height() > 0);
      const int labels =
          static_cast<int>(std::floor((y->max() - y->min()) / y->tickInterval())) + 1;
      const double perLabel = qchart->plotArea().height() / labels - 8.0;
      QVERIFY2(perLabel >= QFontMetricsF(y->labelsFont()).height(),
               qPrintable(QStringLiteral("%1 px: %2 labels in %3 px")
                              .arg(height)
                              .arg(labels)
                              .arg(qchart->plotArea().height())));
      QVERIFY2(labels >= 2, qPrintable(QStringLiteral("%1 px: one label").arg(height)));
      if (height == 500) {
        QVERIFY2(labels >= 5, qPrintable(QString::number(labels)));
      }
    }
  }

  // A docked chart squeezed to ~150 px (1024×640 with two notices up) drops its axis titles so the
  // x axis's labels keep the room they need under the plot; a taller chart keeps its titles.
  void shortChartsKeepTheirXLabelsByDroppingTitles() {
    for (const int height : {150, 400}) {
      LossChart chart;
      chart.resize(400, height);
      chart.show();
      QVERIFY(QTest::qWaitForWindowExposed(&chart));
      chart.appendLosses(0, {5.0, 3.0, 1.0, 0.2, 0.05});
      chart.refresh();
      QChart* qchart = chart.chartView()->chart();
      auto* x = qobject_cast<QValueAxis*>(qchart->axes(Qt::Horizontal).constFirst());
      QVERIFY(x != nullptr);
      QTRY_VERIFY(qchart->plotArea().height() > 0);
      QCOMPARE(x->isTitleVisible(), height == 400);
      const double below = qchart->size().height() - qchart->plotArea().bottom();
      QVERIFY2(below >= QFontMetricsF(x->labelsFont()).height(),
               qPrintable(QStringLiteral("%1 px: %2 px under the plot").arg(height).arg(below)));
    }
  }

  void hoverReadsTheHistory() {
    LossChart chart;
    chart.resize(600, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    std::vector<double> losses(100);
    for (std::size_t i = 0; i < losses.size(); ++i) {
      losses[i] = 1.0 + static_cast<double>(i) / 1000.0;
    }
    chart.appendLosses(0, losses);
    chart.refresh();
    const QRectF plot = chart.chartView()->chart()->plotArea();
    chart.hoverAt(plot.center());
    const QString text = chart.readoutText();
    QVERIFY2(text.contains(QStringLiteral("iteration 49")) ||
                 text.contains(QStringLiteral("iteration 50")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1.049")) || text.contains(QStringLiteral("1.05")),
             qPrintable(text));
  }

  void appendsContinueAndReplace() {
    LossChart chart;
    chart.appendLosses(5, {1.0, 2.0});
    QCOMPARE(chart.firstIteration(), 5L);
    chart.appendLosses(7, {3.0});
    QCOMPARE(chart.history().size(), std::size_t{3});
    chart.appendLosses(6, {9.0});  // an overlap replaces from there on
    QCOMPARE(chart.history().values(), (std::vector<double>{1.0, 9.0}));
    chart.appendLosses(9, {4.0});  // a gap is filled with NaN, which is not drawn
    QCOMPARE(chart.history().size(), std::size_t{5});
    QVERIFY(std::isnan(chart.history()[2]));
    chart.refresh();
    QCOMPARE(chart.displayedPointCount(), 3);
    chart.clear();
    QVERIFY(chart.history().empty());
    QCOMPARE(chart.displayedPointCount(), 0);
  }
  // The second series (a validation loss) is drawn on the same iteration axis; per character
  // and perplexity transform both series, and the readout names both.
  void secondSeriesPerCharacterAndPerplexity() {
    LossChart chart;
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.appendLosses(0, std::vector<double>(100, 50.0));  // 2 per character at 25
    chart.setSecondSeries({QPointF(0, 75.0), QPointF(50, 62.5), QPointF(99, 50.0)},
                          QStringLiteral("validation"));
    chart.refresh();
    QCOMPARE(chart.displayedSecondPoints().size(), 3);
    QCOMPARE(chart.displayedSecondPoints()[1], QPointF(50, 62.5));
    QVERIFY(chart.unit() == LossChart::Unit::Loss);
    chart.setCharactersPerIteration(25);
    QVERIFY(chart.unit() == LossChart::Unit::PerCharacter);
    QCOMPARE(chart.displayedSecondPoints()[1], QPointF(50, 2.5));
    const auto* training = static_cast<QLineSeries*>(chart.chartView()->chart()->series().at(0));
    for (const QPointF& p : training->points()) {
      QCOMPARE(p.y(), 2.0);
    }
    QVERIFY2(chart.readoutText().contains(QStringLiteral("loss/char 2")),
             qPrintable(chart.readoutText()));
    QVERIFY(chart.readoutText().contains(QStringLiteral("validation 2 (it. 99)")));
    chart.setUnit(LossChart::Unit::Perplexity);
    QCOMPARE(chart.displayedSecondPoints()[0].y(), std::exp(3.0));
    for (const QPointF& p : training->points()) {
      QCOMPARE(p.y(), std::exp(2.0));
    }
    // The y axis reaches the validation curve's highest point.
    const auto* axis =
        static_cast<QValueAxis*>(chart.chartView()->chart()->axes(Qt::Vertical).at(0));
    QVERIFY(axis->max() >= std::exp(3.0));
    chart.setSecondSeries({}, QStringLiteral("validation"));
    chart.refresh();
    QCOMPARE(chart.displayedSecondPoints().size(), 0);
  }

  // A presentation enlarges the chart's own text (Qt Charts does not follow the application
  // font) and thickens its lines; back to the plain style, everything is as before.
  void presentationStyleScalesTextAndLinesAndRestores() {
    LossChart chart;
    chart.resize(700, 400);
    chart.appendLosses(0, decayingLosses(0, 500));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.refresh();
    QChart* qchart = chart.chartView()->chart();
    auto* x = qobject_cast<QValueAxis*>(qchart->axes(Qt::Horizontal).constFirst());
    auto* series = qobject_cast<QLineSeries*>(qchart->series().constFirst());
    QVERIFY(x != nullptr && series != nullptr);
    const QFont labels = x->labelsFont();
    const QFont title = x->titleFont();
    const QPen pen = series->pen();
    const QPen grid = x->gridLinePen();
    QApplication::processEvents();
    const QRectF plot = qchart->plotArea();

    PresentationStyle style;
    style.textScale = 1.75;
    style.lineScale = 2.0;
    style.highContrast = true;
    PresentationStyle::setCurrent(style);
    QCOMPARE(x->labelsFont().pointSizeF(), labels.pointSizeF() * 1.75);
    QCOMPARE(x->titleFont().pointSizeF(), title.pointSizeF() * 1.75);
    QCOMPARE(series->pen().widthF(), pen.widthF() * 2.0);
    QVERIFY(x->gridLinePen().widthF() >= 2.0 * std::max(1.0, grid.widthF()) - 1e-9);
    // Larger labels take room: the plot starts further right and ends higher.
    QTRY_VERIFY(qchart->plotArea().left() > plot.left() + 5);
    QVERIFY(qchart->plotArea().bottom() < plot.bottom() - 5);

    PresentationStyle::setCurrent(PresentationStyle());
    QCOMPARE(x->labelsFont(), labels);
    QCOMPARE(x->titleFont(), title);
    QCOMPARE(series->pen(), pen);
    QCOMPARE(x->gridLinePen(), grid);
    QTRY_COMPARE(qchart->plotArea(), plot);
  }
};

QTEST_MAIN(LossChartTest)
#include "loss_chart_test.moc"
