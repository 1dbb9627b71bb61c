// PresentationStyle: the scale chosen by screen size, fonts and lines scaled by it, colours
// inked to a readable contrast, and followers told of every change (and only of changes).

#include "widgets/presentation_style.h"

#include <QtTest>

class PresentationStyleTest : public QObject {
  Q_OBJECT

 private slots:
  void scaleFollowsTheScreenHeight() {
    QCOMPARE(PresentationStyle::automaticScale(720), 1.5);
    QCOMPARE(PresentationStyle::automaticScale(1080), 1.5);
    QCOMPARE(PresentationStyle::automaticScale(1260), 1.75);
    QCOMPARE(PresentationStyle::automaticScale(1440), 2.0);
    QCOMPARE(PresentationStyle::automaticScale(2160), 2.0);
  }

  void fontsAndLinesScale() {
    PresentationStyle style;
    style.textScale = 1.75;
    style.lineScale = 2.0;
    QFont points(QStringLiteral("DejaVu Sans"), 10);
    QCOMPARE(style.font(points).pointSizeF(), 17.5);
    QCOMPARE(style.font(points).family(), points.family());
    QFont pixels;
    pixels.setPixelSize(12);
    QCOMPARE(style.font(pixels).pixelSize(), 21);
    QCOMPARE(style.lineWidth(1.5), 3.0);
    QVERIFY(PresentationStyle().isPlain());
    QVERIFY(!style.isPlain());
  }

  void inkReachesReadableContrast() {
    PresentationStyle style;
    const QColor blue(0x21, 0x66, 0xac);
    QCOMPARE(style.ink(blue, Qt::black), blue);  // not high contrast: unchanged
    style.highContrast = true;
    for (const QColor background : {QColor(Qt::black), QColor(Qt::white)}) {
      for (const QColor color : {blue, QColor(0xe0, 0x82, 0x14), QColor(0xed, 0xc9, 0x48)}) {
        const QColor inked = style.ink(color, background);
        QVERIFY2(PresentationStyle::contrastRatio(inked, background) >= 4.5,
                 qPrintable(inked.name() + QStringLiteral(" on ") + background.name()));
        // The hue stays (within rounding), so a series keeps its colour's name.
        QVERIFY(std::abs(inked.hslHue() - color.hslHue()) <= 2);
      }
    }
    QCOMPARE(PresentationStyle::contrastRatio(Qt::black, Qt::white), 21.0);
  }

  void followersHearEveryChangeUntilDestroyed() {
    auto* receiver = new QObject;
    QList<double> seen;
    PresentationStyle::follow(receiver,
                              [&seen](const PresentationStyle& s) { seen.append(s.textScale); });
    QCOMPARE(seen, QList<double>({1.0}));  // called at once with the style in force
    PresentationStyle big;
    big.textScale = 2.0;
    PresentationStyle::setCurrent(big);
    PresentationStyle::setCurrent(big);  // no change, no call
    QCOMPARE(seen, QList<double>({1.0, 2.0}));
    QCOMPARE(PresentationStyle::current(), big);
    delete receiver;
    PresentationStyle::setCurrent(PresentationStyle());
    QCOMPARE(seen.size(), 2);
    QVERIFY(PresentationStyle::current().isPlain());
  }
};

QTEST_MAIN(PresentationStyleTest)
#include "presentation_style_test.moc"
