#include "inspection/value_grid_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "widgets/color_scale.h"
#include "widgets/number_format.h"

namespace {

constexpr int Margin = 2;
constexpr int Gap = 2;
constexpr int CellPadding = 6;
constexpr int MinimumStrip = 14;  // a 256×1 vector still gets a visible strip
constexpr int MaximumImageCell = 8;

}  // namespace

ValueGridView::ValueGridView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void ValueGridView::setKey(const QString& key) { m_key = key; }

void ValueGridView::setTitle(const QString& title) {
  if (title == m_title) {
    return;
  }
  m_title = title;
  updateGeometry();
  update();
}

void ValueGridView::setMatrix(const rnnlab::Matrix& values, double scale) {
  m_values = values;
  m_requestedScale = scale;
  if (m_hovered.y() >= m_values.rows() || m_hovered.x() >= m_values.cols()) {
    m_hovered = {-1, -1};
  }
  updateScale();
  rebuildCache();
  updateGeometry();
  update();
}

void ValueGridView::setScale(double maxAbs) {
  m_requestedScale = maxAbs;
  const double previous = m_scale;
  updateScale();
  if (previous != m_scale) {
    rebuildCache();
    update();
  }
}

void ValueGridView::setNeutral(bool neutral) {
  m_neutral = neutral;
  update();
}

void ValueGridView::setMaximumExtent(int pixels) {
  m_maximumExtent = std::max(MinimumStrip, pixels);
  updateGeometry();
  update();
}

void ValueGridView::updateScale() {
  if (m_requestedScale > 0.0) {
    m_scale = m_requestedScale;
    return;
  }
  const double largest = largestFiniteMagnitude(m_values);
  m_scale = largest > 0.0 ? largest : 1.0;
}

bool ValueGridView::showsNumbers() const {
  return m_values.size() > 0 && m_values.rows() <= MaxNumberRows &&
         m_values.cols() <= MaxNumberColumns;
}

QString ValueGridView::formatValue(double value) { return formatNumber(value, 'g', 4); }

void ValueGridView::rebuildCache() {
  const auto rows = static_cast<int>(m_values.rows());
  const auto cols = static_cast<int>(m_values.cols());
  m_texts.clear();
  m_image = QImage();
  if (rows == 0 || cols == 0) {
    return;
  }
  if (showsNumbers()) {
    const QFontMetrics metrics = fontMetrics();
    int widest = metrics.horizontalAdvance(QStringLiteral("−0.000"));
    m_texts.reserve(rows * cols);
    for (Eigen::Index i = 0; i < m_values.size(); ++i) {
      m_texts.append(formatValue(m_values.data()[i]));
      widest = std::max(widest, metrics.horizontalAdvance(m_texts.back()));
    }
    m_cellWidth = widest + CellPadding;
    m_cellHeight = metrics.height() + 3;
    return;
  }
  fillColorImage(m_values, m_scale, m_image);
  m_norm = m_values.norm();
}

QString ValueGridView::headline() const {
  if (showsNumbers() || m_values.size() == 0) {
    return m_title;
  }
  return QStringLiteral("%1  ‖·‖ %2").arg(m_title, formatValue(m_norm));
}

int ValueGridView::titleHeight() const {
  return headline().isEmpty() ? 0 : fontMetrics().height() + Gap;
}

int ValueGridView::rowLabelWidth() const {
  // Index labels only where numbers are shown and there is more than one row.
  if (!showsNumbers() || m_values.rows() < 2) {
    return 0;
  }
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  return QFontMetrics(small).horizontalAdvance(QString::number(m_values.rows())) + Gap + 1;
}

int ValueGridView::columnLabelHeight() const {
  if (!showsNumbers() || m_values.cols() < 2) {
    return 0;
  }
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  return QFontMetrics(small).height();
}

QRect ValueGridView::plotRect() const {
  const auto rows = static_cast<int>(m_values.rows());
  const auto cols = static_cast<int>(m_values.cols());
  if (rows == 0 || cols == 0) {
    return {};
  }
  const int left = Margin + rowLabelWidth();
  const int top = Margin + titleHeight() + columnLabelHeight();
  if (showsNumbers()) {
    return {left, top, cols * m_cellWidth, rows * m_cellHeight};
  }
  const double cell = std::min<double>(MaximumImageCell,
                                       static_cast<double>(m_maximumExtent) / std::max(rows, cols));
  const int width = std::max(MinimumStrip, static_cast<int>(std::lround(cols * cell)));
  const int height = std::max(MinimumStrip, static_cast<int>(std::lround(rows * cell)));
  return {left, top, width, height};
}

QRect ValueGridView::cellRect(int row, int col) const {
  if (row < 0 || col < 0 || row >= m_values.rows() || col >= m_values.cols()) {
    return {};
  }
  const QRect plot = plotRect();
  const auto edge = [](int start, int length, int index, Eigen::Index count) {
    return start + static_cast<int>(static_cast<long long>(length) * index / count);
  };
  const int x0 = edge(plot.left(), plot.width(), col, m_values.cols());
  const int x1 = edge(plot.left(), plot.width(), col + 1, m_values.cols());
  const int y0 = edge(plot.top(), plot.height(), row, m_values.rows());
  const int y1 = edge(plot.top(), plot.height(), row + 1, m_values.rows());
  return {x0, y0, x1 - x0, y1 - y0};
}

