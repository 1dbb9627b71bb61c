// The words of the step-through views: each phase's label and a sentence on what it does, for
// one cell and for a stack's layers, directions and dropout (the values are in phase_values.cpp).

#include "inspection/phase_values.h"

namespace {

using rnnlab::Index;
using rnnlab::IterationPhase;
using Kind = IterationPhase::Kind;

// "layer 1 ←" (the direction only when there are two).
QString layerName(const IterationPhase& phase, const rnnlab::ModelConfig& config) {
  if (phase.isOutputLayer()) {
    return QCoreApplication::translate("PhaseValues", "output layer");
  }
  const QString arrow = !config.bidirectional  ? QString()
                        : phase.direction == 0 ? QStringLiteral(" →")
                                               : QStringLiteral(" ←");
  return QCoreApplication::translate("PhaseValues", "layer %1").arg(phase.layer) + arrow;
}

// A stack's Forward and Backward phases.
QString stackExplanation(IterationPhase phase, Index steps, const rnnlab::ModelConfig& config) {
  const Index t = phase.step + 1;
  const int k = phase.layer;
  const bool reverse = phase.direction == 1;
  const bool dropout = config.dropout > 0.0 && k > 0;
  if (phase.isOutputLayer()) {
    if (phase.kind == Kind::Backward) {
      return QCoreApplication::translate(
                 "PhaseValues",
                 "Backpropagation starts at the output layer: δy_%1·o_%1ᵀ goes to dWhy, and "
                 "Whyᵀ·δy_%1 down to the top layer's cells.")
          .arg(t);
    }
    QString text = config.bidirectional
                       ? QCoreApplication::translate(
                             "PhaseValues",
                             "The output layer reads o_%1 = [h→_%1 ; h←_%1], the top layer's two "
                             "directions joined: y_%1 = Why·o_%1 + by.")
                             .arg(t)
                       : QCoreApplication::translate(
                             "PhaseValues",
                             "The output layer reads the top layer's h_%1: y_%1 = Why·h_%1 + by.")
                             .arg(t);
    if (config.bidirectional && config.outputMode == rnnlab::OutputMode::Last && t == steps) {
      text += QLatin1Char(' ') + QCoreApplication::translate(
                                     "PhaseValues",
                                     "Output mode “last”: only y_%1 counts, and its h←_%1 has read "
                                     "x_%1 alone (PyTorch's output[-1]).")
                                     .arg(t);
    }
    return text;
  }
  const QString input =
      k == 0 ? QStringLiteral("x_%1").arg(t)
      : dropout
          ? QCoreApplication::translate("PhaseValues", "layer %1's output times the dropout mask")
                .arg(k - 1)
          : QCoreApplication::translate("PhaseValues", "layer %1's output").arg(k - 1);
  if (phase.kind == Kind::Forward) {
    return reverse ? QCoreApplication::translate(
                         "PhaseValues",
                         "Layer %1 ←: a cell with its own weights reads the sequence backwards "
                         "(t = %2 … 1), here %3 and h_%4, the state of the step after.")
                         .arg(k)
                         .arg(steps)
                         .arg(input)
                         .arg(t + 1)
                   : QCoreApplication::translate(
                         "PhaseValues", "Layer %1: its cell reads %2 and h_%3 and computes h_%4.")
                         .arg(k)
                         .arg(input)
                         .arg(t - 1)
                         .arg(t);
  }
  const QString order =
      reverse ? QStringLiteral("t = 1 … %1").arg(steps) : QStringLiteral("t = %1 … 1").arg(steps);
  const QString down =
      k == 0    ? QCoreApplication::translate("PhaseValues", "at layer 0 they stop")
      : dropout ? QCoreApplication::translate("PhaseValues",
                                              "they go down to layer %1 through the dropout mask")
                      .arg(k - 1)
                : QCoreApplication::translate("PhaseValues", "they go down to layer %1").arg(k - 1);
  return QCoreApplication::translate(
             "PhaseValues",
             "Layer %1 backwards (%2): δh_%3 = what the layer above sends back + what step %4 "
             "sends through W_hh; its deltas add to this cell's weights, and %5.")
      .arg(k)
      .arg(order)
      .arg(t)
      .arg(reverse ? t - 1 : t + 1)
      .arg(down);
}

}  // namespace

QString phaseLabel(IterationPhase phase, Index steps, const rnnlab::ModelConfig& config) {
  const bool stepPhase = phase.kind == Kind::Forward || phase.kind == Kind::Backward;
  if (!config.stacked() || !stepPhase) {
    return phaseLabel(phase, steps);
  }
  return QStringLiteral("%1 · %2").arg(phaseLabel(phase, steps), layerName(phase, config));
}

QString phaseExplanation(IterationPhase phase, Index steps, const rnnlab::ModelConfig& config) {
  const bool stepPhase = phase.kind == Kind::Forward || phase.kind == Kind::Backward;
  if (config.stacked() && stepPhase) {
    return stackExplanation(phase, steps, config);
  }
  return phaseExplanation(phase, steps, config.cell);
}

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
