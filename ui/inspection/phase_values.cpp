#include "inspection/phase_values.h"

#include <array>

#include "rnnlab/step_inspection.h"
#include "widgets/parameter_blocks.h"

namespace {

using rnnlab::Index;
using rnnlab::IterationPhase;
using rnnlab::Matrix;
using Kind = IterationPhase::Kind;

Matrix scalar(double value) { return Matrix::Constant(1, 1, value); }

// Forward t of a gated cell: the inputs, every gate before (ĝ) and after activation, the LSTM's
// cell state or the GRU's m_t, then h_t and the output, as forward_pass.h names them.
void appendGatedForward(const rnnlab::IterationTrace& trace, Index s, QList<PhaseValue>& out);

}  // namespace

bool stepHasTarget(const rnnlab::IterationTrace& trace, Index step) {
  if (trace.before.config.outputMode == rnnlab::OutputMode::Sequence) {
    return step >= 0 && step < trace.forward.targets.cols();
  }
  return step == trace.forward.steps() - 1 && trace.forward.targets.cols() > 0;
}

Index targetColumn(const rnnlab::IterationTrace& trace, Index step) {
  return trace.before.config.outputMode == rnnlab::OutputMode::Sequence ? step : 0;
}

QList<PhaseValue> phaseValues(const rnnlab::IterationTrace& trace, IterationPhase phase) {
  const rnnlab::ForwardPass& f = trace.forward;
  const rnnlab::BackwardPass& b = trace.backward;
  const Index s = phase.step;
  const QString t = QString::number(s + 1);
  const QString tPrev = QString::number(s);
  const bool crossEntropy = trace.before.config.loss == rnnlab::LossKind::CrossEntropy;
  QList<PhaseValue> out;
  const rnnlab::CellKind cell = trace.before.config.cell;
  const QStringList gates = gateNameList(cell);
  const Index H = f.hiddenSize();
  switch (phase.kind) {
    case Kind::Forward:
      if (cell != rnnlab::CellKind::Rnn) {
        appendGatedForward(trace, s, out);
        break;
      }
      out.append({QStringLiteral("x"), QStringLiteral("x_%1").arg(t), f.inputs.col(s)});
      out.append({QStringLiteral("h_prev"), QStringLiteral("h_%1").arg(tPrev), f.hidden.col(s)});
      out.append({QStringLiteral("a"), QStringLiteral("a_%1").arg(t), f.preActivations.col(s)});
      out.append({QStringLiteral("h"), QStringLiteral("h_%1").arg(t), f.hidden.col(s + 1)});
      out.append({QStringLiteral("y"), QStringLiteral("y_%1").arg(t), f.outputs.col(s)});
      if (stepHasTarget(trace, s)) {
        out.append({QStringLiteral("d"), QStringLiteral("d_%1").arg(t),
                    f.targets.col(targetColumn(trace, s))});
      }
      if (crossEntropy) {
        out.append({QStringLiteral("p"), QStringLiteral("p_%1").arg(t), f.probabilities.col(s)});
      }
      out.append(
          {QStringLiteral("step_loss"), QStringLiteral("ℓ_%1").arg(t), scalar(f.stepLoss(s))});
      break;
    case Kind::Loss:
      out.append({QStringLiteral("loss"), QStringLiteral("L"), scalar(f.loss)});
      out.append({QStringLiteral("step_losses"),
                  QCoreApplication::translate("PhaseValues", "ℓ_t per step"),
                  f.stepLoss.transpose()});
      out.append({QStringLiteral("outputs"),
                  QCoreApplication::translate("PhaseValues", "y (outputs)"), f.outputs});
      out.append({QStringLiteral("targets"),
                  QCoreApplication::translate("PhaseValues", "d (targets)"), f.targets});
      if (crossEntropy) {
        out.append(
            {QStringLiteral("probabilities"), QStringLiteral("p = softmax(y)"), f.probabilities});
      }
      out.append({QStringLiteral("output_grad"), QStringLiteral("δy = ∂L/∂y"), f.outputGrad});
      break;
    case Kind::Backward: {
      out.append({QStringLiteral("dy"), QStringLiteral("δy_%1").arg(t), f.outputGrad.col(s)});
      out.append({QStringLiteral("dh"), QStringLiteral("δh_%1").arg(t), b.hiddenGrad.col(s)});
      if (cell == rnnlab::CellKind::Rnn) {
        out.append({QStringLiteral("tanh_prime"),
                    QStringLiteral("1 − h_") + t + QStringLiteral("²"),
                    rnnlab::tanhDerivative(f, s)});
        out.append(
            {QStringLiteral("da"), QStringLiteral("δa_%1").arg(t), b.preActivationGrad.col(s)});
      } else {
        if (cell == rnnlab::CellKind::Lstm) {
          out.append({QStringLiteral("dtanh_c"), QStringLiteral("δtanh(c_%1) = o ⊙ δh").arg(t),
                      b.cellTanhGrad.col(s)});
          out.append({QStringLiteral("dc"), QStringLiteral("δc_%1").arg(t), b.cellGrad.col(s)});
        }
        for (int g = 0; g < gates.size(); ++g) {
          const QString gate = gates[g];
          out.append({QStringLiteral("d_") + gate, QStringLiteral("δ%1_%2").arg(gate, t),
                      b.gateGrad.col(s).segment(g * H, H)});
          out.append({QStringLiteral("dpre_") + gate, QStringLiteral("δ%1̂_%2").arg(gate, t),
                      b.preActivationGrad.col(s).segment(g * H, H)});
        }
        if (cell == rnnlab::CellKind::Gru) {
          out.append({QStringLiteral("drec_n"), QStringLiteral("δ(r⊙n̂)_%1 = r ⊙ δn̂").arg(t),
                      b.recurrentGrad.col(s).segment(2 * H, H)});
        }
      }
      const auto step = blocksOf(rnnlab::stepContribution(f, b, s));
      const auto sum = blocksOf(rnnlab::accumulatedGradients(f, b, s));
      const QString range = s + 1 == f.steps() ? QStringLiteral("t = %1").arg(t)
                                               : QStringLiteral("t = %1..%2").arg(t).arg(f.steps());
      for (int k = 0; k < static_cast<int>(step.size()); ++k) {
        const QString name = QStringLiteral("d") + blockName(cell, k);
        out.append({name + QStringLiteral("_step"),
                    QCoreApplication::translate("PhaseValues", "%1 from t = %2").arg(name, t),
                    step[static_cast<std::size_t>(k)]});
        out.append({name + QStringLiteral("_sum"),
                    QCoreApplication::translate("PhaseValues", "%1 sum, %2").arg(name, range),
                    sum[static_cast<std::size_t>(k)]});
      }
      break;
    }
    case Kind::Clip: {
      const rnnlab::ClipReport& clip = trace.report.clip;
      out.append({QStringLiteral("norm_before"),
                  QCoreApplication::translate("PhaseValues", "‖g‖ before"),
                  scalar(clip.normBefore)});
      out.append({QStringLiteral("norm_after"),
                  QCoreApplication::translate("PhaseValues", "‖g‖ after"), scalar(clip.normAfter)});
      out.append({QStringLiteral("values_clipped"),
                  QCoreApplication::translate("PhaseValues", "elements clipped"),
                  scalar(static_cast<double>(clip.valuesClipped))});
      out.append({QStringLiteral("norm_clipped"),
                  QCoreApplication::translate("PhaseValues", "norm clipped (1 = yes)"),
                  scalar(clip.normClipped ? 1.0 : 0.0)});
      const auto unclipped = blocksOf(b.grads);
      const auto clipped = blocksOf(trace.clipped);
      for (int k = 0; k < static_cast<int>(unclipped.size()); ++k) {
        const QString name = blockName(cell, k);
        out.append({name + QStringLiteral("_unclipped"),
                    QCoreApplication::translate("PhaseValues", "d%1 unclipped").arg(name),
                    unclipped[static_cast<std::size_t>(k)]});
        out.append({name + QStringLiteral("_clipped"),
                    QCoreApplication::translate("PhaseValues", "d%1 clipped").arg(name),
                    clipped[static_cast<std::size_t>(k)]});
      }
      break;
    }
    case Kind::Update: {
      const auto before = blocksOf(trace.before.params);
      const auto after = blocksOf(trace.after);
      for (int k = 0; k < static_cast<int>(before.size()); ++k) {
        const auto i = static_cast<std::size_t>(k);
        const QString name = blockName(cell, k);
        out.append({name + QStringLiteral("_before"),
                    QCoreApplication::translate("PhaseValues", "%1 before").arg(name), before[i]});
        out.append({name + QStringLiteral("_change"),
                    QCoreApplication::translate("PhaseValues", "Δ%1 = after − before").arg(name),
                    after[i] - before[i]});
        out.append({name + QStringLiteral("_after"),
                    QCoreApplication::translate("PhaseValues", "%1 after").arg(name), after[i]});
      }
      break;
    }
  }
  return out;
}

