#include "inspection/unrolled_network_diagram.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "inspection/diagram_painting.h"
#include "rnnlab/step_inspection.h"
#include "widgets/color_scale.h"
#include "widgets/parameter_blocks.h"
#include "widgets/presentation_style.h"
#include "widgets/tool_tips.h"

namespace {

using Kind = rnnlab::IterationPhase::Kind;
using namespace diagram_painting;

constexpr int Margin = 6;
constexpr int NodePadding = 7;  // between a node and its column's edges
constexpr int StripLimit = 16;  // up to this many elements a node is one strip of cells
constexpr int StripHeight = 18;
constexpr int FoldedHeight = 36;
constexpr int EdgeGap = 30;        // vertical room for the x → h and h → y edges
constexpr int BarAreaHeight = 44;  // the ‖δh_t‖ bars under the columns
constexpr int GateStrip = 6;       // a gate's strip inside a gated cell's node, plus 1 px gap
const QColor CellPathColor(0x1b, 0x9e, 0x77);

// One pixel per element; long vectors folded row by row into a near-square raster.
QImage nodeImage(const Eigen::Ref<const rnnlab::Vector>& values, double scale, QRgb padding) {
  const auto n = static_cast<int>(values.size());
  if (n == 0) {
    return {};
  }
  const int columns = n <= StripLimit ? n : static_cast<int>(std::ceil(std::sqrt(n)));
  const int rows = (n + columns - 1) / columns;
  // Row-major fold: element i at (i / columns, i % columns); the cells after the last element are
  // painted over with the padding colour.
  rnnlab::Matrix folded = rnnlab::Matrix::Zero(rows, columns);
  for (int i = 0; i < n; ++i) {
    folded(i / columns, i % columns) = values(i);
  }
  QImage image = colorImage(folded, scale);
  for (int i = n; i < rows * columns; ++i) {
    image.setPixel(i % columns, i / columns, padding);
  }
  return image;
}

double largestMagnitude(const rnnlab::Matrix& m) {
  const double largest = largestFiniteMagnitude(m);
  return largest > 0.0 ? largest : 1.0;
}

QString formatValues(const Eigen::Ref<const rnnlab::Vector>& v) {
  if (v.size() <= StripLimit) {
    QStringList items;
    for (Eigen::Index i = 0; i < v.size(); ++i) {
      items << QString::number(v(i), 'g', 6);
    }
    return QStringLiteral("[%1]  ‖·‖ = %2")
        .arg(items.join(QStringLiteral(", ")), QString::number(v.norm(), 'g', 6));
  }
  return QObject::tr("%1 values, ‖·‖ = %2, min %3, max %4")
      .arg(v.size())
      .arg(QString::number(v.norm(), 'g', 6), QString::number(v.minCoeff(), 'g', 6),
           QString::number(v.maxCoeff(), 'g', 6));
}

}  // namespace

