#include "widgets/heatmap_widget.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <array>
#include <cmath>

#include "widgets/axis_ticks.h"
#include "widgets/color_legend.h"
#include "widgets/color_scale.h"
#include "widgets/number_format.h"
#include "widgets/presentation_style.h"
#include "widgets/tool_tips.h"

namespace {

constexpr int Margin = 4;
constexpr int Gap = 4;
constexpr int LegendGap = 10;
// The least space between two column labels: enough to tell "x1" from "x2", so a label is only
// skipped when it would touch its neighbour.
constexpr int ColumnLabelGap = 3;

// Enough decimals to tell the largest values apart at this scale (2 at scale 1, 3 at 0.1, ...).
int decimalsFor(double scale) {
  if (!(scale > 0.0) || !std::isfinite(scale)) {
    return 2;
  }
  return std::clamp(2 - static_cast<int>(std::floor(std::log10(scale))), 2, 6);
}

QString cellText(double value, int decimals) { return formatNumber(value, 'f', decimals); }

}  // namespace

// One shared empty matrix: a heatmap without data allocates nothing.
std::shared_ptr<const rnnlab::Matrix> HeatmapWidget::emptyMatrix() {
  static const auto empty = std::make_shared<const rnnlab::Matrix>();
  return empty;
}

HeatmapWidget::HeatmapWidget(QWidget* parent) : QWidget(parent), m_values(emptyMatrix()) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  updateLabelMetrics();
}

void HeatmapWidget::setMatrix(const rnnlab::Matrix& values) {
  setMatrix(std::make_shared<const rnnlab::Matrix>(values));
}

void HeatmapWidget::setMatrix(std::shared_ptr<const rnnlab::Matrix> values) {
  setValues(std::move(values), nullptr);
}

void HeatmapWidget::setPooledMatrix(std::shared_ptr<const rnnlab::Matrix> values, double maxAbs,
                                    rnnlab::Matrix strongest, QSize block) {
  m_requestedScale = maxAbs;
  Pooling pooling{std::move(strongest), block};
  setValues(std::move(values), &pooling);
}

void HeatmapWidget::setValues(std::shared_ptr<const rnnlab::Matrix> values, Pooling* pooling) {
  if (!values) {
    values = emptyMatrix();
  }
  const bool shapeChanged =
      values->rows() != m_values->rows() || values->cols() != m_values->cols();
  m_values = std::move(values);
  updateScale();
  if (pooling != nullptr) {
    m_pooled = std::move(pooling->strongest);
    m_block = pooling->block;
    recolorImage();
  } else {
    rebuildImage();
  }
  if (shapeChanged) {
    updateLabelMetrics();
    updateGeometry();
  }
  update();
}

void HeatmapWidget::setMatrix(const rnnlab::Matrix& values, double maxAbs) {
  m_requestedScale = maxAbs;
  setMatrix(values);
}

void HeatmapWidget::setMatrix(std::shared_ptr<const rnnlab::Matrix> values, double maxAbs) {
  m_requestedScale = maxAbs;
  setMatrix(std::move(values));
}

void HeatmapWidget::setSymmetricScale(double maxAbs) {
  m_requestedScale = maxAbs;
  const double previous = m_scale;
  updateScale();
  if (m_scale != previous) {
    recolorImage();
    update();
  }
}

void HeatmapWidget::updateScale() {
  if (m_requestedScale > 0.0) {
    m_scale = m_requestedScale;
    return;
  }
  const double largest = largestFiniteMagnitude(*m_values);
  m_scale = largest > 0.0 ? largest : 1.0;
}

void HeatmapWidget::rebuildImage() {
  m_block = poolStrongest(*m_values, MaxImageSide, m_pooled);
  recolorImage();
}

void HeatmapWidget::recolorImage() {
  // As fillPooledColorImage, with the pooling kept: a new scale only colours it again.
  if (m_block == QSize(1, 1)) {
    fillColorImage(*m_values, m_scale, m_image);
  } else {
    fillColorImage(m_pooled, m_scale, m_image);
  }
}

void HeatmapWidget::setTitle(const QString& title) {
  if (title == m_title) {
    return;
  }
  m_title = title;
  updateGeometry();
  update();
}

void HeatmapWidget::setAxisTitles(const QString& rowsTitle, const QString& columnsTitle) {
  if (rowsTitle == m_rowsTitle && columnsTitle == m_columnsTitle) {
    return;
  }
  m_rowsTitle = rowsTitle;
  m_columnsTitle = columnsTitle;
  updateGeometry();
  update();
}

