// EquationsPanel, a stack (spec v3 §1): which cell a phase shows, the input a layer above the
// first reads (the layer below's output times this iteration's dropout mask), the output layer
// reading the top layer, and a tanh cell's backward step inside the stack.

#include <array>

#include "inspection/equation_html.h"
#include "inspection/equations_panel.h"
#include "inspection/phase_values.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/step_inspection.h"

namespace {

using rnnlab::Index;
using rnnlab::Matrix;
using namespace equation_html;

// "W<sub>xh</sub>" with the block's suffix ("_l1_reverse") after it.
QString blockSymbol(const QString& base, const QString& suffix) {
  return QStringLiteral("<i>W</i><sub>%1%2</sub>").arg(base, suffix);
}

}  // namespace

bool EquationsPanel::stacked() const { return m_trace && m_trace->before.config.stacked(); }

const rnnlab::ForwardPass& EquationsPanel::cellForward() const {
  if (!stacked() || m_phase.isOutputLayer()) {
    return m_trace->forward;
  }
  return m_trace->forwardOf(m_phase.layer, m_phase.direction);
}

const rnnlab::BackwardPass& EquationsPanel::cellBackward() const {
  if (!stacked() || m_phase.isOutputLayer()) {
    return m_trace->backward;
  }
  return m_trace->backwardOf(m_phase.layer, m_phase.direction);
}

const Matrix& EquationsPanel::cellBlock(rnnlab::CellBlock role) const {
  const rnnlab::Parameters& p = m_trace->before.params;
  const int layer = stacked() ? m_phase.layer : 0;
  const int direction = stacked() ? m_phase.direction : 0;
  return p.block(p.cellBlockIndex(layer, direction, role));
}

QString EquationsPanel::previousStep() const {
  const bool reverse = stacked() && m_phase.direction == 1;
  return QString::number(reverse ? m_phase.step + 2 : m_phase.step);
}

QString EquationsPanel::laterStep() const {
  const bool reverse = stacked() && m_phase.direction == 1;
  return QString::number(reverse ? m_phase.step : m_phase.step + 2);
}

bool EquationsPanel::hasLaterStep() const {
  const bool reverse = stacked() && m_phase.direction == 1;
  return reverse ? m_phase.step > 0 : m_phase.step + 1 < m_trace->forward.steps();
}

QString EquationsPanel::fromAbove() const {
  const QString t = QString::number(m_phase.step + 1);
  const rnnlab::ModelConfig& config = m_trace->before.config;
  if (!stacked()) {
    return QStringLiteral("<i>W</i><sub>hy</sub>ᵀ·%1").arg(sym("δy", t));
  }
  const QString half = !config.bidirectional    ? QString()
                       : m_phase.direction == 0 ? tr(" (its first %1 rows)").arg(config.hiddenSize)
                                                : tr(" (its last %1 rows)").arg(config.hiddenSize);
  if (m_phase.layer + 1 == config.layers) {
    return QStringLiteral("[<i>W</i><sub>hy</sub>ᵀ·%1]%2").arg(sym("δy", t), half);
  }
  return tr("δ(layer %1's input)%2").arg(m_phase.layer + 1).arg(half);
}

QString EquationsPanel::stackInputHtml() const {
  if (!stacked() || m_phase.layer == 0) {
    return {};
  }
  const rnnlab::ForwardPass& f = cellForward();
  const Index s = m_phase.step;
  const QString t = QString::number(s + 1);
  const int below = m_phase.layer - 1;
  const QString output = QStringLiteral("<i>o</i><sup>(%1)</sup><sub>%2</sub>").arg(below).arg(t);
  const Matrix mask = f.stack->sequenceDropoutMask(0, m_phase.layer);
  const QString joined = m_trace->before.config.bidirectional
                             ? tr(", layer %1's two directions joined: [h→ ; h←]").arg(below)
                             : QString();
  if (mask.size() == 0) {
    return para(
        tr("%1 = %2, the output of layer %3%4").arg(sym("x", t), output).arg(below).arg(joined));
  }
  const double p = m_trace->before.config.dropout;
  QString html = para(tr("%1 = %2 ⊙ %3, the output of layer %4%5; dropout: %3 = <i>m</i>/(1 − "
                         "<i>p</i>), <i>m</i> = 1 with probability 1 − <i>p</i> = %6, else 0")
                          .arg(sym("x", t), output, sym("mask", t))
                          .arg(below)
                          .arg(joined, num(1.0 - p)));
  const Matrix values = f.stack->sequenceLayerOutput(0, below).col(s);
  const auto dropped = (mask.col(s).array() == 0.0).count();
  if (substitutesValues()) {
    html +=
        row({matrixHtml(values), "⊙", matrixHtml(mask.col(s)), "=", matrixHtml(f.inputs.col(s))});
  }
  html += para(tr("%1 of %2 values dropped at this step (this iteration's mask)")
                   .arg(dropped)
                   .arg(mask.rows()));
  return html;
}

