// HeatmapWidget draws each cell in the colour of its value, explains it in a tooltip and copes
// with empty, tiny and large matrices.

#include "widgets/heatmap_widget.h"

#include <QApplication>
#include <QHelpEvent>
#include <QImage>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <cmath>
#include <limits>
#include <memory>

#include "widgets/color_scale.h"
#include "widgets/presentation_style.h"

class HeatmapWidgetTest : public QObject {
  Q_OBJECT

 private slots:
  void colourMapIsDivergingAroundWhite() {
    QCOMPARE(divergingColor(0.0, 1.0), QColor(Qt::white));
    const QColor negative = divergingColor(-1.0, 1.0);
    const QColor positive = divergingColor(1.0, 1.0);
    QVERIFY(negative.blue() > negative.red());
    QVERIFY(positive.red() > positive.blue());
    // Values beyond the scale saturate; a zero scale gives white.
    QCOMPARE(divergingColor(5.0, 1.0), positive);
    QCOMPARE(divergingColor(-std::numeric_limits<double>::infinity(), 1.0), negative);
    QCOMPARE(divergingColor(0.7, 0.0), QColor(Qt::white));
    // Symmetric: −v and +v are equally far from white.
    const QColor a = divergingColor(-0.5, 1.0);
    const QColor b = divergingColor(0.5, 1.0);
    QVERIFY(a != b);
    QVERIFY(std::abs(a.lightness() - b.lightness()) < 40);
  }

  void paintsEachCellInItsColour() {
    HeatmapWidget widget;
    widget.setShowValues(false);  // text in the cell would cover the sampled centre
    widget.setTitle(QStringLiteral("test"));
    widget.setAxisTitles(QStringLiteral("rows"), QStringLiteral("columns"));
    rnnlab::Matrix values(3, 4);
    values << -2.0, -1.0, 0.0, 0.5,  //
        1.0, 2.0, -0.25, 0.75,       //
        0.1, -0.1, 1.5, -1.5;
    widget.setMatrix(values);
    QCOMPARE(widget.scale(), 2.0);
    widget.resize(400, 300);
    const QImage image = widget.grab().toImage();
    for (int r = 0; r < values.rows(); ++r) {
      for (int c = 0; c < values.cols(); ++c) {
        const QRect cell = widget.cellRect(r, c);
        QVERIFY2(cell.width() >= 4 && cell.height() >= 4, "cells are visible");
        const QColor drawn = image.pixelColor(cell.center());
        const QColor expected = divergingColor(values(r, c), widget.scale());
        QVERIFY2(drawn == expected, qPrintable(QStringLiteral("cell %1,%2: %3 vs %4")
                                                   .arg(r)
                                                   .arg(c)
                                                   .arg(drawn.name(), expected.name())));
      }
    }
  }

  // Norms: the legend shows white (0) to red (max) and no blue a norm could never take; the
  // cells are coloured as before.
  void nonNegativeLegendHasNoBlueHalf() {
    rnnlab::Matrix norms(2, 2);
    norms << 0.0, 0.5, 1.0, 2.0;
    const auto bluePixelsRightOfThePlot = [&](bool nonNegative) -> int {
      HeatmapWidget widget;
      widget.setShowValues(false);
      widget.setNonNegative(nonNegative);
      widget.setMatrix(norms);
      widget.resize(300, 220);
      const QImage image = widget.grab().toImage();
      const int legendLeft = widget.cellRect(0, 1).right() + 2;
      int blue = 0;
      for (int y = 0; y < image.height(); ++y) {
        for (int x = legendLeft; x < image.width(); ++x) {
          const QColor c = image.pixelColor(x, y);
          blue += c.blue() > 150 && c.red() < 120 ? 1 : 0;
        }
      }
      if (image.pixelColor(widget.cellRect(1, 1).center()) != divergingColor(2.0, 2.0)) {
        return -1;  // the cells must not change colour
      }
      return blue;
    };
    QVERIFY(bluePixelsRightOfThePlot(false) > 20);  // the diverging legend's blue half
    QCOMPARE(bluePixelsRightOfThePlot(true), 0);
  }

