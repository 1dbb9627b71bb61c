#pragma once

// The eigenvalues of the recurrent matrix Whh in the complex plane, against the unit circle, and
// the spectral radius ρ over training as a small line chart beside (or under) it. ρ > 1 lets
// signals and gradients grow along time, ρ < 1 makes them fade.
//
// What is computed: every eigenvalue up to H = rnnlab::FullSpectrumLimit (256, Eigen's dense
// solver, 10-20 ms); above it only the LeadingCount largest by Arnoldi iteration (rnnlab::
// boundedSpectrum: about 1.5 s at H = 4096 instead of many minutes), and the view says so on
// screen (methodText()).
//
// Threading by LatestOnlyJob: only the latest matrix waits, at most MaxUpdatesPerSecond
// computations (latest wins), nothing while the view is hidden (a tab behind another dock). For
// H ≤ SynchronousLimit the spectrum is computed on the GUI thread (well under a millisecond);
// larger matrices go to the thread pool with a cancel flag that Arnoldi checks at every step, so
// hiding the view stops the computation and destroying it waits milliseconds at most.

#include <QString>
#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "rnnlab/spectrum.h"
#include "rnnlab/types.h"
#include "widgets/latest_only_job.h"

class SpectrumView : public QWidget {
  Q_OBJECT

 public:
  static constexpr int MaxUpdatesPerSecond = 4;
  static constexpr int SynchronousLimit = 64;  // largest H computed on the GUI thread
  static constexpr int LeadingCount = 16;      // eigenvalues shown above FullSpectrumLimit

  struct RadiusPoint {
    long iteration = 0;
    double spectralRadius = 0.0;
  };

  explicit SpectrumView(QWidget* parent = nullptr);

  // Whh (H×H) as of training iteration `iteration`. Cheap: copies the matrix and schedules a
  // computation. Each computed spectrum appends (iteration, ρ) to the history; an iteration not
  // after the history's last one (a rewind, a new run) first drops the history from there on.
  void setRecurrentWeights(const rnnlab::Matrix& Whh, long iteration);
  void clearHistory();

  // The last computed spectrum and the iteration of its matrix; nothing before the first result.
  const std::optional<rnnlab::Spectrum>& currentSpectrum() const { return m_spectrum; }
  long currentIteration() const { return m_iteration; }
  const std::vector<RadiusPoint>& radiusHistory() const { return m_history; }
  // What the plane shows: "all 64 eigenvalues" or "largest 16 of 4096 eigenvalues, by Arnoldi
  // iteration (...)"; empty before the first result.
  QString methodText() const;
  // True while a matrix waits (for the timer, or for the view to be shown) or is being computed.
  bool isBusy() const { return m_job.isBusy(); }
  // True while a background computation (H > SynchronousLimit) has not reported yet.
  bool isComputing() const { return m_job.isRunning(); }
  // The running task's cancel flag (raised by hiding or destroying the view), for tests.
  std::shared_ptr<const std::atomic<bool>> runningCancelFlag() const {
    return m_job.runningCancelFlag();
  }

  // The eigenvalue nearest to a widget position (its index in currentSpectrum()->eigenvalues)
  // when within a few pixels, else −1; and the tooltip text there.
  int eigenvalueAt(const QPoint& position) const;
  QString toolTipTextAt(const QPoint& position) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  // A new spectrum is shown.
  void spectrumUpdated(double spectralRadius, long iteration);

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Layout {
    QRect planeTitle;
    QRect plane;  // square: the complex plane, equal aspect
    QRect historyTitle;
    QRect history;  // the ρ chart's plot area
  };

  struct Input {
    rnnlab::Matrix whh;
    long iteration = 0;
  };
  struct Computed {
    rnnlab::Spectrum spectrum;
    QString problem;  // why the matrix has no spectrum (not square, not finite), else empty
  };
  static bool computesInline(const Input& input);
  static Computed compute(const Input& input, const std::atomic<bool>& cancel);
  void applyResult(rnnlab::Spectrum spectrum, long iteration);
  Layout computeLayout() const;
  double planeHalfRange() const;
  QPointF toPlane(const Layout& layout, std::complex<double> z) const;
  void drawTitle(QPainter& painter, const QRect& box, const QString& title) const;
  void drawPlane(QPainter& painter, const Layout& layout) const;
  void drawHistory(QPainter& painter, const Layout& layout) const;
  int historyPointAt(const Layout& layout, const QPoint& position) const;
  QPointF toHistory(const Layout& layout, const RadiusPoint& point) const;
  double historyMaximum() const;  // the ρ axis' top

  LatestOnlyJob<Input, Computed> m_job;
  QString m_problem;  // why the latest matrix has no spectrum (not square, not finite)

  std::optional<rnnlab::Spectrum> m_spectrum;
  long m_iteration = 0;
  int m_size = 0;  // H of the shown spectrum's matrix
  std::vector<RadiusPoint> m_history;
};