void HeatmapWidget::setRowLabels(const QStringList& labels) {
  if (labels == m_rowLabels) {
    return;
  }
  m_rowLabels = labels;
  updateLabelMetrics();
  update();
}

void HeatmapWidget::setColumnLabels(const QStringList& labels) {
  if (labels == m_columnLabels) {
    return;
  }
  m_columnLabels = labels;
  updateLabelMetrics();
  update();
}

void HeatmapWidget::setLegendVisible(bool visible) {
  if (visible == m_legendVisible) {
    return;
  }
  m_legendVisible = visible;
  updateGeometry();
  update();
}

void HeatmapWidget::setShowValues(bool show) {
  if (show == m_showValues) {
    return;
  }
  m_showValues = show;
  update();
}

void HeatmapWidget::setMaximumCellSize(int pixels) {
  pixels = std::max(1, pixels);
  if (pixels == m_maximumCellSize) {
    return;
  }
  m_maximumCellSize = pixels;
  update();
}

QString HeatmapWidget::rowLabel(int row) const {
  return row < m_rowLabels.size() ? m_rowLabels[row] : QString::number(row + 1);
}

QString HeatmapWidget::columnLabel(int column) const {
  return column < m_columnLabels.size() ? m_columnLabels[column] : QString::number(column + 1);
}

void HeatmapWidget::updateLabelMetrics() {
  // Measured when next needed (rowLabelWidth(), columnLabelWidth()): with thousands of labels
  // that takes milliseconds, and a new matrix often comes with new labels for both axes.
  m_rowLabelWidth = -1;
  m_columnLabelWidth = -1;
}

int HeatmapWidget::widestLabel(const QStringList& labels, Eigen::Index count) const {
  const QFontMetrics metrics = fontMetrics();
  int width = metrics.horizontalAdvance(QString::number(count));
  for (const QString& label : labels) {
    width = std::max(width, metrics.horizontalAdvance(label));
  }
  return width;
}

int HeatmapWidget::rowLabelWidth() const {
  if (m_rowLabelWidth < 0) {
    m_rowLabelWidth = widestLabel(m_rowLabels, m_values->rows());
  }
  return m_rowLabelWidth;
}

int HeatmapWidget::columnLabelWidth() const {
  if (m_columnLabelWidth < 0) {
    m_columnLabelWidth = widestLabel(m_columnLabels, m_values->cols());
  }
  return m_columnLabelWidth;
}

HeatmapWidget::Layout HeatmapWidget::computeLayout() const {
  Layout layout = computeLayout(true);
  // A rotated rows title longer than a few rows would run into the title above (W_hy with one
  // output): it goes level, beside the row labels, instead. Many rows keep it rotated even when
  // the widget is small, where a level title would take the little width there is.
  const int titleLength = fontMetrics().horizontalAdvance(m_rowsTitle);
  if (!m_rowsTitle.isEmpty() && titleLength > layout.plot.height() + 2 * Gap &&
      titleLength > m_values->rows() * 12) {
    layout = computeLayout(false);
  }
  return layout;
}

