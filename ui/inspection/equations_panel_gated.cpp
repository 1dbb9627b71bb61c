// EquationsPanel, the gated cells (LSTM and GRU): their forward equations per gate and their
// backward pass through c_t and h_t, with the traced numbers (the tanh cell's are in
// equations_panel.cpp).

#include <QStringList>

#include "inspection/equation_html.h"
#include "inspection/equations_panel.h"
#include "inspection/phase_values.h"
#include "rnnlab/step_inspection.h"
#include "widgets/number_format.h"
#include "widgets/parameter_blocks.h"

namespace {

using rnnlab::Index;
using rnnlab::Matrix;
using namespace equation_html;

}  // namespace

// One equation of a gated cell: `lhs` = `symbolic` = [numbers], the numbers from the phase values
// (as a column when the model is small enough, else its norm).
QString EquationsPanel::gatedLine(const QString& lhs, const QString& symbolic,
                                  const QStringList& operands, const Matrix& result) const {
  if (!substitutesValues()) {
    return para(
        QStringLiteral("%1 = %2 &nbsp;&nbsp; ‖%1‖ = %3").arg(lhs, symbolic, num(result.norm())));
  }
  QStringList parts{lhs, QStringLiteral("="), symbolic};
  if (!operands.isEmpty()) {
    parts << QStringLiteral("=") << operands;
  }
  parts << QStringLiteral("=") << matrixHtml(result);
  return row(parts);
}

QString EquationsPanel::gatedForwardHtml() const {
  const QMap<QString, Matrix> v = valuesByKey();
  const rnnlab::CellKind cell = m_trace->before.config.cell;
  const Index s = m_phase.step;
  const QString t = QString::number(s + 1);
  const QString tp = previousStep();
  const auto m = [&](const char* key) { return matrixHtml(v.value(QString::fromLatin1(key))); };
  QString html = para(tr("Every gate reads the input and the previous state: its block of "
                         "<i>W</i><sub>ih</sub>·%1 + <i>b</i><sub>ih</sub> + "
                         "<i>W</i><sub>hh</sub>·%2 + <i>b</i><sub>hh</sub> gives the value "
                         "before activation (ĝ), then σ or tanh.")
                          .arg(sym("x", t), sym("h", tp)));
  const QStringList gates = gateNameList(cell);
  for (const QString& gate : gates) {
    const bool tanhGate = gate == QLatin1String("g") || gate == QLatin1String("n");
    const QString pre = sym(gate + QStringLiteral("̂"), t);
    QString symbolic;
    if (cell == rnnlab::CellKind::Gru && gate == QLatin1String("n")) {
      symbolic = QStringLiteral("<i>W</i><sub>in</sub>·%1 + <i>b</i><sub>in</sub> + %2 ⊙ %3")
                     .arg(sym("x", t), sym("r", t), sym("m", t));
      html += gatedLine(
          sym("m", t),
          QStringLiteral("<i>W</i><sub>hn</sub>·%1 + <i>b</i><sub>hn</sub>").arg(sym("h", tp)), {},
          v.value(QStringLiteral("m")));
    } else {
      symbolic = QStringLiteral(
                     "<i>W</i><sub>i%1</sub>·%2 + <i>b</i><sub>i%1</sub> + "
                     "<i>W</i><sub>h%1</sub>·%3 + <i>b</i><sub>h%1</sub>")
                     .arg(gate, sym("x", t), sym("h", tp));
    }
    html += gatedLine(pre, symbolic, {}, v.value(QStringLiteral("pre_") + gate));
    html += gatedLine(
        sym(gate, t),
        QStringLiteral("%1(%2)").arg(tanhGate ? QStringLiteral("tanh") : QStringLiteral("σ"), pre),
        {}, v.value(gate));
  }
  if (cell == rnnlab::CellKind::Lstm) {
    html += gatedLine(sym("c", t),
                      QStringLiteral("%1 ⊙ %2 + %3 ⊙ %4")
                          .arg(sym("f", t), sym("c", tp), sym("i", t), sym("g", t)),
                      {m("f"), "⊙", m("c_prev"), "+", m("i"), "⊙", m("g")},
                      v.value(QStringLiteral("c")));
    html += gatedLine(sym("h", t), QStringLiteral("%1 ⊙ tanh(%2)").arg(sym("o", t), sym("c", t)),
                      {m("o"), "⊙", m("tanh_c")}, v.value(QStringLiteral("h")));
  } else {
    const Matrix z = v.value(QStringLiteral("z"));
    html += gatedLine(
        sym("h", t),
        QStringLiteral("(1 − %1) ⊙ %2 + %1 ⊙ %3").arg(sym("z", t), sym("n", t), sym("h", tp)),
        {matrixHtml(Matrix(1.0 - z.array())), "⊙", m("n"), "+", m("z"), "⊙", m("h_prev")},
        v.value(QStringLiteral("h")));
  }
  if (stacked()) {
    return html;  // a stack's output layer has phases of its own
  }
  html +=
      gatedLine(sym("y", t),
                QStringLiteral("<i>W</i><sub>hy</sub>·%1 + <i>b</i><sub>y</sub>").arg(sym("h", t)),
                {}, v.value(QStringLiteral("y")));
  if (v.contains(QStringLiteral("d"))) {
    html += para(tr("Its loss ℓ<sub>%1</sub> = %2 (as for every cell).")
                     .arg(t, num(v.value(QStringLiteral("step_loss"))(0, 0))));
  }
  return html;
}

