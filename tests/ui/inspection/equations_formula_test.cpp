// Every equation the stepper's equations view writes, for every cell, at every phase, against
// the formulas of the spec (rnn-math.md §2–3 for the tanh cell, v2.md §1 for LSTM and GRU, and
// the backward pass that follows from them by the chain rule), transcribed here by hand in the
// panel's notation. A formula a student copies must be right even where the numbers are.
// Also fails on any QString::arg warning and on any placeholder left in the text: a
// "%1²" once turned "(1 − g²)" into "(1 − g)".

#include <QRegularExpression>
#include <QTextDocument>
#include <QtTest>

#include "inspection/equations_panel.h"
#include "rnnlab/iteration_trace.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"

namespace {

QStringList g_warnings;

void recordWarnings(QtMsgType type, const QMessageLogContext&, const QString& message) {
  if (type != QtDebugMsg && type != QtInfoMsg) {
    g_warnings << message;
  }
}

// The panel's HTML as one line of text: x_t for subscripts, ^ for superscripts, tags dropped,
// white space folded.
QString flatText(QString html) {
  html.replace(QRegularExpression(QStringLiteral("<sub>(.*?)</sub>")), QStringLiteral("_\\1"));
  html.replace(QRegularExpression(QStringLiteral("<sup>(.*?)</sup>")), QStringLiteral("^\\1"));
  html.replace(QRegularExpression(QStringLiteral("<br\\s*/?>|</p>|</td>|</tr>")),
               QStringLiteral(" "));
  QTextDocument document;
  document.setHtml(html);
  // Composed (NFC), so that a hat typed as one character here matches a combining one there.
  return document.toPlainText().simplified().normalized(QString::NormalizationForm_C);
}

std::shared_ptr<const rnnlab::IterationTrace> traceOf(rnnlab::CellKind cell, int hidden) {
  rnnlab::Session session = rnnlab::builtinExample();
  session.model.cell = cell;
  session.model.hiddenSize = hidden;
  session.weights.reset();
  session.h0.reset();
  session.c0.reset();
  session.training.initScale = 0.5;
  rnnlab::Trainer trainer(session.makeModel(), session.data, session.training);
  return std::make_shared<const rnnlab::IterationTrace>(rnnlab::traceIteration(trainer));
}

// The spec's forward equations at step t = 2 (t − 1 = 1), in the panel's notation.
QStringList forwardFormulas(rnnlab::CellKind cell) {
  switch (cell) {
    case rnnlab::CellKind::Rnn:
      return {"a_2 = W_xh·x_2 + W_hh·h_1 + b_h", "h_2 = tanh(a_2)", "y_2 = W_hy·h_2 + b_y"};
    case rnnlab::CellKind::Lstm:
      return {"î_2 = W_ii·x_2 + b_ii + W_hi·h_1 + b_hi", "i_2 = σ(î_2)",
              "f̂_2 = W_if·x_2 + b_if + W_hf·h_1 + b_hf", "f_2 = σ(f̂_2)",
              "ĝ_2 = W_ig·x_2 + b_ig + W_hg·h_1 + b_hg", "g_2 = tanh(ĝ_2)",
              "ô_2 = W_io·x_2 + b_io + W_ho·h_1 + b_ho", "o_2 = σ(ô_2)",
              "c_2 = f_2 ⊙ c_1 + i_2 ⊙ g_2",           "h_2 = o_2 ⊙ tanh(c_2)",
              "y_2 = W_hy·h_2 + b_y"};
    case rnnlab::CellKind::Gru:
      return {"r̂_2 = W_ir·x_2 + b_ir + W_hr·h_1 + b_hr", "r_2 = σ(r̂_2)",
              "ẑ_2 = W_iz·x_2 + b_iz + W_hz·h_1 + b_hz", "z_2 = σ(ẑ_2)",
              "m_2 = W_hn·h_1 + b_hn",                   "n̂_2 = W_in·x_2 + b_in + r_2 ⊙ m_2",
              "n_2 = tanh(n̂_2)",                         "h_2 = (1 − z_2) ⊙ n_2 + z_2 ⊙ h_1",
              "y_2 = W_hy·h_2 + b_y"};
  }
  return {};
}

// The backward pass at t = 2 of T = 3 (so t + 1 = 3 sends gradient back), by the chain rule:
// σ' = σ(1 − σ), tanh' = 1 − tanh².
QStringList backwardFormulas(rnnlab::CellKind cell) {
  switch (cell) {
    case rnnlab::CellKind::Rnn:
      return {"δh_2 = W_hy^T·δy_2 + W_hh^T·δa_3", "δa_2 = (1 − h_2^2) ⊙ δh_2",
              "dW_hy += δy_2 · h_2^T", "dW_xh += δa_2 · x_2^T", "dW_hh += δa_2 · h_1^T"};
    case rnnlab::CellKind::Lstm:
      return {"δh_2 = W_hyᵀ·δy_2 + W_hhᵀ·δ[gates]_3",
              "δo_2 = tanh(c_2) ⊙ δh_2",
              "δtanh(c_2) = o_2 ⊙ δh_2",
              "δc_2 = (1 − tanh²c_2) ⊙ δtanh(c_2) + f_3 ⊙ δc_3",
              "δi_2 = g_2 ⊙ δc_2",
              "δf_2 = c_1 ⊙ δc_2",
              "δg_2 = i_2 ⊙ δc_2",
              "δî_2 = i_2(1 − i_2) ⊙ δi_2",
              "δf̂_2 = f_2(1 − f_2) ⊙ δf_2",
              "δĝ_2 = (1 − g_2²) ⊙ δg_2",
              "δô_2 = o_2(1 − o_2) ⊙ δo_2"};
    case rnnlab::CellKind::Gru:
      return {"δh_2 = W_hyᵀ·δy_2 + W_hhᵀ·δ[gates]_3 + z_3 ⊙ δh_3",
              "δn_2 = (1 − z_2) ⊙ δh_2",
              "δz_2 = (h_1 − n_2) ⊙ δh_2",
              "δr_2 = m_2 ⊙ δn̂_2",
              "δr̂_2 = r_2(1 − r_2) ⊙ δr_2",
              "δẑ_2 = z_2(1 − z_2) ⊙ δz_2",
              "δn̂_2 = (1 − n_2²) ⊙ δn_2"};
  }
  return {};
}

}  // namespace

class EquationsFormulaTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { qInstallMessageHandler(recordWarnings); }
  void cleanupTestCase() { qInstallMessageHandler(nullptr); }

  void everyEquationIsTheSpecsFormula_data() {
    QTest::addColumn<int>("cell");
    QTest::addColumn<int>("hidden");
    for (const auto cell : {rnnlab::CellKind::Rnn, rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      // Small enough for the numbers to be written out, and large enough for norms only.
      for (const int hidden : {3, 40}) {
        QTest::addRow("%s H=%d", rnnlab::toString(cell).data(), hidden)
            << static_cast<int>(cell) << hidden;
      }
    }
  }

  void everyEquationIsTheSpecsFormula() {
    QFETCH(int, cell);
    QFETCH(int, hidden);
    const auto kind = static_cast<rnnlab::CellKind>(cell);
    const auto trace = traceOf(kind, hidden);
    QVERIFY(trace->forward.steps() >= 3);
    EquationsPanel panel;
    panel.setTrace(trace);
    g_warnings.clear();
    const QRegularExpression placeholder(QStringLiteral("%\\d"));
    for (const rnnlab::IterationPhase& phase : rnnlab::iterationPhases(trace->forward.steps())) {
      panel.setPhase(phase);
      const QString text = flatText(panel.html());
      QVERIFY(!text.isEmpty());
      QVERIFY2(!text.contains(placeholder), qPrintable(text));
      QVERIFY2(!text.contains(QStringLiteral("No iteration traced")), qPrintable(text));
      if (phase.step != 1) {
        continue;
      }
      const QStringList expected = phase.kind == rnnlab::IterationPhase::Kind::Forward
                                       ? forwardFormulas(kind)
                                       : backwardFormulas(kind);
      for (const QString& formula : expected) {
        QVERIFY2(text.contains(formula.normalized(QString::NormalizationForm_C)),
                 qPrintable(QStringLiteral("missing “%1” in:\n%2").arg(formula, text)));
      }
    }
    QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(QLatin1Char('\n'))));
  }
};

QTEST_MAIN(EquationsFormulaTest)
#include "equations_formula_test.moc"
