#include "rnnlab/iteration_trace.h"

#include "rnnlab/text_model.h"

namespace rnnlab {

IterationTrace traceIteration(const Trainer& trainer) {
  Trainer probe = trainer;
  IterationTrace trace;
  trace.before = probe.model();
  // A stack or a text in streams trains through the batched pass, which keeps no single-sequence
  // passes: the trace shows the sequence (stream 0's chunk) from the same weights and state,
  // without dropout.
  const bool batchedSequence = probe.batched() && !probe.isSequenceSet();
  const Vector carriedH = batchedSequence && probe.isText() ? probe.carriedHidden() : Vector();
  const Vector carriedC = batchedSequence && probe.isText() ? probe.carriedCell() : Vector();
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
                   reset ? initialCellState(trace.before) : carriedC, trace.forward);
    backward(trace.before, trace.forward, trace.backward);
  } else if (batchedSequence) {
    forward(trace.before, probe.data(), trace.forward);
    backward(trace.before, trace.forward, trace.backward);
  } else {
    trace.forward = probe.lastForward();
    trace.backward = probe.lastBackward();
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

}  // namespace rnnlab
