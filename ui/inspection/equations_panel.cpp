#include "inspection/equations_panel.h"

#include <QTextBrowser>
#include <QVBoxLayout>
#include <cmath>

#include "inspection/equation_html.h"
#include "inspection/phase_values.h"
#include "rnnlab/step_inspection.h"
#include "widgets/number_format.h"
#include "widgets/parameter_blocks.h"

namespace {

using Kind = rnnlab::IterationPhase::Kind;
using rnnlab::Index;
using rnnlab::Matrix;
using namespace equation_html;

}  // namespace

EquationsPanel::EquationsPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_browser = new QTextBrowser(this);
  // Matrices must keep their columns: a narrow dock scrolls sideways instead of breaking numbers
  // into one digit per line.
  m_browser->setLineWrapMode(QTextEdit::NoWrap);
  m_browser->setOpenLinks(false);
  layout->addWidget(m_browser);
  refresh();
}

void EquationsPanel::setTrace(std::shared_ptr<const rnnlab::IterationTrace> trace) {
  m_trace = std::move(trace);
  refresh();
}

void EquationsPanel::setPhase(rnnlab::IterationPhase phase) {
  if (phase == m_phase) {
    return;
  }
  m_phase = phase;
  m_hoveredKey.clear();  // the hovered element belonged to the previous phase's views
  refresh();
}

void EquationsPanel::setSettings(const rnnlab::TrainingSettings& settings) {
  m_settings = settings;
  refresh();
}

void EquationsPanel::setHoveredElement(const QString& key, int row, int column) {
  if (row < 0 || column < 0) {
    if (m_hoveredKey.isEmpty()) {
      return;
    }
    m_hoveredKey.clear();
  } else {
    m_hoveredKey = key;
  }
  m_hoveredRow = row;
  m_hoveredColumn = column;
  refresh();
}

bool EquationsPanel::substitutesValues() const {
  if (!m_trace) {
    return false;
  }
  const rnnlab::ModelConfig& c = m_trace->before.config;
  return c.hiddenSize <= MaxSubstitutedSize && c.inputSize <= MaxSubstitutedSize &&
         c.outputSize <= MaxSubstitutedSize;
}

void EquationsPanel::refresh() {
  m_html = phaseHtml();
  m_browser->setHtml(m_html);
}

QString EquationsPanel::phaseHtml() const {
  if (!m_trace) {
    return para(tr("No iteration traced."));
  }
  const Index steps = m_trace->forward.steps();
  const bool validStep = m_phase.step >= 0 && m_phase.step < steps;
  if ((m_phase.kind == Kind::Forward || m_phase.kind == Kind::Backward) && !validStep) {
    return para(tr("No such step."));
  }
  QString html = heading(phaseLabel(m_phase, steps, m_trace->before.config));
  html += hoveredHtml();
  switch (m_phase.kind) {
    case Kind::Forward:
      if (stacked() && m_phase.isOutputLayer()) {
        return html + outputLayerHtml();
      }
      return html + stackInputHtml() + forwardHtml();
    case Kind::Loss:
      return html + lossHtml();
    case Kind::Backward:
      if (stacked() && m_phase.isOutputLayer()) {
        return html + outputLayerBackwardHtml();
      }
      return html + backwardHtml();
    case Kind::Clip:
      return html + clipHtml();
    case Kind::Update:
      return html + updateHtml();
  }
  return html;
}

QMap<QString, Matrix> EquationsPanel::valuesByKey() const {
  QMap<QString, Matrix> values;
  for (const PhaseValue& value : phaseValues(*m_trace, m_phase)) {
    values.insert(value.key, value.values);
  }
  return values;
}

