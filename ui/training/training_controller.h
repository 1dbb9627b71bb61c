#pragma once

// TrainingController lives on the GUI thread. It owns a QThread and a TrainingWorker moved onto
// it. Commands go to the worker through its mutex-guarded inbox (TrainingWorker::post()), and
// snapshots come back through its outbox, announced by a payload-free queued signal; the
// controller keeps the latest snapshot, merges every snapshot's losses into losses() and emits
// snapshotReady. The GUI never waits for the worker; the destructor stops the worker and joins
// the thread.

#include <QObject>
#include <QString>
#include <QThread>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "rnnlab/model_history.h"
#include "rnnlab/session.h"
#include "training/loss_history.h"
#include "training/training_command.h"
#include "training/training_snapshot.h"

class TrainingWorker;

class TrainingController : public QObject {
  Q_OBJECT

 public:
  // A finished run kept for comparison: its whole loss curve (index = iteration, bounded as the
  // live one is) and the settings it last trained with.
  struct RunRecord {
    QString label;  // e.g. "run 1: sgd η=0.1 clip 5"
    rnnlab::LossRecord losses;
    rnnlab::TrainingSettings settings;
  };

  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  // Replaces model, data and settings (the model from the session's weights or its seed) and
  // goes back to Idle. Stops any run. A session that rnnlab::validate() refuses is ignored (with
  // a warning): callers validate first.
  void setSession(const rnnlab::Session& session);
  // setSession() with a session saved mid-run (weights and training_state), whose losses so far
  // and validation points are given back too: the curve goes on where it stopped.
  void continueRun(const rnnlab::Session& session, const rnnlab::LossRecord& losses,
                   const std::vector<LossHistory::Point>& validation);
  // The session as last set, with the settings of the latest setSettings(); reset() starts from
  // it (so its seed and init scale count, and the learning rate etc. survive a reset).
  const rnnlab::Session& session() const { return m_session; }
  // As last set by setSpeed().
  int speed() const { return m_speed; }

  // The state after the latest command has been applied by the worker (or after the worker's
  // own Finished/Diverged). Between a command and its answer it is the previous state; the
  // latest snapshot's `state` may briefly be older than this one.
  TrainingState state() const { return m_state; }
  // The latest snapshot received (never null after construction: an Idle one for the session).
  TrainingSnapshotPtr latestSnapshot() const { return m_latest; }
  // Every iteration's loss since the last reset or setSession(), index = iteration, with a
  // signal whenever it grows or is cut back.
  const LossHistory& losses() const { return m_losses; }
  // losses().losses(), for callers that want only the values.
  const rnnlab::LossRecord& lossHistory() const { return m_losses.losses(); }

  // Runs archived by reset() and branchFromHistory(), oldest first. A run reset while running
  // is archived at once with the losses received so far; those the worker had not handed over
  // yet (up to one snapshot interval) are appended when they arrive, with another runsChanged.
  const std::vector<RunRecord>& previousRuns() const { return m_previousRuns; }
  void clearPreviousRuns();
  // The label the live run would get if archived now.
  QString liveRunLabel() const;
  static QString describeSettings(const rnnlab::TrainingSettings& settings);
  // The cell and its size, e.g. "LSTM H=8" or "tanh RNN H=4": what a run label starts with. A
  // stack (more layers, or two directions) says layers × H: "LSTM 2×128", "GRU 1×64 bi", and its
  // dropout between the layers when there is any ("GRU 3×64 dropout 0.2").
  static QString describeModel(const rnnlab::ModelConfig& model);

  // The memory bound of the weights kept for rewinding (default ModelHistory::DefaultByteBudget).
  std::size_t historyBudget() const { return m_historyBudget; }
  void setHistoryBudget(std::size_t bytes);

  // Rewinding. showHistory() pauses a running run and answers with a snapshot flagged
  // isHistoryView: the kept weights at the nearest kept iteration ≤ `iteration`, their passes on
  // the current data and their next iteration's trace; the trainer is untouched. leaveHistory()
  // returns to the live picture (so do play() and step()).
  void showHistory(long iteration);
  void leaveHistory();
  // "Continue from here": the trainer restarts from the kept weights at the nearest kept
  // iteration ≤ `iteration` (optimizer state reset) with `settings`, as a new run, Paused. The
  // old run's loss curve is archived in previousRuns(), the history beyond the branch is cut.
  void branchFromHistory(long iteration, const rnnlab::TrainingSettings& settings);

  // What-if, while not running (a running run pauses): the passes and trace of an edited model
  // or data, published as a snapshot flagged isWhatIf, without training and without touching
  // the trainer's weights. `model` must have the session's sizes and `data` must fit it (else it
  // is refused with a warning, and false returned). applyWhatIf() makes the edit the model and
  // data at the current iteration; clearWhatIf() (or play/step) discards it.
  bool setWhatIf(const rnnlab::Model& model, const rnnlab::SequenceData& data);
  void clearWhatIf();
  // False when no what-if is pending (none was set, or it was left since).
  bool applyWhatIf();