QPoint ValueGridView::cellAt(const QPoint& position) const {
  const QRect plot = plotRect();
  if (plot.isEmpty() || !plot.contains(position)) {
    return {-1, -1};
  }
  const auto index = [](int offset, int length, Eigen::Index count) {
    return std::clamp(static_cast<int>(static_cast<long long>(offset) * count / length), 0,
                      static_cast<int>(count) - 1);
  };
  return {index(position.x() - plot.left(), plot.width(), m_values.cols()),
          index(position.y() - plot.top(), plot.height(), m_values.rows())};
}

QSize ValueGridView::sizeHint() const {
  const QFontMetrics metrics = fontMetrics();
  const QRect plot = plotRect();
  QFont bold = font();
  bold.setBold(true);
  const int titleWidth = QFontMetrics(bold).horizontalAdvance(headline());
  if (plot.isEmpty()) {
    return {std::max(40, titleWidth + 2 * Margin), titleHeight() + metrics.height() + 2 * Margin};
  }
  return {std::max(plot.right() + 1, titleWidth) + Margin + 1, plot.bottom() + 1 + Margin + 1};
}

QSize ValueGridView::minimumSizeHint() const { return sizeHint(); }

void ValueGridView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QColor text = palette().color(QPalette::WindowText);
  const QFontMetrics metrics = fontMetrics();
  const QString head = headline();
  if (!head.isEmpty()) {
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(QRect(Margin, Margin, width() - 2 * Margin, metrics.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, head);
    painter.setFont(font());
  }
  const QRect plot = plotRect();
  if (plot.isEmpty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(QRect(Margin, Margin + titleHeight(), width(), metrics.height()),
                     Qt::AlignLeft, tr("none"));
    return;
  }
  const auto rows = static_cast<int>(m_values.rows());
  const auto cols = static_cast<int>(m_values.cols());
  if (showsNumbers()) {
    const QColor separator = palette().color(QPalette::Window);
    for (int c = 0; c < cols; ++c) {
      for (int r = 0; r < rows; ++r) {
        const QRect cell = cellRect(r, c);
        const QColor background =
            m_neutral ? QColor(Qt::white) : divergingColor(m_values(r, c), m_scale);
        painter.fillRect(cell, background);
        painter.setPen(textColorOn(background));
        painter.drawText(cell.adjusted(0, 0, -CellPadding / 2, 0),
                         Qt::AlignRight | Qt::AlignVCenter, m_texts[c * rows + r]);
        painter.setPen(separator);
        painter.drawLine(cell.topRight(), cell.bottomRight());
        painter.drawLine(cell.bottomLeft(), cell.bottomRight());
      }
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    painter.setFont(small);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    if (rows > 1) {
      for (int r = 0; r < rows; ++r) {
        const QRect cell = cellRect(r, 0);
        painter.drawText(QRect(Margin, cell.top(), plot.left() - Margin - Gap, cell.height()),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(r + 1));
      }
    }
    if (cols > 1) {
      const int labelHeight = columnLabelHeight();
      for (int c = 0; c < cols; ++c) {
        const QRect cell = cellRect(0, c);
        painter.drawText(QRect(cell.left(), plot.top() - labelHeight, cell.width(), labelHeight),
                         Qt::AlignHCenter | Qt::AlignBottom, QString::number(c + 1));
      }
    }
    painter.setFont(font());
  } else {
    // Shrinking averages neighbours (smooth); enlarging keeps cells crisp (nearest neighbour).
    const bool shrinking = plot.width() < cols || plot.height() < rows;
    painter.setRenderHint(QPainter::SmoothPixmapTransform, shrinking);
    painter.drawImage(plot, m_image);
  }
  painter.setPen(palette().color(QPalette::Mid));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(plot.adjusted(-1, -1, 0, 0));
  if (m_hovered.x() >= 0) {
    painter.setPen(QPen(text, 1));
    painter.drawRect(cellRect(m_hovered.y(), m_hovered.x()).adjusted(0, 0, -1, -1));
  }
}

bool ValueGridView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QPoint cell = cellAt(help->pos());
    if (cell.x() < 0) {
      QToolTip::hideText();
      event->ignore();
      return true;
    }
    const double value = m_values(cell.y(), cell.x());
    const QString where = m_values.cols() == 1
                              ? QStringLiteral("[%1]").arg(cell.y() + 1)
                              : QStringLiteral("[%1, %2]").arg(cell.y() + 1).arg(cell.x() + 1);
    QString text =
        QStringLiteral("%1 %2 = %3").arg(m_title, where, QString::number(value, 'g', 17));
    if (m_values.size() > 1) {
      text += QStringLiteral("\n‖%1‖ = %2").arg(m_title, QString::number(m_values.norm(), 'g', 6));
    }
    QToolTip::showText(help->globalPos(), text, this, cellRect(cell.y(), cell.x()));
    return true;
  }
  return QWidget::event(event);
}

void ValueGridView::mouseMoveEvent(QMouseEvent* event) {
  const QPoint cell = cellAt(event->position().toPoint());
  if (cell != m_hovered) {
    m_hovered = cell;
    update();
    emit hoveredElementChanged(m_key, cell.y(), cell.x());
  }
  QWidget::mouseMoveEvent(event);
}

void ValueGridView::leaveEvent(QEvent* event) {
  if (m_hovered.x() >= 0) {
    m_hovered = {-1, -1};
    update();
    emit hoveredElementChanged(m_key, -1, -1);
  }
  QWidget::leaveEvent(event);
}

void ValueGridView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) {
    rebuildCache();
    updateGeometry();
  }
  QWidget::changeEvent(event);
}