HeatmapWidget::Layout HeatmapWidget::computeLayout(bool rotatedRowsTitle) const {
  Layout layout;
  layout.rowsTitleRotated = rotatedRowsTitle;
  const QFontMetrics metrics = fontMetrics();
  const int line = metrics.height();
  const QRect area = rect().adjusted(Margin, Margin, -Margin, -Margin);
  const auto rows = static_cast<int>(m_values->rows());
  const auto cols = static_cast<int>(m_values->cols());

  int top = area.top();
  const int titleHeight = m_title.isEmpty() ? 0 : line + 2 + Gap;
  top += titleHeight;
  int left = area.left();
  const int rowsTitleWidth = rotatedRowsTitle ? line : metrics.horizontalAdvance(m_rowsTitle);
  if (!m_rowsTitle.isEmpty()) {
    left += rowsTitleWidth + Gap;
  }
  const int labelWidth = rows > 0 ? rowLabelWidth() : 0;
  left += labelWidth + Gap;
  int bottom = area.bottom() + 1;
  if (!m_columnsTitle.isEmpty()) {
    bottom -= line;
  }
  if (cols > 0) {
    bottom -= line + 2;
  }
  const int legendWidth =
      m_legendVisible ? ColorLegend::preferredWidth(metrics, m_scale) + LegendGap : 0;
  const int right = area.right() + 1 - legendWidth;
  const QRect available(left, top, std::max(1, right - left), std::max(1, bottom - top));

  QRect plot = available;
  if (rows > 0 && cols > 0) {
    // Whole-pixel cells where they fit, so nearest-neighbour scaling gives every cell the same
    // size; square when both directions allow it.
    int cellWidth = available.width() / cols;
    int cellHeight = available.height() / rows;
    layout.fittingCellSize = std::max(0, std::min(cellWidth, cellHeight));
    // Cells grow with the text in a presentation, so that the values still fit in them.
    const int maxCell =
        static_cast<int>(m_maximumCellSize * PresentationStyle::current().textScale + 0.5);
    if (cellWidth >= 1 && cellHeight >= 1) {
      const int side = std::min({cellWidth, cellHeight, maxCell});
      // Square cells unless the matrix is very elongated and squares would leave it tiny.
      const bool square =
          std::min(cellWidth, cellHeight) * 3 >= std::max(cellWidth, cellHeight) || side >= 12;
      const int availableWidth = cellWidth;
      cellWidth = square ? side : std::min(cellWidth, maxCell);
      cellHeight = square ? side : std::min(cellHeight, maxCell);
      // Every column label needs its width plus a gap: where the width allows, the columns grow
      // to that (the rows keep their height) instead of every other label being dropped.
      const int labelPitch = columnLabelWidth() + ColumnLabelGap;
      if (cellWidth < labelPitch && availableWidth >= labelPitch) {
        cellWidth = labelPitch;
      }
      plot.setSize({cellWidth * cols, cellHeight * rows});
    } else {
      if (cellWidth >= 1) {
        plot.setWidth(std::min(cellWidth, maxCell) * cols);
      }
      if (cellHeight >= 1) {
        plot.setHeight(std::min(cellHeight, maxCell) * rows);
      }
    }
    const double cellW = static_cast<double>(plot.width()) / cols;
    const double cellH = static_cast<double>(plot.height()) / rows;
    layout.rowLabelStep = niceStep(line / cellH);
    layout.columnLabelStep = niceStep((columnLabelWidth() + ColumnLabelGap) / cellW);
  }
  // Centre the whole block (title, labels, plot, legend) in the free space.
  plot.translate(std::max(0, (available.width() - plot.width()) / 2),
                 std::max(0, (available.height() - plot.height()) / 2));
  layout.plot = plot;
  if (!m_title.isEmpty()) {
    layout.title = QRect(area.left(), plot.top() - titleHeight, area.width(), line + 2);
  }
  layout.rowLabelRight = plot.left() - Gap;
  if (!m_rowsTitle.isEmpty()) {
    const int x = layout.rowLabelRight - labelWidth - Gap - rowsTitleWidth;
    layout.rowsTitle = rotatedRowsTitle
                           ? QRect(x, plot.top(), line, plot.height())
                           : QRect(x, plot.center().y() - line / 2, rowsTitleWidth, line);
  }
  layout.columnLabelTop = plot.bottom() + 3;
  layout.columnsTitleTop = layout.columnLabelTop + (cols > 0 ? line + 2 : 0);
  if (m_legendVisible) {
    const int legendHeight = std::max(plot.height() + line, 5 * line);
    layout.legend = QRect(plot.right() + 1 + LegendGap, plot.top() - line / 2,
                          legendWidth - LegendGap, legendHeight);
  }
  return layout;
}

int HeatmapWidget::fittingCellSize() const { return computeLayout().fittingCellSize; }

int HeatmapWidget::rowLabelStep() const { return computeLayout().rowLabelStep; }

int HeatmapWidget::columnLabelStep() const { return computeLayout().columnLabelStep; }

QRect HeatmapWidget::cellRect(int row, int col) const {
  if (row < 0 || col < 0 || row >= m_values->rows() || col >= m_values->cols()) {
    return {};
  }
  return cellRectIn(computeLayout().plot, row, col);
}

QRect HeatmapWidget::cellRectIn(const QRect& plot, int row, int col) const {
  // Cell edges at floor(length · index / count): whole-pixel cells tile the plot exactly.
  const auto edge = [](int start, int length, int index, Eigen::Index count) {
    return start + static_cast<int>(static_cast<long long>(length) * index / count);
  };
  const Eigen::Index rows = m_values->rows();
  const Eigen::Index cols = m_values->cols();
  const int x0 = edge(plot.left(), plot.width(), col, cols);
  const int x1 = edge(plot.left(), plot.width(), col + 1, cols);
  const int y0 = edge(plot.top(), plot.height(), row, rows);
  const int y1 = edge(plot.top(), plot.height(), row + 1, rows);
  return {x0, y0, x1 - x0, y1 - y0};
}

