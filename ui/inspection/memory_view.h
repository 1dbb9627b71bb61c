#pragma once

// How far back each output looks: the matrix ‖∂y_t/∂x_k‖ over output step t (rows) and input
// step k (columns), a lower triangle (the future never changes the past), with the summary
// "90% of the sensitivity lies within the last n steps". For every cell; computed exactly by the
// core (rnnlab::memorySensitivity) from the weights on screen and the training data.
//
// Threading as in SpectrumView: setModelAndData() keeps only the latest input and a single-shot
// timer spaces computations at most MaxUpdatesPerSecond apart; each runs on QtConcurrent with a
// shared immutable copy and a cancel flag polled between output rows. Nothing is computed while
// the view is hidden (a dock behind a tab); hiding cancels, showing computes the latest.
// Destroying the view cancels and waits (one row at most). Above the core's bounds (T > 200 or
// too much work) the view says so instead of computing.

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>
#include <atomic>
#include <memory>

#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

class QLabel;
class HeatmapWidget;

class MemoryView : public QWidget {
  Q_OBJECT

 public:
  static constexpr int MaxUpdatesPerSecond = 4;
  static constexpr double Share = 0.9;

  struct Result {
    rnnlab::Matrix sensitivity;  // T×T, empty when refused or cancelled
    rnnlab::Index horizon = 0;
    long iteration = 0;
    bool cancelled = false;
    QString problem;  // why there is no matrix
  };

  explicit MemoryView(QWidget* parent = nullptr);
  ~MemoryView() override;

  // The weights on screen (as of `iteration`) and the sequence they run on. Cheap: copies and
  // schedules.
  void setModelAndData(const rnnlab::Model& model, const rnnlab::SequenceData& sequence,
                       long iteration);

  const rnnlab::Matrix& sensitivity() const;
  // What is shown: the iteration its weights are of, and its horizon (the summary's n).
  long shownIteration() const { return m_shown.iteration; }
  rnnlab::Index shownHorizon() const { return m_shown.horizon; }
  // "90% of the sensitivity lies within the last n steps …", or why nothing is shown.
  QString summary() const;
  bool isBusy() const { return m_running || (m_latest && !m_latestDone); }
  HeatmapWidget* heatmap() const { return m_heatmap; }

  // The computation itself (also what the background task runs).
  static Result compute(const rnnlab::Model& model, const rnnlab::SequenceData& sequence,
                        long iteration, const std::atomic<bool>* cancel);

 signals:
  void computed(long iteration);

 protected:
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  struct Input {
    rnnlab::Model model;
    rnnlab::SequenceData data;
    long iteration = 0;
  };
  void scheduleComputation();
  void startComputation();
  void apply(const Result& result);
  void cancelRunning();

  HeatmapWidget* m_heatmap;
  QLabel* m_summary;
  std::shared_ptr<const Input> m_latest;
  bool m_latestDone = true;
  bool m_running = false;
  std::shared_ptr<const Input> m_runningInput;
  std::shared_ptr<std::atomic<bool>> m_cancel;
  QTimer m_timer;
  QFutureWatcher<Result> m_watcher;
  Result m_shown;
  int m_labelledSteps = -1;
};
