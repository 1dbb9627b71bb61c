// UnrolledNetworkDiagram's painting: edges first, nodes over them, the ‖δh_t‖ bars and the
// labels. Every picture and gradient size comes from the cache setTrace() built.

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "inspection/diagram_painting.h"
#include "inspection/unrolled_network_diagram.h"
#include "widgets/parameter_blocks.h"
#include "widgets/presentation_style.h"

namespace {

using Kind = rnnlab::IterationPhase::Kind;
using namespace diagram_painting;

const QColor CellPathColor(0x1b, 0x9e, 0x77);

// "⁽¹⁾": a layer's number as a superscript.
QString superscript(int number) {
  static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
  QString text;
  for (const QChar digit : QString::number(number)) {
    text += digits.at(digit.digitValue());
  }
  return QStringLiteral("⁽%1⁾").arg(text);
}

}  // namespace

void UnrolledNetworkDiagram::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing, true);
  const QPalette pal = palette();
  const QColor text = pal.color(QPalette::WindowText);
  const QFontMetrics metrics = fontMetrics();
  if (!m_trace) {
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter, tr("no iteration traced"));
    return;
  }
  const int steps = stepCount();
  const int label = labelWidth();
  painter.save();
  painter.setClipRect(QRect(label, 0, width() - label, height()));

  // The current step's column, or the output row while the loss is evaluated.
  QColor highlight = pal.color(QPalette::Highlight);
  highlight.setAlpha(45);
  if (const int step = highlightedStep(); step >= 0) {
    painter.fillRect(columnRect(step), highlight);
  } else if (m_phase.kind == Kind::Loss) {
    const LayoutRow& output = m_layout.outputRow();
    painter.fillRect(
        QRect(columnRect(0).left(), output.top - 4, steps * columnWidth(), output.height + 8),
        highlight);
  }

  // Column headers; a reverse cell's initial state stands after the last step.
  painter.setPen(text);
  for (int s = -1; s + 1 < columnCount(); ++s) {
    const QRect column = columnRect(s);
    const QString header = s < 0        ? QStringLiteral("h₀")
                           : s == steps ? QStringLiteral("h←₀")
                                        : QStringLiteral("t=%1").arg(s + 1);
    QFont font = painter.font();
    font.setBold(s == highlightedStep() && s >= 0);
    painter.setFont(font);
    painter.drawText(QRect(column.left(), Margin, column.width(), metrics.height()),
                     Qt::AlignHCenter | Qt::AlignVCenter, header);
  }
  painter.setFont(font());

  paintEdges(painter);
  paintNodes(painter);
  paintBars(painter);
  painter.restore();
  paintLabels(painter);
}