QString EquationsPanel::forwardHtml() const {
  if (m_trace->before.config.cell != rnnlab::CellKind::Rnn) {
    return gatedForwardHtml();
  }
  const rnnlab::ForwardPass& f = cellForward();
  const Matrix& Wxh = cellBlock(rnnlab::CellBlock::InputWeights);
  const Matrix& Whh = cellBlock(rnnlab::CellBlock::RecurrentWeights);
  const Matrix& bh = cellBlock(rnnlab::CellBlock::InputBias);
  const Index s = m_phase.step;
  const Index previous = rnnlab::previousStateColumn(m_trace->before.config, f, s);
  const QString t = QString::number(s + 1);
  const QString tp = previousStep();
  QString html;
  html += para(QStringLiteral("%1 = <i>W</i><sub>xh</sub>·%2 + <i>W</i><sub>hh</sub>·%3 + "
                              "<i>b</i><sub>h</sub>")
                   .arg(sym("a", t), sym("x", t), sym("h", tp)));
  if (substitutesValues()) {
    html += row({matrixHtml(Wxh), "·", matrixHtml(f.inputs.col(s)), "+", matrixHtml(Whh), "·",
                 matrixHtml(f.hidden.col(previous)), "+", matrixHtml(bh), "=",
                 matrixHtml(f.preActivations.col(s))});
  } else {
    html += para(tr("%1, %2, %3, %4, %5 → %6")
                     .arg(norm("<i>W</i><sub>xh</sub>", Wxh.norm()),
                          norm(sym("x", t), f.inputs.col(s).norm()),
                          norm("<i>W</i><sub>hh</sub>", Whh.norm()),
                          norm(sym("h", tp), f.hidden.col(previous).norm()),
                          norm("<i>b</i><sub>h</sub>", bh.norm()),
                          norm(sym("a", t), f.preActivations.col(s).norm())));
  }
  html += para(QStringLiteral("%1 = tanh(%2)").arg(sym("h", t), sym("a", t)));
  if (substitutesValues()) {
    html +=
        row({"tanh", matrixHtml(f.preActivations.col(s)), "=", matrixHtml(f.hidden.col(s + 1))});
  } else {
    html += para(norm(sym("h", t), f.hidden.col(s + 1).norm()));
  }
  if (stacked()) {
    return html;  // a stack's output layer has phases of its own
  }
  const rnnlab::Parameters& p = m_trace->before.params;
  html += para(QStringLiteral("%1 = <i>W</i><sub>hy</sub>·%2 + <i>b</i><sub>y</sub>")
                   .arg(sym("y", t), sym("h", t)));
  if (substitutesValues()) {
    html += row({matrixHtml(p.Why()), "·", matrixHtml(f.hidden.col(s + 1)), "+", matrixHtml(p.by()),
                 "=", matrixHtml(f.outputs.col(s))});
  } else {
    html += para(tr("%1, %2 → %3")
                     .arg(norm("<i>W</i><sub>hy</sub>", p.Why().norm()),
                          norm("<i>b</i><sub>y</sub>", p.by().norm()),
                          norm(sym("y", t), f.outputs.col(s).norm())));
  }
  return html + stepLossHtml();
}

QString EquationsPanel::stepLossHtml() const {
  const rnnlab::ForwardPass& f = m_trace->forward;
  const Index s = m_phase.step;
  const QString t = QString::number(s + 1);
  QString html;
  if (!stepHasTarget(*m_trace, s)) {
    html += para(tr("No target at this step (output mode “last”): %1 = 0.").arg(sym("ℓ", t)));
    return html;
  }
  const auto d = f.targets.col(targetColumn(*m_trace, s));
  if (m_trace->before.config.loss == rnnlab::LossKind::Mse) {
    html += para(QStringLiteral("%1 = ½ ‖%2 − %3‖²").arg(sym("ℓ", t), sym("y", t), sym("d", t)));
    if (substitutesValues()) {
      html += row(
          {"½ ‖", matrixHtml(f.outputs.col(s)), "−", matrixHtml(d), "‖² =", num(f.stepLoss(s))});
    } else {
      html += para(QStringLiteral("= %1").arg(num(f.stepLoss(s))));
    }
  } else {
    html += para(QStringLiteral("%1 = softmax(%2),&nbsp;&nbsp; %3 = −Σ<sub>k</sub> %4 · log %1")
                     .arg(sym("p", t), sym("y", t), sym("ℓ", t), sym("d", t)));
    if (substitutesValues()) {
      html += row({sym("p", t), "=", matrixHtml(f.probabilities.col(s)), ",&nbsp;", sym("d", t),
                   "=", matrixHtml(d), ",&nbsp;", sym("ℓ", t), "=", num(f.stepLoss(s))});
    } else {
      html += para(QStringLiteral("%1 = %2").arg(sym("ℓ", t), num(f.stepLoss(s))));
    }
  }
  return html;
}