QString EquationsPanel::gatedBackwardHtml() const {
  const QMap<QString, Matrix> v = valuesByKey();
  const rnnlab::CellKind cell = m_trace->before.config.cell;
  const Index s = m_phase.step;
  const QString t = QString::number(s + 1);
  const QString tn = laterStep();
  const QString tp = previousStep();
  const auto m = [&](const QString& key) { return matrixHtml(v.value(key)); };
  QString html;
  // A GRU's h_t also reaches h_{t+1} directly, through z_{t+1} ⊙ h_t.
  QString later;
  if (hasLaterStep()) {
    later = QStringLiteral(" + <i>W</i><sub>hh</sub>ᵀ·δ[gates]<sub>%1</sub>").arg(tn);
    later += cell == rnnlab::CellKind::Gru
                 ? QStringLiteral(" + %1 ⊙ %2").arg(sym("z", tn), sym("δh", tn))
                 : QString();
  }
  html += gatedLine(sym("δh", t), fromAbove() + later, {}, v.value(QStringLiteral("dh")));
  const rnnlab::ForwardPass& f = cellForward();
  const Index previous = rnnlab::previousStateColumn(m_trace->before.config, f, s);
  if (cell == rnnlab::CellKind::Lstm) {
    html +=
        gatedLine(sym("δo", t), QStringLiteral("tanh(%1) ⊙ %2").arg(sym("c", t), sym("δh", t)),
                  {matrixHtml(f.cellTanh.col(s)), "⊙", m("dh")}, v.value(QStringLiteral("d_o")));
    html +=
        gatedLine(QStringLiteral("δtanh(%1)").arg(sym("c", t)),
                  QStringLiteral("%1 ⊙ %2").arg(sym("o", t), sym("δh", t)),
                  {matrixHtml(f.gate(3).col(s)), "⊙", m("dh")}, v.value(QStringLiteral("dtanh_c")));
    const QString carry =
        hasLaterStep() ? QStringLiteral(" + %1 ⊙ %2").arg(sym("f", tn), sym("δc", tn)) : QString();
    html += gatedLine(sym("δc", t),
                      QStringLiteral("(1 − tanh²%1) ⊙ δtanh(%1)%2").arg(sym("c", t), carry), {},
                      v.value(QStringLiteral("dc")));
    html += gatedLine(sym("δi", t), QStringLiteral("%1 ⊙ %2").arg(sym("g", t), sym("δc", t)),
                      {matrixHtml(f.gate(2).col(s)), "⊙", m("dc")}, v.value(QStringLiteral("d_i")));
    html += gatedLine(sym("δf", t), QStringLiteral("%1 ⊙ %2").arg(sym("c", tp), sym("δc", t)),
                      {matrixHtml(f.cellState.col(previous)), "⊙", m("dc")},
                      v.value(QStringLiteral("d_f")));
    html += gatedLine(sym("δg", t), QStringLiteral("%1 ⊙ %2").arg(sym("i", t), sym("δc", t)),
                      {matrixHtml(f.gate(0).col(s)), "⊙", m("dc")}, v.value(QStringLiteral("d_g")));
  } else {
    const Matrix z = f.gate(1).col(s);
    html += gatedLine(sym("δn", t), QStringLiteral("(1 − %1) ⊙ %2").arg(sym("z", t), sym("δh", t)),
                      {matrixHtml(Matrix(1.0 - z.array())), "⊙", m("dh")},
                      v.value(QStringLiteral("d_n")));
    html += gatedLine(sym("δz", t),
                      QStringLiteral("(%1 − %2) ⊙ %3").arg(sym("h", tp), sym("n", t), sym("δh", t)),
                      {matrixHtml(Matrix(f.hidden.col(previous) - f.gate(2).col(s))), "⊙", m("dh")},
                      v.value(QStringLiteral("d_z")));
    html += gatedLine(sym("δr", t), QStringLiteral("%1 ⊙ %2").arg(sym("m", t), sym("δn̂", t)),
                      {matrixHtml(f.candidateHidden.col(s)), "⊙", m(QStringLiteral("dpre_n"))},
                      v.value(QStringLiteral("d_r")));
  }
  for (const QString& gate : gateNameList(cell)) {
    const bool tanhGate = gate == QLatin1String("g") || gate == QLatin1String("n");
    // Not "%1²": QString::arg reads ² as a digit of the placeholder (%12).
    const QString slope = tanhGate ? QStringLiteral("(1 − ") + sym(gate, t) + QStringLiteral("²)")
                                   : QStringLiteral("%1(1 − %1)").arg(sym(gate, t));
    html += gatedLine(sym(QStringLiteral("δ") + gate + QStringLiteral("̂"), t),
                      QStringLiteral("%1 ⊙ %2").arg(slope, sym(QStringLiteral("δ") + gate, t)), {},
                      v.value(QStringLiteral("dpre_") + gate));
  }
  html += para(tr("This step adds δ[gates]·%1ᵀ to d<i>W</i><sub>ih</sub>, δ[gates]·%2ᵀ to "
                  "d<i>W</i><sub>hh</sub> and δ[gates] to both biases%3; the running sums are "
                  "beside it in the stepper.")
                   .arg(sym("x", t), sym("h", tp),
                        cell == rnnlab::CellKind::Gru
                            ? tr(" (on the W_hh side the n block is r ⊙ δn̂, since r scales "
                                 "W_hn·h + b_hn)")
                            : QString()));
  return html;
}
