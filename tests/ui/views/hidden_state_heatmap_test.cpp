// HiddenStateHeatmap shows h_1..h_T (not h0) on tanh's fixed scale.

#include "views/hidden_state_heatmap.h"

#include <QTest>

#include "widgets/heatmap_widget.h"

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
  }

  void emptyPassClears() {
    HiddenStateHeatmap view;
    view.setForwardPass(rnnlab::ForwardPass());
    QCOMPARE(view.heatmap()->matrix().size(), 0);
    QVERIFY(!view.grab().isNull());
  }
};

QTEST_MAIN(HiddenStateHeatmapTest)
#include "hidden_state_heatmap_test.moc"
