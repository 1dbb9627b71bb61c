#pragma once

// Painting helpers of the unrolled network diagram: arrows, the gradient colour ramp, and the
// largest finite entry of a vector (what a bar's length is measured against).

#include <QColor>
#include <QPainter>

#include "rnnlab/types.h"

namespace diagram_painting {

// The largest finite entry (0 when there is none).
double finiteMax(const rnnlab::Vector& v);
// ColorBrewer "Oranges": pale for a small gradient (0), dark red-brown for the largest (1).
QColor gradientColor(double fraction);
// A line from `from` to `to` with a filled head at `to`, sized to the pen.
void drawArrow(QPainter& painter, QPointF from, QPointF to, const QPen& pen);

}  // namespace diagram_painting
