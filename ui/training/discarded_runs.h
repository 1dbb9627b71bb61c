#pragma once

// A data edit restarts training from the initial weights, so that one loss curve always belongs
// to one data set. The run such an edit discards (weights, optimizer state, losses, validation
// points) is kept here with the session it trained on: when an undo brings that session back,
// the run comes back with it and continues where it stopped, instead of starting again.
//
// At most MaxKept runs, the newest; a kept run is given back once.

#include <cstddef>
#include <deque>
#include <optional>
#include <vector>

#include "rnnlab/loss_record.h"
#include "rnnlab/session.h"
#include "training/loss_history.h"

class TrainingController;

class DiscardedRuns {
 public:
  static constexpr std::size_t MaxKept = 4;

  // Keeps the controller's live run, if it has made an update, as the run of `applied` (the
  // session the controller trains; what the document said when it was applied).
  void keep(const TrainingController& controller, const rnnlab::Session& applied);
  // A kept run of a session equal to `session`: the controller continues it (its losses and
  // validation points included). Returns its iteration, or nothing (the controller untouched).
  std::optional<long> bringBack(TrainingController& controller, const rnnlab::Session& session);
  std::size_t size() const { return m_runs.size(); }
  void clear() { m_runs.clear(); }

 private:
  struct Run {
    rnnlab::Session session;  // as applied
    rnnlab::Session withRun;  // the same with the run's weights and training_state
    rnnlab::LossRecord losses;
    std::vector<LossHistory::Point> validation;
  };
  std::deque<Run> m_runs;
};