namespace {

void appendGatedForward(const rnnlab::IterationTrace& trace, Index s, QList<PhaseValue>& out) {
  const rnnlab::ForwardPass& f = trace.forward;
  const rnnlab::CellKind cell = trace.before.config.cell;
  const QString t = QString::number(s + 1);
  const QString tPrev = QString::number(s);
  const Index H = f.hiddenSize();
  out.append({QStringLiteral("x"), QStringLiteral("x_%1").arg(t), f.inputs.col(s)});
  out.append({QStringLiteral("h_prev"), QStringLiteral("h_%1").arg(tPrev), f.hidden.col(s)});
  if (cell == rnnlab::CellKind::Lstm) {
    out.append({QStringLiteral("c_prev"), QStringLiteral("c_%1").arg(tPrev), f.cellState.col(s)});
  }
  const QStringList gates = gateNameList(cell);
  for (int g = 0; g < gates.size(); ++g) {
    const QString gate = gates[g];
    out.append({QStringLiteral("pre_") + gate, QStringLiteral("%1̂_%2").arg(gate, t),
                f.preActivations.col(s).segment(g * H, H)});
    out.append({gate, QStringLiteral("%1_%2").arg(gate, t), f.gates.col(s).segment(g * H, H)});
  }
  if (cell == rnnlab::CellKind::Lstm) {
    out.append({QStringLiteral("c"), QStringLiteral("c_%1 = f⊙c_%2 + i⊙g").arg(t, tPrev),
                f.cellState.col(s + 1)});
    out.append({QStringLiteral("tanh_c"), QStringLiteral("tanh(c_%1)").arg(t), f.cellTanh.col(s)});
  } else {
    out.append({QStringLiteral("m"), QStringLiteral("m_%1 = W_hn·h_%2 + b_hn").arg(t, tPrev),
                f.candidateHidden.col(s)});
  }
  out.append({QStringLiteral("h"), QStringLiteral("h_%1").arg(t), f.hidden.col(s + 1)});
  out.append({QStringLiteral("y"), QStringLiteral("y_%1").arg(t), f.outputs.col(s)});
  if (stepHasTarget(trace, s)) {
    out.append({QStringLiteral("d"), QStringLiteral("d_%1").arg(t),
                f.targets.col(targetColumn(trace, s))});
  }
  if (trace.before.config.loss == rnnlab::LossKind::CrossEntropy) {
    out.append({QStringLiteral("p"), QStringLiteral("p_%1").arg(t), f.probabilities.col(s)});
  }
  out.append({QStringLiteral("step_loss"), QStringLiteral("ℓ_%1").arg(t),
              Matrix::Constant(1, 1, f.stepLoss(s))});
}

}  // namespace

