// HiddenStateHeatmap shows h_1..h_T (not h0) on tanh's fixed scale.

#include "views/hidden_state_heatmap.h"

#include <QTest>

#include "widgets/color_scale.h"
#include "widgets/heatmap_widget.h"

namespace {

// Pixels in the colours of the diverging map (saturated, unlike text, grid and background).
int colouredPixels(const QImage& image) {
  int count = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      count += image.pixelColor(x, y).hsvSaturation() > 40 ? 1 : 0;
    }
  }
  return count;
}

}  // namespace

class HiddenStateHeatmapTest : public QObject {
  Q_OBJECT

 private slots:
  void showsStepsOneToT() {
    HiddenStateHeatmap view;
    rnnlab::ForwardPass pass;
    pass.hidden = rnnlab::Matrix::Random(3, 6) * 0.5;  // H=3, T=5, column 0 is h0
    view.setForwardPass(pass);
    const rnnlab::Matrix& shown = view.heatmap()->matrix();
    QCOMPARE(shown.rows(), 3);
    QCOMPARE(shown.cols(), 5);
    QVERIFY(shown == pass.hidden.rightCols(5));
    QCOMPARE(view.heatmap()->scale(), 1.0);
    view.resize(400, 300);
    view.show();  // lays out the inner heatmap
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString tip = view.heatmap()->toolTipTextAt(view.heatmap()->cellRect(2, 0).center());
    QVERIFY2(tip.contains(QStringLiteral("h3")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("time step 1")), qPrintable(tip));
    // Each cell in its value's colour on tanh's scale ±1 (h0 is not drawn).
    const QImage image = view.heatmap()->grab().toImage();
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 5; ++c) {
        // A corner of the cell: its middle carries the value's text.
        QCOMPARE(image.pixelColor(view.heatmap()->cellRect(r, c).topLeft() + QPoint(2, 2)),
                 divergingColor(pass.hidden(r, c + 1), 1.0));
      }
    }
  }

  void emptyPassClears() {
    HiddenStateHeatmap view;
    rnnlab::ForwardPass pass;
    pass.hidden = rnnlab::Matrix::Constant(3, 4, 0.8);
    view.resize(400, 300);
    view.setForwardPass(pass);
    QVERIFY(colouredPixels(view.heatmap()->grab().toImage()) > 100);
    view.setForwardPass(rnnlab::ForwardPass());
    QCOMPARE(view.heatmap()->matrix().size(), 0);
    QVERIFY(view.heatmap()->cellRect(0, 0).isEmpty());
    // No cells left, only the "no data" text (the legend still shows the scale).
    const QImage image = view.heatmap()->grab().toImage();
    const QRect legendFree(0, 0, image.width() / 2, image.height());
    QCOMPARE(colouredPixels(image.copy(legendFree)), 0);
  }
};

QTEST_MAIN(HiddenStateHeatmapTest)
#include "hidden_state_heatmap_test.moc"
