// IterationStepperPanel shows exactly the core's numbers for every phase of a traced iteration,
// steps back and forth without losing state, and agrees with `rnnlab-cli grads` to the bit.

#include "inspection/iteration_stepper_panel.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "inspection/value_grid_view.h"
#include "rnnlab/session.h"
#include "rnnlab/step_inspection.h"
#include "rnnlab/trainer.h"

using rnnlab::IterationPhase;
using rnnlab::IterationTrace;
using rnnlab::Matrix;
using Kind = IterationPhase::Kind;

namespace {

std::shared_ptr<const IterationTrace> traceAfter(const rnnlab::Session& session, int iterations) {
  rnnlab::Trainer trainer(session.makeModel(), session.data, session.training);
  for (int i = 0; i < iterations; ++i) {
    trainer.step();
  }
  return std::make_shared<const IterationTrace>(rnnlab::traceIteration(trainer));
}

// Exact comparison that also checks the shape (Eigen's == asserts on mismatched sizes).
bool same(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
}

Matrix rowsOf(const QJsonArray& rows) {
  Matrix m(rows.size(), rows.isEmpty() ? 0 : rows.at(0).toArray().size());
  for (qsizetype r = 0; r < rows.size(); ++r) {
    const QJsonArray row = rows.at(r).toArray();
    for (qsizetype c = 0; c < row.size(); ++c) {
      m(r, c) = row.at(c).toDouble();
    }
  }
  return m;
}

Matrix columnOf(const QJsonArray& values) {
  Matrix m(values.size(), 1);
  for (qsizetype i = 0; i < values.size(); ++i) {
    m(i, 0) = values.at(i).toDouble();
  }
  return m;
}

}  // namespace

class IterationStepperPanelTest : public QObject {
  Q_OBJECT

 private:
  std::shared_ptr<const IterationTrace> m_trace;
  rnnlab::Index m_steps = 0;

  // Every view on display shows exactly the matrix that shownValues() reports.
  static void verifyViewsShowShownValues(const IterationStepperPanel& panel) {
    const QMap<QString, Matrix> shown = panel.shownValues();
    QVERIFY(!shown.isEmpty());
    for (auto it = shown.begin(); it != shown.end(); ++it) {
      const ValueGridView* view = panel.viewFor(it.key());
      QVERIFY2(view != nullptr, qPrintable(it.key()));
      QVERIFY2(!view->isHidden(), qPrintable(it.key()));
      QVERIFY2(same(view->matrix(), it.value()), qPrintable(it.key()));
    }
  }

 private slots:
  void initTestCase() {
    m_trace = traceAfter(rnnlab::builtinExample(), 10);
    m_steps = m_trace->forward.steps();
    QCOMPARE(m_steps, 4);
    QCOMPARE(m_trace->report.iteration, 10);
  }

