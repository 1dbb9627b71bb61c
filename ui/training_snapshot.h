#pragma once

// An immutable picture of training, made on the worker thread and handed to the GUI by
// std::shared_ptr<const TrainingSnapshot> through a queued signal. Nothing in it is shared with
// the worker's live trainer: every matrix is a copy.

#include <QMetaType>
#include <QString>
#include <memory>
#include <vector>

#include "rnnlab/backward_pass.h"
#include "rnnlab/clipping.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"
#include "rnnlab/training_settings.h"

enum class TrainingState {
  Idle,      // nothing run since the last reset
  Running,
  Paused,    // by the user, or after a single step
  Finished,  // reached the target iteration count, or stopped
  Diverged,  // the loss became NaN or infinite; the weights are the last finite ones
};

struct TrainingSnapshot {
  long iteration = 0;         // updates applied so far
  long targetIteration = 0;   // where the current run stops
  TrainingState state = TrainingState::Idle;

  // Losses of the iterations since the previous snapshot: newLosses[k] belongs to iteration
  // firstNewIteration + k. Snapshots are queued, never dropped, so appending these rebuilds the
  // whole history.
  long firstNewIteration = 0;
  std::vector<double> newLosses;
  double loss = 0.0;  // the latest iteration's loss (before its update); NaN before any

  rnnlab::Model model;  // the current weights (after `iteration` updates)
  // The last iteration's passes (weights before its update) and its clipping; default-constructed
  // (empty) before the first iteration.
  rnnlab::ForwardPass forward;
  rnnlab::BackwardPass backward;
  rnnlab::ClipReport clip;
  rnnlab::TrainingSettings settings;

  double iterationsPerSecond = 0.0;  // over the recent past
  double elapsedSeconds = 0.0;       // training time since the last reset
  QString message;                   // why training stopped, for the status bar (e.g. divergence)
};

using TrainingSnapshotPtr = std::shared_ptr<const TrainingSnapshot>;

Q_DECLARE_METATYPE(TrainingSnapshotPtr)