QString EquationsPanel::lossHtml() const {
  const rnnlab::ForwardPass& f = m_trace->forward;
  const Index steps = f.steps();
  const bool mse = m_trace->before.config.loss == rnnlab::LossKind::Mse;
  const bool last = m_trace->before.config.outputMode == rnnlab::OutputMode::Last;
  QString html;
  if (mse) {
    html += para(last ? tr("<i>L</i> = ½ ‖%1 − <i>d</i>‖² (output mode “last”: only the last step "
                           "has a target)")
                            .arg(sym("y", "T"))
                      : tr("<i>L</i> = ½ Σ<sub>t</sub> ‖%1 − %2‖² = Σ<sub>t</sub> %3")
                            .arg(sym("y", "t"), sym("d", "t"), sym("ℓ", "t")));
  } else {
    html += para(last ? tr("<i>L</i> = −Σ<sub>k</sub> <i>d</i><sub>k</sub> · log %1, "
                           "%1 = softmax(%2)")
                            .arg(sym("p", "T"), sym("y", "T"))
                      : tr("<i>L</i> = −Σ<sub>t</sub> Σ<sub>k</sub> %1 · log %2, "
                           "%2 = softmax(%3)")
                            .arg(sym("d", "t k"), sym("p", "t k"), sym("y", "t")));
  }
  if (steps <= 12) {
    QStringList terms;
    for (Index s = 0; s < steps; ++s) {
      terms << num(f.stepLoss(s));
    }
    html += para(QStringLiteral("<i>L</i> = %1 = <b>%2</b>")
                     .arg(terms.join(QStringLiteral(" + ")), precise(f.loss)));
  } else {
    html += para(tr("<i>L</i> = <b>%1</b> (sum over %2 steps; largest step loss %3)")
                     .arg(precise(f.loss))
                     .arg(steps)
                     .arg(num(f.stepLoss.maxCoeff())));
  }
  html += para(mse ? tr("Its gradient for every output: %1 = ∂<i>L</i>/∂%2 = %2 − %3")
                         .arg(sym("δy", "t"), sym("y", "t"), sym("d", "t"))
                   : tr("Its gradient for every output: %1 = ∂<i>L</i>/∂%2 = %3 − %4")
                         .arg(sym("δy", "t"), sym("y", "t"), sym("p", "t"), sym("d", "t")));
  if (substitutesValues() && steps <= 12) {
    html += row({QStringLiteral("δ<i>y</i> ="), matrixHtml(f.outputGrad)});
  } else {
    html += para(norm(QStringLiteral("δ<i>y</i>"), f.outputGrad.norm()));
  }
  return html;
}

