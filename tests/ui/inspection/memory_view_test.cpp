// MemoryView draws the core's memory matrix as a lower triangle with its 90% summary, computes in
// the background only while shown, and refuses sequences above the core's bound.

#include "inspection/memory_view.h"

#include <QSignalSpy>
#include <QTest>

#include "rnnlab/forward_pass.h"
#include "rnnlab/memory_sensitivity.h"
#include "widgets/color_scale.h"
#include "widgets/heatmap_widget.h"

namespace {

rnnlab::Model modelFor(rnnlab::CellKind cell) {
  rnnlab::ModelConfig config{1, 4, 1};
  config.cell = cell;
  return rnnlab::Model::initialized(config, 2, 0.7);
}

rnnlab::SequenceData sequence(rnnlab::Index steps) {
  rnnlab::SequenceData data;
  data.inputs = rnnlab::Matrix::Random(steps, 1);
  data.targets = rnnlab::Matrix::Random(steps, 1);
  return data;
}

}  // namespace

class MemoryViewTest : public QObject {
  Q_OBJECT

 private slots:
  void showsTheCoresMatrixAsALowerTriangle() {
    for (const rnnlab::CellKind cell :
         {rnnlab::CellKind::Rnn, rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      const rnnlab::Model model = modelFor(cell);
      const rnnlab::SequenceData data = sequence(12);
      rnnlab::ForwardPass pass;
      rnnlab::forward(model, data, pass);
      const rnnlab::Matrix expected = rnnlab::memorySensitivity(model, pass);
      MemoryView view;
      view.resize(600, 500);
      view.show();
      QVERIFY(QTest::qWaitForWindowExposed(&view));
      QSignalSpy computed(&view, &MemoryView::computed);
      view.setModelAndData(model, data, 7);
      QVERIFY(computed.wait(5000));
      QCOMPARE(computed.last().at(0).toLongLong(), 7);
      QCOMPARE(view.sensitivity(), expected);
      const rnnlab::Index horizon = rnnlab::sensitivityHorizon(expected, 0.9);
      QVERIFY2(view.summary().startsWith(
                   QStringLiteral("90% of the sensitivity lies within the last %1 of 12 steps")
                       .arg(horizon)),
               qPrintable(view.summary()));
      HeatmapWidget* heatmap = view.heatmap();
      const double scale = expected.maxCoeff();
      QCOMPARE(heatmap->scale(), scale);
      QVERIFY(heatmap->isNonNegative());  // norms: the colour bar runs 0 … max
      const QImage image = heatmap->grab().toImage();
      // Below the diagonal each cell has its value's colour; above it no value is drawn.
      QCOMPARE(image.pixelColor(heatmap->cellRect(11, 3).center()),
               divergingColor(expected(11, 3), scale));
      QCOMPARE(image.pixelColor(heatmap->cellRect(5, 5).center()),
               divergingColor(expected(5, 5), scale));
      QVERIFY(std::isnan(heatmap->matrix()(3, 11)));
    }
  }

  void nothingIsComputedWhileHidden() {
    MemoryView view;
    QSignalSpy computed(&view, &MemoryView::computed);
    view.setModelAndData(modelFor(rnnlab::CellKind::Lstm), sequence(8), 3);
    QTest::qWait(400);
    QCOMPARE(computed.count(), 0);
    QVERIFY(view.isBusy());  // waiting to be shown
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(computed.wait(5000));
    QCOMPARE(view.sensitivity().rows(), 8);
  }

  void longSequencesAreRefusedWithAReason() {
    const MemoryView::Result result = MemoryView::compute(
        modelFor(rnnlab::CellKind::Rnn), sequence(rnnlab::MaxSensitivitySteps + 1), 1, nullptr);
    QCOMPARE(result.sensitivity.size(), 0);
    QVERIFY2(result.problem.contains(QStringLiteral("201 steps")), qPrintable(result.problem));
  }
};

QTEST_MAIN(MemoryViewTest)
#include "memory_view_test.moc"