  // A data set: the sequence the views show (passes, trace, rewinds), training or validation, by
  // index (clamped); answered with a snapshot. Kept across resets and new sessions.
  void showSequence(bool validation, int index);
  bool shownValidation() const { return m_shownValidation; }
  int shownIndex() const { return m_shownIndex; }

 public slots:
  void play();  // runs to the target; at the target, extends it by settings.iterations
  void pause();
  void step();   // exactly one iteration, then Paused
  void stop();   // ends the run (Finished); play() continues from the current weights
  void reset();  // weights from the session again (its weights, or its seed), history cleared
  // Learning rate, clipping, optimizer and its parameters, iteration count: from the next
  // iteration on (the current run then ends at its start + iterations). Sizes, mode and loss
  // need setSession(); seed and init scale count from the next reset().
  void setSettings(const rnnlab::TrainingSettings& settings);
  // 0 = full speed; PaceLimiter::Watch = each run over about PaceLimiter::WatchSeconds;
  // otherwise at most this many iterations per second.
  void setSpeed(int iterationsPerSecond);
  // The run the current iteration belongs to (a restored autosave's); see SetRunSpan.
  void setRunSpan(long start, long target);
  // At most one snapshot per `milliseconds` while running (33 by default): the presenter sets its
  // redraw interval, so the worker copies no weights that would never be drawn.
  void setSnapshotInterval(int milliseconds);

 signals:
  // At most ~30 per second while running, plus one after every command that changes the model.
  void snapshotReady(TrainingSnapshotPtr snapshot);
  void stateChanged(TrainingState state);
  // The loss became NaN or infinite; training paused and the weights were restored.
  void diverged(const QString& message);
  // The loss rose far above its best and stayed there (rnnlab::LossRiseGuard): training paused
  // (state Paused). `explanation` is one line saying what happened and what to do; it is also
  // the snapshot's message.
  void lossRising(const QString& explanation);
  // previousRuns() changed (a run was archived, or they were cleared).
  void runsChanged();

 private:
  // Drains the worker's outbox (on the GUI thread): merges every loss, keeps the last snapshot
  // and emits snapshotReady once per batch (drop-stale: views want only the newest picture).
  void onSnapshotsAvailable();
  // Merges the snapshot's losses and makes it the latest, unless it is of an older generation.
  void accept(const TrainingSnapshotPtr& snapshot);
  // Losses of an older generation: those of a run reset() archived go to it. Returns true if
  // the archive changed.
  bool completeArchivedRun(const TrainingSnapshot& snapshot);
  void post(TrainingCommand command);  // sends one command to the worker, with the next id
  // After setSession() or reset() (a new generation): the Idle snapshot built here, the losses
  // cleared, state Idle.
  void becomeIdle();
  void setState(TrainingState state);
  // Appends the live run to m_previousRuns if it has any losses (the caller emits runsChanged
  // once the live run is the new one).
  bool archiveLiveRun();
  QString runLabel(const rnnlab::TrainingSettings& settings) const;
  QString runLabel(const rnnlab::TrainingSettings& settings,
                   const rnnlab::ModelConfig& model) const;

  QThread m_thread;
  TrainingWorker* m_worker = nullptr;  // lives on m_thread, deleted when it finishes
  TrainingState m_state = TrainingState::Idle;
  TrainingSnapshotPtr m_latest;
  LossHistory m_losses;
  rnnlab::Session m_session;
  int m_speed = 0;
  std::uint64_t m_generation = 0;   // bumped by reset() and setSession()
  std::uint64_t m_lastCommand = 0;  // id of the latest command sent to the worker
  std::size_t m_historyBudget = rnnlab::ModelHistory::DefaultByteBudget;
  std::vector<RunRecord> m_previousRuns;
  int m_runsStarted = 0;  // numbers the runs' labels
  // The settings the live run last trained with (from the latest snapshot that brought losses),
  // so a run archived after the user changed a setting is labelled with what it trained with.
  rnnlab::TrainingSettings m_runSettings;
  std::optional<rnnlab::SequenceData> m_whatIfData;  // becomes the session's data on apply
  bool m_shownValidation = false;  // a data set's shown sequence (showSequence)
  int m_shownIndex = 0;
  // A run reset() archived that may still receive the losses the worker had not handed over
  // when reset() was called (they arrive in that run's generation, before any newer one's).
  // `run` is its index in m_previousRuns, or none if it had no losses yet (it is archived when
  // the first arrive).
  struct ArchivedRunTail {
    std::uint64_t generation = 0;
    std::optional<std::size_t> run;
    rnnlab::TrainingSettings settings;
    rnnlab::ModelConfig model;  // the run's cell and size, for its label
  };
  std::vector<ArchivedRunTail> m_archivedRunTails;
};
