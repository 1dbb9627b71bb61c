// UnrolledNetworkDiagram: the trace's pictures, the geometry of columns and nodes, how far the
// current phase has got, scrolling and tooltips. The painting is in
// unrolled_network_diagram_paint.cpp.

#include "inspection/unrolled_network_diagram.h"

#include <QEvent>
#include <QHelpEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "inspection/diagram_painting.h"
#include "rnnlab/step_inspection.h"
#include "widgets/color_scale.h"
#include "widgets/tool_tips.h"

namespace {

using Kind = rnnlab::IterationPhase::Kind;
using namespace diagram_painting;

// One pixel per element; long vectors folded row by row into a near-square raster.
QImage nodeImage(const Eigen::Ref<const rnnlab::Vector>& values, double scale, QRgb padding) {
  constexpr int StripLimit = UnrolledNetworkDiagram::StripLimit;
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
  if (v.size() <= UnrolledNetworkDiagram::StripLimit) {
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
  updateLayout();
}

void UnrolledNetworkDiagram::setTrace(std::shared_ptr<const rnnlab::IterationTrace> trace) {
  m_trace = std::move(trace);
  rebuildCache();
  updateLayout();
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

bool UnrolledNetworkDiagram::stacked() const { return m_trace && m_trace->before.config.stacked(); }

int UnrolledNetworkDiagram::directions() const {
  return m_trace ? m_trace->before.config.directions() : 1;
}

int UnrolledNetworkDiagram::columnCount() const {
  return stepCount() + 1 + (directions() == 2 ? 1 : 0);
}

int UnrolledNetworkDiagram::cellRowCount() const {
  return m_trace ? m_trace->before.config.cellCount() : 1;
}

const rnnlab::ForwardPass& UnrolledNetworkDiagram::cellForward(int layer, int direction) const {
  return m_trace->forwardOf(layer, direction);
}

const UnrolledNetworkDiagram::CellCache& UnrolledNetworkDiagram::cellCache(int layer,
                                                                           int direction) const {
  return m_cells.at(static_cast<std::size_t>(layer * directions() + direction));
}

void UnrolledNetworkDiagram::rebuildCache() {
  m_outputImages.clear();
  m_inputImages.clear();
  m_cells.clear();
  if (!m_trace) {
    return;
  }
  const rnnlab::ForwardPass& f = m_trace->forward;
  const rnnlab::ModelConfig& config = m_trace->before.config;
  const QRgb padding = palette().color(QPalette::Window).rgb();
  m_inputScale = largestMagnitude(f.inputs);
  m_outputScale = largestMagnitude(f.outputs);
  m_outputImages.emplace_back();
  m_inputImages.emplace_back();
  for (int s = 0; s < stepCount(); ++s) {
    m_inputImages.push_back(nodeImage(f.inputs.col(s), m_inputScale, padding));
    m_outputImages.push_back(nodeImage(f.outputs.col(s), m_outputScale, padding));
  }
  m_maxHiddenGradNorm = 0.0;
  m_maxPreActivationGradNorm = 0.0;
  m_maxCellGradNorm = 0.0;
  for (int layer = 0; layer < config.layers; ++layer) {
    for (int direction = 0; direction < config.directions(); ++direction) {
      const rnnlab::ForwardPass& c = cellForward(layer, direction);
      const rnnlab::BackwardPass& b = m_trace->backwardOf(layer, direction);
      CellCache cache;
      cache.hiddenScale = largestMagnitude(c.hidden);
      for (int s = -1; s < stepCount(); ++s) {
        cache.hiddenImages.push_back(nodeImage(c.hidden.col(s + 1), cache.hiddenScale, padding));
      }
      for (int s = 0; s < stepCount() && c.gates.rows() > 0; ++s) {
        std::vector<QImage> images;
        for (Eigen::Index g = 0; g < rnnlab::gateCount(config.cell); ++g) {
          // One strip per gate on the fixed ±1 scale (σ in (0, 1), tanh in (−1, 1)).
          images.push_back(colorImage(rnnlab::Matrix(c.gate(g).col(s).transpose()), 1.0));
        }
        cache.gateImages.push_back(std::move(images));
      }
      cache.cellGradNorms = rnnlab::cellGradientNorms(b);
      cache.hiddenGradNorms = rnnlab::hiddenGradientNorms(b);
      cache.preActivationGradNorms = rnnlab::preActivationGradientNorms(b);
      m_maxCellGradNorm = std::max(m_maxCellGradNorm, finiteMax(cache.cellGradNorms));
      m_maxHiddenGradNorm = std::max(m_maxHiddenGradNorm, finiteMax(cache.hiddenGradNorms));
      m_maxPreActivationGradNorm =
          std::max(m_maxPreActivationGradNorm, finiteMax(cache.preActivationGradNorms));
      m_cells.push_back(std::move(cache));
    }
  }
  m_outputGradNorms = f.outputGrad.colwise().norm().transpose();
  m_maxOutputGradNorm = finiteMax(m_outputGradNorms);
}

void UnrolledNetworkDiagram::updateLayout() {
  DiagramLayout::Shape shape;
  shape.layers = m_trace ? m_trace->before.config.layers : 1;
  shape.directions = directions();
  shape.top = Margin + headerHeight();
  const rnnlab::Matrix* output = rowMatrix(Row::Output);
  const rnnlab::Matrix* hidden = rowMatrix(Row::Hidden);
  const rnnlab::Matrix* input = rowMatrix(Row::Input);
  const auto nodeHeight = [](Eigen::Index values) {
    return values > StripLimit ? FoldedHeight : StripHeight;
  };
  shape.outputHeight = nodeHeight(output != nullptr ? output->rows() : 0);
  shape.cellHeight = nodeHeight(hidden != nullptr ? hidden->rows() : 0) + gateBandHeight();
  shape.inputHeight = nodeHeight(input != nullptr ? input->rows() : 0);
  m_layout.setShape(shape);
}

int UnrolledNetworkDiagram::labelWidth() const {
  return fontMetrics().horizontalAdvance(QStringLiteral("‖δh_t‖ ±0.000")) + Margin;
}

int UnrolledNetworkDiagram::headerHeight() const { return fontMetrics().height() + 4; }

int UnrolledNetworkDiagram::gateBandHeight() const {
  if (!m_trace || m_trace->forward.gates.rows() == 0) {
    return 0;
  }
  return static_cast<int>(rnnlab::gateCount(m_trace->before.config.cell)) * (GateStrip + 1) + 1;
}

QRect UnrolledNetworkDiagram::cellGateRect(int layer, int direction, int step, int gate) const {
  const QRect box = cellNodeRect(layer, direction, step);
  if (box.isEmpty() || step < 0 || step >= stepCount() || gateBandHeight() == 0) {
    return {};
  }
  const int top = box.bottom() + 1 - gateBandHeight() + 1 + gate * (GateStrip + 1);
  return {box.left() + 1, top, box.width() - 2, GateStrip};
}

bool UnrolledNetworkDiagram::hasCellPath() const {
  return m_trace && m_trace->forward.cellState.cols() > 0;
}

int UnrolledNetworkDiagram::barTop() const { return m_layout.bottom() + 14; }

int UnrolledNetworkDiagram::nodePadding() const {
  return stacked() ? StackNodePadding : NodePadding;
}

int UnrolledNetworkDiagram::contentHeight() const {
  return barTop() + BarAreaHeight +
         static_cast<int>(legendLines().size()) * fontMetrics().height() + Margin;
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
  return std::clamp(available / std::max(1, columnCount()), MinimumColumnWidth, MaximumColumnWidth);
}

bool UnrolledNetworkDiagram::isScrollable() const { return !m_scrollBar->isHidden(); }

QRect UnrolledNetworkDiagram::columnRect(int step) const {
  if (!m_trace || step < -1 || step + 1 >= columnCount()) {
    return {};
  }
  const int w = columnWidth();
  const int left = labelWidth() + (step + 1) * w - m_scrollBar->value();
  return {left, Margin, w, barTop() + BarAreaHeight - Margin};
}

QRect UnrolledNetworkDiagram::rowNodeRect(const LayoutRow& row, int step) const {
  const QRect column = columnRect(step);
  const int T = stepCount();
  // A forward cell's initial state is at −1, a reverse cell's at T; outputs and inputs at 0 … T−1.
  const bool reverse = row.kind == LayoutRow::Kind::Cell && row.direction == 1;
  const int first = row.kind != LayoutRow::Kind::Cell ? 0 : (reverse ? 0 : -1);
  const int last = reverse ? T : T - 1;
  if (column.isEmpty() || step < first || step > last) {
    return {};
  }
  return {column.left() + nodePadding(), row.top, column.width() - 2 * nodePadding(), row.height};
}

QRect UnrolledNetworkDiagram::nodeRect(Row row, int step) const {
  switch (row) {
    case Row::Output:
      return rowNodeRect(m_layout.outputRow(), step);
    case Row::Hidden:
      return rowNodeRect(m_layout.cellRow(0, 0), step);
    case Row::Input:
      return rowNodeRect(m_layout.inputRow(), step);
  }
  return {};
}

QRect UnrolledNetworkDiagram::cellNodeRect(int layer, int direction, int step) const {
  if (!m_trace || layer < 0 || layer >= m_trace->before.config.layers || direction < 0 ||
      direction >= directions()) {
    return {};
  }
  return rowNodeRect(m_layout.cellRow(layer, direction), step);
}

QLineF UnrolledNetworkDiagram::recurrentArrow(int layer, int direction, int step) const {
  const QRect h = cellNodeRect(layer, direction, step);
  const QRect previous = cellNodeRect(layer, direction, direction == 0 ? step - 1 : step + 1);
  if (h.isEmpty() || previous.isEmpty() || step < 0 || step >= stepCount()) {
    return {};
  }
  // Outside a bidirectional layer's frames.
  const int frame = directions() == 2 ? FrameMargin + 1 : 0;
  const QPointF from = direction == 0 ? QPointF(previous.right() + 2 + frame, previous.center().y())
                                      : QPointF(previous.left() - 2 - frame, previous.center().y());
  const QPointF to = direction == 0 ? QPointF(h.left() - 1 - frame, h.center().y())
                                    : QPointF(h.right() + 1 + frame, h.center().y());
  // Where the gradient has come back along the edge, it points the other way.
  return gradientReached(m_layout.cellRow(layer, direction), step) ? QLineF(to, from)
                                                                   : QLineF(from, to);
}

int UnrolledNetworkDiagram::highlightedStep() const {
  if (!m_trace || (m_phase.kind != Kind::Forward && m_phase.kind != Kind::Backward)) {
    return -1;
  }
  return m_phase.step >= 0 && m_phase.step < stepCount() ? static_cast<int>(m_phase.step) : -1;
}

namespace {

// A stack's parts in the order the forward pass computes them: cell g = layer·D + direction,
// then the output layer (L·D).
int partOf(const DiagramLayout::Row& row, const rnnlab::ModelConfig& config) {
  return row.kind == DiagramLayout::Row::Kind::Output
             ? config.cellCount()
             : row.layer * config.directions() + row.direction;
}

int partOf(const rnnlab::IterationPhase& phase, const rnnlab::ModelConfig& config) {
  return phase.isOutputLayer() ? config.cellCount()
                               : phase.layer * config.directions() + phase.direction;
}

}  // namespace

bool UnrolledNetworkDiagram::computed(const LayoutRow& row, int step) const {
  if (!stacked()) {
    return m_phase.kind != Kind::Forward || step <= m_phase.step;
  }
  // The data are there once the first cell has read them; initial states from the start.
  const LayoutRow& shown = row.kind == LayoutRow::Kind::Input ? m_layout.cellRow(0, 0) : row;
  if (m_phase.kind != Kind::Forward || step < 0 || step >= stepCount()) {
    return true;
  }
  const rnnlab::ModelConfig& config = m_trace->before.config;
  const int part = partOf(shown, config);
  const int current = partOf(m_phase, config);
  if (part != current) {
    return part < current;
  }
  const bool reverse = shown.kind == LayoutRow::Kind::Cell && shown.direction == 1;
  return reverse ? step >= m_phase.step : step <= m_phase.step;
}

bool UnrolledNetworkDiagram::gradientReached(const LayoutRow& row, int step) const {
  switch (m_phase.kind) {
    case Kind::Forward:
    case Kind::Loss:
      return false;
    case Kind::Clip:
    case Kind::Update:
      return true;
    case Kind::Backward:
      break;
  }
  if (!stacked()) {
    return step >= m_phase.step;
  }
  if (row.kind == LayoutRow::Kind::Input || step < 0 || step >= stepCount()) {
    return false;
  }
  // The backward pass takes the parts in the opposite order.
  const rnnlab::ModelConfig& config = m_trace->before.config;
  const int part = partOf(row, config);
  const int current = partOf(m_phase, config);
  if (part != current) {
    return part > current;
  }
  const bool reverse = row.kind == LayoutRow::Kind::Cell && row.direction == 1;
  return reverse ? step <= m_phase.step : step >= m_phase.step;
}

const DiagramLayout::Row& UnrolledNetworkDiagram::barRow() const {
  if (stacked() && m_phase.kind == Kind::Backward && !m_phase.isOutputLayer()) {
    return m_layout.cellRow(m_phase.layer, m_phase.direction);
  }
  return m_layout.cellRow(0, 0);
}

void UnrolledNetworkDiagram::updateScrollBar() {
  const int content = columnCount() * columnWidth();
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
  const int content = labelWidth() + columnCount() * 72 + Margin;
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

QString UnrolledNetworkDiagram::cellToolTip(const LayoutRow& row, int step) const {
  const rnnlab::ForwardPass& f = cellForward(row.layer, row.direction);
  const rnnlab::BackwardPass& b = m_trace->backwardOf(row.layer, row.direction);
  const bool reverse = row.direction == 1;
  const bool initial = reverse ? step == stepCount() : step < 0;
  const QString t = QString::number(step + 1);
  // A stack names the cell; a reverse cell's initial state is h_{T+1}, the step it comes before.
  const QString where = !stacked() ? QString()
                        : directions() == 2
                            ? tr(" (layer %1 %2)")
                                  .arg(row.layer)
                                  .arg(reverse ? QStringLiteral("←") : QStringLiteral("→"))
                            : tr(" (layer %1)").arg(row.layer);
  QString text = QStringLiteral("h_%1%2: %3")
                     .arg(t, where, formatValues(f.hidden.col(initial ? 0 : step + 1)));
  if (!initial) {
    text += QStringLiteral("\na_%1: %2").arg(t, formatValues(f.preActivations.col(step)));
    if (gradientReached(row, step)) {
      text += QStringLiteral("\nδh_%1: %2\nδa_%1: %3")
                  .arg(t, formatValues(b.hiddenGrad.col(step)),
                       formatValues(b.preActivationGrad.col(step)));
    }
  }
  return computed(row, step) ? text : tr("h_%1: not computed yet").arg(t);
}

QString UnrolledNetworkDiagram::toolTipTextAt(const QPoint& position) const {
  if (!m_trace || position.x() < labelWidth()) {
    return {};
  }
  const rnnlab::ForwardPass& f = m_trace->forward;
  for (int s = -1; s + 1 < columnCount(); ++s) {
    if (!columnRect(s).contains(position)) {
      continue;
    }
    const QString t = QString::number(s + 1);
    for (const LayoutRow& row : m_layout.rows()) {
      if (row.kind == LayoutRow::Kind::Cell && rowNodeRect(row, s).contains(position)) {
        return cellToolTip(row, s);
      }
    }
    if (s < 0 || s >= stepCount()) {
      return {};
    }
    if (nodeRect(Row::Input, s).contains(position)) {
      return QStringLiteral("x_%1: %2").arg(t, formatValues(f.inputs.col(s)));
    }
    const LayoutRow& output = m_layout.outputRow();
    if (nodeRect(Row::Output, s).contains(position)) {
      if (!computed(output, s)) {
        return tr("y_%1: not computed yet").arg(t);
      }
      QString text = QStringLiteral("y_%1: %2").arg(t, formatValues(f.outputs.col(s)));
      if (gradientReached(output, s)) {
        text += QStringLiteral("\nδy_%1: %2").arg(t, formatValues(f.outputGrad.col(s)));
      }
      return text;
    }
    const LayoutRow& bars = barRow();
    if (position.y() >= barTop() && gradientReached(bars, s)) {
      const CellCache& cache = cellCache(bars.layer, bars.direction);
      return QStringLiteral("‖δh_%1‖ = %2\n‖δa_%1‖ = %3")
          .arg(t, QString::number(cache.hiddenGradNorms(s), 'g', 6),
               QString::number(cache.preActivationGradNorms(s), 'g', 6));
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
  if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
    updateLayout();  // the header's height follows the font
  }
  return QWidget::event(event);
}