  void narrowTitlesKeepTheirName() {
    const QFontMetrics metrics(QApplication::font());
    const QString title = QStringLiteral("W_ih (4·H×I = 512×65)");
    const int whole = metrics.horizontalAdvance(title);
    QCOMPARE(HeatmapWidget::titleToFit(title, metrics, whole), title);
    QCOMPARE(HeatmapWidget::titleToFit(title, metrics, whole - 1), QStringLiteral("W_ih"));
    const QString cut = HeatmapWidget::titleToFit(title, metrics, metrics.horizontalAdvance(u'W'));
    QVERIFY2(cut.size() < 4 || cut.endsWith(QChar(0x2026)), qPrintable(cut));
    const QString plain = QStringLiteral("no shape here");
    QVERIFY(HeatmapWidget::titleToFit(plain, metrics, metrics.horizontalAdvance(plain) / 2)
                .endsWith(QChar(0x2026)));
  }

  void fixedScaleSaturates() {
    HeatmapWidget widget;
    widget.setShowValues(false);
    widget.setSymmetricScale(1.0);
    rnnlab::Matrix values(1, 2);
    values << 3.0, -0.5;
    widget.setMatrix(values);
    QCOMPARE(widget.scale(), 1.0);
    widget.resize(200, 150);
    const QImage image = widget.grab().toImage();
    QCOMPARE(image.pixelColor(widget.cellRect(0, 0).center()), divergingColor(1.0, 1.0));
    QCOMPARE(image.pixelColor(widget.cellRect(0, 1).center()), divergingColor(-0.5, 1.0));
    widget.setSymmetricScale(0.0);  // back to automatic
    QCOMPARE(widget.scale(), 3.0);
  }

  void tooltipNamesTheCellAndItsExactValue() {
    HeatmapWidget widget;
    widget.setAxisTitles(QStringLiteral("hidden unit"), QStringLiteral("time step"));
    widget.setRowLabels({QStringLiteral("h1"), QStringLiteral("h2")});
    rnnlab::Matrix values(2, 3);
    values << 0.1, 0.2, 0.3,  //
        0.4, 0.123456789012345, 0.6;
    widget.setMatrix(values);
    widget.resize(300, 200);
    const QPoint centre = widget.cellRect(1, 1).center();
    const QString text = widget.toolTipTextAt(centre);
    QVERIFY2(text.contains(QStringLiteral("h2")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("time step 2")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("0.123457")), qPrintable(text));
    QVERIFY2(text.contains(QString::number(0.123456789012345, 'g', 17)), qPrintable(text));
    QVERIFY(widget.toolTipTextAt(QPoint(0, 0)).isEmpty());

    // The real tooltip event path shows the same text.
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QHelpEvent help(QEvent::ToolTip, centre, widget.mapToGlobal(centre));
    QCoreApplication::sendEvent(&widget, &help);
    QTRY_COMPARE_WITH_TIMEOUT(QToolTip::text(), text, 5000);
    QToolTip::hideText();
  }

