#pragma once

// The status bar: what training is doing, the iteration, the latest loss, the speed, the
// training time and the progress to the target. Transient messages (e.g. "Target reached") use
// QStatusBar::showMessage and are cleared when a reset makes them untrue.
//
// The time is measured here, on the wall clock while the state is Running: at slow speeds the
// worker sleeps between iterations, and that time is part of what the class watched.

#include <QElapsedTimer>
#include <QStatusBar>

#include "training/training_snapshot.h"

class QLabel;
class QProgressBar;
class QTimer;

class TrainingStatusBar : public QStatusBar {
  Q_OBJECT

 public:
  explicit TrainingStatusBar(QWidget* parent = nullptr);

  void showSnapshot(const TrainingSnapshot& snapshot);
  void showState(TrainingState state, long iterationsPerPlay);
  // Training starts again from iteration 0: time and messages of the old run go.
  void restart();
  double elapsedSeconds() const;

 private:
  void updateElapsed();

  QLabel* m_state;
  QLabel* m_iteration;
  QLabel* m_epoch;  // data sets only
  QLabel* m_loss;
  QLabel* m_speed;
  QLabel* m_elapsed;
  QProgressBar* m_progress;
  QTimer* m_clock;
  QElapsedTimer m_running;       // valid while Running
  double m_elapsedBefore = 0.0;  // seconds of Running before the current stretch
  long m_lastIteration = 0;
};
