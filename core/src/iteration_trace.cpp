#include "rnnlab/iteration_trace.h"

namespace rnnlab {

IterationTrace traceIteration(const Trainer& trainer) {
  Trainer probe = trainer;
  IterationTrace trace;
  trace.before = probe.model();
  trace.report = probe.step();
  trace.forward = probe.lastForward();
  trace.backward = probe.lastBackward();
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
