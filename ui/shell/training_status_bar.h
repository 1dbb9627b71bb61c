#pragma once

// The status bar: what training is doing, the iteration, the learning rate in use (while it
// decays), the latest loss, the speed, the training time and the progress to the target. Transient messages (e.g. "Target reached") use
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
  // The speed, the training time and the progress bar: shown at a desk, hidden in a
  // presentation, where the state, iteration and loss are what the room reads.
  void setDetailsVisible(bool visible);

 protected:
  // The labels have fixed sizes (see the constructor); a new font (a presentation scales the
  // application's) sizes them anew.
  void changeEvent(QEvent* event) override;

 private:
  void updateElapsed();
  void fixSizes();
  // Sets a field's text, widening the field if the text needs it.
  void setField(QLabel* field, const QString& text);
  // A message wider than the room the permanent widgets leave it (a 1024-pixel window with a
  // data set's sequence picker) hides the details while it shows, so it is read whole.
  void makeRoomFor(const QString& message);
  void applyDetailsVisible(bool visible);

  QLabel* m_state;
  QLabel* m_iteration;
  QLabel* m_epoch;  // data sets only
  QLabel* m_rate;   // learning-rate decay only
  QLabel* m_loss;
  QLabel* m_speed;
  QLabel* m_elapsed;
  QProgressBar* m_progress = nullptr;
  int m_labelExtra = 0;  // a label's and the progress bar's height beyond a line of text
  int m_progressExtra = 0;
  bool m_detailsVisible = true;  // as setDetailsVisible asked (a message may hide them for now)
  QTimer* m_clock;
  QElapsedTimer m_running;       // valid while Running
  double m_elapsedBefore = 0.0;  // seconds of Running before the current stretch
  long m_lastIteration = 0;
};
