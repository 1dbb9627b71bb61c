// HiddenStateHeatmap shows h_1..h_T (not h0) on tanh's fixed scale.

#include "views/hidden_state_heatmap.h"

#include <QTest>

#include "rnnlab/forward_pass.h"
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

rnnlab::ForwardPass gatedPass(rnnlab::CellKind cell) {
  rnnlab::ModelConfig config{2, 3, 1};
  config.cell = cell;
  const rnnlab::Model model = rnnlab::Model::initialized(config, 3, 0.8);
  rnnlab::SequenceData data;
  data.inputs = rnnlab::Matrix::Random(4, 2);
  data.targets = rnnlab::Matrix::Random(4, 1);
  rnnlab::ForwardPass pass;
  rnnlab::forward(model, data, pass);
  return pass;
}

}  // namespace

class HiddenStateHeatmapTest : public QObject {
  Q_OBJECT

 private slots:
  // Every gate of an LSTM and a GRU (and the LSTM's c_t) can be shown; each cell is drawn in the
  // colour of the pass's value on the shared scale ±1 (c_t on its own scale).
  void gateHeatmapsShowTheTracesGateValues() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      const rnnlab::ForwardPass pass = gatedPass(cell);
      HiddenStateHeatmap view;
      view.resize(500, 400);
      view.setForwardPass(pass);
      view.show();
      QVERIFY(QTest::qWaitForWindowExposed(&view));
      const QStringList expected = cell == rnnlab::CellKind::Lstm
                                       ? QStringList{"h", "c", "i", "f", "g", "o"}
                                       : QStringList{"h", "r", "z", "n"};
      QCOMPARE(view.quantities(), expected);
      for (int gate = 0; gate < rnnlab::gateCount(cell); ++gate) {
        view.setQuantity(expected[gate + (cell == rnnlab::CellKind::Lstm ? 2 : 1)]);
        const rnnlab::Matrix values = pass.gate(gate);
        QCOMPARE(view.heatmap()->matrix(), values);
        QCOMPARE(view.heatmap()->scale(), 1.0);
        const QImage image = view.heatmap()->grab().toImage();
        for (int r = 0; r < 3; ++r) {
          for (int c = 0; c < 4; ++c) {
            QCOMPARE(image.pixelColor(view.heatmap()->cellRect(r, c).topLeft() + QPoint(2, 2)),
                     divergingColor(values(r, c), 1.0));
          }
        }
      }
      if (cell == rnnlab::CellKind::Lstm) {
        view.setQuantity(QStringLiteral("c"));
        QCOMPARE(view.heatmap()->matrix(), pass.cellState.rightCols(4));
        QCOMPARE(view.heatmap()->scale(), pass.cellState.rightCols(4).cwiseAbs().maxCoeff());
      }
      // The choice survives the next pass of the same cell.
      view.setQuantity(expected.back());
      view.setForwardPass(pass);
      QCOMPARE(view.quantity(), expected.back());
    }
  }

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

  // With the input characters, each step is labelled with the character it reads: from the
  // one-hot columns of a dense pass and from the indices of a text pass alike.
  void stepsAreLabelledWithTheirCharacters() {
    rnnlab::ModelConfig config{4, 3, 4};
    config.loss = rnnlab::LossKind::CrossEntropy;
    const rnnlab::Model model = rnnlab::Model::initialized(config, 1, 0.5);
    rnnlab::SequenceData data;
    data.inputs = rnnlab::Matrix::Zero(4, 4);  // h e l l
    data.inputs(0, 0) = data.inputs(1, 1) = data.inputs(2, 2) = data.inputs(3, 2) = 1.0;
    data.targets = rnnlab::Matrix::Zero(4, 4);
    data.targets(0, 1) = data.targets(1, 2) = data.targets(2, 2) = data.targets(3, 3) = 1.0;
    rnnlab::ForwardPass pass;
    rnnlab::forward(model, data, pass);
    HiddenStateHeatmap view;
    view.setForwardPass(pass);
    QCOMPARE(view.heatmap()->columnLabels(), QStringList());
    view.setInputCharacters(
        {QStringLiteral("h"), QStringLiteral("e"), QStringLiteral("l"), QStringLiteral("o")});
    QCOMPARE(view.heatmap()->columnLabels(),
             (QStringList{QStringLiteral("h"), QStringLiteral("e"), QStringLiteral("l"),
                          QStringLiteral("l")}));

    const std::vector<int> text{3, 2, 1, 0};
    rnnlab::ForwardPass indexed;
    rnnlab::forwardIndexed(model, std::span<const int>(text).first(3),
                           std::span<const int>(text).subspan(1, 3), model.h0, rnnlab::Vector(),
                           indexed);
    view.setForwardPass(indexed);
    QCOMPARE(view.heatmap()->columnLabels(),
             (QStringList{QStringLiteral("o"), QStringLiteral("l"), QStringLiteral("e")}));
    view.setInputCharacters({});
    QCOMPARE(view.heatmap()->columnLabels(), QStringList());
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
