#pragma once

// An immutable picture of training, made on the worker thread and handed to the GUI by
// std::shared_ptr<const TrainingSnapshot> through a queued signal. Nothing in it is shared with
// the worker's live trainer: every matrix is a copy.

#include <QMetaType>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

#include "rnnlab/backward_pass.h"
#include "rnnlab/clipping.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"
#include "rnnlab/training_settings.h"

enum class TrainingState {
  Idle,  // nothing run since the last reset
  Running,
  Paused,    // by the user, or after a single step
  Finished,  // reached the target iteration count, or stopped
  Diverged,  // the loss became NaN or infinite; the weights are the last finite ones
};

struct TrainingSnapshot {
  long iteration = 0;        // updates applied so far
  long targetIteration = 0;  // where the current run stops
  TrainingState state = TrainingState::Idle;

  // Losses of the iterations since the previous snapshot: newLosses[k] belongs to iteration
  // firstNewIteration + k. Snapshots are queued, never dropped, so appending these rebuilds the
  // whole history.
  long firstNewIteration = 0;
  std::vector<double> newLosses;
  double loss = 0.0;  // the latest iteration's loss (before its update); NaN before any

  rnnlab::Model model;  // the current weights (after `iteration` updates)
  // The last iteration's passes (weights before its update) and its clipping. Before the first
  // iteration and after a divergence there is no such iteration: then they are the passes of the
  // current `model` (so views always have finite values to show) and `clip` is default.
  rnnlab::ForwardPass forward;
  rnnlab::BackwardPass backward;
  rnnlab::ClipReport clip;
  rnnlab::TrainingSettings settings;

  double iterationsPerSecond = 0.0;  // over the recent past
  double elapsedSeconds = 0.0;       // training time since the last reset
  QString message;                   // why training stopped, for the status bar (e.g. divergence)

  // Bookkeeping between TrainingWorker and TrainingController; views can ignore it.
  // The controller drops snapshots of an older generation (made before a reset() or setSession()
  // that it has already applied), and takes `state` only from the answer to its latest command,
  // so a snapshot still in flight never undoes a newer command.
  std::uint64_t generation = 0;
  std::uint64_t command = 0;  // the last controller command the worker had handled
  bool divergedNow = false;   // this snapshot reports a divergence that just happened
};

using TrainingSnapshotPtr = std::shared_ptr<const TrainingSnapshot>;

Q_DECLARE_METATYPE(TrainingSnapshotPtr)
Q_DECLARE_METATYPE(TrainingState)