void UnrolledNetworkDiagram::paintEdges(QPainter& painter) const {
  // In a presentation the lines are thicker and the quiet ones are drawn in the text colour.
  const PresentationStyle& style = PresentationStyle::current();
  const QPalette pal = palette();
  const QColor text = pal.color(QPalette::WindowText);
  const QPen plain(style.highContrast ? text : pal.color(QPalette::Mid), style.lineWidth(1.4));
  const QPen pending(
      style.highContrast ? pal.color(QPalette::PlaceholderText) : pal.color(QPalette::Midlight),
      style.lineWidth(1.0), Qt::DashLine);
  const bool backwardArrows =
      m_phase.kind == Kind::Backward || m_phase.kind == Kind::Clip || m_phase.kind == Kind::Update;
  const int steps = stepCount();
  const int layers = m_trace->before.config.layers;
  const int D = directions();
  const LayoutRow& output = m_layout.outputRow();
  const LayoutRow& firstCell = m_layout.cellRow(0, 0);
  for (int s = 0; s < steps; ++s) {
    const QRect x = nodeRect(Row::Input, s);
    const QRect y = nodeRect(Row::Output, s);
    const int centre = x.center().x();
    // A bidirectional layer's two cells are framed: the frame is the layer's output [h→ ; h←].
    const auto layerTop = [&](int layer) { return m_layout.layerTop(layer) - (D == 2 ? 3 : 0); };
    const auto layerBottom = [&](int layer) {  // the last pixel row, as QRect::bottom()
      return m_layout.layerBottom(layer) - 1 + (D == 2 ? FrameMargin : 0);
    };
    // x_t → the first layer.
    drawArrow(painter, QPointF(centre, x.top() - 1), QPointF(centre, layerBottom(0) + 2),
              computed(firstCell, s) ? plain : pending);
    // Each layer reads the one below at the same step; in backward the gradient goes down.
    for (int layer = 1; layer < layers; ++layer) {
      const LayoutRow& reader = m_layout.cellRow(layer, 0);
      const QPointF from(centre, layerTop(layer - 1) - 1);
      const QPointF to(centre, layerBottom(layer) + 2);
      if (gradientReached(reader, s)) {
        drawArrow(painter, to, from, QPen(gradientColor(0.5), style.lineWidth(2.0)));
      } else {
        drawArrow(painter, from, to, computed(reader, s) ? plain : pending);
      }
    }
    // The top layer → y_t, or the gradient δy_t flowing back down.
    const QPointF hTop(centre, layerTop(layers - 1) - 1);
    const QPointF yBottom(y.center().x(), y.bottom() + 2);
    // Steps without a target (output mode "last") send no gradient down: keep those edges plain.
    if (gradientReached(output, s) && m_outputGradNorms(s) != 0.0) {
      const double fraction =
          m_maxOutputGradNorm > 0.0 ? m_outputGradNorms(s) / m_maxOutputGradNorm : 0.0;
      const QPen pen(gradientColor(fraction), style.lineWidth(1.0 + 5.0 * fraction));
      drawArrow(painter, backwardArrows ? yBottom : hTop, backwardArrows ? hTop : yBottom, pen);
    } else {
      drawArrow(painter, hTop, yBottom, computed(output, s) ? plain : pending);
    }
  }

  for (const LayoutRow& row : m_layout.rows()) {
    if (row.kind != LayoutRow::Kind::Cell) {
      continue;
    }
    const CellCache& cache = cellCache(row.layer, row.direction);
    const bool reverse = row.direction == 1;
    for (int s = 0; s < steps; ++s) {
      // h_{t∓1} → h_t, or the gradient W_hhᵀ·δa_t flowing back along it.
      const QLineF arrow = recurrentArrow(row.layer, row.direction, s);
      if (gradientReached(row, s)) {
        const double fraction = m_maxPreActivationGradNorm > 0.0
                                    ? cache.preActivationGradNorms(s) / m_maxPreActivationGradNorm
                                    : 0.0;
        drawArrow(painter, arrow.p1(), arrow.p2(),
                  QPen(gradientColor(fraction), style.lineWidth(1.0 + 6.0 * fraction)));
      } else {
        drawArrow(painter, arrow.p1(), arrow.p2(), computed(row, s) ? plain : pending);
      }
      if (!hasCellPath()) {
        continue;
      }
      // The LSTM's cell state c_{t∓1} → c_t: its own path above the hidden nodes, green; while
      // the gradient flows back it is drawn as wide as ‖δc_t‖ is large.
      const QRect h = rowNodeRect(row, s);
      const QRect previous = rowNodeRect(row, reverse ? s + 1 : s - 1);
      const double y = h.top() - 7.0;
      const double inward = reverse ? -4.0 : 4.0;
      const QPointF from(previous.center().x() + inward, y);
      const QPointF to(h.center().x() - inward, y);
      if (gradientReached(row, s) && m_maxCellGradNorm > 0.0) {
        const double fraction = std::clamp(cache.cellGradNorms(s) / m_maxCellGradNorm, 0.0, 1.0);
        drawArrow(painter, to, from, QPen(CellPathColor, style.lineWidth(1.0 + 5.0 * fraction)));
      } else {
        QPen pen(CellPathColor, style.lineWidth(2.0));
        if (!computed(row, s)) {
          pen.setStyle(Qt::DashLine);
        }
        drawArrow(painter, from, to, pen);
      }
    }
  }

  // The frames of a bidirectional layer's output.
  if (D == 2) {
    painter.setPen(QPen(pal.color(QPalette::Mid), style.lineWidth(1.0)));
    painter.setBrush(Qt::NoBrush);
    for (int layer = 0; layer < layers; ++layer) {
      for (int s = 0; s < steps; ++s) {
        const QRect frame = cellNodeRect(layer, 0, s)
                                .united(cellNodeRect(layer, 1, s))
                                .adjusted(-FrameMargin, -FrameMargin, FrameMargin, FrameMargin);
        painter.drawRoundedRect(frame, 3, 3);
      }
    }
  }
}

