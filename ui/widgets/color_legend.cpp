#include "widgets/color_legend.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/color_scale.h"
#include "widgets/number_format.h"

namespace {

constexpr int BarWidth = 14;
constexpr int TickLength = 4;
constexpr int LabelGap = 3;

}  // namespace

ColorLegend::ColorLegend(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
}

void ColorLegend::setScale(double maxAbs) {
  if (maxAbs == m_scale) {
    return;
  }
  m_scale = maxAbs;
  updateGeometry();
  update();
}

QSize ColorLegend::sizeHint() const { return {preferredWidth(fontMetrics(), m_scale) + 4, 200}; }

QSize ColorLegend::minimumSizeHint() const {
  return {preferredWidth(fontMetrics(), m_scale) + 4, 4 * fontMetrics().height()};
}

int ColorLegend::preferredWidth(const QFontMetrics& metrics, double maxAbs) {
  const int labels = std::max({metrics.horizontalAdvance(tickText(maxAbs)),
                               metrics.horizontalAdvance(tickText(-maxAbs)),
                               metrics.horizontalAdvance(tickText(0.0))});
  return BarWidth + TickLength + LabelGap + labels;
}

QString ColorLegend::tickText(double value) {
  if (value == 0.0) {
    return QStringLiteral("0");
  }
  // Three significant digits read well from the back of a room; the tooltip has the rest.
  return formatNumber(value, 'g', 3);
}

void ColorLegend::paint(QPainter& painter, const QRect& area, double maxAbs,
                        const QColor& textColor, bool nonNegative) {
  if (area.height() < 2 || area.width() < BarWidth) {
    return;
  }
  const QFontMetrics metrics = painter.fontMetrics();
  // Keep the end labels inside the area: the bar starts and ends half a text line in.
  const int margin = metrics.height() / 2;
  const QRect bar(area.left(), area.top() + margin, BarWidth,
                  std::max(2, area.height() - 2 * margin));

  // One line per pixel row, top = +max, bottom = −max (or 0).
  const double bottom = nonNegative ? 0.0 : -1.0;
  for (int y = 0; y < bar.height(); ++y) {
    const double fraction =
        bar.height() > 1 ? 1.0 - (1.0 - bottom) * y / (bar.height() - 1) : 0.0;
    painter.setPen(divergingColor(fraction, 1.0));
    painter.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
  }
  painter.setPen(textColor);
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(bar.adjusted(0, 0, -1, -1));

  const int labelLeft = bar.right() + 1 + TickLength + LabelGap;
  const auto tick = [&](int y, double value) {
    painter.drawLine(bar.right() + 1, y, bar.right() + TickLength, y);
    const QRect text(labelLeft, y - metrics.height() / 2, area.right() - labelLeft + 1,
                     metrics.height());
    painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, tickText(value));
  };
  tick(bar.top(), maxAbs);
  tick(bar.top() + bar.height() / 2, nonNegative ? maxAbs / 2.0 : 0.0);
  tick(bar.bottom(), nonNegative ? 0.0 : -maxAbs);
}

void ColorLegend::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  paint(painter, rect().adjusted(2, 0, 0, 0), m_scale, palette().color(QPalette::WindowText));
}
