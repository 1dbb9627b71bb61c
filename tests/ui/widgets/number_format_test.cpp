// The shared small helpers of widgets/: number text, block names, tick steps, the colour map.

#include "widgets/number_format.h"

#include <QImage>
#include <QtTest>
#include <cmath>
#include <limits>

#include "widgets/axis_ticks.h"
#include "widgets/color_scale.h"
#include "widgets/parameter_blocks.h"

class NumberFormatTest : public QObject {
  Q_OBJECT

 private slots:
  void realMinusSignAndSpelledOutNaN() {
    QCOMPARE(formatNumber(-0.5), QStringLiteral("\u22120.5"));
    QCOMPARE(formatNumber(1.25e-7, 'g', 3), QStringLiteral("1.25e\u221207"));
    QCOMPARE(formatNumber(0.123456, 'f', 2), QStringLiteral("0.12"));
    QCOMPARE(formatNumber(std::numeric_limits<double>::quiet_NaN()), QStringLiteral("NaN"));
    QCOMPARE(withMinusSign(QStringLiteral("-1 - -2")), QStringLiteral("\u22121 \u2212 \u22122"));
  }

  void blockNamesAndMatricesInBlockOrder() {
    QCOMPARE(blockName(0), QStringLiteral("Wxh"));
    QCOMPARE(blockName(4), QStringLiteral("by"));
    rnnlab::Parameters p = rnnlab::Parameters::zeros(rnnlab::ModelConfig{2, 3, 2});
    p.Wxh().setConstant(1.0);
    p.Whh().setConstant(2.0);
    p.Why().setConstant(3.0);
    p.bh().setConstant(4.0);
    p.by().setConstant(5.0);
    const auto blocks = blocksOf(p);
    for (int k = 0; k < rnnlab::Parameters::BlockCount; ++k) {
      QCOMPARE(blocks[k](0, 0), k + 1.0);
    }
    QCOMPARE(blocks[3].cols(), 1);  // a bias as one column
    QCOMPARE(blocks[4].rows(), 2);
  }

  void niceStepsAreOneTwoFive() {
    QCOMPARE(niceStep(0.3), 1);
    QCOMPARE(niceStep(1.0), 1);
    QCOMPARE(niceStep(1.01), 2);
    QCOMPARE(niceStep(3), 5);
    QCOMPARE(niceStep(7), 10);
    QCOMPARE(niceStep(11), 20);
    QCOMPARE(niceStep(std::numeric_limits<double>::quiet_NaN()), 1);
    QVERIFY(niceStep(1e30) > 0);  // no overflow
    QCOMPARE(niceTickInterval(10.0, 5), 2.0);
    QCOMPARE(niceTickInterval(0.0, 5), 1.0);
    QCOMPARE(niceTickInterval(std::numeric_limits<double>::infinity(), 5), 1.0);
  }

  void divergingMapEnds() {
    QCOMPARE(divergingColor(0.0, 1.0), QColor(Qt::white));
    QCOMPARE(divergingColor(1.0, 1.0), QColor(0x67, 0x00, 0x1f));
    QCOMPARE(divergingColor(-1.0, 1.0), QColor(0x05, 0x30, 0x61));
    QCOMPARE(divergingColor(2.0, 0.0), QColor(Qt::white));  // no scale: white
    QCOMPARE(textColorOn(QColor(0x05, 0x30, 0x61)), QColor(Qt::white));
    QCOMPARE(textColorOn(QColor(Qt::white)), QColor(Qt::black));
  }

  void matrixImageHasOnePixelPerCellAndReusesItsBuffer() {
    rnnlab::Matrix m(2, 3);
    m << 1, 0, -1,  //
        0.5, -0.5, std::numeric_limits<double>::quiet_NaN();
    QImage image;
    fillColorImage(m, 1.0, image);
    QCOMPARE(image.size(), QSize(3, 2));
    for (int r = 0; r < 2; ++r) {
      for (int c = 0; c < 3; ++c) {
        QCOMPARE(image.pixelColor(c, r), divergingColor(m(r, c), 1.0));
      }
    }
    const uchar* buffer = image.constBits();
    m(0, 0) = -1.0;
    fillColorImage(m, 1.0, image);
    QCOMPARE(image.constBits(), buffer);  // redrawn in place: no allocation per update
    QCOMPARE(image.pixelColor(0, 0), divergingColor(-1.0, 1.0));
    QVERIFY(colorImage(rnnlab::Matrix(), 1.0).isNull());
  }
};

QTEST_MAIN(NumberFormatTest)
#include "number_format_test.moc"