QString phaseLabel(IterationPhase phase, Index steps) {
  switch (phase.kind) {
    case Kind::Forward:
      return QCoreApplication::translate("PhaseValues", "Forward t = %1 of %2")
          .arg(phase.step + 1)
          .arg(steps);
    case Kind::Loss:
      return QCoreApplication::translate("PhaseValues", "Loss");
    case Kind::Backward:
      return QCoreApplication::translate("PhaseValues", "Backward t = %1 of %2")
          .arg(phase.step + 1)
          .arg(steps);
    case Kind::Clip:
      return QCoreApplication::translate("PhaseValues", "Clip");
    case Kind::Update:
      return QCoreApplication::translate("PhaseValues", "Update");
  }
  return {};
}

QString phaseExplanation(IterationPhase phase, Index steps, rnnlab::CellKind cell) {
  const Index t = phase.step + 1;
  if (cell == rnnlab::CellKind::Lstm && phase.kind == Kind::Forward) {
    return QCoreApplication::translate(
               "PhaseValues",
               "x_%1 and h_%2 give the four gates: i (how much to write), f (how much of c_%2 to "
               "keep), g (what to write) and o (how much to show); c_%1 = f⊙c_%2 + i⊙g and "
               "h_%1 = o⊙tanh(c_%1).")
        .arg(t)
        .arg(t - 1);
  }
  if (cell == rnnlab::CellKind::Gru && phase.kind == Kind::Forward) {
    return QCoreApplication::translate(
               "PhaseValues",
               "x_%1 and h_%2 give the gates r (how much of h_%2 the candidate sees) and z (how "
               "much of h_%2 to keep); the candidate n and h_%1 = (1−z)⊙n + z⊙h_%2.")
        .arg(t)
        .arg(t - 1);
  }
  if (cell == rnnlab::CellKind::Lstm && phase.kind == Kind::Backward) {
    return QCoreApplication::translate(
               "PhaseValues",
               "δh_%1 reaches c_%1 through o⊙tanh′; δc_%1 also collects f_%2⊙δc_%2 from the next "
               "step — the path that lets an LSTM's gradient travel far. Each gate's delta follows "
               "from δc_%1 or δh_%1.")
        .arg(t)
        .arg(t + 1);
  }
  if (cell == rnnlab::CellKind::Gru && phase.kind == Kind::Backward) {
    return QCoreApplication::translate(
               "PhaseValues",
               "δh_%1 splits into the candidate's share (1−z)⊙δh and the update gate's "
               "(h_%2−n)⊙δh; z⊙δh_%1 goes straight back to h_%2.")
        .arg(t)
        .arg(t - 1);
  }
  return phaseExplanation(phase, steps);
}

