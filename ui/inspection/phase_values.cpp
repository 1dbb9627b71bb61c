#include "inspection/phase_values.h"

#include <array>

#include "rnnlab/batch_pass.h"
#include "rnnlab/step_inspection.h"
#include "widgets/parameter_blocks.h"

namespace {

using rnnlab::Index;
using rnnlab::IterationPhase;
using rnnlab::Matrix;
using Kind = IterationPhase::Kind;

Matrix scalar(double value) { return Matrix::Constant(1, 1, value); }

QString latin(std::string_view name) {
  return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

// The step's index as the titles write it: t for column s.
QString stepName(Index column) { return QString::number(column + 1); }

// What one cell computes at step s from its input and the state it reads (column `previous` of
// f.hidden, titled h_`tPrev`): rnn a and h; gated cells each gate before (ĝ) and after activation,
// the LSTM's cell state or the GRU's m_t, then h, as forward_pass.h names them.
void appendCellForward(const rnnlab::ForwardPass& f, rnnlab::CellKind cell, Index s, Index previous,
                       const QString& tPrev, QList<PhaseValue>& out) {
  const QString t = stepName(s);
  const Index H = f.hiddenSize();
  out.append({QStringLiteral("h_prev"), QStringLiteral("h_%1").arg(tPrev), f.hidden.col(previous)});
  if (cell == rnnlab::CellKind::Rnn) {
    out.append({QStringLiteral("a"), QStringLiteral("a_%1").arg(t), f.preActivations.col(s)});
    out.append({QStringLiteral("h"), QStringLiteral("h_%1").arg(t), f.hidden.col(s + 1)});
    return;
  }
  if (cell == rnnlab::CellKind::Lstm) {
    out.append(
        {QStringLiteral("c_prev"), QStringLiteral("c_%1").arg(tPrev), f.cellState.col(previous)});
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
}

// The output layer at step s: y_t, its target, p_t and the step's loss.
void appendOutputStep(const rnnlab::IterationTrace& trace, Index s, QList<PhaseValue>& out) {
  const rnnlab::ForwardPass& f = trace.forward;
  const QString t = stepName(s);
  out.append({QStringLiteral("y"), QStringLiteral("y_%1").arg(t), f.outputs.col(s)});
  if (stepHasTarget(trace, s)) {
    out.append({QStringLiteral("d"), QStringLiteral("d_%1").arg(t),
                f.targets.col(targetColumn(trace, s))});
  }
  if (trace.before.config.loss == rnnlab::LossKind::CrossEntropy) {
    out.append({QStringLiteral("p"), QStringLiteral("p_%1").arg(t), f.probabilities.col(s)});
  }
  out.append({QStringLiteral("step_loss"), QStringLiteral("ℓ_%1").arg(t), scalar(f.stepLoss(s))});
}

// δh_t and the cell's own deltas at step s (rnn: tanh′ and δa; gated: through c_t and each gate).
void appendCellDeltas(const rnnlab::ForwardPass& f, const rnnlab::BackwardPass& b,
                      rnnlab::CellKind cell, Index s, QList<PhaseValue>& out) {
  const QString t = stepName(s);
  const Index H = f.hiddenSize();
  out.append({QStringLiteral("dh"), QStringLiteral("δh_%1").arg(t), b.hiddenGrad.col(s)});
  if (cell == rnnlab::CellKind::Rnn) {
    out.append({QStringLiteral("tanh_prime"), QStringLiteral("1 − h_") + t + QStringLiteral("²"),
                rnnlab::tanhDerivative(f, s)});
    out.append({QStringLiteral("da"), QStringLiteral("δa_%1").arg(t), b.preActivationGrad.col(s)});
    return;
  }
  if (cell == rnnlab::CellKind::Lstm) {
    out.append({QStringLiteral("dtanh_c"), QStringLiteral("δtanh(c_%1) = o ⊙ δh").arg(t),
                b.cellTanhGrad.col(s)});
    out.append({QStringLiteral("dc"), QStringLiteral("δc_%1").arg(t), b.cellGrad.col(s)});
  }
  const QStringList gates = gateNameList(cell);
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

// Block `block` of a step's contribution and of the running sums, keyed by `key` ("d" + the
// block's name as one cell calls it) and titled with the block's own name.
void appendBlockSums(const QString& key, const QString& name, const Matrix& step, const Matrix& sum,
                     const QString& t, const QString& range, QList<PhaseValue>& out) {
  out.append({key + QStringLiteral("_step"),
              QCoreApplication::translate("PhaseValues", "%1 from t = %2").arg(name, t), step});
  out.append({key + QStringLiteral("_sum"),
              QCoreApplication::translate("PhaseValues", "%1 sum, %2").arg(name, range), sum});
}

// "t = 3" or "t = 3..5": the steps a running sum has taken, in position order.
QString stepRange(Index first, Index last) {
  return first == last ? QStringLiteral("t = %1").arg(first + 1)
                       : QStringLiteral("t = %1..%2").arg(first + 1).arg(last + 1);
}

// The name one cell gives the block of `role`: Wxh, Whh, bh (rnn) or W_ih, W_hh, b_ih, b_hh.
QString roleName(rnnlab::CellKind cell, rnnlab::CellBlock role) {
  const bool rnn = cell == rnnlab::CellKind::Rnn;
  switch (role) {
    case rnnlab::CellBlock::InputWeights:
      return rnn ? QStringLiteral("Wxh") : QStringLiteral("W_ih");
    case rnnlab::CellBlock::RecurrentWeights:
      return rnn ? QStringLiteral("Whh") : QStringLiteral("W_hh");
    case rnnlab::CellBlock::InputBias:
      return rnn ? QStringLiteral("bh") : QStringLiteral("b_ih");
    case rnnlab::CellBlock::RecurrentBias:
      return QStringLiteral("b_hh");
  }
  return {};
}

// A stack's Forward and Backward phases: one cell (layer, direction) or the output layer.
QList<PhaseValue> stackPhaseValues(const rnnlab::IterationTrace& trace, IterationPhase phase) {
  const rnnlab::ModelConfig& config = trace.before.config;
  const Index s = phase.step;
  const QString t = stepName(s);
  const Index T = trace.forward.steps();
  QList<PhaseValue> out;
  if (phase.isOutputLayer()) {
    const Matrix top = rnnlab::topOutputs(config, trace.forward);
    const QString o = config.bidirectional ? QStringLiteral("o_%1 = [h→_%1 ; h←_%1]").arg(t)
                                           : QStringLiteral("o_%1 = h_%1").arg(t);
    if (phase.kind == Kind::Forward) {
      out.append({QStringLiteral("top"), o, top.col(s)});
      appendOutputStep(trace, s, out);
      return out;
    }
    out.append(
        {QStringLiteral("dy"), QStringLiteral("δy_%1").arg(t), trace.forward.outputGrad.col(s)});
    out.append({QStringLiteral("top_read"), o, top.col(s)});
    const rnnlab::Gradients step = rnnlab::outputStepContribution(config, trace.forward, s);
    const rnnlab::Gradients sum = rnnlab::outputRunningGradients(config, trace.forward, s);
    const QString range = stepRange(s, T - 1);
    for (const int block : {step.blockIndex("Why"), step.blockIndex("by")}) {
      const QString name = latin(step.blockName(block));
      appendBlockSums(QStringLiteral("d") + name, QStringLiteral("d") + name, step.block(block),
                      sum.block(block), t, range, out);
    }
    return out;
  }
  const int layer = phase.layer;
  const int direction = phase.direction;
  const rnnlab::ForwardPass& f = trace.forwardOf(layer, direction);
  const rnnlab::BackwardPass& b = trace.backwardOf(layer, direction);
  if (phase.kind == Kind::Forward) {
    const Matrix mask = layer > 0 ? f.stack->sequenceDropoutMask(0, layer) : Matrix();
    if (mask.size() > 0) {
      const QString below = QStringLiteral("o⁽%1⁾_%2").arg(layer - 1).arg(t);
      out.append(
          {QStringLiteral("below"), below, f.stack->sequenceLayerOutput(0, layer - 1).col(s)});
      out.append(
          {QStringLiteral("mask"), QStringLiteral("mask⁽%1⁾_%2").arg(layer).arg(t), mask.col(s)});
      out.append({QStringLiteral("x"), QStringLiteral("x_%1").arg(t), f.inputs.col(s)});
    } else if (layer > 0) {
      out.append({QStringLiteral("x"), QStringLiteral("x_%1 = o⁽%2⁾_%1").arg(t).arg(layer - 1),
                  f.inputs.col(s)});
    } else {
      // A text's layer 0 reads a one-hot column (its cells keep only the indices).
      const Matrix x = f.inputs.rows() > 0
                           ? Matrix(f.inputs.col(s))
                           : Matrix(trace.forward.denseInputs(config.inputSize).col(s));
      out.append({QStringLiteral("x"), QStringLiteral("x_%1").arg(t), x});
    }
    const Index previous = rnnlab::previousStateColumn(config, f, s);
    appendCellForward(f, config.cell, s, previous, stepName(direction == 0 ? s - 1 : s + 1), out);
    return out;
  }
  appendCellDeltas(f, b, config.cell, s, out);
  const rnnlab::Gradients step = rnnlab::cellStepContribution(config, f, b, s);
  const rnnlab::Gradients sum = rnnlab::cellRunningGradients(config, f, b, s);
  const QString range = direction == 0 ? stepRange(s, T - 1) : stepRange(0, s);
  for (const rnnlab::CellBlock role :
       {rnnlab::CellBlock::InputWeights, rnnlab::CellBlock::RecurrentWeights,
        rnnlab::CellBlock::InputBias, rnnlab::CellBlock::RecurrentBias}) {
    const int block = step.cellBlockIndex(layer, direction, role);
    if (block < 0) {
      continue;  // an rnn cell has one bias
    }
    // Keyed as one cell names the role (dW_ih, dWhh, ...), titled with the block's own name.
    const QString key = QStringLiteral("d") + roleName(config.cell, role);
    appendBlockSums(key, QStringLiteral("d") + latin(step.blockName(block)), step.block(block),
                    sum.block(block), t, range, out);
  }
  return out;
}

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
  const bool stepPhase = phase.kind == Kind::Forward || phase.kind == Kind::Backward;
  if (stepPhase && trace.before.config.stacked()) {
    return stackPhaseValues(trace, phase);
  }
  const rnnlab::ForwardPass& f = trace.forward;
  const rnnlab::BackwardPass& b = trace.backward;
  const Index s = phase.step;
  const QString t = stepName(s);
  const rnnlab::CellKind cell = trace.before.config.cell;
  const rnnlab::Parameters& params = trace.before.params;
  QList<PhaseValue> out;
  switch (phase.kind) {
    case Kind::Forward:
      out.append({QStringLiteral("x"), QStringLiteral("x_%1").arg(t), f.inputs.col(s)});
      appendCellForward(f, cell, s, s, QString::number(s), out);
      appendOutputStep(trace, s, out);
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
      if (trace.before.config.loss == rnnlab::LossKind::CrossEntropy) {
        out.append(
            {QStringLiteral("probabilities"), QStringLiteral("p = softmax(y)"), f.probabilities});
      }
      out.append({QStringLiteral("output_grad"), QStringLiteral("δy = ∂L/∂y"), f.outputGrad});
      break;
    case Kind::Backward: {
      out.append({QStringLiteral("dy"), QStringLiteral("δy_%1").arg(t), f.outputGrad.col(s)});
      appendCellDeltas(f, b, cell, s, out);
      const auto step = blocksOf(rnnlab::stepContribution(f, b, s));
      const auto sum = blocksOf(rnnlab::accumulatedGradients(f, b, s));
      const QString range = stepRange(s, f.steps() - 1);
      for (int k = 0; k < static_cast<int>(step.size()); ++k) {
        const QString name = QStringLiteral("d") + blockName(cell, k);
        const auto i = static_cast<std::size_t>(k);
        appendBlockSums(name, name, step[i], sum[i], t, range, out);
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
      for (int k = 0; k < params.blockCount(); ++k) {
        const QString name = latin(params.blockName(k));
        out.append({name + QStringLiteral("_unclipped"),
                    QCoreApplication::translate("PhaseValues", "d%1 unclipped").arg(name),
                    b.grads.block(k)});
        out.append({name + QStringLiteral("_clipped"),
                    QCoreApplication::translate("PhaseValues", "d%1 clipped").arg(name),
                    trace.clipped.block(k)});
      }
      break;
    }
    case Kind::Update: {
      for (int k = 0; k < params.blockCount(); ++k) {
        const QString name = latin(params.blockName(k));
        const Matrix& before = params.block(k);
        const Matrix& after = trace.after.block(k);
        out.append({name + QStringLiteral("_before"),
                    QCoreApplication::translate("PhaseValues", "%1 before").arg(name), before});
        out.append({name + QStringLiteral("_change"),
                    QCoreApplication::translate("PhaseValues", "Δ%1 = after − before").arg(name),
                    after - before});
        out.append({name + QStringLiteral("_after"),
                    QCoreApplication::translate("PhaseValues", "%1 after").arg(name), after});
      }
      break;
    }
  }
  return out;
}
