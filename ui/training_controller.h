#pragma once

// TrainingController lives on the GUI thread. It owns a QThread and a TrainingWorker moved onto
// it; commands go to the worker as queued calls, snapshots come back as queued signals. The GUI
// never waits for the worker; the destructor stops the worker and joins the thread.

#include <QObject>
#include <QThread>
#include <cstdint>
#include <vector>

#include "rnnlab/session.h"
#include "training_snapshot.h"

class TrainingWorker;

class TrainingController : public QObject {
  Q_OBJECT

 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  // Replaces model, data and settings (the model from the session's weights or its seed) and
  // goes back to Idle. Stops any run. A session that rnnlab::validate() refuses is ignored (with
  // a warning): callers validate first.
  void setSession(const rnnlab::Session& session);
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
  // Every iteration's loss since the last reset, index = iteration.
  const std::vector<double>& lossHistory() const { return m_lossHistory; }

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
  // 0 = full speed; otherwise at most this many iterations per second.
  void setSpeed(int iterationsPerSecond);

 signals:
  // At most ~30 per second while running, plus one after every command that changes the model.
  void snapshotReady(TrainingSnapshotPtr snapshot);
  void stateChanged(TrainingState state);
  // The loss became NaN or infinite; training paused and the weights were restored.
  void diverged(const QString& message);

 private:
  // Drains the worker's outbox (on the GUI thread): appends every loss, keeps the last snapshot
  // and emits snapshotReady once per batch (drop-stale: views want only the newest picture).
  void onSnapshotsAvailable();
  // Appends the snapshot's losses and makes it the latest, unless it is of an older generation.
  bool accept(const TrainingSnapshotPtr& snapshot);
  template <typename Fill>
  void post(Fill fill);  // sends one command to the worker
  void startOver();      // a new generation: Idle snapshot built here, history cleared
  void setState(TrainingState state);

  QThread m_thread;
  TrainingWorker* m_worker = nullptr;  // lives on m_thread, deleted when it finishes
  TrainingState m_state = TrainingState::Idle;
  TrainingSnapshotPtr m_latest;
  std::vector<double> m_lossHistory;
  rnnlab::Session m_session;
  int m_speed = 0;
  std::uint64_t m_generation = 0;   // bumped by reset() and setSession()
  std::uint64_t m_lastCommand = 0;  // id of the latest command sent to the worker
};
