#include "widgets/heatmap_widget.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <array>
#include <cmath>

#include "widgets/color_legend.h"
#include "widgets/color_scale.h"
#include "widgets/number_format.h"
#include "widgets/presentation_style.h"
#include "widgets/tool_tips.h"

namespace {

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

QString HeatmapWidget::titleToFit(const QString& title, const QFontMetrics& metrics, int width) {
  if (metrics.horizontalAdvance(title) <= width) {
    return title;
  }
  const qsizetype bracket = title.indexOf(QStringLiteral(" ("));
  return metrics.elidedText(bracket < 0 ? title : title.left(bracket), Qt::ElideRight, width);
}

void HeatmapWidget::setNonNegative(bool nonNegative) {
  m_nonNegative = nonNegative;
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
                     titleToFit(m_title, QFontMetrics(bold), layout.title.width()));
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
    // Centred under the plot, overhanging it a little, but never past the widget's edges.
    const QRect box =
        QRect(plot.left() - 40, layout.columnsTitleTop, plot.width() + 80, line).intersected(rect());
    painter.drawText(box, Qt::AlignHCenter | Qt::AlignTop,
                     metrics.elidedText(m_columnsTitle, Qt::ElideRight, box.width()));
  }
  if (!m_rowsTitle.isEmpty() && !layout.rowsTitleRotated) {
    painter.drawText(layout.rowsTitle, Qt::AlignRight | Qt::AlignVCenter, m_rowsTitle);
  } else if (!m_rowsTitle.isEmpty()) {
    // Beside the plot, from below the title down to the column labels' line: a short plot (W_hy
    // of a text model) elides the title rather than run it into the title above.
    const QRect box = layout.rowsTitle;
    const int top = std::max(box.top() - 40, m_title.isEmpty() ? 0 : layout.title.bottom() + 2);
    const int bottom = std::min(box.bottom() + 40, layout.columnsTitleTop - 1);
    painter.save();
    painter.translate(box.left(), bottom);
    painter.rotate(-90);
    painter.drawText(QRect(0, 0, bottom - top + 1, box.width()),
                     Qt::AlignHCenter | Qt::AlignVCenter,
                     metrics.elidedText(m_rowsTitle, Qt::ElideRight, bottom - top + 1));
    painter.restore();
  }
  if (m_legendVisible) {
    ColorLegend::paint(painter, layout.legend, m_scale, text, m_nonNegative);
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
