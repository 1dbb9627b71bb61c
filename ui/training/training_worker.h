#pragma once

// TrainingWorker runs on TrainingController's QThread and owns the only rnnlab::Trainer. It
// trains in chunks of a few milliseconds, re-posting itself to its own event loop between
// chunks, so that commands from the GUI are handled between chunks; a pending command also cuts
// the current chunk short (an atomic flag checked after every iteration).
//
// Threading: everything below "worker thread" runs only on the worker's thread. The GUI thread
// talks to the worker only through post(), takeSnapshots() and requestQuit(): values are moved
// into and out of two small queues guarded by m_mutex, and payload-free queued signals are the
// doorbells. The matrices themselves are never shared: commands carry copies in, snapshots carry
// copies out. (Carrying the payload in the queued call itself would also work, but the hand-over
// then happens inside Qt, whose futex-based locking ThreadSanitizer cannot see when Qt is not
// instrumented; with std::mutex every hand-over is visible, so a TSan report is a real one.)

#include <QObject>
#include <QString>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "rnnlab/iteration_trace.h"
#include "rnnlab/loss_rise_guard.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "rnnlab/validation_schedule.h"
#include "training/pace_limiter.h"
#include "training/run_statistics.h"
#include "training/training_command.h"
#include "training/training_snapshot.h"
#include "training/viewed_model.h"
#include "training/weight_history.h"

class QTimer;

class TrainingWorker : public QObject {
  Q_OBJECT

 public:
  explicit TrainingWorker(QObject* parent = nullptr);
  ~TrainingWorker() override;

  // --- Any thread (the GUI thread in practice). ---
  // Queues a command; the worker handles it before its next chunk, in posting order. `id` counts
  // the controller's commands: every snapshot carries the id of the last command handled, so the
  // controller knows which state answers which request.
  void post(std::uint64_t id, TrainingCommand command);
  // Every snapshot published since the last call, oldest first.
  std::vector<TrainingSnapshotPtr> takeSnapshots();
  // Makes a running chunk return after its current iteration and stops re-posting; used just
  // before the thread is asked to quit.
  void requestQuit();
  // At most one snapshot per `milliseconds` while running (default 33, at least 10): the GUI
  // lowers it to its redraw rate, so that no snapshot is copied for nothing. Any thread.
  void setSnapshotInterval(int milliseconds);

  // The Idle picture of a model: iteration 0, the passes of `model`, no losses yet. Pure; the
  // controller uses it too, on the GUI thread, so that it has a snapshot at once after
  // setSession() or reset().
  // Without `withTrace` the stepper's trace (a whole traced iteration) is left out.
  static std::shared_ptr<TrainingSnapshot> idleSnapshot(const rnnlab::Model& model,
                                                        const rnnlab::SequenceData& data,
                                                        const rnnlab::TrainingSettings& settings,
                                                        bool withTrace = true);
  // The same for any session (numeric or text), continuing its training_state if it has one:
  // a text session's passes are those of its next chunk.
  // For a data set its passes are those of the shown sequence (shownSequence()).
  static std::shared_ptr<TrainingSnapshot> idleSnapshot(const rnnlab::Session& session,
                                                        bool shownValidation = false,
                                                        int shownIndex = 0, bool withTrace = true);
  // A data set's sequence as the views show it: training or validation, `index` clamped to the
  // list (a validation pick without validation sequences shows training #0).
  static const rnnlab::SequenceData& shownSequence(const rnnlab::SequenceSet& set,
                                                   bool validation, int index);
  // The iteration Step would run on `sequence` alone from the trainer's weights, iteration and
  // optimizer state: what the stepper and the diagram show for a data set.
  static rnnlab::IterationTrace sequenceTrace(const rnnlab::Trainer& trainer,
                                              const rnnlab::SequenceData& sequence);
  // Fills the data set fields of `snapshot` (epoch, batch, shown sequence) from `trainer`.
  static void fillEpoch(TrainingSnapshot& snapshot, const rnnlab::Trainer& trainer,
                        bool validation, int index);
  // A text trainer's passes carry only indices; views want the one-hot matrices too. Fills
  // `inputs` and `targets` of an indexed pass (no-op otherwise).
  static void addDenseInputs(rnnlab::ForwardPass& pass, const rnnlab::ModelConfig& config);
  // A trainer for the session (text or numeric), resumed from its training_state if any.
  static std::unique_ptr<rnnlab::Trainer> makeTrainer(const rnnlab::Session& session);

 signals:
  // Doorbells, without payload (see above). commandsPosted is emitted by post() on the posting
  // thread and connected (queued) to handleCommands on the worker thread; snapshotsAvailable is
  // emitted on the worker thread when the outbox stops being empty.
  void commandsPosted();
  void snapshotsAvailable();

 private:
  std::chrono::milliseconds snapshotInterval() const;
  using Clock = std::chrono::steady_clock;
  struct PostedCommand {
    std::uint64_t id = 0;
    TrainingCommand command;
  };

  // --- Worker thread: commands (one handler per kind; std::visit picks it). ---
  void handleCommands();
  void handle(training_command::SetSession& command);
  void handle(const training_command::Reset& command);
  void handle(const training_command::Play& command);
  void handle(const training_command::Pause& command);
  void handle(const training_command::Step& command);
  void handle(const training_command::Stop& command);
  void handle(const training_command::SetSettings& command);
  void handle(const training_command::SetSpeed& command);
  void handle(const training_command::SetHistoryBudget& command);
  void handle(const training_command::ShowHistory& command);
  void handle(const training_command::LeaveHistory& command);
  void handle(const training_command::Branch& command);
  void handle(training_command::SetWhatIf& command);
  void handle(const training_command::ClearWhatIf& command);
  void handle(const training_command::ApplyWhatIf& command);
  void handle(const training_command::ShowSequence& command);
  void handle(const training_command::SetRunSpan& command);