QString EquationsPanel::backwardHtml() const {
  if (m_trace->before.config.cell != rnnlab::CellKind::Rnn) {
    return gatedBackwardHtml();
  }
  if (stacked()) {
    return stackRnnBackwardHtml();
  }
  const rnnlab::ForwardPass& f = m_trace->forward;
  const rnnlab::BackwardPass& b = m_trace->backward;
  const rnnlab::Parameters& p = m_trace->before.params;
  const Index s = m_phase.step;
  const Index steps = f.steps();
  const QString t = QString::number(s + 1);
  const QString tn = QString::number(s + 2);
  const QString tp = QString::number(s);
  const bool lastStep = s + 1 == steps;
  const bool small = substitutesValues();
  const rnnlab::Gradients c = rnnlab::stepContribution(f, b, s);
  QString html;

  html += para(lastStep ? tr("%1 = <i>W</i><sub>hy</sub><sup>T</sup>·%2 "
                             "&nbsp;(the last step: nothing comes from later)")
                              .arg(sym("δh", t), sym("δy", t))
                        : QStringLiteral("%1 = <i>W</i><sub>hy</sub><sup>T</sup>·%2 + "
                                         "<i>W</i><sub>hh</sub><sup>T</sup>·%3")
                              .arg(sym("δh", t), sym("δy", t), sym("δa", tn)));
  if (small) {
    QStringList parts{matrixHtml(p.Why().transpose()), "·", matrixHtml(f.outputGrad.col(s))};
    if (!lastStep) {
      parts << "+" << matrixHtml(p.Whh().transpose()) << "·"
            << matrixHtml(b.preActivationGrad.col(s + 1));
    }
    parts << "=" << matrixHtml(b.hiddenGrad.col(s));
    html += row(parts);
  } else {
    html += para(
        QStringLiteral("%1, %2 → %3")
            .arg(norm(sym("δy", t), f.outputGrad.col(s).norm()),
                 lastStep ? QString() : norm(sym("δa", tn), b.preActivationGrad.col(s + 1).norm()),
                 norm(sym("δh", t), b.hiddenGrad.col(s).norm())));
  }
  html += tanhDeltaHtml();
  html += para(tr("This step adds to the gradients:"));
  const std::array<Term, 5> terms{{
      {"d<i>W</i><sub>hy</sub>", sym("δy", t) + " · " + sym("h", t) + "<sup>T</sup>",
       f.outputGrad.col(s), f.hidden.col(s + 1).transpose(), c.Why()},
      {"d<i>b</i><sub>y</sub>", sym("δy", t), Matrix(), Matrix(), c.by()},
      {"d<i>W</i><sub>xh</sub>", sym("δa", t) + " · " + sym("x", t) + "<sup>T</sup>",
       b.preActivationGrad.col(s), f.inputs.col(s).transpose(), c.Wxh()},
      {"d<i>W</i><sub>hh</sub>", sym("δa", t) + " · " + sym("h", tp) + "<sup>T</sup>",
       b.preActivationGrad.col(s), f.hidden.col(s).transpose(), c.Whh()},
      {"d<i>b</i><sub>h</sub>", sym("δa", t), Matrix(), Matrix(), c.bh()},
  }};
  return html + termsHtml(terms);
}

QString EquationsPanel::tanhDeltaHtml() const {
  const rnnlab::ForwardPass& f = cellForward();
  const rnnlab::BackwardPass& b = cellBackward();
  const Index s = m_phase.step;
  const QString t = QString::number(s + 1);
  QString html = para(QStringLiteral("%1 = (1 − %2<sup>2</sup>) ⊙ %3")
                          .arg(sym("δa", t), sym("h", t), sym("δh", t)));
  if (substitutesValues()) {
    html += row({matrixHtml(rnnlab::tanhDerivative(f, s)), "⊙", matrixHtml(b.hiddenGrad.col(s)),
                 "=", matrixHtml(b.preActivationGrad.col(s))});
  } else {
    html += para(norm(sym("δa", t), b.preActivationGrad.col(s).norm()));
  }
  return html;
}

QString EquationsPanel::termsHtml(std::span<const Term> terms) const {
  QString html;
  for (const Term& term : terms) {
    if (substitutesValues()) {
      QStringList parts{term.lhs + " +=", term.rhs, "="};
      if (term.left.size() > 0) {
        parts << matrixHtml(term.left) << "·" << matrixHtml(term.right) << "=";
      }
      parts << matrixHtml(term.result);
      html += row(parts);
    } else {
      html += para(QStringLiteral("%1 += %2 &nbsp;&nbsp; %3")
                       .arg(term.lhs, term.rhs, norm(QStringLiteral("·"), term.result.norm())));
    }
  }
  return html;
}

