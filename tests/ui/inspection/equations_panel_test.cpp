// EquationsPanel writes the spec's equations with the traced iteration's own numbers (its
// learning rate too), and the scalar equation of a hovered element.

#include "inspection/equations_panel.h"

#include <QTextBrowser>
#include <QtTest>

#include "inspection/phase_values.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "widgets/number_format.h"

using rnnlab::IterationPhase;
using Kind = IterationPhase::Kind;

namespace {

std::shared_ptr<const rnnlab::IterationTrace> exampleTrace(rnnlab::Session session) {
  rnnlab::Trainer trainer(session.makeModel(), session.data, session.training);
  trainer.step();
  return std::make_shared<const rnnlab::IterationTrace>(rnnlab::traceIteration(trainer));
}

}  // namespace

class EquationsPanelTest : public QObject {
  Q_OBJECT

 private slots:
  // LSTM and GRU: the cell's own equations, forward per gate and backward through c_t and h_t,
  // with the trace's numbers substituted; none of the tanh cell's a_t.
  void gatedCellsWriteTheirOwnEquationsWithTheNumbers() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      rnnlab::Session session = rnnlab::builtinExample();
      session.model.cell = cell;
      session.weights.reset();
      session.h0.reset();
      session.training.initScale = 0.5;
      const auto trace = exampleTrace(session);
      const rnnlab::ForwardPass& f = trace->forward;
      const rnnlab::BackwardPass& b = trace->backward;
      EquationsPanel panel;
      panel.setTrace(trace);
      panel.setPhase({Kind::Forward, 1});
      QString html = panel.html();
      QVERIFY(!html.contains(QStringLiteral("<i>a</i><sub>2</sub> =")));
      for (rnnlab::Index g = 0; g < rnnlab::gateCount(cell); ++g) {
        QVERIFY(html.contains(formatNumber(f.gate(g)(0, 1), 'g', 4)));
      }
      QVERIFY(html.contains(formatNumber(f.hidden(2, 2), 'g', 4)));
      if (cell == rnnlab::CellKind::Lstm) {
        QVERIFY(html.contains(QStringLiteral("<i>f</i><sub>2</sub> ⊙ <i>c</i><sub>1</sub>")));
        QVERIFY(html.contains(formatNumber(f.cellState(1, 2), 'g', 4)));
      } else {
        QVERIFY(html.contains(QStringLiteral("(1 − <i>z</i><sub>2</sub>)")));
        QVERIFY(html.contains(formatNumber(f.candidateHidden(0, 1), 'g', 4)));
      }
      panel.setPhase({Kind::Backward, 1});
      html = panel.html();
      QVERIFY(html.contains(formatNumber(b.hiddenGrad(0, 1), 'g', 4)));
      if (cell == rnnlab::CellKind::Lstm) {
        QVERIFY(html.contains(QStringLiteral("<i>δc</i><sub>2</sub>")));
        QVERIFY(html.contains(formatNumber(b.cellGrad(0, 1), 'g', 4)));
        QVERIFY(html.contains(QStringLiteral("<i>f</i><sub>3</sub> ⊙ <i>δc</i><sub>3</sub>")));
      } else {
        QVERIFY(html.contains(QStringLiteral("<i>δn</i><sub>2</sub>")));
      }
      const int H = static_cast<int>(f.hiddenSize());
      QVERIFY(html.contains(formatNumber(b.preActivationGrad(H, 1), 'g', 4)));
    }
  }

  // A 2-layer bidirectional stack with dropout: a reverse cell's step reads h_{t+1} with its
  // own weights, a layer above the first reads the layer below times this iteration's mask, and
  // the output layer reads o_t.
  void aStackWritesEachCellsEquations() {
    rnnlab::Session session = rnnlab::builtinExample();
    session.model.layers = 2;
    session.model.bidirectional = true;
    session.model.dropout = 0.5;
    session.weights.reset();
    session.h0.reset();
    session.training.initScale = 0.5;
    const auto trace = exampleTrace(session);
    EquationsPanel panel;
    panel.setTrace(trace);
    panel.setPhase({Kind::Forward, 1, 1, 1});  // layer 1 ←, t = 2
    QString html = panel.html();
    QVERIFY2(html.contains(QStringLiteral("layer 1 ←")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("<i>h</i><sub>3</sub> + <i>b</i><sub>h</sub>")));
    const rnnlab::ForwardPass& cell = trace->forwardOf(1, 1);
    QVERIFY(html.contains(formatNumber(cell.hidden(0, 3), 'g', 4)));  // h_3, what it reads
    QVERIFY(html.contains(formatNumber(cell.hidden(0, 2), 'g', 4)));  // h_2
    const rnnlab::Matrix mask = cell.stack->sequenceDropoutMask(0, 1);
    const auto dropped = (mask.col(1).array() == 0.0).count();
    QVERIFY(html.contains(QStringLiteral("%1 of 8 values dropped").arg(dropped)));
    const rnnlab::Parameters& p = trace->before.params;
    QVERIFY(html.contains(formatNumber(p.block(p.blockIndex("Whh_l1_reverse"))(0, 0), 'g', 4)));

    panel.setPhase({Kind::Forward, 1, IterationPhase::OutputLayer, 0});
    html = panel.html();
    QVERIFY(html.contains(QStringLiteral("<i>W</i><sub>hy</sub>·<i>o</i><sub>2</sub>")));
    QVERIFY(html.contains(formatNumber(trace->forward.outputs(1, 1), 'g', 4)));

    panel.setPhase({Kind::Backward, 2, 0, 1});  // layer 0 ←, t = 3: δa_2 comes back
    html = panel.html();
    QVERIFY2(html.contains(QStringLiteral("<i>δa</i><sub>2</sub>")), qPrintable(html));
    QVERIFY(html.contains(formatNumber(trace->backwardOf(0, 1).hiddenGrad(0, 2), 'g', 4)));

    panel.setPhase({Kind::Update, -1});
    QVERIFY(panel.html().contains(QStringLiteral("Wxh_l1_reverse")));
  }

  void withoutATraceSaysSo() {
    EquationsPanel panel;
    QVERIFY(panel.html().contains(QStringLiteral("No iteration traced.")));
    QVERIFY(!panel.substitutesValues());
  }

  void forwardStepShowsItsNumbers() {
    const auto trace = exampleTrace(rnnlab::builtinExample());
    EquationsPanel panel;
    panel.setTrace(trace);
    panel.setPhase({Kind::Forward, 1});
    QVERIFY(panel.substitutesValues());  // the example is small
    const QString html = panel.html();
    QVERIFY2(html.contains(QStringLiteral("Forward t = 2 of 4")), qPrintable(html));
    // The pre-activation a_2 and the output y_2, to 4 significant digits with a real minus.
    const rnnlab::ForwardPass& f = trace->forward;
    QVERIFY(html.contains(formatNumber(f.preActivations(0, 1), 'g', 4)));
    QVERIFY(html.contains(formatNumber(f.outputs(0, 1), 'g', 4)));
    QVERIFY(!html.contains(QLatin1Char('-') + QString::number(std::abs(f.outputs(0, 1)), 'g', 4)));
    // The page shows the same text.
    QVERIFY(panel.findChild<QTextBrowser*>()->toPlainText().contains(QStringLiteral("tanh")));
  }

  void largeModelsShowNorms() {
    rnnlab::Session session = rnnlab::builtinExample();
    session.model.hiddenSize = EquationsPanel::MaxSubstitutedSize + 1;
    session.weights.reset();
    session.h0.reset();
    const auto trace = exampleTrace(session);
    EquationsPanel panel;
    panel.setTrace(trace);
    panel.setPhase({Kind::Forward, 0});
    QVERIFY(!panel.substitutesValues());
    QVERIFY(
        panel.html().contains(QStringLiteral("‖<i>W</i><sub>hh</sub>‖ = %1")
                                  .arg(formatNumber(trace->before.params.Whh().norm(), 'g', 4))));
  }

  void hoveredElementGetsItsScalarEquation() {
    const auto trace = exampleTrace(rnnlab::builtinExample());
    EquationsPanel panel;
    panel.setTrace(trace);
    panel.setPhase({Kind::Forward, 0});
    panel.setHoveredElement(QStringLiteral("h"), 1, 0);
    const double h = trace->forward.hidden(1, 1);
    const double a = trace->forward.preActivations(1, 0);
    QVERIFY2(panel.html().contains(QStringLiteral("= %1 = tanh(%2)")
                                       .arg(formatNumber(h, 'g', 10), formatNumber(a, 'g', 4))),
             qPrintable(panel.html()));
    panel.setHoveredElement(QString(), -1, -1);
    QVERIFY(!panel.html().contains(QStringLiteral("#fff3c4")));
  }

  void updateWithSgdWritesTheRule() {
    const auto trace = exampleTrace(rnnlab::builtinExample());
    EquationsPanel panel;
    rnnlab::TrainingSettings settings = rnnlab::builtinExample().training;
    settings.optimizer = rnnlab::OptimizerKind::Sgd;
    panel.setSettings(settings);
    panel.setTrace(trace);
    panel.setPhase({Kind::Update, -1});
    QVERIFY(panel.html().contains(QStringLiteral("sgd: θ ← θ − η·<i>g</i>")));
    panel.setHoveredElement(QStringLiteral("Whh_after"), 0, 1);
    const double before = trace->before.params.Whh()(0, 1);
    QVERIFY2(panel.html().contains(QStringLiteral(" = %1 − %2 · ")
                                       .arg(formatNumber(before, 'g', 4),
                                            formatNumber(settings.learningRate, 'g', 4))),
             qPrintable(panel.html()));
  }

  // With learning-rate decay the update shows the rate its iteration used, not the setting's η.
  void updateWithRmspropAndDecayWritesTheRateInUse() {
    rnnlab::Session session = rnnlab::builtinExample();
    session.training.optimizer = rnnlab::OptimizerKind::Rmsprop;
    session.training.lrDecay = 0.5;
    session.training.lrDecayEvery = 1;
    const auto trace = exampleTrace(session);  // iteration 1: η·γ
    QCOMPARE(trace->report.iteration, 1L);
    EquationsPanel panel;
    panel.setSettings(session.training);
    panel.setTrace(trace);
    panel.setPhase({Kind::Update, -1});
    QVERIFY2(panel.html().contains(QStringLiteral("rmsprop: <i>v</i> ← α·<i>v</i>")),
             qPrintable(panel.html()));
    const QString rate = formatNumber(session.training.learningRate * 0.5, 'g', 4);
    QVERIFY2(panel.html().contains(QStringLiteral("with η = %1").arg(rate)),
             qPrintable(panel.html()));
  }
};

QTEST_MAIN(EquationsPanelTest)
#include "equations_panel_test.moc"
