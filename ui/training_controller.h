#pragma once

// TrainingController lives on the GUI thread. It owns a QThread and a TrainingWorker moved onto
// it; commands go to the worker as queued calls, snapshots come back as queued signals. The GUI
// never waits for the worker; the destructor stops the worker and joins the thread.

#include <QObject>
#include <QThread>

#include "rnnlab/session.h"
#include "training_snapshot.h"

class TrainingWorker;

class TrainingController : public QObject {
  Q_OBJECT

 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  // Replaces model, data and settings (the model from the session's weights or its seed) and
  // goes back to Idle. Stops any run.
  void setSession(const rnnlab::Session& session);

  TrainingState state() const { return m_state; }
  // The latest snapshot received (never null after construction: an Idle one for the session).
  TrainingSnapshotPtr latestSnapshot() const { return m_latest; }
  // Every iteration's loss since the last reset, index = iteration.
  const std::vector<double>& lossHistory() const { return m_lossHistory; }

 public slots:
  void play();   // runs to the target; at the target, extends it by settings.iterations
  void pause();
  void step();   // exactly one iteration, then Paused
  void stop();   // ends the run (Finished); play() continues from the current weights
  void reset();  // weights from the session again (its weights, or its seed), history cleared
  // Learning rate, clipping, optimizer and its parameters, iteration count: from the next
  // iteration on. Sizes, mode and loss need setSession().
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
  void onSnapshot(TrainingSnapshotPtr snapshot);

  QThread m_thread;
  TrainingWorker* m_worker = nullptr;  // lives on m_thread, deleted when it finishes
  TrainingState m_state = TrainingState::Idle;
  TrainingSnapshotPtr m_latest;
  std::vector<double> m_lossHistory;
};
