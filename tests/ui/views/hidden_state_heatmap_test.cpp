// HiddenStateHeatmap shows h_1..h_T (not h0) on tanh's fixed scale.

#include "views/hidden_state_heatmap.h"

#include <QComboBox>
#include <QTest>

#include "../stack_cells.h"
#include "rnnlab/forward_pass.h"
#include "widgets/cell_choice.h"
#include "widgets/color_scale.h"
#include "widgets/heatmap_widget.h"
#include "widgets/layer_picker.h"

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

// A stacked model with random initial states, and numeric data of `steps` steps.
rnnlab::Model stackModel(rnnlab::CellKind cell, int layers, bool bidirectional) {
  rnnlab::ModelConfig config{3, 4, 2};
  config.cell = cell;
  config.layers = layers;
  config.bidirectional = bidirectional;
  rnnlab::Model model = rnnlab::Model::initialized(config, 5, 0.7);
  model.h0 = rnnlab::Vector::Random(config.cellCount() * 4) * 0.3;
  if (cell == rnnlab::CellKind::Lstm) {
    model.c0 = rnnlab::Vector::Random(config.cellCount() * 4) * 0.3;
  }
  return model;
}

rnnlab::SequenceData stackData(rnnlab::Index steps) {
  rnnlab::SequenceData data;
  data.inputs = rnnlab::Matrix::Random(steps, 3);
  data.targets = rnnlab::Matrix::Random(steps, 2);
  return data;
}

// The user picks a cell in the picker's boxes.
void pick(LayerPicker* picker, int layer, int direction) {
  picker->layerBox()->setCurrentIndex(layer);
  emit picker->layerBox()->activated(layer);
  if (direction >= 0) {
    picker->directionBox()->setCurrentIndex(direction);
    emit picker->directionBox()->activated(direction);
  }
}

bool near(const rnnlab::Matrix& a, const rnnlab::Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && (a - b).cwiseAbs().maxCoeff() < 1e-12;
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

  // A 2-layer LSTM: the picker offers its layers (no direction), and the chosen layer's h_t, c_t
  // and gates are exactly those of the same cells run one by one as one-cell models (layer 1
  // reading layer 0's h_t). The choice survives the next pass; a one-layer model hides the picker.
  void stackShowsTheChosenLayer() {
    const rnnlab::Model model = stackModel(rnnlab::CellKind::Lstm, 2, false);
    const rnnlab::SequenceData data = stackData(6);
    rnnlab::ForwardPass pass;
    rnnlab::forward(model, data, pass);  // shows layer 0
    const auto cells = stack_cells::allCells(model, data.inputs);
    HiddenStateHeatmap view;
    view.setForwardPass(pass);
    LayerPicker* picker = view.layerPicker();
    QVERIFY(!picker->isHidden());
    QVERIFY(picker->directionBox()->isHidden());
    QCOMPARE(picker->layerBox()->count(), 2);
    QCOMPARE(picker->layerBox()->itemText(1), QStringLiteral("layer 1 (l1)"));
    QVERIFY(near(view.heatmap()->matrix(), cells[0][0].hidden.rightCols(6)));
    QVERIFY(!near(cells[0][0].hidden, cells[1][0].hidden));

    pick(picker, 1, -1);
    QCOMPARE(picker->choice()->layer(), 1);
    QVERIFY(near(view.heatmap()->matrix(), cells[1][0].hidden.rightCols(6)));
    QVERIFY2(view.heatmap()->title().contains(QStringLiteral("layer 1 (l1)")),
             qPrintable(view.heatmap()->title()));
    view.setQuantity(QStringLiteral("c"));
    QVERIFY(near(view.heatmap()->matrix(), cells[1][0].cellState.rightCols(6)));
    view.setQuantity(QStringLiteral("f"));
    QVERIFY(near(view.heatmap()->matrix(), cells[1][0].gate(1)));

    // A new pass of the same model (it shows layer 0, as every snapshot's does): still layer 1.
    view.setQuantity(QStringLiteral("h"));
    view.setForwardPass(pass);
    QCOMPARE(picker->choice()->layer(), 1);
    QVERIFY(near(view.heatmap()->matrix(), cells[1][0].hidden.rightCols(6)));

    // One layer: nothing to pick, the model's one cell.
    const rnnlab::Model single = stackModel(rnnlab::CellKind::Lstm, 1, false);
    rnnlab::ForwardPass singlePass;
    rnnlab::forward(single, data, singlePass);
    view.setForwardPass(singlePass);
    QVERIFY(picker->isHidden());
    QCOMPARE(picker->choice()->layer(), 0);
    QCOMPARE(view.heatmap()->matrix(), singlePass.hidden.rightCols(6));
    QCOMPARE(view.heatmap()->title(), QStringLiteral("Hidden state h_t"));
  }

  // A bidirectional 2-layer GRU: every layer and direction shows its own cell; the reverse one's
  // states are in position order (h←_t has read x_t … x_T), as the one-cell model run backwards
  // gives them. Three layers shrunk to two keep the choice inside the model: the top layer.
  void bidirectionalStackShowsEachDirection() {
    const rnnlab::Model model = stackModel(rnnlab::CellKind::Gru, 2, true);
    const rnnlab::SequenceData data = stackData(5);
    rnnlab::ForwardPass pass;
    rnnlab::forward(model, data, pass);
    const auto cells = stack_cells::allCells(model, data.inputs);
    HiddenStateHeatmap view;
    view.setForwardPass(pass);
    LayerPicker* picker = view.layerPicker();
    QVERIFY(!picker->directionBox()->isHidden());
    QCOMPARE(picker->directionBox()->itemText(1), QStringLiteral("reverse"));
    for (int layer = 0; layer < 2; ++layer) {
      for (int direction = 0; direction < 2; ++direction) {
        pick(picker, layer, direction);
        const auto& expected =
            cells[static_cast<std::size_t>(layer)][static_cast<std::size_t>(direction)];
        QVERIFY2(near(view.heatmap()->matrix(), expected.hidden.rightCols(5)),
                 qPrintable(QStringLiteral("layer %1 direction %2").arg(layer).arg(direction)));
        view.setQuantity(QStringLiteral("z"));
        QVERIFY(near(view.heatmap()->matrix(), expected.gate(1)));
        view.setQuantity(QStringLiteral("h"));
      }
    }
    QVERIFY2(view.heatmap()->title().contains(QStringLiteral("reverse")),
             qPrintable(view.heatmap()->title()));

    const rnnlab::Model deep = stackModel(rnnlab::CellKind::Gru, 3, true);
    rnnlab::ForwardPass deepPass;
    rnnlab::forward(deep, data, deepPass);
    view.setForwardPass(deepPass);
    pick(picker, 2, 1);
    view.setForwardPass(pass);  // back to two layers
    QCOMPARE(picker->choice()->layer(), 1);
    QCOMPARE(picker->choice()->direction(), 1);
    QVERIFY(near(view.heatmap()->matrix(), cells[1][1].hidden.rightCols(5)));
    const rnnlab::Model oneWay = stackModel(rnnlab::CellKind::Gru, 2, false);
    rnnlab::ForwardPass oneWayPass;
    rnnlab::forward(oneWay, data, oneWayPass);
    view.setForwardPass(oneWayPass);
    QCOMPARE(picker->choice()->direction(), 0);
    QVERIFY(picker->directionBox()->isHidden());
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
