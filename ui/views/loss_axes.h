#pragma once

// The axes every loss chart shares: iterations along x, the loss along y on a linear or a log
// scale, with the same tick spacing and the same fitting rules, so the live loss chart and the run
// comparison read alike.
//
// Both y axes stay on the chart; switching scales moves the series between them and hides the
// other one (QChart::removeAxis left the removed axis drawn in Qt 6.4).

#include <QBrush>
#include <QFont>
#include <QList>
#include <QMetaObject>
#include <QPen>
#include <QPointF>
#include <vector>

class QAbstractAxis;
class QCheckBox;
class QHBoxLayout;
class QWidget;
class QChart;
class QLogValueAxis;
class QValueAxis;
class QXYSeries;
class PresentationStyle;

class LossAxes {
 public:
  // Creates the axes and adds them to `chart` (which owns them).
  explicit LossAxes(QChart* chart);
  ~LossAxes();
  LossAxes(const LossAxes&) = delete;
  LossAxes& operator=(const LossAxes&) = delete;

  QValueAxis* x() const { return m_x; }
  QValueAxis* yLinear() const { return m_yLinear; }
  QLogValueAxis* yLog() const { return m_yLog; }
  // The y axis in use.
  QAbstractAxis* y() const;
  bool logScale() const { return m_logScale; }

  // Attaches a series to x and the y axis in use.
  void attach(QXYSeries* series) const;
  // Switches the y scale, moving `series` to the other axis, and shows the state in `toggle` (if
  // given) without it signalling. False when the scale already was `logScale`.
  bool setLogScale(bool logScale, const QList<QXYSeries*>& series, QCheckBox* toggle = nullptr);

  // Interval before range: the other order would briefly ask for millions of ticks when the
  // range grows. Whole iterations: the x interval is at least 1.
  void setXRange(double min, double max) const;
  void setYRange(double min, double max) const;
  // Fits y to losses between minY and maxY (minPositive: the smallest one above 0, for the log
  // scale): from 0 (or the lowest loss) to a round tick above the highest on the linear scale,
  // whole decades on the log one. Non-finite bounds (no data) give a default range.
  void fitY(double minY, double maxY, double minPositive) const;
  // The empty chart's ranges.
  void setEmptyRanges() const;

  // The floor a log scale draws losses ≤ 0 at: a decade below the smallest positive loss.
  static double logFloor(double minPositive);
  // Raises every point below `floor` to it.
  static void raiseToFloor(std::vector<QPointF>& points, double floor);

  // Lays `owner` out as its chart view above a row for the chart's controls (no margins) and
  // returns that row, so every loss chart is arranged alike.
  static QHBoxLayout* layOut(QWidget* owner, QWidget* chartView);

  // The plot area's width in pixels: how many columns the decimator should produce.
  int plotColumns() const;
  // At most how many intervals the linear y axis is cut into: as many as leave each label the
  // height Qt Charts needs to draw it (less, and it draws "..." instead of the number).
  int yIntervals() const { return m_yIntervals; }

  // Draws the chart's text (axis labels and titles, legend) scaled by the style and its grid and
  // axis lines by its line scale; a high-contrast style draws the background, the text and the
  // grid in the application palette's base and text colours. The plain style gives back the
  // theme's look exactly (it is kept from construction).
  void applyStyle(const PresentationStyle& style) const;

 private:
  // The linear y axis's tick interval for [min, max] and the label format that goes with it.
  void setYTicks(double min, double max) const;
  // The theme's look, as the chart had it before any style was applied.
  struct ThemeLook {
    QFont labels;
    QFont titles;
    QFont legend;
    QBrush labelBrush;
    QBrush titleBrush;
    QColor legendLabels;
    QPen grid;
    QPen minorGrid;
    QPen line;
    QBrush background;
  };

  QChart* m_chart;
  ThemeLook m_theme;
  QValueAxis* m_x;
  QValueAxis* m_yLinear;
  QLogValueAxis* m_yLog;
  bool m_logScale = false;
  mutable int m_yIntervals = 5;
  QMetaObject::Connection m_plotAreaWatch;  // the chart outlives us: cut on destruction
  QMetaObject::Connection m_heightWatch;
};