UnrolledNetworkDiagram::UnrolledNetworkDiagram(QWidget* parent) : QWidget(parent) {
  m_scrollBar = new QScrollBar(Qt::Horizontal, this);
  m_scrollBar->hide();
  connect(m_scrollBar, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setMouseTracking(true);
}

void UnrolledNetworkDiagram::setTrace(std::shared_ptr<const rnnlab::IterationTrace> trace) {
  m_trace = std::move(trace);
  rebuildCache();
  updateGeometry();
  updateScrollBar();
  scrollToCurrent();
  update();
}

void UnrolledNetworkDiagram::setPhase(rnnlab::IterationPhase phase) {
  if (phase == m_phase) {
    return;
  }
  m_phase = phase;
  scrollToCurrent();
  update();
}

int UnrolledNetworkDiagram::stepCount() const {
  return m_trace ? static_cast<int>(m_trace->forward.steps()) : 0;
}

void UnrolledNetworkDiagram::rebuildCache() {
  m_outputImages.clear();
  m_hiddenImages.clear();
  m_inputImages.clear();
  if (!m_trace) {
    return;
  }
  const rnnlab::ForwardPass& f = m_trace->forward;
  const QRgb padding = palette().color(QPalette::Window).rgb();
  m_inputScale = largestMagnitude(f.inputs);
  m_hiddenScale = largestMagnitude(f.hidden);
  m_outputScale = largestMagnitude(f.outputs);
  m_hiddenImages.push_back(nodeImage(f.hidden.col(0), m_hiddenScale, padding));
  m_outputImages.emplace_back();
  m_inputImages.emplace_back();
  for (int s = 0; s < stepCount(); ++s) {
    m_inputImages.push_back(nodeImage(f.inputs.col(s), m_inputScale, padding));
    m_hiddenImages.push_back(nodeImage(f.hidden.col(s + 1), m_hiddenScale, padding));
    m_outputImages.push_back(nodeImage(f.outputs.col(s), m_outputScale, padding));
  }
  m_gateImages.clear();
  for (int s = 0; s < stepCount() && f.gates.rows() > 0; ++s) {
    std::vector<QImage> images;
    for (Eigen::Index g = 0; g < rnnlab::gateCount(m_trace->before.config.cell); ++g) {
      // One strip per gate on the fixed ±1 scale (σ in (0, 1), tanh in (−1, 1)).
      images.push_back(colorImage(rnnlab::Matrix(f.gate(g).col(s).transpose()), 1.0));
    }
    m_gateImages.push_back(std::move(images));
  }
  m_cellGradNorms = rnnlab::cellGradientNorms(m_trace->backward);
  m_maxCellGradNorm = finiteMax(m_cellGradNorms);
  m_hiddenGradNorms = rnnlab::hiddenGradientNorms(m_trace->backward);
  m_preActivationGradNorms = rnnlab::preActivationGradientNorms(m_trace->backward);
  m_outputGradNorms = f.outputGrad.colwise().norm().transpose();
  m_maxHiddenGradNorm = finiteMax(m_hiddenGradNorms);
  m_maxPreActivationGradNorm = finiteMax(m_preActivationGradNorms);
  m_maxOutputGradNorm = finiteMax(m_outputGradNorms);
}

int UnrolledNetworkDiagram::labelWidth() const {
  return fontMetrics().horizontalAdvance(QStringLiteral("‖δh_t‖ ±0.000")) + Margin;
}

int UnrolledNetworkDiagram::headerHeight() const { return fontMetrics().height() + 4; }

UnrolledNetworkDiagram::RowGeometry UnrolledNetworkDiagram::rowGeometry(Row row) const {
  const auto heightOf = [this](Row r) {
    const rnnlab::Matrix* m = rowMatrix(r);
    const int base = m != nullptr && m->rows() > StripLimit ? FoldedHeight : StripHeight;
    return r == Row::Hidden ? base + gateBandHeight() : base;
  };
  RowGeometry geometry;
  geometry.top = Margin + headerHeight();
  for (Row r : {Row::Output, Row::Hidden, Row::Input}) {
    geometry.height = heightOf(r);
    if (r == row) {
      break;
    }
    geometry.top += geometry.height + EdgeGap;
  }
  return geometry;
}

int UnrolledNetworkDiagram::gateBandHeight() const {
  if (!m_trace || m_trace->forward.gates.rows() == 0) {
    return 0;
  }
  return static_cast<int>(rnnlab::gateCount(m_trace->before.config.cell)) * (GateStrip + 1) + 1;
}

QRect UnrolledNetworkDiagram::gateRect(int step, int gate) const {
  const QRect box = nodeRect(Row::Hidden, step);
  if (box.isEmpty() || step < 0 || gateBandHeight() == 0) {
    return {};
  }
  const int top = box.bottom() + 1 - gateBandHeight() + 1 + gate * (GateStrip + 1);
  return {box.left() + 1, top, box.width() - 2, GateStrip};
}

bool UnrolledNetworkDiagram::hasCellPath() const {
  return m_trace && m_trace->forward.cellState.cols() > 0;
}

int UnrolledNetworkDiagram::barTop() const {
  const RowGeometry input = rowGeometry(Row::Input);
  return input.top + input.height + 14;
}

int UnrolledNetworkDiagram::contentHeight() const {
  return barTop() + BarAreaHeight + fontMetrics().height() + Margin;
}

const rnnlab::Matrix* UnrolledNetworkDiagram::rowMatrix(Row row) const {
  if (!m_trace) {
    return nullptr;
  }
  switch (row) {
    case Row::Output:
      return &m_trace->forward.outputs;
    case Row::Hidden:
      return &m_trace->forward.hidden;
    case Row::Input:
      return &m_trace->forward.inputs;
  }
  return nullptr;
}

int UnrolledNetworkDiagram::columnWidth() const {
  const int available = width() - labelWidth() - Margin;
  const int columns = stepCount() + 1;
  return std::clamp(available / std::max(1, columns), MinimumColumnWidth, MaximumColumnWidth);
}

bool UnrolledNetworkDiagram::isScrollable() const { return !m_scrollBar->isHidden(); }

QRect UnrolledNetworkDiagram::columnRect(int step) const {
  if (!m_trace || step < -1 || step >= stepCount()) {
    return {};
  }
  const int w = columnWidth();
  const int left = labelWidth() + (step + 1) * w - m_scrollBar->value();
  return {left, Margin, w, barTop() + BarAreaHeight - Margin};
}

QRect UnrolledNetworkDiagram::nodeRect(Row row, int step) const {
  const QRect column = columnRect(step);
  if (column.isEmpty() || (step < 0 && row != Row::Hidden)) {
    return {};
  }
  const RowGeometry geometry = rowGeometry(row);
  return {column.left() + NodePadding, geometry.top, column.width() - 2 * NodePadding,
          geometry.height};
}

int UnrolledNetworkDiagram::highlightedStep() const {
  if (!m_trace || (m_phase.kind != Kind::Forward && m_phase.kind != Kind::Backward)) {
    return -1;
  }
  return m_phase.step >= 0 && m_phase.step < stepCount() ? static_cast<int>(m_phase.step) : -1;
}

bool UnrolledNetworkDiagram::computed(int step) const {
  return m_phase.kind != Kind::Forward || step <= m_phase.step;
}

bool UnrolledNetworkDiagram::gradientReached(int step) const {
  switch (m_phase.kind) {
    case Kind::Forward:
    case Kind::Loss:
      return false;
    case Kind::Backward:
      return step >= m_phase.step;
    case Kind::Clip:
    case Kind::Update:
      return true;
  }
  return false;
}

void UnrolledNetworkDiagram::updateScrollBar() {
  const int content = (stepCount() + 1) * columnWidth();
  const int view = width() - labelWidth() - Margin;
  const int overflow = std::max(0, content - view);
  m_scrollBar->setRange(0, overflow);
  m_scrollBar->setPageStep(std::max(1, view));
  m_scrollBar->setSingleStep(columnWidth());
  const int barHeight = m_scrollBar->sizeHint().height();
  m_scrollBar->setGeometry(labelWidth(), height() - barHeight, std::max(0, width() - labelWidth()),
                           barHeight);
  m_scrollBar->setVisible(overflow > 0);
}

void UnrolledNetworkDiagram::scrollToCurrent() {
  const int step = highlightedStep();
  if (step < 0 || !isScrollable()) {
    return;
  }
  const int w = columnWidth();
  const int left = (step + 1) * w;  // in content coordinates
  const int view = width() - labelWidth() - Margin;
  const int value = m_scrollBar->value();
  if (left < value || left + w > value + view) {
    m_scrollBar->setValue(left + w / 2 - view / 2);  // centre the current step
  }
}

QSize UnrolledNetworkDiagram::sizeHint() const {
  const int content = labelWidth() + (stepCount() + 1) * 72 + Margin;
  return {std::min(content, 900), contentHeight() + m_scrollBar->sizeHint().height()};
}

QSize UnrolledNetworkDiagram::minimumSizeHint() const {
  return {labelWidth() + 3 * MinimumColumnWidth,
          contentHeight() + m_scrollBar->sizeHint().height()};
}

void UnrolledNetworkDiagram::resizeEvent(QResizeEvent* event) {
  updateScrollBar();
  scrollToCurrent();
  QWidget::resizeEvent(event);
}

void UnrolledNetworkDiagram::wheelEvent(QWheelEvent* event) {
  if (!isScrollable()) {
    QWidget::wheelEvent(event);
    return;
  }
  const QPoint delta = event->angleDelta();
  const int steps = (delta.x() != 0 ? delta.x() : delta.y()) / 120;
  m_scrollBar->setValue(m_scrollBar->value() - steps * columnWidth());
  event->accept();
}

void UnrolledNetworkDiagram::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing, true);
  const QPalette pal = palette();
  const QColor text = pal.color(QPalette::WindowText);
  const QColor faint = pal.color(QPalette::PlaceholderText);
  const QFontMetrics metrics = fontMetrics();
  if (!m_trace) {
    painter.setPen(faint);
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
    const RowGeometry output = rowGeometry(Row::Output);
    painter.fillRect(
        QRect(columnRect(0).left(), output.top - 4, steps * columnWidth(), output.height + 8),
        highlight);
  }

  // Column headers.
  painter.setPen(text);
  for (int s = -1; s < steps; ++s) {
    const QRect column = columnRect(s);
    const QString header = s < 0 ? QStringLiteral("h₀") : QStringLiteral("t=%1").arg(s + 1);
    QFont font = painter.font();
    font.setBold(s == highlightedStep() && s >= 0);
    painter.setFont(font);
    painter.drawText(QRect(column.left(), Margin, column.width(), metrics.height()),
                     Qt::AlignHCenter | Qt::AlignVCenter, header);
  }
  painter.setFont(font());

  // Edges first, nodes over them.
  // In a presentation the lines are thicker and the quiet ones are drawn in the text colour.
  const PresentationStyle& style = PresentationStyle::current();
  const QPen plain(style.highContrast ? text : pal.color(QPalette::Mid), style.lineWidth(1.4));
  QPen pending(style.highContrast ? faint : pal.color(QPalette::Midlight), style.lineWidth(1.0),
               Qt::DashLine);
  const bool backwardArrows =
      m_phase.kind == Kind::Backward || m_phase.kind == Kind::Clip || m_phase.kind == Kind::Update;
  for (int s = 0; s < steps; ++s) {
    const QRect x = nodeRect(Row::Input, s);
    const QRect h = nodeRect(Row::Hidden, s);
    const QRect y = nodeRect(Row::Output, s);
    const QRect previous = nodeRect(Row::Hidden, s - 1);
    const bool done = computed(s);
    // x_t → h_t
    drawArrow(painter, QPointF(x.center().x(), x.top() - 1),
              QPointF(h.center().x(), h.bottom() + 2), done ? plain : pending);
    // h_t → y_t, or the gradient δy_t flowing back down
    const QPointF hTop(h.center().x(), h.top() - 1);
    const QPointF yBottom(y.center().x(), y.bottom() + 2);
    // Steps without a target (output mode "last") send no gradient down: keep those edges plain.
    if (gradientReached(s) && m_outputGradNorms(s) != 0.0) {
      const double fraction =
          m_maxOutputGradNorm > 0.0 ? m_outputGradNorms(s) / m_maxOutputGradNorm : 0.0;
      const QPen pen(gradientColor(fraction), style.lineWidth(1.0 + 5.0 * fraction));
      drawArrow(painter, backwardArrows ? yBottom : hTop, backwardArrows ? hTop : yBottom, pen);
    } else {
      drawArrow(painter, hTop, yBottom, done ? plain : pending);
    }
    // h_{t−1} → h_t, or the gradient Whhᵀ·δa_t flowing back along it
    const QPointF from(previous.right() + 2, previous.center().y());
    const QPointF to(h.left() - 1, h.center().y());
    if (gradientReached(s)) {
      const double fraction = m_maxPreActivationGradNorm > 0.0
                                  ? m_preActivationGradNorms(s) / m_maxPreActivationGradNorm
                                  : 0.0;
      const QPen pen(gradientColor(fraction), style.lineWidth(1.0 + 6.0 * fraction));
      drawArrow(painter, to, from, pen);
    } else {
      drawArrow(painter, from, to, done ? plain : pending);
    }
  }

  // The LSTM's cell state c_{t−1} → c_t: its own path above the hidden nodes, green; while the
  // gradient flows back it is drawn as wide as ‖δc_t‖ is large.
  for (int s = 0; s < steps && hasCellPath(); ++s) {
    const QRect h = nodeRect(Row::Hidden, s);
    const QRect previous = nodeRect(Row::Hidden, s - 1);
    const double y = h.top() - 7.0;
    const QPointF from(previous.center().x() + 4, y);
    const QPointF to(h.center().x() - 4, y);
    if (gradientReached(s) && m_maxCellGradNorm > 0.0) {
      const double fraction = std::clamp(m_cellGradNorms(s) / m_maxCellGradNorm, 0.0, 1.0);
      drawArrow(painter, to, from, QPen(CellPathColor, style.lineWidth(1.0 + 5.0 * fraction)));
    } else {
      QPen pen(CellPathColor, style.lineWidth(2.0));
      if (!computed(s)) {
        pen.setStyle(Qt::DashLine);
      }
      drawArrow(painter, from, to, pen);
    }
  }

  // Nodes: each one's values as coloured cells; not yet computed ones as empty outlines.
  painter.setRenderHint(QPainter::Antialiasing, false);
  const auto drawNode = [&](Row row, int s, const QImage& image) {
    const QRect box = nodeRect(row, s);
    if (box.isEmpty()) {
      return;
    }
    const bool current = s == highlightedStep();
    if (computed(s) && !image.isNull()) {
      // A gated cell's node holds h_t above and one strip per gate below it.
      const int band = row == Row::Hidden ? gateBandHeight() : 0;
      const QRect valueBox = box.adjusted(0, 0, 0, -band);
      const bool shrinking = valueBox.width() < image.width() || valueBox.height() < image.height();
      painter.setRenderHint(QPainter::SmoothPixmapTransform, shrinking);
      painter.drawImage(valueBox, image);
      if (band > 0) {
        painter.fillRect(QRect(box.left(), valueBox.bottom() + 1, box.width(), band),
                         pal.color(QPalette::Window));
        if (s >= 0 && static_cast<std::size_t>(s) < m_gateImages.size()) {
          const auto& gates = m_gateImages[static_cast<std::size_t>(s)];
          painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
          for (int g = 0; g < static_cast<int>(gates.size()); ++g) {
            painter.drawImage(gateRect(s, g), gates[static_cast<std::size_t>(g)]);
          }
        }
      }
      painter.setPen(QPen(current || style.highContrast ? text : pal.color(QPalette::Dark),
                          style.lineWidth(current ? 2 : 1)));
    } else {
      painter.fillRect(box, pal.color(QPalette::Base));
      painter.setPen(QPen(pal.color(QPalette::Midlight), style.lineWidth(1), Qt::DashLine));
    }
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(box.adjusted(0, 0, -1, -1));
  };
  drawNode(Row::Hidden, -1, m_hiddenImages.front());
  for (int s = 0; s < steps; ++s) {
    const auto i = static_cast<std::size_t>(s + 1);
    drawNode(Row::Input, s, m_inputImages[i]);
    drawNode(Row::Hidden, s, m_hiddenImages[i]);
    drawNode(Row::Output, s, m_outputImages[i]);
  }

  // ‖δh_t‖ bars: how much gradient reaches each step's hidden state.
  const int bars = barTop();
  painter.setPen(pal.color(QPalette::Mid));
  painter.drawLine(columnRect(-1).left(), bars + BarAreaHeight, columnRect(steps - 1).right(),
                   bars + BarAreaHeight);
  for (int s = 0; s < steps; ++s) {
    if (!gradientReached(s) || m_maxHiddenGradNorm <= 0.0) {
      continue;
    }
    const double fraction = std::clamp(m_hiddenGradNorms(s) / m_maxHiddenGradNorm, 0.0, 1.0);
    const int barHeight =
        std::max(1, static_cast<int>(std::lround(fraction * (BarAreaHeight - 2))));
    const QRect column = columnRect(s);
    const QRect bar(column.left() + NodePadding + 4, bars + BarAreaHeight - barHeight,
                    column.width() - 2 * NodePadding - 8, barHeight);
    painter.fillRect(bar, gradientColor(fraction));
  }
  painter.restore();

  // Row labels over a plain background, so scrolled columns slide under them.
  painter.fillRect(QRect(0, 0, label, height()), pal.color(QPalette::Window));
  painter.setPen(text);
  const auto rowLabel = [&](Row row, const QString& name, double scale) {
    const RowGeometry geometry = rowGeometry(row);
    painter.drawText(QRect(Margin, geometry.top - 4, label - Margin, geometry.height + 8),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("%1  ±%2").arg(name, QString::number(scale, 'g', 2)));
  };
  rowLabel(Row::Output, QStringLiteral("y_t"), m_outputScale);
  rowLabel(Row::Hidden, QStringLiteral("h_t"), m_hiddenScale);
  if (gateBandHeight() > 0) {
    // The gate strips' names, one per strip, beside the first column.
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.75));
    painter.setFont(small);
    const QStringList names = gateNameList(m_trace->before.config.cell);
    const QRect first = gateRect(0, 0);
    for (int g = 0; g < names.size(); ++g) {
      const int top = first.top() + g * (GateStrip + 1) - 2;
      painter.drawText(QRect(label - 40, top, 36, GateStrip + 4), Qt::AlignRight | Qt::AlignVCenter,
                       names[g]);
    }
    painter.setFont(font());
    if (hasCellPath()) {
      const int y = nodeRect(Row::Hidden, 0).top() - 7;
      painter.setPen(CellPathColor);
      painter.drawText(QRect(label - 40, y - 7, 36, 14), Qt::AlignRight | Qt::AlignVCenter,
                       QStringLiteral("c_t"));
      painter.setPen(text);
    }
  }
  rowLabel(Row::Input, QStringLiteral("x_t"), m_inputScale);
  painter.drawText(QRect(Margin, bars, label - Margin, BarAreaHeight),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("‖δh_t‖"));
  painter.setPen(faint);
  QString legend = tr("colours: value on each row's ± scale");
  if (gradientReached(steps - 1)) {
    legend += tr(" · orange edges and bars: gradient size (max ‖δa‖ %1, ‖δh‖ %2)")
                  .arg(QString::number(m_maxPreActivationGradNorm, 'g', 3),
                       QString::number(m_maxHiddenGradNorm, 'g', 3));
  }
  painter.drawText(QRect(Margin, bars + BarAreaHeight + 2, width() - 2 * Margin, metrics.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, legend);
}