QString EquationsPanel::clipHtml() const {
  const rnnlab::ClipReport& clip = m_trace->report.clip;
  QString html;
  html += para(tr("‖<i>g</i>‖ = √(Σ <i>g</i>²) over every block's gradient = %1")
                   .arg(precise(clip.normBefore)));
  const QString c = m_settings ? num(m_settings->clipValue) : QStringLiteral("<i>c</i>");
  const QString n = m_settings ? num(m_settings->clipNorm) : QStringLiteral("<i>n</i>");
  if (m_settings && m_settings->clipValue <= 0.0) {
    html += para(tr("Value clipping is off (clip_value = 0)."));
  } else {
    html += para(tr("Value clipping: <i>g</i> ← min(max(<i>g</i>, −%1), %1) element by element; "
                    "%2 of %3 elements changed.")
                     .arg(c)
                     .arg(clip.valuesClipped)
                     .arg(m_trace->backward.grads.elementCount()));
  }
  if (m_settings && m_settings->clipNorm <= 0.0) {
    html += para(tr("Norm clipping is off (clip_norm = 0)."));
  } else {
    html +=
        para(tr("Norm clipping: if ‖<i>g</i>‖ &gt; %1 then <i>g</i> ← <i>g</i> · %1 / ‖<i>g</i>‖; "
                "%2.")
                 .arg(n, clip.normClipped ? tr("applied") : tr("not needed")));
  }
  html += para(tr("‖<i>g</i>‖ after clipping = %1").arg(precise(clip.normAfter)));
  return html;
}

QString EquationsPanel::updateHtml() const {
  if (m_trace->report.status == rnnlab::IterationReport::Status::Diverged) {
    return para(tr("The loss or the gradients were not finite: no update was applied."));
  }
  QString html;
  // The rate this iteration used: with learning-rate decay it is not the setting's η.
  const QString eta = m_settings
                          ? num(rnnlab::learningRateAt(*m_settings, m_trace->report.iteration))
                          : QStringLiteral("η");
  QString rule;
  const rnnlab::OptimizerKind kind =
      m_settings ? m_settings->optimizer : rnnlab::OptimizerKind::Sgd;
  switch (kind) {
    case rnnlab::OptimizerKind::Sgd:
      rule = tr("sgd: θ ← θ − η·<i>g</i>");
      break;
    case rnnlab::OptimizerKind::Momentum:
      rule = tr("momentum: <i>v</i> ← μ·<i>v</i> + <i>g</i>; θ ← θ − η·<i>v</i>");
      break;
    case rnnlab::OptimizerKind::Adagrad:
      rule = tr("adagrad: <i>G</i> ← <i>G</i> + <i>g</i>²; θ ← θ − η·<i>g</i> / √(<i>G</i> + ε)");
      break;
    case rnnlab::OptimizerKind::Adam:
      rule =
          tr("adam: <i>m</i> ← β<sub>1</sub>·<i>m</i> + (1−β<sub>1</sub>)·<i>g</i>; "
             "<i>v</i> ← β<sub>2</sub>·<i>v</i> + (1−β<sub>2</sub>)·<i>g</i>²; "
             "θ ← θ − η·(<i>m</i>/(1−β<sub>1</sub><sup>k</sup>)) / "
             "(√(<i>v</i>/(1−β<sub>2</sub><sup>k</sup>)) + ε)");
      break;
    case rnnlab::OptimizerKind::Rmsprop:
      rule =
          tr("rmsprop: <i>v</i> ← α·<i>v</i> + (1−α)·<i>g</i>²; "
             "θ ← θ − η·<i>g</i> / (√<i>v</i> + ε)");
      break;
  }
  html += para(m_settings ? tr("%1 with η = %2").arg(rule, eta)
                          : tr("%1 (or the optimizer's own rule)").arg(rule));
  const auto before = blocksOf(m_trace->before.params);
  const auto after = blocksOf(m_trace->after);
  const auto grads = blocksOf(m_trace->clipped);
  const bool sgd = m_settings && kind == rnnlab::OptimizerKind::Sgd;
  for (int k = 0; k < m_trace->before.params.blockCount(); ++k) {
    const auto i = static_cast<std::size_t>(k);
    const std::string_view blockName = m_trace->before.params.blockName(k);
    const QString name =
        QString::fromLatin1(blockName.data(), static_cast<qsizetype>(blockName.size()));
    if (substitutesValues()) {
      QStringList parts{name + " ←", matrixHtml(before[i])};
      if (sgd) {
        parts << "− " + eta + " ·" << matrixHtml(grads[i]);
      } else {
        parts << "+" << matrixHtml(after[i] - before[i]);
      }
      parts << "=" << matrixHtml(after[i]);
      html += row(parts);
    } else {
      html += para(QStringLiteral("%1: %2, %3, %4")
                       .arg(name, norm(tr("before"), before[i].norm()),
                            norm(tr("change"), (after[i] - before[i]).norm()),
                            norm(tr("after"), after[i].norm())));
    }
  }
  return html;
}