  void hoverReportsTheCell() {
    HeatmapWidget widget;
    widget.setMatrix(rnnlab::Matrix::Ones(2, 2));
    widget.resize(200, 200);
    QSignalSpy spy(&widget, &HeatmapWidget::hoveredCellChanged);
    const QPointF position = widget.cellRect(1, 0).center();
    QMouseEvent move(QEvent::MouseMove, position, widget.mapToGlobal(position), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&widget, &move);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.last().at(0).toInt(), 1);
    QCOMPARE(spy.last().at(1).toInt(), 0);
  }

  void emptyMatrixDoesNotCrash() {
    HeatmapWidget widget;
    widget.resize(200, 150);
    widget.setMatrix(rnnlab::Matrix(0, 5));
    // No cell is drawn: the plot area left of the legend holds no colour of the map.
    const QImage image = widget.grab().toImage();
    for (int y = 0; y < image.height(); ++y) {
      for (int x = 0; x < image.width() / 2; ++x) {
        QVERIFY(image.pixelColor(x, y).hsvSaturation() <= 40);
      }
    }
    QVERIFY(widget.cellRect(0, 0).isEmpty());
    QVERIFY(widget.toolTipTextAt(QPoint(100, 75)).isEmpty());
    QCOMPARE(widget.cellAt(QPoint(100, 75)), QPoint(-1, -1));
  }

  void oneByOneAndAllZero() {
    HeatmapWidget widget;
    widget.setShowValues(false);
    widget.setMatrix(rnnlab::Matrix::Zero(1, 1));
    QCOMPARE(widget.scale(), 1.0);  // all zero: a readable legend, white cell
    widget.resize(150, 120);
    const QImage image = widget.grab().toImage();
    QCOMPARE(image.pixelColor(widget.cellRect(0, 0).center()), QColor(Qt::white));
  }

  void largeMatrixAndNaN() {
    HeatmapWidget widget;
    rnnlab::Matrix values = rnnlab::Matrix::Random(4096, 100);
    values(0, 0) = std::numeric_limits<double>::quiet_NaN();
    widget.setMatrix(values);
    QVERIFY(std::isfinite(widget.scale()));
    widget.resize(500, 400);
    // NaN is grey; the 4096 rows are scaled into the plot, which shows both signs of the data.
    QCOMPARE(divergingColor(values(0, 0), widget.scale()), QColor(0x9e, 0x9e, 0x9e));
    const QImage image = widget.grab().toImage();
    const QRect plot = widget.cellRect(0, 0).united(widget.cellRect(4095, 99));
    int reds = 0;
    int blues = 0;
    for (int y = plot.top(); y <= plot.bottom(); y += 3) {
      for (int x = plot.left(); x <= plot.right(); x += 3) {
        const QColor c = image.pixelColor(x, y);
        reds += c.red() > c.blue() + 40 ? 1 : 0;
        blues += c.blue() > c.red() + 40 ? 1 : 0;
      }
    }
    QVERIFY2(reds > 100 && blues > 100, qPrintable(QStringLiteral("%1 %2").arg(reds).arg(blues)));
    // Sub-pixel rows: every position still maps to a valid cell.
    const QPoint cell = widget.cellAt(widget.cellRect(4095, 99).center());
    QCOMPARE(cell.x(), 99);
    QVERIFY(cell.y() > 4000);
  }

  // The presentation style's line scale thickens the lines the heatmap draws (here a gate block
  // separator): counted in pixels across it.
  void presentationStyleThickensLines() {
    HeatmapWidget widget;
    widget.setShowValues(false);
    widget.setMatrix(rnnlab::Matrix::Zero(2, 2));  // white cells: only lines are dark
    widget.setRowSeparators({1});
    widget.resize(300, 300);
    const auto darkAcross = [&widget] {
      const QImage image = widget.grab().toImage();
      const int x = widget.cellRect(0, 0).center().x();
      int dark = 0;
      for (int y = widget.cellRect(0, 0).center().y(); y < widget.cellRect(1, 0).center().y();
           ++y) {
        dark += image.pixelColor(x, y).lightness() < 100 ? 1 : 0;
      }
      return dark;
    };
    const int plain = darkAcross();
    QVERIFY2(plain >= 2, qPrintable(QString::number(plain)));
    PresentationStyle style;
    style.lineScale = 2.0;
    PresentationStyle::setCurrent(style);
    const int thick = darkAcross();
    PresentationStyle::setCurrent(PresentationStyle());
    QVERIFY2(thick >= 2 * plain - 1, qPrintable(QStringLiteral("%1 -> %2").arg(plain).arg(thick)));
    QCOMPARE(darkAcross(), plain);
  }

  // 4096×4096 is pooled to 512×512 pixels, each the strongest value of its 8×8 block: a lone
  // outlier and a NaN still show, in the right place.
  void hugeMatrixIsPooledNotDrawnPerCell() {
    HeatmapWidget widget;
    widget.setShowValues(false);
    rnnlab::Matrix values = rnnlab::Matrix::Constant(4096, 4096, 0.001);
    values(2049, 3071) = -1.0;  // block (256, 383)
    values(6, 9) = std::numeric_limits<double>::quiet_NaN();  // block (0, 1)
    widget.setSymmetricScale(1.0);
    widget.setMatrix(values);
    QCOMPARE(widget.imageBlock(), QSize(8, 8));
    QCOMPARE(widget.image().size(), QSize(512, 512));
    QCOMPARE(widget.image().pixelColor(383, 256), divergingColor(-1.0, 1.0));
    QCOMPARE(widget.image().pixelColor(1, 0), QColor(0x9e, 0x9e, 0x9e));
    QCOMPARE(widget.image().pixelColor(382, 256), divergingColor(0.001, 1.0));
    QCOMPARE(widget.image().pixelColor(383, 257), divergingColor(0.001, 1.0));
    // A matrix within the bound keeps one pixel per cell; one just beyond is pooled by two.
    HeatmapWidget small;
    small.setMatrix(rnnlab::Matrix::Constant(512, 7, 0.5));
    QCOMPARE(small.imageBlock(), QSize(1, 1));
    QCOMPARE(small.image().size(), QSize(7, 512));
    small.setMatrix(rnnlab::Matrix::Constant(513, 7, 0.5));
    QCOMPARE(small.imageBlock(), QSize(1, 2));
    QCOMPARE(small.image().size(), QSize(7, 257));
    // Drawn: the outlier's block is dark blue on screen where cell (2049, 3071) is.
    widget.resize(1100, 1100);
    const QImage shot = widget.grab().toImage();
    const QRect outlier = widget.cellRect(2049, 3071);
    int found = 0;  // scaling 512 pixels onto about 1000 may move the block by a pixel
    for (int dy = -2; dy <= 2; ++dy) {
      for (int dx = -2; dx <= 2; ++dx) {
        found += shot.pixelColor(outlier.center() + QPoint(dx, dy)) == divergingColor(-1.0, 1.0);
      }
    }
    QVERIFY(found > 0);
  }

  // A shared matrix is drawn where it is (no copy), and pooling done beforehand (as a worker
  // thread does it) gives the very image setMatrix() makes; so does a later change of scale.
  void sharedAndPrePooledMatricesDrawTheSame() {
    auto values = std::make_shared<rnnlab::Matrix>(1030, 600);
    for (Eigen::Index c = 0; c < values->cols(); ++c) {
      for (Eigen::Index r = 0; r < values->rows(); ++r) {
        (*values)(r, c) = std::sin(0.37 * static_cast<double>(r) + 1.3 * static_cast<double>(c));
      }
    }
    (*values)(1029, 599) = std::numeric_limits<double>::quiet_NaN();
    (*values)(17, 3) = std::numeric_limits<double>::infinity();
    HeatmapWidget copied;
    copied.setMatrix(*values, 0.8);
    HeatmapWidget shared;
    shared.setMatrix(std::shared_ptr<const rnnlab::Matrix>(values), 0.8);
    QCOMPARE(shared.matrix().data(), values->data());
    QCOMPARE(shared.image(), copied.image());
    rnnlab::Matrix strongest;
    const QSize block = poolStrongest(*values, HeatmapWidget::MaxImageSide, strongest);
    QCOMPARE(block, QSize(2, 3));
    QImage direct;
    QCOMPARE(fillPooledColorImage(*values, 0.8, HeatmapWidget::MaxImageSide, direct), block);
    QImage fromPooling;
    fillColorImage(strongest, 0.8, fromPooling);
    QCOMPARE(fromPooling, direct);
    HeatmapWidget prePooled;
    prePooled.setPooledMatrix(values, 0.8, strongest, block);
    QCOMPARE(prePooled.imageBlock(), copied.imageBlock());
    QCOMPARE(prePooled.image(), copied.image());
    QCOMPARE(prePooled.image(), direct);
    copied.setSymmetricScale(0.3);
    prePooled.setSymmetricScale(0.3);
    QCOMPARE(prePooled.image(), copied.image());
    QImage rescaled;
    fillPooledColorImage(*values, 0.3, HeatmapWidget::MaxImageSide, rescaled);
    QCOMPARE(prePooled.image(), rescaled);
    // A small matrix is not pooled: {1, 1} and nothing kept.
    QCOMPARE(poolStrongest(rnnlab::Matrix::Ones(3, 4), 512, strongest), QSize(1, 1));
    QCOMPARE(strongest.size(), 0);
  }
};

QTEST_MAIN(HeatmapWidgetTest)
#include "heatmap_widget_test.moc"