QString UnrolledNetworkDiagram::toolTipTextAt(const QPoint& position) const {
  if (!m_trace || position.x() < labelWidth()) {
    return {};
  }
  const rnnlab::ForwardPass& f = m_trace->forward;
  for (int s = -1; s < stepCount(); ++s) {
    if (!columnRect(s).contains(position)) {
      continue;
    }
    const QString t = QString::number(s + 1);
    if (nodeRect(Row::Hidden, s).contains(position)) {
      QString text = QStringLiteral("h_%1: %2").arg(t, formatValues(f.hidden.col(s + 1)));
      if (s >= 0) {
        text += QStringLiteral("\na_%1: %2").arg(t, formatValues(f.preActivations.col(s)));
      }
      if (s >= 0 && gradientReached(s)) {
        text += QStringLiteral("\nδh_%1: %2\nδa_%1: %3")
                    .arg(t, formatValues(m_trace->backward.hiddenGrad.col(s)),
                         formatValues(m_trace->backward.preActivationGrad.col(s)));
      }
      return computed(s) ? text : tr("h_%1: not computed yet").arg(t);
    }
    if (s < 0) {
      return {};
    }
    if (nodeRect(Row::Input, s).contains(position)) {
      return QStringLiteral("x_%1: %2").arg(t, formatValues(f.inputs.col(s)));
    }
    if (nodeRect(Row::Output, s).contains(position)) {
      if (!computed(s)) {
        return tr("y_%1: not computed yet").arg(t);
      }
      QString text = QStringLiteral("y_%1: %2").arg(t, formatValues(f.outputs.col(s)));
      if (gradientReached(s)) {
        text += QStringLiteral("\nδy_%1: %2").arg(t, formatValues(f.outputGrad.col(s)));
      }
      return text;
    }
    if (position.y() >= barTop() && gradientReached(s)) {
      return QStringLiteral("‖δh_%1‖ = %2\n‖δa_%1‖ = %3")
          .arg(t, QString::number(m_hiddenGradNorms(s), 'g', 6),
               QString::number(m_preActivationGradNorms(s), 'g', 6));
    }
  }
  return {};
}

bool UnrolledNetworkDiagram::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    answerToolTip(this, help, toolTipTextAt(help->pos()));
    return true;
  }
  return QWidget::event(event);
}