void UnrolledNetworkDiagram::paintNodes(QPainter& painter) const {
  // Nodes: each one's values as coloured cells; not yet computed ones as empty outlines.
  const PresentationStyle& style = PresentationStyle::current();
  const QPalette pal = palette();
  const QColor text = pal.color(QPalette::WindowText);
  painter.setRenderHint(QPainter::Antialiasing, false);
  const int steps = stepCount();
  // One cell: the whole current column is outlined; a stack: the node the phase computes.
  const auto current = [&](const LayoutRow& row, int s) {
    if (s != highlightedStep()) {
      return false;
    }
    if (!stacked() || row.kind == LayoutRow::Kind::Input) {
      return !stacked();
    }
    if (row.kind == LayoutRow::Kind::Output) {
      return m_phase.isOutputLayer();
    }
    return !m_phase.isOutputLayer() && row.layer == m_phase.layer &&
           row.direction == m_phase.direction;
  };
  const auto drawNode = [&](const LayoutRow& row, int s, const QImage& image,
                            const std::vector<std::vector<QImage>>* gates) {
    const QRect box = rowNodeRect(row, s);
    if (box.isEmpty()) {
      return;
    }
    const bool bold = current(row, s);
    if (computed(row, s) && !image.isNull()) {
      // A gated cell's node holds h_t above and one strip per gate below it.
      const int band = row.kind == LayoutRow::Kind::Cell ? gateBandHeight() : 0;
      const QRect valueBox = box.adjusted(0, 0, 0, -band);
      const bool shrinking = valueBox.width() < image.width() || valueBox.height() < image.height();
      painter.setRenderHint(QPainter::SmoothPixmapTransform, shrinking);
      painter.drawImage(valueBox, image);
      if (band > 0) {
        painter.fillRect(QRect(box.left(), valueBox.bottom() + 1, box.width(), band),
                         pal.color(QPalette::Window));
        if (gates != nullptr && s >= 0 && static_cast<std::size_t>(s) < gates->size()) {
          const auto& strips = (*gates)[static_cast<std::size_t>(s)];
          painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
          for (int g = 0; g < static_cast<int>(strips.size()); ++g) {
            painter.drawImage(cellGateRect(row.layer, row.direction, s, g),
                              strips[static_cast<std::size_t>(g)]);
          }
        }
      }
      painter.setPen(QPen(bold || style.highContrast ? text : pal.color(QPalette::Dark),
                          style.lineWidth(bold ? 2 : 1)));
    } else {
      painter.fillRect(box, pal.color(QPalette::Base));
      painter.setPen(QPen(pal.color(QPalette::Midlight), style.lineWidth(1), Qt::DashLine));
    }
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(box.adjusted(0, 0, -1, -1));
  };
  for (const LayoutRow& row : m_layout.rows()) {
    if (row.kind != LayoutRow::Kind::Cell) {
      continue;
    }
    const CellCache& cache = cellCache(row.layer, row.direction);
    // The initial state: column −1 forward, column T reverse.
    drawNode(row, row.direction == 0 ? -1 : steps, cache.hiddenImages.front(), nullptr);
    for (int s = 0; s < steps; ++s) {
      drawNode(row, s, cache.hiddenImages[static_cast<std::size_t>(s + 1)], &cache.gateImages);
    }
  }
  for (int s = 0; s < steps; ++s) {
    const auto i = static_cast<std::size_t>(s + 1);
    drawNode(m_layout.inputRow(), s, m_inputImages[i], nullptr);
    drawNode(m_layout.outputRow(), s, m_outputImages[i], nullptr);
  }
}

void UnrolledNetworkDiagram::paintBars(QPainter& painter) const {
  // ‖δh_t‖ bars: how much gradient reaches each step's hidden state (of the cell the backward
  // pass is in; all cells on one scale).
  const QPalette pal = palette();
  const int steps = stepCount();
  const int bars = barTop();
  painter.setPen(pal.color(QPalette::Mid));
  painter.drawLine(columnRect(-1).left(), bars + BarAreaHeight,
                   columnRect(columnCount() - 2).right(), bars + BarAreaHeight);
  const LayoutRow& row = barRow();
  const CellCache& cache = cellCache(row.layer, row.direction);
  for (int s = 0; s < steps; ++s) {
    if (!gradientReached(row, s) || m_maxHiddenGradNorm <= 0.0) {
      continue;
    }
    const double fraction = std::clamp(cache.hiddenGradNorms(s) / m_maxHiddenGradNorm, 0.0, 1.0);
    const int barHeight =
        std::max(1, static_cast<int>(std::lround(fraction * (BarAreaHeight - 2))));
    const QRect column = columnRect(s);
    const QRect bar(column.left() + nodePadding() + 4, bars + BarAreaHeight - barHeight,
                    column.width() - 2 * nodePadding() - 8, barHeight);
    painter.fillRect(bar, gradientColor(fraction));
  }
}

