#include "rnnlab/iteration_trace.h"

#include "rnnlab/text_model.h"
#include "stack_view.h"

namespace rnnlab {

const ForwardPass& IterationTrace::forwardOf(int layer, int direction) const {
  if (cellForward.empty()) {
    return forward;
  }
  return cellForward.at(static_cast<std::size_t>(layer * before.config.directions() + direction));
}

const BackwardPass& IterationTrace::backwardOf(int layer, int direction) const {
  if (cellBackward.empty()) {
    return backward;
  }
  return cellBackward.at(static_cast<std::size_t>(layer * before.config.directions() + direction));
}

IterationTrace traceIteration(const Trainer& trainer) {
  Trainer probe = trainer;
  IterationTrace trace;
  trace.before = probe.model();
  // A stack or a text in streams trains through the batched pass, which keeps no single-sequence
  // passes: the trace runs the sequence (stream 0's chunk) again from the same weights and state.
  // Its dropout masks are the iteration's first draws (v3 §1: per sequence in batch order), so a
  // copy of the generator as the iteration starts draws them again.
  const bool batchedSequence = probe.batched() && !probe.isSequenceSet();
  const Vector carriedH = batchedSequence && probe.isText() ? probe.carriedHidden() : Vector();
  const Vector carriedC = batchedSequence && probe.isText() ? probe.carriedCell() : Vector();
  Rng masks(probe.settings().seed + 2);
  if (const auto state = probe.trainingState().dropoutRng) {
    masks.setState(*state);
  }
  Rng* dropout = trace.before.config.dropout > 0.0 ? &masks : nullptr;
  trace.streams = probe.isText() ? probe.text()->streams : 1;
  trace.report = probe.step();
  if (batchedSequence && probe.isText()) {
    const TextData& text = *probe.text();
    const long p = trace.report.chunkStart;
    const auto L = static_cast<std::size_t>(text.sequenceLength);
    const std::span<const int> indices(text.indices);
    // The chunk at 0 started from (h0, c0) (the reset rule); any other from the carried state.
    const bool reset = p == 0;
    forwardIndexed(trace.before, indices.subspan(static_cast<std::size_t>(p), L),
                   indices.subspan(static_cast<std::size_t>(p) + 1, L),
                   reset ? trace.before.h0 : carriedH,
                   reset ? initialCellState(trace.before) : carriedC, trace.forward, dropout);
  } else if (batchedSequence) {
    forward(trace.before, probe.data(), trace.forward, dropout);
  } else {
    trace.forward = probe.lastForward();
    trace.backward = probe.lastBackward();
  }
  if (batchedSequence && trace.forward.stack) {
    detail::viewEveryCell(trace.before, trace.forward, trace.cellForward, trace.cellBackward);
    trace.forward = trace.cellForward.front();
    trace.backward = trace.cellBackward.front();
  } else if (batchedSequence) {
    backward(trace.before, trace.forward, trace.backward);  // one cell in streams
  }
  trace.clipped = probe.lastClippedGradients();
  trace.after = trace.report.status == IterationReport::Status::Ok ? probe.model().params
                                                                   : trace.before.params;
  return trace;
}

std::vector<IterationPhase> iterationPhases(Index steps) {
  using Kind = IterationPhase::Kind;
  std::vector<IterationPhase> phases;
  phases.reserve(static_cast<std::size_t>(2 * steps + 3));
  for (Index t = 0; t < steps; ++t) {
    phases.push_back({Kind::Forward, t});
  }
  phases.push_back({Kind::Loss, -1});
  for (Index t = steps - 1; t >= 0; --t) {
    phases.push_back({Kind::Backward, t});
  }
  phases.push_back({Kind::Clip, -1});
  phases.push_back({Kind::Update, -1});
  return phases;
}

std::vector<IterationPhase> iterationPhases(const ModelConfig& config, Index steps) {
  if (!config.stacked()) {
    return iterationPhases(steps);
  }
  using Kind = IterationPhase::Kind;
  const int D = config.directions();
  std::vector<IterationPhase> phases;
  phases.reserve(static_cast<std::size_t>(2 * steps * (config.cellCount() + 1) + 3));
  // A part's steps in the order its pass takes them: a reverse cell reads t = T … 1; every
  // backward pass runs its forward order backwards.
  const auto add = [&](Kind kind, int layer, int direction, bool ascending) {
    for (Index i = 0; i < steps; ++i) {
      phases.push_back({kind, ascending ? i : steps - 1 - i, layer, direction});
    }
  };
  for (int layer = 0; layer < config.layers; ++layer) {
    for (int direction = 0; direction < D; ++direction) {
      add(Kind::Forward, layer, direction, direction == 0);
    }
  }
  add(Kind::Forward, IterationPhase::OutputLayer, 0, true);
  phases.push_back({Kind::Loss, -1});
  add(Kind::Backward, IterationPhase::OutputLayer, 0, false);
  for (int layer = config.layers - 1; layer >= 0; --layer) {
    for (int direction = D - 1; direction >= 0; --direction) {
      add(Kind::Backward, layer, direction, direction == 1);
    }
  }
  phases.push_back({Kind::Clip, -1});
  phases.push_back({Kind::Update, -1});
  return phases;
}

}  // namespace rnnlab
