// GradientFlowView shows the gradient flow of the cell of a stack its picker chose, and the
// norms are the true ones: ‖∂L/∂h_t‖ of layer 1 (the top) as the one-cell model of that layer
// computes it, and of layer 0 by finite differences of the loss with layer 0's state nudged.

#include "inspection/gradient_flow_view.h"

#include <QComboBox>
#include <QtTest>
#include <cmath>

#include "../stack_cells.h"
#include "inspection/gradient_flow_strip.h"
#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/step_inspection.h"
#include "widgets/cell_choice.h"
#include "widgets/layer_picker.h"

namespace {

using rnnlab::Index;
using rnnlab::Matrix;
using Cells = std::vector<std::vector<rnnlab::ForwardPass>>;

// The loss of the 2-layer stack with layer 0's h_t (step `t`, 0-based) nudged by `delta` in unit
// `unit`: layer 0 runs on from the nudged state, and layer 1 with the output layer reads the
// changed sequence. Only one-cell models (version 2's passes) compute it.
double nudgedLoss(const rnnlab::Model& stack, const rnnlab::SequenceData& data, const Cells& cells,
                  Index t, Index unit, double delta) {
  const Index T = data.steps();
  Matrix below = cells[0][0].hidden.rightCols(T).transpose();  // T×H
  below(t, unit) += delta;
  if (t + 1 < T) {
    rnnlab::Model rest = stack_cells::cellModel(stack, 0, 0);
    rest.h0 = below.row(t).transpose();
    if (stack.config.cell == rnnlab::CellKind::Lstm) {
      rest.c0 = cells[0][0].cellState.col(t + 1);
    }
    rnnlab::SequenceData later;
    later.inputs = data.inputs.bottomRows(T - t - 1);
    later.targets = Matrix::Zero(T - t - 1, rest.config.outputSize);
    rnnlab::ForwardPass pass;
    rnnlab::forward(rest, later, pass);
    below.bottomRows(T - t - 1) = pass.hidden.rightCols(T - t - 1).transpose();
  }
  const rnnlab::Model top = stack_cells::cellModel(stack, 1, 0, true);
  rnnlab::SequenceData upper{below, data.targets};
  rnnlab::ForwardPass pass;
  rnnlab::forward(top, upper, pass);
  return pass.loss;
}

void pick(LayerPicker* picker, int layer) {
  picker->layerBox()->setCurrentIndex(layer);
  emit picker->layerBox()->activated(layer);
}

}  // namespace

class GradientFlowViewTest : public QObject {
  Q_OBJECT

 private slots:
  void eachLayerShowsItsTrueGradientNorms() {
    rnnlab::ModelConfig config{3, 4, 2};
    config.cell = rnnlab::CellKind::Lstm;
    config.layers = 2;
    rnnlab::Model model = rnnlab::Model::initialized(config, 21, 0.8);
    model.h0 = rnnlab::Vector::Random(8) * 0.4;
    model.c0 = rnnlab::Vector::Random(8) * 0.4;
    rnnlab::SequenceData data;
    data.inputs = Matrix::Random(7, 3);
    data.targets = Matrix::Random(7, 2);
    rnnlab::ForwardPass pass;
    rnnlab::forward(model, data, pass);
    rnnlab::BackwardPass back;
    rnnlab::backward(model, pass, back);
    const Cells cells = stack_cells::allCells(model, data.inputs);

    // The top layer as a one-cell model with the output layer: the same loss, and its own
    // backward pass gives ∂L/∂h_t of layer 1.
    const rnnlab::Model top = stack_cells::cellModel(model, 1, 0, true);
    rnnlab::ForwardPass topPass;
    rnnlab::forward(top, {cells[0][0].hidden.rightCols(7).transpose(), data.targets}, topPass);
    QVERIFY(std::abs(topPass.loss - pass.loss) < 1e-12 * (1.0 + pass.loss));
    rnnlab::BackwardPass topBack;
    rnnlab::backward(top, topPass, topBack);

    GradientFlowView view;
    view.resize(560, 320);
    view.setBackwardPass(back);
    QVERIFY(!view.layerPicker()->isHidden());
    pick(view.layerPicker(), 1);
    const GradientFlowStrip* strip = view.strip();
    QCOMPARE(strip->barCount(), 7);
    const rnnlab::Vector hidden = rnnlab::hiddenGradientNorms(topBack);
    const rnnlab::Vector cell = rnnlab::cellGradientNorms(topBack);
    const rnnlab::Vector pre = rnnlab::preActivationGradientNorms(topBack);
    for (int t = 0; t < 7; ++t) {
      const auto s = static_cast<std::size_t>(t);
      QVERIFY(std::abs(strip->hiddenNorms()[s] - hidden(t)) < 1e-12 * (1.0 + hidden(t)));
      QVERIFY(std::abs(strip->cellNorms()[s] - cell(t)) < 1e-12 * (1.0 + cell(t)));
      QVERIFY(std::abs(strip->preActivationNorms()[s] - pre(t)) < 1e-12 * (1.0 + pre(t)));
    }

    // Layer 0: what layer 1 sends down at step t and what layer 0's later steps send back.
    pick(view.layerPicker(), 0);
    QCOMPARE(view.layerPicker()->choice()->layer(), 0);
    const double h = 1e-6;
    for (Index t = 0; t < 7; ++t) {
      double squares = 0.0;
      for (Index unit = 0; unit < 4; ++unit) {
        const double slope = (nudgedLoss(model, data, cells, t, unit, h) -
                              nudgedLoss(model, data, cells, t, unit, -h)) /
                             (2 * h);
        squares += slope * slope;
      }
      const double expected = std::sqrt(squares);
      const double shown = strip->hiddenNorms()[static_cast<std::size_t>(t)];
      QVERIFY2(std::abs(shown - expected) < 1e-7 * (1.0 + expected),
               qPrintable(QStringLiteral("t %1: %2 vs %3").arg(t).arg(shown).arg(expected)));
    }
    // Not layer 1's: the layers' gradients differ.
    QVERIFY(std::abs(strip->hiddenNorms()[0] - hidden(0)) > 1e-6);
  }

  // One cell: no picker, the pass's own norms.
  void oneCellHasNoPicker() {
    rnnlab::ModelConfig config{2, 3, 1};
    const rnnlab::Model model = rnnlab::Model::initialized(config, 2, 0.6);
    rnnlab::SequenceData data{Matrix::Random(5, 2), Matrix::Random(5, 1)};
    rnnlab::ForwardPass pass;
    rnnlab::forward(model, data, pass);
    rnnlab::BackwardPass back;
    rnnlab::backward(model, pass, back);
    GradientFlowView view;
    view.setBackwardPass(back);
    QVERIFY(view.layerPicker()->isHidden());
    const rnnlab::Vector hidden = rnnlab::hiddenGradientNorms(back);
    for (int t = 0; t < 5; ++t) {
      QCOMPARE(view.strip()->hiddenNorms()[static_cast<std::size_t>(t)], hidden(t));
    }
  }
};

QTEST_MAIN(GradientFlowViewTest)
#include "gradient_flow_view_test.moc"
