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
#include <optional>
#include <vector>

#include "rnnlab/iteration_trace.h"
#include "rnnlab/model_history.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "training/training_snapshot.h"

class QTimer;

class TrainingWorker : public QObject {
  Q_OBJECT

 public:
  // A request from the controller. `id` counts the controller's commands; every snapshot carries
  // the id of the last command handled, so the controller knows which state answers which request.
  struct Command {
    enum class Kind {
      SetSession,
      Reset,
      Play,
      Pause,
      Step,
      Stop,
      SetSettings,
      SetSpeed,
      SetHistoryBudget,
      ShowHistory,
      LeaveHistory,
      Branch,
      SetWhatIf,
      ClearWhatIf,
      ApplyWhatIf,
    };
    Kind kind = Kind::Pause;
    std::uint64_t id = 0;
    std::uint64_t generation = 0;              // SetSession, Reset: the new generation
    std::optional<rnnlab::Session> session;    // SetSession
    rnnlab::TrainingSettings settings;         // SetSettings, Branch
    int iterationsPerSecond = 0;               // SetSpeed
    std::size_t historyBudget = 0;             // SetHistoryBudget, in bytes
    long iteration = 0;                        // ShowHistory, Branch
    std::optional<rnnlab::Model> model;        // SetWhatIf
    std::optional<rnnlab::SequenceData> data;  // SetWhatIf
  };

  explicit TrainingWorker(QObject* parent = nullptr);
  ~TrainingWorker() override;

  // --- Any thread (the GUI thread in practice). ---
  // Queues a command; the worker handles it before its next chunk, in posting order.
  void post(Command command);
  // Every snapshot published since the last call, oldest first.
  std::vector<TrainingSnapshotPtr> takeSnapshots();
  // Makes a running chunk return after its current iteration and stops re-posting; used just
  // before the thread is asked to quit.
  void requestQuit();

  // The Idle picture of a model: iteration 0, the passes of `model`, no losses yet. Pure; the
  // controller uses it too, on the GUI thread, so that it has a snapshot at once after
  // setSession() or reset().
  static std::shared_ptr<TrainingSnapshot> idleSnapshot(const rnnlab::Model& model,
                                                        const rnnlab::SequenceData& data,
                                                        const rnnlab::TrainingSettings& settings);

 signals:
  // Doorbells, without payload (see above). commandsPosted is emitted by post() on the posting
  // thread and connected (queued) to handleCommands on the worker thread; snapshotsAvailable is
  // emitted on the worker thread when the outbox stops being empty.
  void commandsPosted();
  void snapshotsAvailable();

 private:
  using Clock = std::chrono::steady_clock;

  // --- Worker thread. ---
  void handleCommands();
  void handle(Command& command);
  void startOver(std::uint64_t generation);  // a fresh trainer from m_session, state Idle
  void play();
  void step();
  void pauseRun();
  void stopRun();
  void applySettings(const rnnlab::TrainingSettings& settings);
  void applySpeed(int iterationsPerSecond);
  void applyHistoryBudget(std::size_t bytes);
  void showHistory(long iteration);
  void branch(long iteration, const rnnlab::TrainingSettings& settings);
  void setWhatIf(rnnlab::Model model, rnnlab::SequenceData data);
  void applyWhatIf();
  void leaveView();          // back to the live picture (history view and what-if end)
  void haltForInspection();  // a running run pauses: rewinds and what-ifs need a still trainer

