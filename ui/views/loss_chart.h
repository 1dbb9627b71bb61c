#pragma once

// The loss of every iteration as a line chart that stays smooth for millions of iterations.
//
// The widget keeps the history itself, bounded (rnnlab::LossRecord: the latest 2^20 iterations
// exact, older ones as min/max/mean buckets, at most 16 MiB however long the run). New losses
// only start a 40 ms single-shot timer (many appends coalesce into one redraw); the redraw decimates the visible iterations to a
// minimum and a maximum per pixel column (LossDecimator) and hands that to QXYSeries::replace(),
// so the series never holds more than about 2 points per pixel.
//
// Interaction: left-drag zooms to a rectangle, the wheel zooms the iterations around the mouse,
// right- or middle-drag pans (arrow keys too, +/- zoom), double-click or "Fit" (or Home) shows
// everything again. The view follows new data until the user zooms or pans. Hovering shows the
// nearest iteration's exact loss, read from the history, not from the decimated points (in the
// folded part: its bucket's iterations, mean, minimum and maximum).
//
// A second series of (iteration, value) points measured now and then (a validation loss) can be
// drawn with the losses, on the same iteration axis. For a character-level model the losses can
// be shown per character or as perplexity exp(loss per character) (setCharactersPerIteration).

#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <cstddef>
#include <memory>
#include <vector>

#include "rnnlab/loss_record.h"

class QCheckBox;
class QLabel;
class QRubberBand;
class QChart;
class QChartView;
class QLineSeries;
class QScatterSeries;
class LossAxes;
class PresentationStyle;

class QComboBox;

class LossChart : public QWidget {
  Q_OBJECT

 public:
  // How the losses are shown: as they are (the summed loss of an iteration), divided by the
  // characters per iteration, or as the perplexity exp(loss / characters).
  enum class Unit { Loss, PerCharacter, Perplexity };

  explicit LossChart(QWidget* parent = nullptr);
  ~LossChart() override;

  // losses[k] is the loss of iteration firstIteration + k. Normally firstIteration continues the
  // history; an earlier one replaces the history from there on, a later one leaves a gap.
  void appendLosses(long firstIteration, const std::vector<double>& losses);
  // Keeps history()[0, size) and drops the rest (a rewind or a new run cut the losses back);
  // nothing happens when the history is not longer than `size`. With truncate() before each
  // append a caller never needs appendLosses' "starts earlier" rule.
  void truncate(std::size_t size);
  // Empties the chart. startIteration > 0: the run continues a model trained to that iteration
  // elsewhere (opened from a file), whose earlier losses are unknown; the readout says so.
  void clear(long startIteration = 0);
  const rnnlab::LossRecord& history() const { return m_history; }
  // The iteration of history()[0].
  long firstIteration() const { return m_firstIteration; }

  void setLogScale(bool logScale);
  bool logScale() const;

  // The second series (sorted by iteration), in the same units as the losses; empty hides it.
  // `name` labels it in the legend and the readout, e.g. "validation".
  void setSecondSeries(const std::vector<QPointF>& points, const QString& name);
  const std::vector<QPointF>& secondSeries() const { return m_second; }
  // The points of the second series currently handed to the chart (in the shown unit).
  QList<QPointF> displayedSecondPoints() const;
  // Characters per iteration of a character-level model (its sequence length); 0 for other
  // data. With characters the unit chooser appears and the unit becomes PerCharacter; without,
  // the unit is Loss.
  void setCharactersPerIteration(int characters);
  void setUnit(Unit unit);
  Unit unit() const { return m_unit; }
  // A loss (or second-series value) in the shown unit.
  double shownValue(double loss) const;

  // Shows the whole history and follows new data again.
  void fit();
  // True while the view follows new data (the user has not zoomed or panned since the last fit).
  bool isFollowing() const { return m_followX; }
  // Sets the visible iterations as the user would by zooming (stops following).
  void zoomToIterations(double first, double last);

  // Redraws now instead of at the next timer tick (the timer is still the normal path).
  void refresh();
  // The points currently handed to the chart (for tests and diagnostics).
  int displayedPointCount() const;
  QChartView* chartView() const { return m_view; }
  // The readout under the chart: the hovered (or latest) iteration and its loss.
  // The readout's whole text; the label breaks a line too wide for it at its field gaps.
  QString readoutText() const;
  const QLabel* readoutLabel() const { return m_readout; }
  // Shows the readout for the iteration nearest to a viewport position, as hovering does.
  void hoverAt(const QPointF& viewportPosition);

 signals:
  void logScaleChanged(bool logScale);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void scheduleRefresh();
  void setXRange(double min, double max);
  void setYRange(double min, double max);
  void zoomX(double factor, double anchor);
  void panPixels(double dx, double dy);
  void clearHover();
  void showReadout(long index);
  void showEmptyReadout();
  void setReadout(const QString& text, const QString& toolTip);
  void fitReadout();
  QPointF toValue(const QPointF& viewportPosition) const;
  void onUserRangeChange(bool xAxis);
  void applyStyle(const PresentationStyle& style);

  rnnlab::LossRecord m_history;
  long m_firstIteration = 0;
  long m_startIteration = 0;  // see clear()
  std::vector<QPointF> m_second;
  QString m_secondName;
  int m_characters = 0;
  Unit m_unit = Unit::Loss;
  bool m_followX = true;        // x axis spans the whole history, moving with new data
  bool m_autoY = true;          // y axis fits the visible data
  bool m_settingRange = false;  // our own axis changes, as opposed to the user's
  long m_hoveredIndex = -1;

  QTimer m_refreshTimer;
  QChart* m_chart = nullptr;              // owned by m_view
  QChartView* m_view = nullptr;           // child widget
  QLineSeries* m_series = nullptr;        // owned by m_chart
  QLineSeries* m_secondSeries = nullptr;  // owned by m_chart
  QComboBox* m_unitChoice = nullptr;
  QLabel* m_key = nullptr;             // the two series' colours, when there is a second one
  QScatterSeries* m_marker = nullptr;  // the hovered point, owned by m_chart
  std::unique_ptr<LossAxes> m_axes;    // the axes themselves are owned by m_chart
  QCheckBox* m_logToggle = nullptr;
  QLabel* m_readout = nullptr;
  QString m_readoutText;
  QRubberBand* m_rubberBand = nullptr;
  QPoint m_dragOrigin;
  QPointF m_panLast;
  bool m_zooming = false;
  bool m_panning = false;
};