QString EquationsPanel::outputLayerHtml() const {
  const rnnlab::ForwardPass& f = m_trace->forward;
  const rnnlab::Parameters& p = m_trace->before.params;
  const Index s = m_phase.step;
  const QString t = QString::number(s + 1);
  const Matrix top = rnnlab::topOutputs(m_trace->before.config, f);
  const int L = m_trace->before.config.layers;
  QString html =
      para(m_trace->before.config.bidirectional
               ? tr("%1 = [%2 ; %3], the output of layer %4 (the top), both directions joined")
                     .arg(sym("o", t), sym("h→", t), sym("h←", t))
                     .arg(L - 1)
               : tr("%1 = %2 of layer %3 (the top)").arg(sym("o", t), sym("h", t)).arg(L - 1));
  html += para(QStringLiteral("%1 = <i>W</i><sub>hy</sub>·%2 + <i>b</i><sub>y</sub>")
                   .arg(sym("y", t), sym("o", t)));
  if (substitutesValues()) {
    html += row({matrixHtml(p.Why()), "·", matrixHtml(top.col(s)), "+", matrixHtml(p.by()), "=",
                 matrixHtml(f.outputs.col(s))});
  } else {
    html += para(tr("%1, %2, %3 → %4")
                     .arg(norm("<i>W</i><sub>hy</sub>", p.Why().norm()),
                          norm(sym("o", t), top.col(s).norm()),
                          norm("<i>b</i><sub>y</sub>", p.by().norm()),
                          norm(sym("y", t), f.outputs.col(s).norm())));
  }
  return html + stepLossHtml();
}

QString EquationsPanel::outputLayerBackwardHtml() const {
  const rnnlab::ModelConfig& config = m_trace->before.config;
  const rnnlab::ForwardPass& f = m_trace->forward;
  const Index s = m_phase.step;
  const QString t = QString::number(s + 1);
  const Matrix top = rnnlab::topOutputs(config, f);
  const rnnlab::Gradients c = rnnlab::outputStepContribution(config, f, s);
  QString html = para(tr("The top layer's output gets %1 = <i>W</i><sub>hy</sub>ᵀ·%2 "
                         "(its cells add what their own later steps send back).")
                          .arg(sym("δo", t), sym("δy", t)));
  html += para(tr("This step adds to the gradients:"));
  const std::array<Term, 2> terms{{
      {"d<i>W</i><sub>hy</sub>", sym("δy", t) + " · " + sym("o", t) + "<sup>T</sup>",
       f.outputGrad.col(s), top.col(s).transpose(), c.Why()},
      {"d<i>b</i><sub>y</sub>", sym("δy", t), Matrix(), Matrix(), c.by()},
  }};
  return html + termsHtml(terms);
}

QString EquationsPanel::stackRnnBackwardHtml() const {
  const rnnlab::ModelConfig& config = m_trace->before.config;
  const rnnlab::ForwardPass& f = cellForward();
  const rnnlab::BackwardPass& b = cellBackward();
  const Index s = m_phase.step;
  const QString t = QString::number(s + 1);
  const QString tp = previousStep();
  const rnnlab::Parameters& p = m_trace->before.params;
  const std::string_view name =
      p.blockName(p.cellBlockIndex(m_phase.layer, m_phase.direction, rnnlab::CellBlock::InputBias));
  const QString suffix =
      QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())).mid(2);  // "_l1…"
  QString symbolic = fromAbove();
  if (hasLaterStep()) {
    symbolic += QStringLiteral(" + %1ᵀ·%2")
                    .arg(blockSymbol(QStringLiteral("hh"), suffix), sym("δa", laterStep()));
  }
  QString html = para(QStringLiteral("%1 = %2").arg(sym("δh", t), symbolic));
  html += substitutesValues() ? row({sym("δh", t), "=", matrixHtml(b.hiddenGrad.col(s))})
                              : para(norm(sym("δh", t), b.hiddenGrad.col(s).norm()));
  html += tanhDeltaHtml();
  html += para(tr("This step adds to the gradients:"));
  const rnnlab::Gradients c = rnnlab::cellStepContribution(config, f, b, s);
  const Index previous = rnnlab::previousStateColumn(config, f, s);
  const std::array<Term, 3> terms{{
      {"d" + blockSymbol(QStringLiteral("xh"), suffix),
       sym("δa", t) + " · " + sym("x", t) + "<sup>T</sup>", b.preActivationGrad.col(s),
       f.inputs.rows() > 0 ? Matrix(f.inputs.col(s).transpose()) : Matrix(),
       c.block(
           c.cellBlockIndex(m_phase.layer, m_phase.direction, rnnlab::CellBlock::InputWeights))},
      {"d" + blockSymbol(QStringLiteral("hh"), suffix),
       sym("δa", t) + " · " + sym("h", tp) + "<sup>T</sup>", b.preActivationGrad.col(s),
       f.hidden.col(previous).transpose(),
       c.block(c.cellBlockIndex(m_phase.layer, m_phase.direction,
                                rnnlab::CellBlock::RecurrentWeights))},
      {QStringLiteral("d<i>b</i><sub>h%1</sub>").arg(suffix), sym("δa", t), Matrix(), Matrix(),
       c.block(c.cellBlockIndex(m_phase.layer, m_phase.direction, rnnlab::CellBlock::InputBias))},
  }};
  return html + termsHtml(terms);
}
