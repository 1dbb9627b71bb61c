#include "training/discarded_runs.h"

#include <algorithm>

#include "training/training_controller.h"

void DiscardedRuns::keep(const TrainingController& controller, const rnnlab::Session& applied) {
  const TrainingSnapshotPtr snapshot = controller.latestSnapshot();
  if (!snapshot || snapshot->trainingState.iteration <= 0) {
    return;  // nothing trained yet: a fresh start loses nothing
  }
  Run run{applied, applied, controller.lossHistory(), controller.losses().validation()};
  // The live weights also during a rewind or a what-if, with the state that continues them.
  run.withRun.setModel(snapshot->trainedModel ? *snapshot->trainedModel : snapshot->model);
  run.withRun.trainingState = snapshot->trainingState;
  std::erase_if(m_runs, [&](const Run& kept) { return kept.session == applied; });
  m_runs.push_back(std::move(run));
  while (m_runs.size() > MaxKept) {
    m_runs.pop_front();
  }
}

std::optional<long> DiscardedRuns::bringBack(TrainingController& controller,
                                             const rnnlab::Session& session) {
  const auto found = std::find_if(m_runs.begin(), m_runs.end(),
                                  [&](const Run& kept) { return kept.session == session; });
  if (found == m_runs.end()) {
    return std::nullopt;
  }
  Run run = std::move(*found);
  m_runs.erase(found);
  controller.continueRun(run.withRun, run.losses, run.validation);
  return run.withRun.trainingState->iteration;
}