QPoint HeatmapWidget::cellAt(const QPoint& position) const {
  const auto rows = static_cast<int>(m_values->rows());
  const auto cols = static_cast<int>(m_values->cols());
  const QRect plot = computeLayout().plot;
  if (rows == 0 || cols == 0 || !plot.contains(position)) {
    return {-1, -1};
  }
  const auto index = [](int offset, int length, int count) {
    return std::clamp(static_cast<int>(static_cast<long long>(offset) * count / length), 0,
                      count - 1);
  };
  return {index(position.x() - plot.left(), plot.width(), cols),
          index(position.y() - plot.top(), plot.height(), rows)};
}

QString HeatmapWidget::toolTipTextAt(const QPoint& position) const {
  const QPoint cell = cellAt(position);
  if (cell.x() < 0) {
    return {};
  }
  const double value = (*m_values)(cell.y(), cell.x());
  const auto named = [](const QString& title, const QString& label) {
    return title.isEmpty() ? label : title + QLatin1Char(' ') + label;
  };
  return tr("%1 · %2\nvalue %3\nexact %4")
      .arg(named(m_rowsTitle.isEmpty() ? tr("row") : m_rowsTitle, rowLabel(cell.y())),
           named(m_columnsTitle.isEmpty() ? tr("column") : m_columnsTitle, columnLabel(cell.x())),
           QString::asprintf("%.6g", value), QString::number(value, 'g', 17));
}

QSize HeatmapWidget::sizeHint() const {
  const QFontMetrics metrics = fontMetrics();
  const int line = metrics.height();
  // Comfortable cells for small matrices, a sensible box for large ones.
  const auto rows = static_cast<int>(std::max<Eigen::Index>(1, m_values->rows()));
  const auto cols = static_cast<int>(std::max<Eigen::Index>(1, m_values->cols()));
  const int cell = std::clamp(360 / std::max(rows, cols), 2, 40);
  int width = std::clamp(cols * cell, 60, 480) + rowLabelWidth() + 3 * Margin + Gap;
  int height = std::clamp(rows * cell, 60, 360) + 2 * line + 2 * Margin + Gap;
  if (!m_rowsTitle.isEmpty()) {
    width += line + Gap;
  }
  if (!m_title.isEmpty()) {
    height += line + Gap;
  }
  if (!m_columnsTitle.isEmpty()) {
    height += line;
  }
  if (m_legendVisible) {
    width += ColorLegend::preferredWidth(metrics, m_scale) + LegendGap;
  }
  return {width, height};
}

QSize HeatmapWidget::minimumSizeHint() const {
  const QFontMetrics metrics = fontMetrics();
  const int line = metrics.height();
  QFont bold = font();
  bold.setBold(true);
  // A long title is elided rather than made a minimum: in a narrow dock the heatmaps beside it
  // and their colour legend matter more than its last words.
  const int titleWidth =
      std::min(QFontMetrics(bold).horizontalAdvance(m_title), 5 * line) + 2 * Margin;
  int width = std::max(titleWidth, rowLabelWidth() + 60 + (m_rowsTitle.isEmpty() ? 0 : line));
  if (m_legendVisible) {
    width += ColorLegend::preferredWidth(metrics, m_scale) + LegendGap;
  }
  return {std::max(100, width), 6 * line};
}

void HeatmapWidget::setRowSeparators(const QList<int>& rows) {
  if (rows == m_rowSeparators) {
    return;
  }
  m_rowSeparators = rows;
  update();
}