  // For an LSTM and a GRU every phase shows exactly the trace's numbers: each gate before and
  // after activation, c_t and tanh(c_t) or m_t, the deltas through c_t and h_t, and the cell's
  // six blocks; nothing of the tanh cell (a, tanh′, Wxh) appears.
  void gatedCellsShowTheTracesValues() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      rnnlab::Session session = rnnlab::builtinExample();
      session.model.cell = cell;
      session.weights.reset();
      session.h0.reset();
      session.training.initScale = 0.5;
      const auto trace = traceAfter(session, 3);
      const rnnlab::ForwardPass& f = trace->forward;
      const rnnlab::BackwardPass& b = trace->backward;
      const rnnlab::Index H = f.hiddenSize();
      IterationStepperPanel panel;
      panel.resize(1200, 900);
      panel.setTrace(trace);
      panel.show();
      QVERIFY(QTest::qWaitForWindowExposed(&panel));
      const QStringList gates = cell == rnnlab::CellKind::Lstm ? QStringList{"i", "f", "g", "o"}
                                                               : QStringList{"r", "z", "n"};
      // Forward t = 2.
      panel.setPhaseIndex(1);
      QMap<QString, Matrix> shown = panel.shownValues();
      for (int g = 0; g < gates.size(); ++g) {
        QVERIFY(same(shown.value(gates[g]), f.gates.col(1).segment(g * H, H)));
        QVERIFY(same(shown.value(QStringLiteral("pre_") + gates[g]),
                     f.preActivations.col(1).segment(g * H, H)));
      }
      QVERIFY(same(shown.value(QStringLiteral("h")), f.hidden.col(2)));
      if (cell == rnnlab::CellKind::Lstm) {
        QVERIFY(same(shown.value(QStringLiteral("c_prev")), f.cellState.col(1)));
        QVERIFY(same(shown.value(QStringLiteral("c")), f.cellState.col(2)));
        QVERIFY(same(shown.value(QStringLiteral("tanh_c")), f.cellTanh.col(1)));
      } else {
        QVERIFY(same(shown.value(QStringLiteral("m")), f.candidateHidden.col(1)));
      }
      QVERIFY(!shown.contains(QStringLiteral("a")));
      QVERIFY(panel.viewFor(QStringLiteral("a"))->isHidden());
      verifyViewsShowShownValues(panel);
      // Backward t = 2: phases are T forward, the loss, then T..1.
      const int T = static_cast<int>(f.steps());
      panel.setPhaseIndex(T + 1 + (T - 2));
      QCOMPARE(panel.phase().kind, Kind::Backward);
      QCOMPARE(panel.phase().step, 1);
      shown = panel.shownValues();
      QVERIFY(same(shown.value(QStringLiteral("dh")), b.hiddenGrad.col(1)));
      for (int g = 0; g < gates.size(); ++g) {
        QVERIFY(same(shown.value(QStringLiteral("d_") + gates[g]),
                     b.gateGrad.col(1).segment(g * H, H)));
        QVERIFY(same(shown.value(QStringLiteral("dpre_") + gates[g]),
                     b.preActivationGrad.col(1).segment(g * H, H)));
      }
      if (cell == rnnlab::CellKind::Lstm) {
        QVERIFY(same(shown.value(QStringLiteral("dc")), b.cellGrad.col(1)));
        QVERIFY(same(shown.value(QStringLiteral("dtanh_c")), b.cellTanhGrad.col(1)));
      } else {
        QVERIFY(
            same(shown.value(QStringLiteral("drec_n")), b.recurrentGrad.col(1).segment(2 * H, H)));
      }
      const rnnlab::Gradients step = rnnlab::stepContribution(f, b, 1);
      QVERIFY(same(shown.value(QStringLiteral("dW_hh_step")), step.block(1)));
      QVERIFY(same(shown.value(QStringLiteral("db_ih_step")), step.block(2)));
      QVERIFY(!shown.contains(QStringLiteral("dWxh_step")));
      verifyViewsShowShownValues(panel);
      // Update: the six blocks before and after.
      panel.lastPhase();
      shown = panel.shownValues();
      QVERIFY(same(shown.value(QStringLiteral("b_hh_after")), trace->after.block(3)));
      QVERIFY(same(shown.value(QStringLiteral("W_ih_before")), trace->before.params.block(0)));
      verifyViewsShowShownValues(panel);
    }
  }

  void hasTwoTPlusThreePhases() {
    IterationStepperPanel panel;
    QCOMPARE(panel.phaseCount(), 0);
    QCOMPARE(panel.phaseIndex(), -1);
    panel.setTrace(m_trace);
    QCOMPARE(panel.phaseCount(), 2 * m_steps + 3);
    QCOMPARE(panel.phaseIndex(), 0);
    QCOMPARE(panel.phase(), (IterationPhase{Kind::Forward, 0}));
    panel.setPhaseIndex(1);
    QCOMPARE(panel.phaseText(), QStringLiteral("Forward t = 2 of 4"));
    bool labelShown = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
      labelShown = labelShown || label->text() == QStringLiteral("Forward t = 2 of 4");
    }
    QVERIFY(labelShown);
    panel.setPhaseIndex(static_cast<int>(m_steps) + 1);
    QCOMPARE(panel.phaseText(), QStringLiteral("Backward t = 4 of 4"));
    panel.setPhaseIndex(1000);  // clamped
    QCOMPARE(panel.phaseIndex(), panel.phaseCount() - 1);
    QCOMPARE(panel.phase().kind, Kind::Update);
  }

  void forwardShowsTheCoresStepValues() {
    IterationStepperPanel panel;
    panel.setTrace(m_trace);
    const rnnlab::ForwardPass& f = m_trace->forward;
    for (int s = 0; s < m_steps; ++s) {
      panel.setPhaseIndex(s);
      QCOMPARE(panel.phase(), (IterationPhase{Kind::Forward, s}));
      const QMap<QString, Matrix> shown = panel.shownValues();
      QVERIFY(same(shown["x"], f.inputs.col(s)));
      QVERIFY(same(shown["h_prev"], f.hidden.col(s)));
      QVERIFY(same(shown["a"], f.preActivations.col(s)));
      QVERIFY(same(shown["h"], f.hidden.col(s + 1)));
      QVERIFY(same(shown["y"], f.outputs.col(s)));
      QVERIFY(same(shown["d"], f.targets.col(s)));
      QCOMPARE(shown["step_loss"](0, 0), f.stepLoss(s));
      QVERIFY(!shown.contains("p"));  // mse: no probabilities
      verifyViewsShowShownValues(panel);
    }
  }

  void lossShowsTotalAndPerStepLosses() {
    IterationStepperPanel panel;
    panel.setTrace(m_trace);
    panel.setPhaseIndex(static_cast<int>(m_steps));
    QCOMPARE(panel.phase().kind, Kind::Loss);
    const rnnlab::ForwardPass& f = m_trace->forward;
    const QMap<QString, Matrix> shown = panel.shownValues();
    QCOMPARE(shown["loss"](0, 0), f.loss);
    QCOMPARE(shown["loss"](0, 0), m_trace->report.loss);
    QVERIFY(same(shown["step_losses"], f.stepLoss.transpose()));
    QVERIFY(same(shown["outputs"], f.outputs));
    QVERIFY(same(shown["targets"], f.targets));
    QVERIFY(same(shown["output_grad"], f.outputGrad));
    verifyViewsShowShownValues(panel);
  }

  void backwardShowsDeltasContributionsAndRunningSums() {
    IterationStepperPanel panel;
    panel.setTrace(m_trace);
    const rnnlab::ForwardPass& f = m_trace->forward;
    const rnnlab::BackwardPass& b = m_trace->backward;
    for (int k = 0; k < m_steps; ++k) {
      const int s = static_cast<int>(m_steps) - 1 - k;  // backward runs t = T..1
      panel.setPhaseIndex(static_cast<int>(m_steps) + 1 + k);
      QCOMPARE(panel.phase(), (IterationPhase{Kind::Backward, s}));
      const QMap<QString, Matrix> shown = panel.shownValues();
      QVERIFY(same(shown["dy"], f.outputGrad.col(s)));
      QVERIFY(same(shown["dh"], b.hiddenGrad.col(s)));
      QVERIFY(same(shown["da"], b.preActivationGrad.col(s)));
      QVERIFY(same(shown["tanh_prime"], rnnlab::tanhDerivative(f, s)));
      const Matrix oneMinusHSquared = (1.0 - f.hidden.col(s + 1).array().square()).matrix();
      QVERIFY(same(shown["tanh_prime"], oneMinusHSquared));
      const rnnlab::Gradients step = rnnlab::stepContribution(f, b, s);
      const rnnlab::Gradients sum = rnnlab::accumulatedGradients(f, b, s);
      QVERIFY(same(shown["dWxh_step"], step.Wxh()));
      QVERIFY(same(shown["dWhh_step"], step.Whh()));
      QVERIFY(same(shown["dWhy_step"], step.Why()));
      QVERIFY(same(shown["dbh_step"], step.bh()));
      QVERIFY(same(shown["dby_step"], step.by()));
      QVERIFY(same(shown["dWxh_sum"], sum.Wxh()));
      QVERIFY(same(shown["dWhh_sum"], sum.Whh()));
      QVERIFY(same(shown["dWhy_sum"], sum.Why()));
      QVERIFY(same(shown["dbh_sum"], sum.bh()));
      QVERIFY(same(shown["dby_sum"], sum.by()));
      // The contribution really is the spec's product of this step's vectors.
      QVERIFY(same(shown["dWhh_step"], b.preActivationGrad.col(s) * f.hidden.col(s).transpose()));
      verifyViewsShowShownValues(panel);
    }
    // After t = 1 the running sums are the whole gradients backward() returned.
    const QMap<QString, Matrix> shown = panel.shownValues();
    QVERIFY(same(shown["dWxh_sum"], b.grads.Wxh()));
    QVERIFY(same(shown["dWhh_sum"], b.grads.Whh()));
    QVERIFY(same(shown["dWhy_sum"], b.grads.Why()));
    QVERIFY(same(shown["dbh_sum"], b.grads.bh()));
    QVERIFY(same(shown["dby_sum"], b.grads.by()));
  }

  void clipAndUpdateShowTheTracesGradientsAndWeights() {
    IterationStepperPanel panel;
    panel.setTrace(m_trace);
    panel.setPhaseIndex(2 * static_cast<int>(m_steps) + 1);
    QCOMPARE(panel.phase().kind, Kind::Clip);
    QMap<QString, Matrix> shown = panel.shownValues();
    const rnnlab::ClipReport& clip = m_trace->report.clip;
    QCOMPARE(shown["norm_before"](0, 0), clip.normBefore);
    QCOMPARE(shown["norm_after"](0, 0), clip.normAfter);
    QCOMPARE(shown["values_clipped"](0, 0), static_cast<double>(clip.valuesClipped));
    QCOMPARE(shown["norm_clipped"](0, 0), clip.normClipped ? 1.0 : 0.0);
    QVERIFY(same(shown["Wxh_unclipped"], m_trace->backward.grads.Wxh()));
    QVERIFY(same(shown["Whh_clipped"], m_trace->clipped.Whh()));
    QVERIFY(same(shown["by_clipped"], m_trace->clipped.by()));
    verifyViewsShowShownValues(panel);

    panel.nextPhase();
    QCOMPARE(panel.phase().kind, Kind::Update);
    shown = panel.shownValues();
    const rnnlab::Parameters& before = m_trace->before.params;
    const rnnlab::Parameters& after = m_trace->after;
    QVERIFY(same(shown["Wxh_before"], before.Wxh()));
    QVERIFY(same(shown["Whh_after"], after.Whh()));
    QVERIFY(same(shown["Why_change"], after.Why() - before.Why()));
    QVERIFY(same(shown["bh_change"], after.bh() - before.bh()));
    QVERIFY(same(shown["by_after"], after.by()));
    QVERIFY(!same(shown["Whh_before"], shown["Whh_after"]));  // the update moved the weights
    verifyViewsShowShownValues(panel);
  }

  void steppingForwardThenBackwardReturnsToTheSameState() {
    IterationStepperPanel panel;
    panel.setTrace(m_trace);
    QSignalSpy spy(&panel, &IterationStepperPanel::phaseChanged);
    QList<QMap<QString, Matrix>> seen{panel.shownValues()};
    QStringList texts{panel.phaseText()};
    while (panel.phaseIndex() + 1 < panel.phaseCount()) {
      panel.nextPhase();
      seen.append(panel.shownValues());
      texts.append(panel.phaseText());
    }
    QCOMPARE(seen.size(), panel.phaseCount());
    QCOMPARE(spy.count(), panel.phaseCount() - 1);
    QCOMPARE(spy.last().at(0).toInt(), panel.phaseCount() - 1);
    panel.nextPhase();  // already at the end: nothing happens
    QCOMPARE(spy.count(), panel.phaseCount() - 1);

    for (int index = panel.phaseCount() - 1; index >= 0; --index) {
      QCOMPARE(panel.phaseIndex(), index);
      QCOMPARE(panel.phaseText(), texts[index]);
      const QMap<QString, Matrix> now = panel.shownValues();
      QCOMPARE(now.keys(), seen[index].keys());
      for (auto it = now.begin(); it != now.end(); ++it) {
        QVERIFY2(same(it.value(), seen[index][it.key()]), qPrintable(it.key()));
      }
      panel.previousPhase();
    }
    QCOMPARE(panel.phaseIndex(), 0);
  }

  void keyboardShortcutsStep() {
    IterationStepperPanel panel;
    panel.setTrace(m_trace);
    panel.show();
    panel.activateWindow();
    panel.setFocus();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QTest::keyClick(&panel, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(panel.phaseIndex(), 1);
    QTest::keyClick(&panel, Qt::Key_End);
    QCOMPARE(panel.phaseIndex(), panel.phaseCount() - 1);
    QTest::keyClick(&panel, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(panel.phaseIndex(), panel.phaseCount() - 2);
    QTest::keyClick(&panel, Qt::Key_Home);
    QCOMPARE(panel.phaseIndex(), 0);
  }

  void newTraceKeepsTheIndexWhenItStillExists() {
    IterationStepperPanel panel;
    panel.setTrace(m_trace);
    panel.setPhaseIndex(6);
    const auto later = traceAfter(rnnlab::builtinExample(), 11);
    panel.setTrace(later);
    QCOMPARE(panel.phaseIndex(), 6);
    QCOMPARE(panel.phase(), (IterationPhase{Kind::Backward, 2}));
    QVERIFY(same(panel.shownValues()["dh"], later->backward.hiddenGrad.col(2)));

    rnnlab::Session shorter = rnnlab::builtinExample();
    shorter.data.inputs.conservativeResize(2, Eigen::NoChange);
    shorter.data.targets.conservativeResize(2, Eigen::NoChange);
    panel.setPhaseIndex(9);
    panel.setTrace(traceAfter(shorter, 3));
    QCOMPARE(panel.phaseCount(), 7);
    QCOMPARE(panel.phaseIndex(), 0);  // index 9 does not exist for T = 2

    panel.setTrace(nullptr);
    QCOMPARE(panel.phaseCount(), 0);
    QVERIFY(panel.shownValues().isEmpty());
  }

  void agreesExactlyWithTheCliOnTheSameSession() {
#ifndef RNNLAB_CLI_PATH
    QSKIP("rnnlab-cli is not built");
#else
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    rnnlab::Session session = rnnlab::builtinExample();
    session.setModel(m_trace->before);
    const QString path = dir.filePath(QStringLiteral("traced.rnnlab.json"));
    rnnlab::saveSession(session, path.toStdString());

    QProcess cli;
    cli.start(QStringLiteral(RNNLAB_CLI_PATH), {QStringLiteral("grads"), path});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(cli.readAllStandardOutput(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject json = document.object();
    const Matrix hidden = rowsOf(json["hidden"].toArray());    // T×H
    const Matrix outputs = rowsOf(json["outputs"].toArray());  // T×O
    QCOMPARE(hidden.rows(), m_steps);

    IterationStepperPanel panel;
    panel.setTrace(m_trace);
    for (int s = 0; s < m_steps; ++s) {
      panel.setPhaseIndex(s);
      const QMap<QString, Matrix> shown = panel.shownValues();
      QVERIFY(same(shown["h"], hidden.row(s).transpose()));
      QVERIFY(same(shown["y"], outputs.row(s).transpose()));
    }
    panel.setPhaseIndex(static_cast<int>(m_steps));
    QCOMPARE(panel.shownValues()["loss"](0, 0), json["loss"].toDouble());

    // grads prints the unclipped gradients: the clip phase's "unclipped" column and the
    // backward pass's final running sums.
    const QJsonObject grads = json["grads"].toObject();
    panel.setPhaseIndex(2 * static_cast<int>(m_steps) + 1);
    QMap<QString, Matrix> shown = panel.shownValues();
    QVERIFY(same(shown["Wxh_unclipped"], rowsOf(grads["Wxh"].toArray())));
    QVERIFY(same(shown["Whh_unclipped"], rowsOf(grads["Whh"].toArray())));
    QVERIFY(same(shown["Why_unclipped"], rowsOf(grads["Why"].toArray())));
    QVERIFY(same(shown["bh_unclipped"], columnOf(grads["bh"].toArray())));
    QVERIFY(same(shown["by_unclipped"], columnOf(grads["by"].toArray())));
    panel.setPhaseIndex(2 * static_cast<int>(m_steps));  // backward t = 1
    shown = panel.shownValues();
    QVERIFY(same(shown["dWhh_sum"], rowsOf(grads["Whh"].toArray())));
    QVERIFY(same(shown["dbh_sum"], columnOf(grads["bh"].toArray())));
#endif
  }

  void redrawsQuicklyAtS2Size() {
    // I/H/O/T 32/256/32/100: the issue asks for a redraw within 30 ms. Printed, not enforced:
    // sanitizer and debug builds are many times slower.
    rnnlab::Session session = rnnlab::builtinExample();
    session.model = {32, 256, 32, rnnlab::OutputMode::Sequence, rnnlab::LossKind::Mse};
    session.data.inputs = Matrix::NullaryExpr(100, 32, [](Eigen::Index i, Eigen::Index j) {
      return std::sin(0.1 * static_cast<double>(i) + static_cast<double>(j));
    });
    session.data.targets = Matrix::NullaryExpr(100, 32, [](Eigen::Index i, Eigen::Index j) {
      return std::cos(0.2 * static_cast<double>(i + j));
    });
    session.training.learningRate = 0.01;
    const auto trace = traceAfter(session, 1);
    IterationStepperPanel panel;
    panel.resize(1200, 800);
    panel.setTrace(trace);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    double worst = 0.0;
    double total = 0.0;
    int worstIndex = 0;
    QElapsedTimer timer;
    for (int i = 0; i < panel.phaseCount(); ++i) {
      timer.start();
      panel.setPhaseIndex(i);
      QCoreApplication::processEvents();  // the layout pass
      panel.grab();                       // a full paint of every visible view
      const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
      // Every phase of the iteration is reached, in the computation's order.
      QCOMPARE(panel.phaseIndex(), i);
      QVERIFY(panel.phase() == rnnlab::iterationPhases(100)[static_cast<std::size_t>(i)]);
      if (ms > worst) {
        worst = ms;
        worstIndex = i;
      }
      total += ms;
    }
    qInfo("S2 stepper redraw: mean %.1f ms, worst %.1f ms (%s) over %d phases",
          total / panel.phaseCount(), worst,
          qPrintable(
              phaseLabel(rnnlab::iterationPhases(100)[static_cast<std::size_t>(worstIndex)], 100)),
          panel.phaseCount());
    QCOMPARE(panel.phaseCount(), 2 * 100 + 3);  // the times are for reading, not asserted
  }
};

QTEST_MAIN(IterationStepperPanelTest)
#include "iteration_stepper_panel_test.moc"
