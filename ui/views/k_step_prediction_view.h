#pragma once

// How far a network's own predictions carry it, drawn as Dive into Deep Learning's sequence
// chapter draws it: one numeric sequence's targets, the k-step-ahead predictions for k = 1, 4,
// 16 and 64 (the prediction of step t from the true inputs up to step t − k and k − 1 fed-back
// predictions; k = 1 is the ordinary one-step prediction) and a free run that feeds the network
// its own outputs from a chosen start step on. Every number comes from the core
// (kStepAheadPredictions, generateSequence, forward); the view only places them and reports each
// curve's mean squared error against the targets.
//
// Multi-step prediction needs outputs that predict the next input (O = I, e.g. the noisy sine);
// for other tasks only the targets and the one-step predictions are shown.
//
// Cost: setPrediction() runs the shown horizons in one batched pass of 64 steps over all T start
// steps (kStepAheadPredictions with several horizons: H×T matrix products) plus T steps for the
// free run. Measured per update (compute, series, repaint) at T = 200 on a loaded 2-core
// machine: 12–22 ms at H = 16, 23 ms at H = 64, 32–34 ms at H = 128 (rnn), 50 ms for an LSTM at
// H = 64, so 5 updates a second take at most a quarter of a core. Hidden horizons are not
// computed, nothing is computed while the view is hidden (it catches up when shown), and the
// same model and sequence again (a paused run) are not recomputed.

#include <QWidget>
#include <array>
#include <map>
#include <optional>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QSpinBox;
class QValueAxis;

class KStepPredictionView : public QWidget {
  Q_OBJECT

 public:
  static constexpr std::array<int, 4> Horizons{1, 4, 16, 64};

  explicit KStepPredictionView(QWidget* parent = nullptr);
  ~KStepPredictionView() override;

  // Shows `sequence` predicted by `model` (copies both). A sequence that does not fit the model
  // clears the curves and says why in the caption.
  void setPrediction(const rnnlab::Model& model, const rnnlab::SequenceData& sequence);
  void clear();

  // The step the free run starts at (1..T): the network sees the true inputs before it, predicts
  // step s, and from there on is fed its own predictions.
  void setStartStep(int step);
  int startStep() const;
  // The output column drawn (0..O−1; the picker shows when O > 1).
  void setColumn(int column);
  int column() const { return m_column; }
  void setHorizonVisible(int k, bool visible);
  bool isHorizonVisible(int k) const;
  void setFreeRunVisible(bool visible);
  // Whether multi-step prediction applies (O = I): else only targets and one-step predictions.
  bool multiStep() const { return m_multiStep; }

  // The series, for tests: targets at x = t (step t, 1-based), horizon k's prediction of step t
  // at x = t, the free run from startStep() on.
  QLineSeries* targetSeries() const { return m_targets; }
  QLineSeries* horizonSeries(int k) const;
  QLineSeries* freeRunSeries() const { return m_freeRun; }
  QChart* chart() const { return m_chart; }
  // "Mean squared error: 1 step 0.0012 · 4 steps ...", as shown under the chart.
  QString captionText() const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void compute();
  void computeHorizons(const std::vector<int>& horizons);
  void computeFreeRun();
  void updateSeries();
  void updateCaption();
  void updateAxes();
  double meanSquaredError(const QList<QPointF>& points) const;

  std::optional<rnnlab::Model> m_model;
  rnnlab::SequenceData m_sequence;
  bool m_multiStep = false;
  bool m_dirty = false;  // setPrediction while hidden: compute when shown
  bool m_userStart = false;
  int m_column = 0;
  int m_startStep = 1;
  QString m_problem;
  std::map<int, rnnlab::Matrix> m_predictions;  // k → T×O rows as kStepAheadPredictions gives
  rnnlab::Matrix m_freeRunValues;               // N×O from the start step

  QChart* m_chart = nullptr;
  QChartView* m_view = nullptr;
  QValueAxis* m_x = nullptr;
  QValueAxis* m_y = nullptr;
  QLineSeries* m_targets = nullptr;
  std::array<QLineSeries*, 4> m_horizons{};
  std::array<QCheckBox*, 4> m_horizonChecks{};
  QLineSeries* m_freeRun = nullptr;
  QLineSeries* m_startMarker = nullptr;
  QCheckBox* m_freeRunCheck = nullptr;
  QSpinBox* m_startBox = nullptr;
  QComboBox* m_columnBox = nullptr;
  QLabel* m_columnLabel = nullptr;
  QLabel* m_caption = nullptr;
};
