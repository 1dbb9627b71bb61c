#include "inspection/diagram_painting.h"

#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace diagram_painting {

double finiteMax(const rnnlab::Vector& v) {
  double largest = 0.0;
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    if (std::isfinite(v(i))) {
      largest = std::max(largest, v(i));
    }
  }
  return largest;
}

QColor gradientColor(double fraction) {
  const double f = std::clamp(std::isfinite(fraction) ? fraction : 1.0, 0.0, 1.0);
  const QColor low(253, 190, 133);
  const QColor high(166, 54, 3);
  const auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
  return {mix(low.red(), high.red()), mix(low.green(), high.green()), mix(low.blue(), high.blue())};
}

void drawArrow(QPainter& painter, QPointF from, QPointF to, const QPen& pen) {
  painter.setPen(pen);
  painter.drawLine(from, to);
  const QPointF direction = to - from;
  const double length = std::hypot(direction.x(), direction.y());
  if (length < 1.0) {
    return;
  }
  const QPointF unit = direction / length;
  const QPointF normal(-unit.y(), unit.x());
  const double size = 4.0 + pen.widthF();
  QPainterPath head;
  head.moveTo(to);
  head.lineTo(to - unit * size + normal * size * 0.6);
  head.lineTo(to - unit * size - normal * size * 0.6);
  head.closeSubpath();
  painter.fillPath(head, pen.color());
}

}  // namespace diagram_painting
