// ValueGridView writes small matrices as numbers on coloured cells and draws large ones as a
// picture, reports the hovered element, and uses a shared scale when given one.

#include "inspection/value_grid_view.h"

#include <QMouseEvent>
#include <QSignalSpy>
#include <QtTest>
#include <limits>

#include "widgets/color_scale.h"

class ValueGridViewTest : public QObject {
  Q_OBJECT

 private slots:
  void smallMatricesShowNumbersOnTheirColours() {
    ValueGridView view;
    rnnlab::Matrix m(2, 2);
    m << 0.5, -0.25, 0.0, 1.0;
    view.setMatrix(m);
    QVERIFY(view.showsNumbers());
    QCOMPARE(view.scale(), 1.0);  // the data's own largest |value|
    view.resize(view.sizeHint());
    const QImage image = view.grab().toImage();
    // The cell's colour at its left edge (the number is right-aligned).
    for (int r = 0; r < 2; ++r) {
      for (int c = 0; c < 2; ++c) {
        const QRect cell = view.cellRect(r, c);
        QCOMPARE(image.pixelColor(cell.left() + 1, cell.center().y()),
                 divergingColor(m(r, c), 1.0));
      }
    }
    QCOMPARE(ValueGridView::formatValue(-0.25), QStringLiteral("\u22120.25"));
    QCOMPARE(ValueGridView::formatValue(1.0 / 3.0), QStringLiteral("0.3333"));
    QCOMPARE(ValueGridView::formatValue(std::numeric_limits<double>::quiet_NaN()),
             QStringLiteral("NaN"));
  }

  void neutralScalarsStayWhite() {
    ValueGridView view;
    view.setNeutral(true);
    view.setMatrix(rnnlab::Matrix::Constant(1, 1, -3.0));
    view.resize(view.sizeHint());
    const QImage image = view.grab().toImage();
    const QRect cell = view.cellRect(0, 0);
    QCOMPARE(image.pixelColor(cell.left() + 1, cell.center().y()), QColor(Qt::white));
  }

  void largeMatricesBecomeAPictureOnTheSharedScale() {
    ValueGridView view;
    rnnlab::Matrix m = rnnlab::Matrix::Constant(40, 40, 0.5);
    m(0, 0) = -2.0;
    view.setMatrix(m, 4.0);
    QVERIFY(!view.showsNumbers());
    QCOMPARE(view.scale(), 4.0);
    view.setMaximumExtent(160);
    view.resize(view.sizeHint());
    const QImage image = view.grab().toImage();
    QCOMPARE(image.pixelColor(view.cellRect(0, 0).center()), divergingColor(-2.0, 4.0));
    QCOMPARE(image.pixelColor(view.cellRect(39, 39).center()), divergingColor(0.5, 4.0));
    view.setScale(0.0);  // back to the data's own scale: 2
    QCOMPARE(view.scale(), 2.0);
  }

  void hoveringReportsTheElement() {
    ValueGridView view;
    view.setKey(QStringLiteral("h"));
    view.setMatrix(rnnlab::Matrix::Constant(3, 1, 0.1));
    view.resize(view.sizeHint());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &ValueGridView::hoveredElementChanged);
    const QPoint at = view.cellRect(2, 0).center();
    QCOMPARE(view.cellAt(at), QPoint(0, 2));
    QMouseEvent move(QEvent::MouseMove, at, view.mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(&view, &move);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("h"));
    QCOMPARE(spy.last().at(1).toInt(), 2);
    QCOMPARE(spy.last().at(2).toInt(), 0);
  }
};

QTEST_MAIN(ValueGridViewTest)
#include "value_grid_view_test.moc"
