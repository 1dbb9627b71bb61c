// ColorLegend: the bar runs from +max (red, top) through white to −max (blue, bottom) with
// three tick labels.

#include "widgets/color_legend.h"

#include <QtTest>

#include "widgets/color_scale.h"

class ColorLegendTest : public QObject {
  Q_OBJECT

 private slots:
  void barColoursRunFromRedToBlue() {
    ColorLegend legend;
    legend.setScale(2.5);
    legend.resize(legend.sizeHint().width(), 200);
    const QImage image = legend.grab().toImage();
    // The bar is at the left (2 px in) and starts half a text line down.
    const int x = 2 + 7;
    const int margin = legend.fontMetrics().height() / 2;
    const QColor top = image.pixelColor(x, margin + 2);
    const QColor middle = image.pixelColor(x, 100);
    const QColor bottom = image.pixelColor(x, 200 - margin - 3);
    QVERIFY2(top.red() > 100 && top.blue() < 80, qPrintable(top.name()));
    QVERIFY2(bottom.blue() > 100 && bottom.red() < 80, qPrintable(bottom.name()));
    QVERIFY2(middle.lightness() > 230, qPrintable(middle.name()));
  }

  void tickTextsAreShortWithARealMinus() {
    QCOMPARE(ColorLegend::tickText(0.0), QStringLiteral("0"));
    QCOMPARE(ColorLegend::tickText(-0.123456), QStringLiteral("\u22120.123"));
    QCOMPARE(ColorLegend::tickText(2.5), QStringLiteral("2.5"));
  }

  void widthFollowsTheLabels() {
    ColorLegend legend;
    legend.setScale(1.0);
    const int narrow = legend.sizeHint().width();
    legend.setScale(-123456.0);
    QVERIFY(legend.sizeHint().width() > narrow);
    QCOMPARE(legend.scale(), -123456.0);
  }
};

QTEST_MAIN(ColorLegendTest)
#include "color_legend_test.moc"
