#pragma once

// The history timeline: a slider over 0..the current iteration; moving it rewinds every view to
// the weights kept at that iteration. "Live" returns, "Continue from here" starts a new run from
// the rewound weights, and "What-if edits" lets edits while paused be tried without training.

#include <QToolBar>

#include "training/training_snapshot.h"

class QLabel;
class QSlider;
class QTimer;
class TrainingController;

class HistoryBar : public QToolBar {
  Q_OBJECT

 public:
  HistoryBar(TrainingController* controller, QWidget* parent = nullptr);

  void showSnapshot(const TrainingSnapshot& snapshot);
  bool whatIfEnabled() const;
  // The rewound iteration on screen, −1 when live.
  long viewedIteration() const { return m_viewedIteration; }

 signals:
  // "Continue from here" at the rewound iteration: the window supplies the settings.
  void continueRequested(long iteration);

 private:
  void onSliderMoved();

  TrainingController* m_controller;
  QSlider* m_slider;
  QLabel* m_label;
  QAction* m_live;
  QAction* m_continue;
  QAction* m_whatIf;
  QTimer* m_timer;  // coalesces slider moves into one rewind per 60 ms
  bool m_updating = false;
  long m_viewedIteration = -1;
};