  void scheduleNext();  // the next chunk (full speed) or the pacing timer (limited speed)
  void runChunk();
  void onPaceTick();
  // Runs up to maxCount iterations towards the target, until `deadline`, a pending command or
  // a divergence. Returns how many ran.
  long runIterations(long maxCount, Clock::time_point deadline);
  void afterIterations(Clock::time_point now);  // target reached? time for a snapshot?
  void onDiverged(const rnnlab::IterationReport& report);
  // Bookkeeping after every applied update: losses, clip statistics, the model history.
  void afterUpdate(const rnnlab::IterationReport& report);
  // The trainer's weights, settings or optimizer state changed: the cached traces are stale.
  void trainerChanged();
  std::shared_ptr<const rnnlab::IterationTrace> liveTrace();
  // Passes and trace of a model that is not the trainer's (a history entry or a what-if).
  void computeView(const rnnlab::Model& model, const rnnlab::SequenceData& data, long iteration);
  void computeOwnPasses();  // m_ownForward/m_ownBackward for the current weights
  void publish(bool divergedNow = false);
  double recentIterationsPerSecond(Clock::time_point now);

  // --- Shared with the GUI thread: guarded by m_mutex, or atomic. ---
  std::mutex m_mutex;
  std::deque<Command> m_inbox;
  std::vector<TrainingSnapshotPtr> m_outbox;
  // Hints read after every iteration; the data they announce is handed over under m_mutex.
  std::atomic<bool> m_commandsWaiting{false};
  std::atomic<bool> m_quitRequested{false};

  // --- Worker thread only. ---
  rnnlab::Session m_session;  // with the latest settings, so reset() keeps them
  std::unique_ptr<rnnlab::Trainer> m_trainer;
  TrainingState m_state = TrainingState::Idle;
  std::uint64_t m_generation = 0;
  std::uint64_t m_command = 0;
  long m_runStart = 0;  // where the current run began; target = m_runStart + iterations
  long m_target = 0;
  int m_speed = 0;  // iterations per second, 0 = full speed
  QString m_message;

  // Losses since the last snapshot: m_pendingLosses[k] belongs to iteration m_firstPending + k.
  std::vector<double> m_pendingLosses;
  long m_firstPending = 0;
  double m_lastLoss = 0.0;
  rnnlab::ClipReport m_lastClip;
  // Until the first iteration (and after a divergence) the trainer's passes are stale or empty;
  // snapshots then show these passes of the current weights instead.
  bool m_passesFromTrainer = false;
  rnnlab::ForwardPass m_ownForward;
  rnnlab::BackwardPass m_ownBackward;
  // The next iteration of the trainer as it is now; null when stale (see trainerChanged()).
  std::shared_ptr<const rnnlab::IterationTrace> m_liveTrace;

  long m_clippedIterations = 0;
  long m_clipCountedIterations = 0;
  double m_lastNormBefore = 0.0;
  double m_lastNormAfter = 0.0;

  // The weights after every update (and at the start), thinned within the byte budget. Records
  // reuse the slots' memory, so keeping history does not allocate once the budget is reached.
  std::size_t m_historyBudget = rnnlab::ModelHistory::DefaultByteBudget;
  rnnlab::ModelHistory m_history{rnnlab::ModelHistory::DefaultByteBudget};

  // What the snapshots show instead of the live trainer, while not running.
  enum class View { Live, History, WhatIf };
  View m_view = View::Live;
  long m_viewedIteration = -1;
  std::optional<rnnlab::Model> m_whatIfModel;
  std::optional<rnnlab::SequenceData> m_whatIfData;
  rnnlab::Model m_viewModel;
  rnnlab::ForwardPass m_viewForward;
  rnnlab::BackwardPass m_viewBackward;
  std::shared_ptr<const rnnlab::IterationTrace> m_viewTrace;
  bool m_branchedNow = false;  // the next snapshot answers a branch

  bool m_chunkQueued = false;
  QTimer* m_paceTimer = nullptr;  // child: moves to the worker thread with this object
  Clock::time_point m_paceStart;
  long m_paceDone = 0;

  Clock::time_point m_lastPublish;
  long m_lastPublishedIteration = -1;
  double m_elapsedSeconds = 0.0;
  struct RateSample {
    Clock::time_point time;
    long iteration;
  };
  std::deque<RateSample> m_rateSamples;
};
