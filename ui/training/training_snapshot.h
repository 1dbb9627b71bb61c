#pragma once

// An immutable picture of training, made on the worker thread and handed to the GUI as a
// std::shared_ptr<const TrainingSnapshot> (through TrainingWorker's mutex-guarded outbox; the
// controller then emits it). Nothing in it is shared with the worker's live trainer: every
// matrix is a copy.

#include <QMetaType>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "rnnlab/backward_pass.h"
#include "rnnlab/clipping.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/iteration_trace.h"
#include "rnnlab/model.h"
#include "rnnlab/text_data.h"
#include "rnnlab/training_settings.h"
#include "rnnlab/training_state.h"

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
  // firstNewIteration + k. The run's losses are those of iterations [0, iteration): a divergence
  // takes the last update back, so a batch may reach beyond `iteration` (LossHistory::update()
  // drops the rest). Snapshots are handed over in order, never dropped, so merging every batch
  // rebuilds the whole history.
  long firstNewIteration = 0;
  std::vector<double> newLosses;
  double loss = 0.0;  // the latest iteration's loss (before its update); NaN before any
  // Validation losses computed since the previous snapshot, as (iteration, value): the value is
  // that of the weights after `iteration` updates (those iteration `iteration` starts from), in
  // the core's units (text: the mean loss per character). Merged like newLosses.
  struct ValidationPoint {
    long iteration = 0;
    double value = 0.0;
  };
  std::vector<ValidationPoint> newValidation;

  rnnlab::Model model;  // the current weights (after `iteration` updates)
  // Text sessions: the data (shared with the trainer, never copied) and where the chunk of
  // `forward` starts in it (forward.inputIndices are its characters, forward.targetIndices the
  // next ones; forward.hidden.col(0) is the carried state it started from). Null and −1 for
  // numeric data. In a rewind or what-if, `forward` runs that chunk from (h0, c0).
  // Data sets: `forward`, `backward` and `trace` are always those of the shown sequence alone
  // (the trainer runs whole minibatches): the trace is the iteration Step would run if the
  // batch were that one sequence.
  std::shared_ptr<const rnnlab::TextData> text;
  long chunkStart = -1;
  // Text: where the chunk of `trace` starts (the next iteration's; for a rewind or what-if the
  // same chunk as `forward`); −1 without a trace or for numeric data.
  long traceChunkStart = -1;
  // Data sets: the epoch the next iteration belongs to (from 0), the position of its batch in
  // the epoch (0..batchesPerEpoch−1), and the sequence `forward` shows (training or validation
  // set, its index). −1, 0, 0, false, −1 for other data.
  long epoch = -1;
  long batchInEpoch = 0;
  long batchesPerEpoch = 0;
  bool shownValidation = false;
  int shownIndex = -1;
  // The last iteration's passes (weights before its update) and its clipping. For text the
  // passes hold both the chunk's indices and its dense one-hot inputs and targets (V×L), so
  // views written for numeric data show them as they are. Before the first
  // iteration and after a divergence there is no such iteration: then they are the passes of the
  // current `model` (so views always have finite values to show) and `clip` is default.
  rnnlab::ForwardPass forward;
  rnnlab::BackwardPass backward;
  rnnlab::ClipReport clip;
  rnnlab::TrainingSettings settings;
  // The live trainer's state beyond its weights (iteration, optimizer), which Save writes with
  // them; and the live weights themselves while `model` shows a rewind or a what-if.
  rnnlab::TrainingState trainingState;
  std::optional<rnnlab::Model> trainedModel;

  double iterationsPerSecond = 0.0;  // over the recent past
  double elapsedSeconds = 0.0;       // training time since the last reset
  QString message;                   // why training stopped, for the status bar (e.g. divergence)

  // The trace of the iteration Step would run next, computed on a copy of the trainer (for the
  // stepper, the unrolled diagram and the equations). Attached to every snapshot that is not
  // Running (one extra iteration's cost), null while Running. In a history view or a what-if it
  // is the next iteration of the shown model (with a fresh optimizer state).
  std::shared_ptr<const rnnlab::IterationTrace> trace;

  // How often and how hard clipping acted since the last reset or branch.
  long clippedIterations = 0;  // iterations where ClipReport::acted()
  long clipCountedIterations = 0;
  double lastNormBefore = 0.0;  // the last iteration's gradient norm before and after clipping
  double lastNormAfter = 0.0;

  // A rewind (showHistory): model, forward, backward and trace are those of the kept
  // weights at viewedIteration (the nearest kept iteration ≤ the one asked for), on the current
  // data; everything else (iteration, losses, state) is still the live run's.
  bool isHistoryView = false;
  long viewedIteration = -1;
  // A what-if (setWhatIf): model, forward, backward and trace are those of an edited
  // model or data that has not been trained; the trainer's weights are unchanged.
  bool isWhatIf = false;
  // Where the live run began (0, or the iteration a branch continued from).
  long runStartIteration = 0;
  std::size_t historyEntries = 0;  // weights kept for rewinding, and their memory bound
  std::size_t historyByteBudget = 0;

  // Bookkeeping between TrainingWorker and TrainingController; views can ignore it.
  // The controller drops snapshots of an older generation (made before a reset() or setSession()
  // that it has already applied; only their losses still go to the run a reset archived), and
  // takes `state` only from the answer to its latest command, so a snapshot still in flight
  // never undoes a newer command.
  std::uint64_t generation = 0;
  std::uint64_t handledCommandId = 0;  // the id of the last controller command the worker handled
  bool divergedNow = false;            // this snapshot reports a divergence that just happened
  // This snapshot reports that the loss has just been found far above its best for long (see
  // rnnlab::LossRiseGuard): training paused, and `message` says why.
  bool lossRoseNow = false;
  // This snapshot answers branchFromHistory(): the losses before it belong to the previous run,
  // which the controller archives before its history is cut back to firstNewIteration.
  bool startsBranch = false;
};

using TrainingSnapshotPtr = std::shared_ptr<const TrainingSnapshot>;

Q_DECLARE_METATYPE(TrainingSnapshotPtr)
Q_DECLARE_METATYPE(TrainingState)
