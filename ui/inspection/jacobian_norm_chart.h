#pragma once

// What explains memory in a gated cell, where Whh's eigenvalues do not: along the sequence, the
// per-step Jacobian norm ‖∂h_t/∂h_{t−1}‖₂ and the norm of the product ‖∂s_t/∂s_0‖₂ (s = h, or
// (h, c) for an LSTM) on a log scale. A product that stays near 1 carries a change of the state
// far along the sequence; one that falls off forgets it. The caption says what is drawn.
//
// Computed from the model and one forward pass (rnnlab::recurrentJacobianNorms) on the GUI thread
// when that is cheap (T·S³ ≤ MaxWork multiply-adds, well under 10 ms); above it the chart says
// so instead of holding the window. At most MaxUpdatesPerSecond computations (LatestOnlyJob, run
// inline): calls in between keep only the latest model and pass (latest wins). Unlike the other
// views it computes while hidden too: a call's norms are there when it returns.
//
// A stack's pass gives the norms of the cell it shows, with that cell's own weights; a reverse
// cell's previous state is that of step t + 1, and the caption says so.

#include <QString>
#include <QWidget>

#include "rnnlab/forward_pass.h"
#include "rnnlab/memory_sensitivity.h"
#include "widgets/latest_only_job.h"

class JacobianNormChart : public QWidget {
  Q_OBJECT

 public:
  static constexpr double MaxWork = 2e7;
  static constexpr int MaxUpdatesPerSecond = 4;

  explicit JacobianNormChart(QWidget* parent = nullptr);

  // Computes now when the last computation is long enough ago, else keeps them for the timer.
  void setModelAndPass(const rnnlab::Model& model, const rnnlab::ForwardPass& pass);
  bool hasPending() const { return m_job.hasPending(); }
  // Shows these norms directly (for tests and callers that computed them).
  void setNorms(const rnnlab::RecurrentJacobianNorms& norms, rnnlab::CellKind cell);
  void clear();

  const rnnlab::RecurrentJacobianNorms& norms() const { return m_norms; }
  // The text above the chart: what is shown, or why nothing is.
  QString caption() const;
  // Where step t's (column index) point of a series is drawn; for tests.
  QPointF pointOf(int series, int step) const;

  QSize sizeHint() const override { return {420, 240}; }
  QSize minimumSizeHint() const override { return {220, 140}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Input {
    rnnlab::Model model;
    rnnlab::ForwardPass pass;
  };
  struct Computed {
    rnnlab::RecurrentJacobianNorms norms;
    rnnlab::CellKind cell = rnnlab::CellKind::Rnn;
    bool reverse = false;  // of a reverse cell (it reads the sequence from t = T)
    QString problem;       // why there are no norms, else empty
  };
  static Computed compute(const Input& input, const std::atomic<bool>& cancel);
  QRect plotRect() const;
  int captionHeight() const;
  double valueOf(int series, int step) const;

  rnnlab::RecurrentJacobianNorms m_norms;
  rnnlab::CellKind m_cell = rnnlab::CellKind::Rnn;
  bool m_reverse = false;
  QString m_problem;
  LatestOnlyJob<Input, Computed> m_job;
  double m_logLow = -1.0;  // the axis' range in log10
  double m_logHigh = 1.0;
};