QString phaseExplanation(IterationPhase phase, Index steps) {
  const Index t = phase.step + 1;
  switch (phase.kind) {
    case Kind::Forward:
      return t == 1 ? QCoreApplication::translate(
                          "PhaseValues",
                          "The input x_1 and the initial state h_0 give a_1, the new "
                          "state h_1 = tanh(a_1) and the output y_1.")
                    : QCoreApplication::translate(
                          "PhaseValues",
                          "The input x_%1 and the previous state h_%2 give a_%1, the "
                          "new state h_%1 = tanh(a_%1) and the output y_%1.")
                          .arg(t)
                          .arg(t - 1);
    case Kind::Loss:
      return QCoreApplication::translate(
          "PhaseValues",
          "Every output is compared with its target; the loss L adds up the "
          "steps' losses, and δy = ∂L/∂y says how each output should move.");
    case Kind::Backward:
      return t == steps ? QCoreApplication::translate(
                              "PhaseValues",
                              "Backpropagation starts at the last step: δh_%1 comes "
                              "from δy_%1 only.")
                              .arg(t)
                        : QCoreApplication::translate(
                              "PhaseValues",
                              "δh_%1 collects the gradient from the output y_%1 and from "
                              "step %2 through Whh; tanh′ scales it into δa_%1, and "
                              "this step's products are added to the running sums.")
                              .arg(t)
                              .arg(t + 1);
    case Kind::Clip:
      return QCoreApplication::translate(
          "PhaseValues",
          "The summed gradients are clipped: first every element to [−c, c], "
          "then, if enabled, the global norm.");
    case Kind::Update:
      return QCoreApplication::translate(
          "PhaseValues", "The optimizer moves every weight against its (clipped) gradient.");
  }
  return {};
}
