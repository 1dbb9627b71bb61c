#pragma once

// What TrainingController asks of TrainingWorker: one small struct per kind of request, carried
// in one std::variant. The worker handles it with std::visit and one handle() overload per kind,
// so a kind added here without a handler there does not compile.

#include <cstddef>
#include <cstdint>
#include <variant>

#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"
#include "rnnlab/session.h"
#include "rnnlab/training_settings.h"

namespace training_command {

// Model, data and settings replaced; training starts over from the session's weights.
struct SetSession {
  std::uint64_t generation = 0;  // the snapshots' generation from now on
  rnnlab::Session session;
};
// Training starts over from the session's weights (its own, or its seed's).
struct Reset {
  std::uint64_t generation = 0;
};
struct Play {};   // runs to the target; at the target, extends it by settings.iterations
struct Pause {};  // a running run pauses
struct Step {};   // exactly one iteration, then Paused
struct Stop {};   // the run ends (Finished)
// From the next iteration on; the run then ends at its start + settings.iterations.
struct SetSettings {
  rnnlab::TrainingSettings settings;
};
struct SetSpeed {
  int iterationsPerSecond = 0;  // 0 = full speed
};
struct SetHistoryBudget {
  std::size_t bytes = 0;  // the memory bound of the weights kept for rewinding
};
// Shows the kept weights at the nearest kept iteration ≤ `iteration` (the trainer is untouched).
struct ShowHistory {
  long iteration = 0;
};
struct LeaveHistory {};
// Continues from the kept weights at the nearest kept iteration ≤ `iteration`, as a new run.
struct Branch {
  long iteration = 0;
  rnnlab::TrainingSettings settings;
};
// Shows the passes of an edited model and data without training them.
struct SetWhatIf {
  rnnlab::Model model;
  rnnlab::SequenceData data;
};
struct ClearWhatIf {};
// A data set: the sequence the views show (the passes, the trace, a rewind), training or
// validation, by index (clamped to the set). Ignored for other sessions.
struct ShowSequence {
  bool validation = false;
  int index = 0;
};
struct ApplyWhatIf {};  // the shown what-if becomes the model and data at this iteration
// The run the current iteration belongs to, as it was when saved (an autosave restored at 1,202
// of a run from 0 to 3,000 still ends at 3,000). Ignored unless start ≤ iteration ≤ target.
struct SetRunSpan {
  long start = 0;
  long target = 0;
};

}  // namespace training_command

using TrainingCommand = std::variant<
    training_command::SetSession, training_command::Reset, training_command::Play,
    training_command::Pause, training_command::Step, training_command::Stop,
    training_command::SetSettings, training_command::SetSpeed, training_command::SetHistoryBudget,
    training_command::ShowHistory, training_command::LeaveHistory, training_command::Branch,
    training_command::SetWhatIf, training_command::ClearWhatIf, training_command::ApplyWhatIf,
    training_command::ShowSequence, training_command::SetRunSpan>;