void HeatmapWidget::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QColor text = palette().color(QPalette::WindowText);
  const PresentationStyle& style = PresentationStyle::current();
  const Layout layout = computeLayout();
  const QFontMetrics metrics = fontMetrics();
  const int line = metrics.height();

  if (!m_title.isEmpty()) {
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(layout.title, Qt::AlignHCenter | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(m_title, Qt::ElideRight, layout.title.width()));
    painter.setFont(font());
  }

  const auto rows = static_cast<int>(m_values->rows());
  const auto cols = static_cast<int>(m_values->cols());
  if (rows == 0 || cols == 0 || m_image.isNull()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter, tr("no data"));
    return;
  }

  const QRect plot = layout.plot;
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter.drawImage(plot, m_image);

  const double cellW = static_cast<double>(plot.width()) / cols;
  const double cellH = static_cast<double>(plot.height()) / rows;
  // Thin separators when cells are big enough: equal neighbours (say two zeros) stay distinct.
  if (cellW >= 10 && cellH >= 10) {
    painter.setPen(QPen(palette().color(QPalette::Window), style.lineWidth(1)));
    for (int c = 1; c < cols; ++c) {
      const int x = cellRectIn(plot, 0, c).left();
      painter.drawLine(x, plot.top(), x, plot.bottom());
    }
    for (int r = 1; r < rows; ++r) {
      const int y = cellRectIn(plot, r, 0).top();
      painter.drawLine(plot.left(), y, plot.right(), y);
    }
  }
  const int decimals = decimalsFor(m_scale);
  // The widest text at this scale is about "−S.dd" with S the scale's leading digits.
  const QString widest = cellText(-m_scale, decimals);
  if (m_showValues && cellH >= line && cellW >= metrics.horizontalAdvance(widest) + 2) {
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c) {
        const QRect cell = cellRectIn(plot, r, c);
        painter.setPen(textColorOn(divergingColor((*m_values)(r, c), m_scale)));
        painter.drawText(cell, Qt::AlignCenter, cellText((*m_values)(r, c), decimals));
      }
    }
  }
  painter.setPen(QPen(text, style.lineWidth(1)));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(plot.adjusted(-1, -1, 0, 0));
  // Group boundaries (the gate blocks of a stacked weight matrix): a line in the text colour.
  painter.setPen(QPen(text, style.lineWidth(2)));
  for (int r : m_rowSeparators) {
    if (r > 0 && r < rows) {
      const int y = cellRectIn(plot, r, 0).top();
      painter.drawLine(plot.left() - 1, y, plot.right(), y);
    }
  }
  painter.setPen(text);

  // Row labels, right-aligned against the plot, every rowLabelStep-th when cells are small.
  for (int r = 0; r < rows; ++r) {
    if (layout.rowLabelStep > 1 && (r + 1) % layout.rowLabelStep != 0) {
      continue;
    }
    const int centre = plot.top() + static_cast<int>((r + 0.5) * cellH);
    const QRect box(layout.rowLabelRight - rowLabelWidth() - 2, centre - line / 2,
                    rowLabelWidth() + 2, line);
    painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, rowLabel(r));
  }
  for (int c = 0; c < cols; ++c) {
    if (layout.columnLabelStep > 1 && (c + 1) % layout.columnLabelStep != 0) {
      continue;
    }
    const int centre = plot.left() + static_cast<int>((c + 0.5) * cellW);
    const int width = columnLabelWidth() + ColumnLabelGap;
    const QRect box(centre - width / 2, layout.columnLabelTop, width, line);
    painter.drawText(box, Qt::AlignHCenter | Qt::AlignTop, columnLabel(c));
  }
  if (!m_columnsTitle.isEmpty()) {
    const QRect box(plot.left() - 40, layout.columnsTitleTop, plot.width() + 80, line);
    painter.drawText(box, Qt::AlignHCenter | Qt::AlignTop, m_columnsTitle);
  }
  if (!m_rowsTitle.isEmpty() && !layout.rowsTitleRotated) {
    painter.drawText(layout.rowsTitle, Qt::AlignRight | Qt::AlignVCenter, m_rowsTitle);
  } else if (!m_rowsTitle.isEmpty()) {
    painter.save();
    const QRect box = layout.rowsTitle;
    painter.translate(box.left(), box.bottom());
    painter.rotate(-90);
    painter.drawText(QRect(-40, 0, box.height() + 80, box.width()),
                     Qt::AlignHCenter | Qt::AlignVCenter, m_rowsTitle);
    painter.restore();
  }
  if (m_legendVisible) {
    ColorLegend::paint(painter, layout.legend, m_scale, text);
  }
}

bool HeatmapWidget::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QPoint cell = cellAt(help->pos());
    answerToolTip(this, help, toolTipTextAt(help->pos()), cellRect(cell.y(), cell.x()));
    return true;
  }
  return QWidget::event(event);
}

void HeatmapWidget::mouseDoubleClickEvent(QMouseEvent* event) {
  const QPoint cell = cellAt(event->position().toPoint());
  if (cell.x() >= 0) {
    emit cellDoubleClicked(cell.y(), cell.x());
  }
  QWidget::mouseDoubleClickEvent(event);
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent* event) {
  setHoveredCell(cellAt(event->position().toPoint()));
  QWidget::mouseMoveEvent(event);
}

void HeatmapWidget::leaveEvent(QEvent* event) {
  setHoveredCell({-1, -1});
  QWidget::leaveEvent(event);
}

void HeatmapWidget::setHoveredCell(QPoint cell) {
  if (cell == m_hoveredCell) {
    return;
  }
  m_hoveredCell = cell;
  emit hoveredCellChanged(cell.y(), cell.x());
}

void HeatmapWidget::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) {
    updateLabelMetrics();
    updateGeometry();
  }
  QWidget::changeEvent(event);
}
