// IterationStepperPanel on a stack (spec v3 §1): the phases go through the cells in the order the
// computation does, each shows the numbers the training computed (from the trainer's own batched
// pass, and from `rnnlab-cli grads`), and the dropout mask shown is the one the iteration used
// (the trainer's, and the spec's rule recomputed here on its own).

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "inspection/iteration_stepper_panel.h"
#include "inspection/value_grid_view.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/rng.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"

using rnnlab::IterationPhase;
using rnnlab::IterationTrace;
using rnnlab::Matrix;
using Kind = IterationPhase::Kind;

namespace {

bool same(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
}

bool near(const Matrix& a, const Matrix& b, double tolerance) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         ((a - b).cwiseAbs().array() <= tolerance * (1.0 + b.cwiseAbs().array())).all();
}

// The built-in example's data with a 2-layer bidirectional `cell` stack, dropout p.
rnnlab::Session stackSession(rnnlab::CellKind cell, double p) {
  rnnlab::Session session = rnnlab::builtinExample();
  session.model.cell = cell;
  session.model.layers = 2;
  session.model.bidirectional = true;
  session.model.dropout = p;
  session.weights.reset();
  session.h0.reset();
  session.training.initScale = 0.5;
  session.training.learningRate = 0.05;
  session.training.seed = 7;
  return session;
}

// The spec's dropout rule on its own: Rng(seed + 2); per iteration, per sequence, per layer
// k = 1 … L − 1, per step, per unit (h→ first): m = 1 if uniform() ≥ p; the input is scaled by
// m / (1 − p). `skipped` draws belong to earlier iterations.
Matrix specMask(std::uint64_t seed, long skipped, double p, rnnlab::Index units,
                rnnlab::Index steps) {
  rnnlab::Rng rng(seed + 2);
  for (long i = 0; i < skipped; ++i) {
    rng.uniform();
  }
  Matrix mask(units, steps);
  for (rnnlab::Index t = 0; t < steps; ++t) {
    for (rnnlab::Index j = 0; j < units; ++j) {
      mask(j, t) = rng.uniform() >= p ? 1.0 / (1.0 - p) : 0.0;
    }
  }
  return mask;
}

// The order the spec's computation takes, written out here: every cell forward (a reverse one
// t = T … 1), the output layer, the loss, the output layer backwards, the cells in the opposite
// order, clip, update.
std::vector<IterationPhase> expectedOrder(int layers, int directions, int steps) {
  std::vector<IterationPhase> order;
  const auto walk = [&](Kind kind, int layer, int direction, bool ascending) {
    for (int i = 0; i < steps; ++i) {
      order.push_back({kind, ascending ? i : steps - 1 - i, layer, direction});
    }
  };
  for (int k = 0; k < layers; ++k) {
    for (int d = 0; d < directions; ++d) {
      walk(Kind::Forward, k, d, d == 0);
    }
  }
  walk(Kind::Forward, IterationPhase::OutputLayer, 0, true);
  order.push_back({Kind::Loss, -1});
  walk(Kind::Backward, IterationPhase::OutputLayer, 0, false);
  for (int k = layers - 1; k >= 0; --k) {
    for (int d = directions - 1; d >= 0; --d) {
      walk(Kind::Backward, k, d, d == 1);
    }
  }
  order.push_back({Kind::Clip, -1});
  order.push_back({Kind::Update, -1});
  return order;
}

void verifyViewsShowShownValues(const IterationStepperPanel& panel) {
  const QMap<QString, Matrix> shown = panel.shownValues();
  QVERIFY(!shown.isEmpty());
  for (auto it = shown.begin(); it != shown.end(); ++it) {
    const ValueGridView* view = panel.viewFor(it.key());
    QVERIFY2(view != nullptr, qPrintable(it.key()));
    QVERIFY2(!view->isHidden(), qPrintable(it.key()));
    QVERIFY2(same(view->matrix(), it.value()), qPrintable(it.key()));
  }
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

}  // namespace

class IterationStepperStackTest : public QObject {
  Q_OBJECT