void UnrolledNetworkDiagram::paintLabels(QPainter& painter) const {
  // Row labels over a plain background, so scrolled columns slide under them.
  const QPalette pal = palette();
  const QColor text = pal.color(QPalette::WindowText);
  const QFontMetrics metrics = fontMetrics();
  const int label = labelWidth();
  painter.fillRect(QRect(0, 0, label, height()), pal.color(QPalette::Window));
  painter.setPen(text);
  const auto rowLabel = [&](const LayoutRow& row, const QString& name, double scale) {
    painter.drawText(QRect(Margin, row.top - 4, label - Margin, row.height + 8),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("%1  ±%2").arg(name, QString::number(scale, 'g', 2)));
  };
  rowLabel(m_layout.outputRow(), QStringLiteral("y_t"), m_outputScale);
  const QStringList gates = gateNameList(m_trace->before.config.cell);
  for (const LayoutRow& row : m_layout.rows()) {
    if (row.kind != LayoutRow::Kind::Cell) {
      continue;
    }
    // A stack's rows: h⁽ᵏ⁾ with the direction's arrow.
    const QString arrow = directions() == 1    ? QString()
                          : row.direction == 0 ? QStringLiteral("→")
                                               : QStringLiteral("←");
    const QString name = stacked() ? QStringLiteral("h%1%2").arg(arrow, superscript(row.layer))
                                   : QStringLiteral("h_t");
    rowLabel(row, name, cellCache(row.layer, row.direction).hiddenScale);
    if (gateBandHeight() == 0) {
      continue;
    }
    // The gate strips' names, one per strip, beside the first column.
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.75));
    painter.setFont(small);
    const QRect first = cellGateRect(row.layer, row.direction, 0, 0);
    for (int g = 0; g < gates.size(); ++g) {
      const int top = first.top() + g * (GateStrip + 1) - 2;
      painter.drawText(QRect(label - 40, top, 36, GateStrip + 4), Qt::AlignRight | Qt::AlignVCenter,
                       gates[g]);
    }
    painter.setFont(font());
    if (hasCellPath()) {
      const int y = row.top - 7;
      painter.setPen(CellPathColor);
      painter.drawText(QRect(label - 40, y - 7, 36, 14), Qt::AlignRight | Qt::AlignVCenter,
                       QStringLiteral("c_t"));
      painter.setPen(text);
    }
  }
  rowLabel(m_layout.inputRow(), QStringLiteral("x_t"), m_inputScale);
  const int bars = barTop();
  const LayoutRow& barCell = barRow();
  QString barName = QStringLiteral("‖δh_t‖");
  if (stacked()) {
    // Which cell the bars show.
    const QString arrow = directions() == 1        ? QString()
                          : barCell.direction == 0 ? QStringLiteral(" →")
                                                   : QStringLiteral(" ←");
    barName += QLatin1Char('\n') + tr("layer %1").arg(barCell.layer) + arrow;
  }
  painter.drawText(QRect(Margin, bars, label - Margin, BarAreaHeight),
                   Qt::AlignLeft | Qt::AlignVCenter, barName);
  painter.setPen(pal.color(QPalette::PlaceholderText));
  const int line = metrics.height();
  int y = bars + BarAreaHeight + 2;
  for (const QString& legend : legendLines()) {
    painter.drawText(QRect(Margin, y, width() - 2 * Margin, line), Qt::AlignLeft | Qt::AlignVCenter,
                     legend);
    y += line;
  }
}

QStringList UnrolledNetworkDiagram::legendLines() const {
  QString legend = tr("colours: value on each row's ± scale");
  if (!m_trace) {
    return {legend};
  }
  const LayoutRow& barCell = barRow();
  const int steps = stepCount();
  if (gradientReached(barCell, steps - 1) || gradientReached(barCell, 0)) {
    legend += tr(" · orange edges and bars: gradient size (max ‖δa‖ %1, ‖δh‖ %2)")
                  .arg(QString::number(m_maxPreActivationGradNorm, 'g', 3),
                       QString::number(m_maxHiddenGradNorm, 'g', 3));
  }
  QStringList lines{legend};
  if (!stacked()) {
    return lines;
  }
  lines << (directions() == 2 ? tr("frame: a layer's output [h→ ; h←], what the layer above "
                                   "reads · ← cells run t = T … 1")
                              : tr("each layer reads the output of the one below"));
  const double p = m_trace->before.config.dropout;
  if (p > 0.0) {
    lines << tr("dropout p = %1 on every layer's input above layer 0 (masks: stepper)")
                 .arg(QString::number(p, 'g', 3));
  }
  return lines;
}