  // A fresh trainer from m_session's weights, state Idle, as snapshot generation `generation`.
  // The losses not yet handed over go out first, in the old generation, for the archived run.
  void restartFromSession(std::uint64_t generation);
  void haltForInspection();  // a running run pauses: rewinds and what-ifs need a still trainer
  // The pace of m_requestedSpeed for the current run (PaceLimiter::Watch: by its length).
  void applyPace();

  // --- Worker thread: running. ---
  void scheduleNext();  // the next chunk (full speed) or the pacing timer (limited speed)
  void runChunk();
  void onPaceTick();
  // Runs up to maxCount iterations towards the target, until `deadline`, a pending command, a
  // divergence or a rising loss. Returns how many ran.
  long runIterations(long maxCount, Clock::time_point deadline);
  void afterIterations(Clock::time_point now);  // target reached? time for a snapshot?
  // Bookkeeping after every applied update: losses, statistics, kept weights. Returns true when
  // the loss guard trips.
  bool afterUpdate(const rnnlab::IterationReport& report);
  void onDiverged(const rnnlab::IterationReport& report);
  void onLossRose();  // pauses, with the explanation as the message
  // The trainer's weights, settings or optimizer state changed: the cached trace is stale.
  void trainerChanged() { m_liveTrace.reset(); }
  std::shared_ptr<const rnnlab::IterationTrace> liveTrace();
  void computeOwnPasses();  // m_ownForward/m_ownBackward for the current weights
  // Text: the chunk the views show for rewinds and what-ifs (the next one, as a dense sequence
  // from h0); the trainer's data for numeric sessions.
  rnnlab::SequenceData viewedData();
  // Appends the validation loss of the current weights to m_pendingValidation (text with a
  // validation text; not again for the same iteration).
  void recordValidation();
  // The iterations of the current run that take a validation loss (the same on every machine).
  const rnnlab::ValidationSchedule& validationSchedule();

  // --- Worker thread: snapshots. ---
  void publish(bool divergedNow = false);

  // --- Shared with the GUI thread: guarded by m_mutex, or atomic. ---
  std::mutex m_mutex;
  std::deque<PostedCommand> m_inbox;
  std::vector<TrainingSnapshotPtr> m_outbox;
  // Hints read after every iteration; the data they announce is handed over under m_mutex.
  std::atomic<bool> m_commandsWaiting{false};
  std::atomic<bool> m_quitRequested{false};
  std::atomic<int> m_snapshotIntervalMs{33};

  // --- Worker thread only. ---
  rnnlab::Session m_session;  // with the latest settings, so a reset keeps them
  // Text sessions: a copy of the data shared with the snapshots (the trainer has its own).
  std::shared_ptr<const rnnlab::TextData> m_text;
  long m_lastChunkStart = 0;  // where the last iteration's chunk started
  long m_ownChunkStart = 0;   // where m_ownForward's chunk starts
  // Data sets: the sequence the views show.
  bool m_shownValidation = false;
  int m_shownIndex = 0;
  std::unique_ptr<rnnlab::Trainer> m_trainer;
  TrainingState m_state = TrainingState::Idle;
  std::uint64_t m_generation = 0;
  std::uint64_t m_handledCommandId = 0;
  long m_runStart = 0;  // where the current run began; target = m_runStart + iterations
  long m_target = 0;
  QString m_message;

  // Losses since the last snapshot: m_pendingLosses[k] belongs to iteration m_firstPending + k.
  std::vector<double> m_pendingLosses;
  long m_firstPending = 0;
  std::vector<TrainingSnapshot::ValidationPoint> m_pendingValidation;
  long m_lastValidatedIteration = -1;
  rnnlab::ValidationSchedule m_validationSchedule;  // of the trainer, for a run this long
  long m_scheduledRun = -1;                          // -1: to be computed
  RunStatistics m_statistics;
  rnnlab::LossRiseGuard m_riseGuard;
  bool m_lossRoseNow = false;  // the next snapshot reports the guard tripping
  // Until the first iteration (and after a divergence) the trainer's passes are stale or empty;
  // snapshots then show these passes of the current weights instead.
  bool m_passesFromTrainer = false;
  rnnlab::ForwardPass m_ownForward;
  rnnlab::BackwardPass m_ownBackward;
  // The next iteration of the trainer as it is now; null when stale (see trainerChanged()).
  std::shared_ptr<const rnnlab::IterationTrace> m_liveTrace;

  WeightHistory m_history;     // the weights after every update (and at the start), thinned
  ViewedModel m_viewed;        // a rewind or what-if shown instead of the live trainer
  bool m_branchedNow = false;  // the next snapshot answers a branch

  bool m_chunkQueued = false;
  PaceLimiter m_pace;
  int m_requestedSpeed = 0;  // as set: iterations per second, 0 (full) or PaceLimiter::Watch
  QTimer* m_paceTimer = nullptr;  // child: moves to the worker thread with this object
  Clock::time_point m_lastPublish;
  long m_lastPublishedIteration = -1;
};
