#pragma once

// A vertical colour bar for the diverging map of color_scale.h, with ticks at −max, 0 and +max
// (or 0, max/2 and max for magnitudes).
// HeatmapWidget paints it beside each heatmap; WeightHeatmaps shows one as a widget of its own
// because all five of its heatmaps share one scale.

#include <QWidget>

class QPainter;

class ColorLegend : public QWidget {
  Q_OBJECT

 public:
  explicit ColorLegend(QWidget* parent = nullptr);

  void setScale(double maxAbs);
  double scale() const { return m_scale; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

  // The width a legend needs for this scale in this font: bar plus tick labels.
  static int preferredWidth(const QFontMetrics& metrics, double maxAbs);
  // Paints the bar and its tick labels inside `area` (bar at the left, labels to its right).
  // nonNegative: the values are magnitudes (norms), so the bar shows only the half of the map
  // they use, white at 0 to red at maxAbs, with ticks at 0, maxAbs/2 and maxAbs.
  static void paint(QPainter& painter, const QRect& area, double maxAbs, const QColor& textColor,
                    bool nonNegative = false);
  // The tick text for a value, short enough for the legend.
  static QString tickText(double value);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  double m_scale = 1.0;
};
