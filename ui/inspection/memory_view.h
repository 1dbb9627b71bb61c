#pragma once

// How far back each output looks: the matrix ‖∂y_t/∂x_k‖ over output step t (rows) and input
// step k (columns), a lower triangle (the future never changes the past), with the summary
// "90% of the sensitivity lies within the last n steps". For every cell; computed exactly by the
// core (rnnlab::memorySensitivity) from the weights on screen and the training data. A stacked
// model's matrix is the whole model's, through every layer; a bidirectional one's fills the
// upper triangle too (its reverse direction reads later inputs), and its summary counts steps
// on both sides.
//
// Threading by LatestOnlyJob: only the latest input waits, at most MaxUpdatesPerSecond
// computations, each on the thread pool with a cancel flag polled between output rows; nothing is
// computed while the view is hidden (a dock behind a tab), and destroying it waits one row at
// most. Above the core's bounds (T > 200 or too much work) the view says so instead of computing.

#include <QWidget>
#include <atomic>

#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"
#include "widgets/latest_only_job.h"

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
    bool bidirectional = false;  // later inputs count too (the upper triangle is not empty)
    int layers = 1;
    bool cancelled = false;
    QString problem;  // why there is no matrix
  };

  explicit MemoryView(QWidget* parent = nullptr);

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
  bool isBusy() const { return m_job.isBusy(); }
  HeatmapWidget* heatmap() const { return m_heatmap; }

  // The computation itself (also what the background task runs).
  static Result compute(const rnnlab::Model& model, const rnnlab::SequenceData& sequence,
                        long iteration, const std::atomic<bool>* cancel);

 signals:
  void computed(long iteration);

 private:
  struct Input {
    rnnlab::Model model;
    rnnlab::SequenceData data;
    long iteration = 0;
  };
  void apply(const Result& result);

  HeatmapWidget* m_heatmap;
  QLabel* m_summary;
  LatestOnlyJob<Input, Result> m_job;
  Result m_shown;
  int m_labelledSteps = -1;
};