 private slots:
  // A 2-layer bidirectional GRU with dropout: every phase in the computation's order, each with
  // the values of the trainer's own pass of that iteration.
  void phasesFollowTheComputationWithTheTrainersValues() {
    const double p = 0.3;
    const rnnlab::Session session = stackSession(rnnlab::CellKind::Gru, p);
    rnnlab::Trainer trainer(session.makeModel(), session.data, session.training);
    const long before = 2;
    for (long i = 0; i < before; ++i) {
      trainer.step();
    }
    auto trace = std::make_shared<const IterationTrace>(rnnlab::traceIteration(trainer));
    trainer.step();  // the traced iteration: its batched pass is the reference
    const rnnlab::BatchPass& run = trainer.lastBatch();
    const int T = 4;
    const int H = 4;
    QCOMPARE(trace->forward.steps(), T);

    IterationStepperPanel panel;
    panel.resize(1200, 900);
    panel.setTrace(trace);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const std::vector<IterationPhase> order = expectedOrder(2, 2, T);
    QCOMPARE(panel.phaseCount(), static_cast<int>(order.size()));
    QCOMPARE(panel.phaseCount(), 2 * T * (2 * 2 + 1) + 3);
    QCOMPARE(panel.firstPhaseIndex(Kind::Loss), 5 * T);

    // This iteration's masks of layer 1's input: the trainer's, and the spec's rule's (one layer
    // above the first: T·D·H draws per iteration).
    const Matrix mask = specMask(session.training.seed, before * T * 2 * H, p, 2 * H, T);
    QVERIFY(same(run.sequenceDropoutMask(0, 1), mask));
    QVERIFY((mask.array() == 0.0).any() && (mask.array() != 0.0).any());
    Matrix below(2 * H, T);
    below << run.sequenceCellHidden(0, 0, 0), run.sequenceCellHidden(0, 0, 1);

    for (int i = 0; i < panel.phaseCount(); ++i) {
      panel.setPhaseIndex(i);
      const IterationPhase phase = order[static_cast<std::size_t>(i)];
      QCOMPARE(panel.phase(), phase);
      const QMap<QString, Matrix> shown = panel.shownValues();
      const int s = static_cast<int>(phase.step);
      if (phase.kind == Kind::Forward && !phase.isOutputLayer()) {
        QVERIFY(panel.phaseText().endsWith(
            QStringLiteral("layer %1 %2")
                .arg(phase.layer)
                .arg(phase.direction == 0 ? QStringLiteral("→") : QStringLiteral("←"))));
        const Matrix states = run.sequenceCellHidden(0, phase.layer, phase.direction);
        QVERIFY(same(shown["h"], states.col(s)));
        // The state the step read: h_{t−1}, or h_{t+1} in the reverse direction (its initial
        // state, zero here, after t = T).
        const int read = phase.direction == 0 ? s - 1 : s + 1;
        const Matrix previous =
            read < 0 || read >= T ? Matrix(Matrix::Zero(H, 1)) : Matrix(states.col(read));
        QVERIFY(same(shown["h_prev"], previous));
        if (phase.layer == 1) {
          QVERIFY(same(shown["mask"], mask.col(s)));
          QVERIFY(same(shown["below"], below.col(s)));
          QVERIFY(same(shown["x"], Matrix(below.col(s).array() * mask.col(s).array())));
        } else {
          QVERIFY(!shown.contains("mask"));
          QVERIFY(same(shown["x"], session.data.inputs.row(s).transpose()));
        }
        QVERIFY(!shown.contains("y"));
      } else if (phase.kind == Kind::Forward) {
        QVERIFY(same(shown["y"], run.sequenceOutputs(0).row(s).transpose()));
        Matrix top(2 * H, 1);
        top << run.sequenceCellHidden(0, 1, 0).col(s), run.sequenceCellHidden(0, 1, 1).col(s);
        QVERIFY(same(shown["top"], top));
      } else if (phase.kind == Kind::Loss) {
        QCOMPARE(shown["loss"](0, 0), run.loss());
      } else if (phase.kind == Kind::Backward && !phase.isOutputLayer()) {
        QVERIFY(same(shown["dh"], run.sequenceCellValues(0, phase.layer, phase.direction,
                                                         rnnlab::BatchPass::CellValues::HiddenGrad)
                                      .col(s)));
        // After the cell's last step its running sums are its whole gradient.
        const bool last = phase.direction == 0 ? s == 0 : s == T - 1;
        if (last) {
          const rnnlab::Gradients& grads = trainer.lastBackward().grads;
          const auto block = [&](rnnlab::CellBlock role) {
            return grads.block(grads.cellBlockIndex(phase.layer, phase.direction, role));
          };
          QVERIFY(near(shown["dW_ih_sum"], block(rnnlab::CellBlock::InputWeights), 1e-12));
          QVERIFY(near(shown["dW_hh_sum"], block(rnnlab::CellBlock::RecurrentWeights), 1e-12));
          QVERIFY(near(shown["db_hh_sum"], block(rnnlab::CellBlock::RecurrentBias), 1e-12));
        }
      } else if (phase.kind == Kind::Backward && s == 0) {
        const rnnlab::Gradients& grads = trainer.lastBackward().grads;
        QVERIFY(near(shown["dWhy_sum"], grads.Why(), 1e-12));
        QVERIFY(near(shown["dby_sum"], Matrix(grads.by()), 1e-12));
      } else if (phase.kind == Kind::Update) {
        QVERIFY(same(
            shown["W_ih_l1_reverse_after"],
            trainer.model().params.block(trainer.model().params.blockIndex("W_ih_l1_reverse"))));
      }
      verifyViewsShowShownValues(panel);
    }
    // The note says whose masks these are.
    bool noted = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
      noted = noted || (label->isVisible() && label->text().contains(QStringLiteral("p = 0.3")));
    }
    QVERIFY(noted);
  }

  // Text in three streams with a 2-layer LSTM and dropout: the stepper shows stream 0, with the
  // masks the spec's rule draws first in the iteration.
  void textInStreamsShowsStreamZero() {
    rnnlab::Session session;
    session.text.emplace();
    session.text->text = "to be, or not to be, that is the question: whether 'tis nobler";
    session.text->sequenceLength = 5;
    session.text->streams = 3;
    QVERIFY(!rnnlab::prepareText(*session.text).has_value());
    const int V = session.text->vocabularySize();
    session.model = rnnlab::ModelConfig{V,
                                        6,
                                        V,
                                        rnnlab::OutputMode::Sequence,
                                        rnnlab::LossKind::CrossEntropy,
                                        rnnlab::CellKind::Lstm};
    session.model.layers = 2;
    session.model.dropout = 0.4;
    session.training.seed = 3;
    session.training.initScale = 0.4;
    rnnlab::Trainer trainer(session.makeModel(), *session.text, session.training);
    trainer.step();
    auto trace = std::make_shared<const IterationTrace>(rnnlab::traceIteration(trainer));
    QCOMPARE(trace->streams, 3);
    trainer.step();
    const rnnlab::BatchPass& run = trainer.lastBatch();
    IterationStepperPanel panel;
    panel.setTrace(trace);
    // Forward, layer 1 (the third cell's phases start at 2T... with D = 1: at T), t = 3.
    panel.setPhaseIndex(5 + 2);
    QCOMPARE(panel.phase(), (IterationPhase{Kind::Forward, 2, 1, 0}));
    const QMap<QString, Matrix> shown = panel.shownValues();
    // One earlier iteration: 3 streams × 5 steps × 6 units; this one starts with stream 0's.
    const Matrix mask = specMask(3, 3 * 5 * 6, 0.4, 6, 5);
    QVERIFY(same(shown["mask"], mask.col(2)));
    QVERIFY(same(run.sequenceDropoutMask(0, 1).col(2), mask.col(2)));
    // Stream 0's states (the batch of three ran the same products as a batch of one).
    QVERIFY(near(shown["h"], run.sequenceCellHidden(0, 1, 0).col(2), 1e-12));
    QVERIFY(!near(shown["h"], run.sequenceCellHidden(1, 1, 0).col(2), 1e-6));
    bool noted = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
      noted = noted || label->text().contains(QStringLiteral("stream 0"));
    }
    QVERIFY(noted);
  }

  // Without dropout the stack's values are those `rnnlab-cli grads` prints for every layer.
  void agreesWithTheCliOnAStack() {
#ifndef RNNLAB_CLI_PATH
    QSKIP("rnnlab-cli is not built");
#else
    const rnnlab::Session start = stackSession(rnnlab::CellKind::Lstm, 0.0);
    rnnlab::Trainer trainer(start.makeModel(), start.data, start.training);
    trainer.step();
    auto trace = std::make_shared<const IterationTrace>(rnnlab::traceIteration(trainer));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    rnnlab::Session session = start;
    session.setModel(trace->before);
    const QString path = dir.filePath(QStringLiteral("stack.rnnlab.json"));
    rnnlab::saveSession(session, path.toStdString());
    QProcess cli;
    cli.start(QStringLiteral(RNNLAB_CLI_PATH), {QStringLiteral("grads"), path});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const QJsonObject layers = json["layers"].toObject();
    QCOMPARE(layers.size(), 4);

    IterationStepperPanel panel;
    panel.setTrace(trace);
    const std::vector<IterationPhase> order = expectedOrder(2, 2, 4);
    for (int i = 0; i < panel.phaseCount(); ++i) {
      const IterationPhase phase = order[static_cast<std::size_t>(i)];
      if (phase.kind != Kind::Forward) {
        continue;
      }
      panel.setPhaseIndex(i);
      const QMap<QString, Matrix> shown = panel.shownValues();
      const auto s = static_cast<int>(phase.step);
      if (phase.isOutputLayer()) {
        QVERIFY(same(shown["y"], rowsOf(json["outputs"].toArray()).row(s).transpose()));
        continue;
      }
      const QString key = QStringLiteral("l%1%2")
                              .arg(phase.layer)
                              .arg(phase.direction == 1 ? QStringLiteral("_reverse") : QString());
      const QJsonObject cell = layers[key].toObject();
      QVERIFY(same(shown["h"], rowsOf(cell["hidden"].toArray()).row(s).transpose()));
      QVERIFY(same(shown["f"], rowsOf(cell["gates"].toObject()["f"].toArray()).row(s).transpose()));
    }
    panel.setPhaseIndex(panel.firstPhaseIndex(Kind::Clip));
    const QJsonObject grads = json["grads"].toObject();
    QVERIFY(same(panel.shownValues()["W_hh_l1_reverse_unclipped"],
                 rowsOf(grads["W_hh_l1_reverse"].toArray())));
#endif
  }
};

QTEST_MAIN(IterationStepperStackTest)
#include "iteration_stepper_stack_test.moc"
