// HeatmapWidget's geometry: where the title, labels, cells and legend go at the current size,
// which labels fit, and the size hints. Painting and data handling are in heatmap_widget.cpp.

#include <QFontMetrics>
#include <algorithm>
#include <cmath>

#include "widgets/color_legend.h"
#include "widgets/axis_ticks.h"
#include "widgets/heatmap_widget.h"
#include "widgets/presentation_style.h"

namespace {

constexpr int Margin = 4;
constexpr int Gap = 4;
constexpr int LegendGap = 10;

}  // namespace

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

