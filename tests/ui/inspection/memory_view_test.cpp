// MemoryView draws the core's memory matrix as a lower triangle with its 90% summary, computes in
// the background only while shown, and refuses sequences above the core's bound.

#include "inspection/memory_view.h"

#include <QSignalSpy>
#include <QTest>
#include <cmath>

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

// ‖∂y_t/∂x_k‖ of the whole model by central differences on the inputs, through forward().
rnnlab::Matrix finiteDifferences(const rnnlab::Model& model, const rnnlab::SequenceData& data) {
  const rnnlab::Index T = data.steps();
  const rnnlab::Index I = data.inputs.cols();
  const double h = 1e-6;
  rnnlab::Matrix out(T, T);
  for (rnnlab::Index k = 0; k < T; ++k) {
    rnnlab::Matrix squares = rnnlab::Matrix::Zero(T, 1);
    for (rnnlab::Index j = 0; j < I; ++j) {
      rnnlab::SequenceData plus = data;
      rnnlab::SequenceData minus = data;
      plus.inputs(k, j) += h;
      minus.inputs(k, j) -= h;
      rnnlab::ForwardPass p;
      rnnlab::ForwardPass m;
      rnnlab::forward(model, plus, p);
      rnnlab::forward(model, minus, m);
      const rnnlab::Matrix slope = (p.outputs - m.outputs) / (2 * h);  // O×T
      squares += slope.colwise().squaredNorm().transpose();
    }
    out.col(k) = squares.cwiseSqrt();
  }
  return out;
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

  // A stack's matrix is the whole model's, through both layers, as finite differences of its
  // outputs give it; bidirectional, every entry has a value (later inputs reach y_t through the
  // reverse cells) and the summary counts steps on both sides.
  void aStackShowsTheWholeModelsSensitivity() {
    for (const bool bidirectional : {false, true}) {
      rnnlab::ModelConfig config{2, 3, 2};
      config.cell = rnnlab::CellKind::Gru;
      config.layers = 2;
      config.bidirectional = bidirectional;
      const rnnlab::Model model = rnnlab::Model::initialized(config, 6, 0.8);
      rnnlab::SequenceData data;
      data.inputs = rnnlab::Matrix::Random(8, 2);
      data.targets = rnnlab::Matrix::Random(8, 2);
      const rnnlab::Matrix expected = finiteDifferences(model, data);
      MemoryView view;
      view.resize(600, 500);
      view.show();
      QVERIFY(QTest::qWaitForWindowExposed(&view));
      QSignalSpy computed(&view, &MemoryView::computed);
      view.setModelAndData(model, data, 4);
      QVERIFY(computed.wait(5000));
      const rnnlab::Matrix& shown = view.sensitivity();
      QCOMPARE(shown.rows(), 8);
      for (rnnlab::Index t = 0; t < 8; ++t) {
        for (rnnlab::Index k = 0; k < 8; ++k) {
          QVERIFY2(std::abs(shown(t, k) - expected(t, k)) < 1e-7 * (1.0 + expected(t, k)),
                   qPrintable(QStringLiteral("t %1 k %2: %3 vs %4")
                                  .arg(t)
                                  .arg(k)
                                  .arg(shown(t, k))
                                  .arg(expected(t, k))));
        }
      }
      QCOMPARE(std::isnan(view.heatmap()->matrix()(2, 6)), !bidirectional);
      QVERIFY(bidirectional ? expected(2, 6) > 1e-6 : expected(2, 6) < 1e-9);
      QVERIFY2(view.summary().contains(QStringLiteral("before or after")) == bidirectional,
               qPrintable(view.summary()));
      QVERIFY2(view.summary().contains(QStringLiteral("Through all 2 layers")),
               qPrintable(view.summary()));
    }
  }
};

QTEST_MAIN(MemoryViewTest)
#include "memory_view_test.moc"
