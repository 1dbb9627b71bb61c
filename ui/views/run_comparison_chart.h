#pragma once

// The loss curves of several runs overlaid in one Qt Charts chart, e.g. three learning rates or
// clipping on and off. Each run's label (its settings) is its legend entry; each run gets its own
// colour from a qualitative palette (a removed run's colour is free again).
//
// The widget keeps every run's loss history, bounded as rnnlab::LossRecord bounds it. Changes
// only start a 40 ms single-shot timer so that many updates coalesce into one redraw, which
// decimates each curve to a minimum and a maximum per pixel column (LossDecimator) and hands
// that to QXYSeries::replace(): at most about 2 points per pixel column and run, however long
// the runs are. Iteration i of a run is losses[i] (runs start at iteration 0). Hovering a curve
// shows that run's loss (its bucket's mean in the folded part of a long run).

#include <QColor>
#include <QPen>
#include <QString>
#include <QTimer>
#include <QWidget>
#include <memory>
#include <vector>

#include "rnnlab/loss_record.h"

class QCheckBox;
class QChart;
class QChartView;
class QLineSeries;
class LossAxes;

class RunComparisonChart : public QWidget {
  Q_OBJECT

 public:
  explicit RunComparisonChart(QWidget* parent = nullptr);
  ~RunComparisonChart() override;

  // Adds a curve and returns its id (never reused within this widget).
  int addRun(const QString& label, const std::vector<double>& losses);
  int addRun(const QString& label, const rnnlab::LossRecord& losses);
  // Replaces a run's losses (e.g. the live run after more iterations); unknown ids are ignored.
  void updateRun(int id, const std::vector<double>& losses);
  void updateRun(int id, const rnnlab::LossRecord& losses);
  void removeRun(int id);
  void clear();

  void setLogScale(bool logScale);
  bool logScale() const;

  // For tests and diagnostics.
  int runCount() const { return static_cast<int>(m_runs.size()); }
  std::vector<int> runIds() const;
  QString runLabel(int id) const;
  QColor runColor(int id) const;
  const rnnlab::LossRecord* runLosses(int id) const;  // nullptr for an unknown id
  int displayedPointCount(int id) const;               // points handed to the chart, -1 if unknown
  QChartView* chartView() const { return m_view; }
  // Redraws now instead of at the next timer tick.
  void refresh();

 signals:
  void logScaleChanged(bool logScale);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Run {
    int id = 0;
    QString label;
    rnnlab::LossRecord losses;
    QColor color;
    QLineSeries* series = nullptr;  // owned by m_chart
  };

  Run* findRun(int id);
  const Run* findRun(int id) const;
  QColor nextColor() const;
  void scheduleRefresh();
  void showHoverText(int id, const QPointF& point, bool entered);
  // The run's pen under the presentation style in force.
  QPen runPen(const Run& run) const;

  std::vector<Run> m_runs;
  int m_nextId = 0;
  QTimer m_refreshTimer;
  QChart* m_chart = nullptr;         // owned by m_view
  QChartView* m_view = nullptr;      // child widget
  std::unique_ptr<LossAxes> m_axes;  // the axes themselves are owned by m_chart
  QCheckBox* m_logToggle = nullptr;
};