QString EquationsPanel::hoveredHtml() const {
  if (m_hoveredKey.isEmpty() || !m_trace) {
    return {};
  }
  const QList<PhaseValue> values = phaseValues(*m_trace, m_phase);
  const PhaseValue* hovered = nullptr;
  for (const PhaseValue& value : values) {
    if (value.key == m_hoveredKey) {
      hovered = &value;
    }
  }
  if (hovered == nullptr || m_hoveredRow >= hovered->values.rows() ||
      m_hoveredColumn >= hovered->values.cols()) {
    return {};
  }
  const int r = m_hoveredRow;
  const int c = m_hoveredColumn;
  const QString where = hovered->values.cols() == 1
                            ? QStringLiteral("[%1]").arg(r + 1)
                            : QStringLiteral("[%1, %2]").arg(r + 1).arg(c + 1);
  QString text =
      QStringLiteral("%1%2 = %3").arg(hovered->title, where, precise(hovered->values(r, c)));

  // The element's own scalar equation where one exists, every term read from the trace.
  const rnnlab::ForwardPass& f = cellForward();
  const rnnlab::BackwardPass& b = cellBackward();
  const Index s = m_phase.step;
  const bool cellPhase = !stacked() || !m_phase.isOutputLayer();
  const QString i = QString::number(r + 1);
  const QString j = QString::number(c + 1);
  const QString key = m_hoveredKey;
  const bool rnn = m_trace->before.config.cell == rnnlab::CellKind::Rnn;
  if (rnn && cellPhase && key == QLatin1String("h")) {
    text += QStringLiteral(" = tanh(%1) ").arg(num(f.preActivations(r, s)));
  } else if (cellPhase && key == QLatin1String("da")) {
    text += QStringLiteral(" = (1 − %1<sup>2</sup>) · %2")
                .arg(num(f.hidden(r, s + 1)), num(b.hiddenGrad(r, s)));
  } else if (cellPhase && key == QLatin1String("dWxh_step") && f.inputs.rows() > 0) {
    text += QStringLiteral(" = δa<sub>t</sub>[%1] · x<sub>t</sub>[%2] = %3 · %4")
                .arg(i, j, num(b.preActivationGrad(r, s)), num(f.inputs(c, s)));
  } else if (cellPhase && key == QLatin1String("dWhh_step")) {
    const Index previous = rnnlab::previousStateColumn(m_trace->before.config, f, s);
    text +=
        QStringLiteral(" = δa<sub>t</sub>[%1] · h<sub>%2</sub>[%3] = %4 · %5")
            .arg(i, previousStep(), j, num(b.preActivationGrad(r, s)), num(f.hidden(c, previous)));
  } else if (key == QLatin1String("dWhy_step")) {
    const Matrix top = rnnlab::topOutputs(m_trace->before.config, m_trace->forward);
    text += QStringLiteral(" = δy<sub>t</sub>[%1] · %2<sub>t</sub>[%3] = %4 · %5")
                .arg(i, stacked() ? QStringLiteral("o") : QStringLiteral("h"), j,
                     num(m_trace->forward.outputGrad(r, s)), num(top(c, s)));
  } else if (key.endsWith(QLatin1String("_after")) && m_settings &&
             m_settings->optimizer == rnnlab::OptimizerKind::Sgd) {
    const QString name = key.left(key.size() - 6);
    const int block = m_trace->before.params.blockIndex(name.toStdString());
    if (block >= 0) {
      text += QStringLiteral(" = %1 − %2 · %3")
                  .arg(num(m_trace->before.params.block(block)(r, c)),
                       num(rnnlab::learningRateAt(*m_settings, m_trace->report.iteration)),
                       num(m_trace->clipped.block(block)(r, c)));
    }
  }
  return QStringLiteral("<p style='background-color:#fff3c4'>%1</p>").arg(text);
}
