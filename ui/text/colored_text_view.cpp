#include "text/colored_text_view.h"

#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

#include "widgets/color_scale.h"

namespace {

constexpr int Margin = 4;
constexpr int CellPadding = 1;

}  // namespace

ColoredTextView::ColoredTextView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
  policy.setHeightForWidth(true);
  setSizePolicy(policy);
  setMinimumWidth(160);
}

void ColoredTextView::setCharacters(std::u32string characters, std::vector<QColor> colors,
                                    std::vector<QString> toolTips) {
  m_characters = std::move(characters);
  m_colors = std::move(colors);
  m_toolTips = std::move(toolTips);
  layout(width(), true);
  updateGeometry();
  update();
}

void ColoredTextView::clear() { setCharacters({}, {}, {}); }

void ColoredTextView::setMarks(std::vector<Mark> marks) {
  m_marks = std::move(marks);
  update();
}

QColor ColoredTextView::characterColor(int index) const {
  if (index < 0 || index >= static_cast<int>(m_colors.size())) {
    return Qt::white;
  }
  return m_colors[static_cast<std::size_t>(index)];
}

QString ColoredTextView::characterToolTip(int index) const {
  if (index < 0 || index >= static_cast<int>(m_toolTips.size())) {
    return {};
  }
  return m_toolTips[static_cast<std::size_t>(index)];
}

QRect ColoredTextView::characterRect(int index) const {
  if (index < 0 || index >= static_cast<int>(m_rects.size())) {
    return {};
  }
  return m_rects[static_cast<std::size_t>(index)];
}

int ColoredTextView::characterAt(const QPoint& point) const {
  for (std::size_t i = 0; i < m_rects.size(); ++i) {
    if (m_rects[i].contains(point)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

QString ColoredTextView::glyph(int index) const {
  const char32_t c = m_characters[static_cast<std::size_t>(index)];
  if (c == U'\n') {
    return QStringLiteral("↵");
  }
  if (c == U'\t') {
    return QStringLiteral("→");
  }
  return QString::fromUcs4(&c, 1);
}

int ColoredTextView::layout(int width, bool store) const {
  const QFontMetrics metrics(font());
  const int lineHeight = metrics.height() + 2 * CellPadding;
  const int right = std::max(width - Margin, Margin + 1);
  int x = Margin;
  int y = Margin;
  if (store) {
    m_rects.assign(m_characters.size(), QRect());
  }
  for (int i = 0; i < static_cast<int>(m_characters.size()); ++i) {
    const int advance = std::max(metrics.horizontalAdvance(glyph(i)), metrics.averageCharWidth()) +
                        2 * CellPadding;
    if (x + advance > right && x > Margin) {
      x = Margin;
      y += lineHeight;
    }
    if (store) {
      m_rects[static_cast<std::size_t>(i)] = QRect(x, y, advance, lineHeight);
    }
    x += advance;
    if (m_characters[static_cast<std::size_t>(i)] == U'\n') {
      x = Margin;
      y += lineHeight;
    }
  }
  return y + lineHeight + Margin;
}

QSize ColoredTextView::sizeHint() const { return {420, heightForWidth(420)}; }

int ColoredTextView::heightForWidth(int width) const { return layout(width, false); }

void ColoredTextView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  layout(width(), true);
}

void ColoredTextView::paintEvent(QPaintEvent* /*event*/) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().base());
  for (int i = 0; i < static_cast<int>(m_rects.size()); ++i) {
    const QRect r = m_rects[static_cast<std::size_t>(i)];
    const QColor background = characterColor(i);
    painter.fillRect(r, background);
    const bool control = m_characters[static_cast<std::size_t>(i)] == U'\n' ||
                         m_characters[static_cast<std::size_t>(i)] == U'\t';
    QColor ink = textColorOn(background);
    if (control) {
      ink.setAlpha(140);  // the stand-in arrows must not read as text
    }
    painter.setPen(ink);
    painter.drawText(r, Qt::AlignCenter, glyph(i));
  }
  for (const Mark& mark : m_marks) {
    drawMark(painter, mark);
  }
  if (m_dragAnchor >= 0 && m_dragEnd >= 0 && m_dragEnd != m_dragAnchor) {
    drawMark(painter, {std::min(m_dragAnchor, m_dragEnd), std::max(m_dragAnchor, m_dragEnd) + 1,
                       palette().color(QPalette::Highlight), 2});
  }
}

void ColoredTextView::drawMark(QPainter& painter, const Mark& mark) const {
  const int count = static_cast<int>(m_rects.size());
  const int begin = std::max(mark.begin, 0);
  const int end = std::min(mark.end, count);
  if (begin >= end) {
    return;
  }
  QPen pen(mark.color, mark.width);
  pen.setCapStyle(Qt::FlatCap);
  painter.setPen(pen);
  const int inset = mark.width / 2;
  for (int i = begin; i < end; ++i) {
    const QRect r = m_rects[static_cast<std::size_t>(i)].adjusted(0, inset, 0, -inset);
    painter.drawLine(r.left(), r.top(), r.right() + 1, r.top());
    painter.drawLine(r.left(), r.bottom(), r.right() + 1, r.bottom());
    // Sides where the stretch starts and ends, and where a wrapped line breaks it.
    const bool first =
        i == begin || m_rects[static_cast<std::size_t>(i - 1)].top() != r.top() - inset;
    const bool last =
        i + 1 == end || m_rects[static_cast<std::size_t>(i + 1)].top() != r.top() - inset;
    if (first) {
      painter.drawLine(r.left() + inset, r.top(), r.left() + inset, r.bottom());
    }
    if (last) {
      painter.drawLine(r.right() + 1 - inset, r.top(), r.right() + 1 - inset, r.bottom());
    }
  }
}

bool ColoredTextView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int index = characterAt(help->pos());
    const QString tip = characterToolTip(index);
    if (tip.isEmpty()) {
      QToolTip::hideText();
      event->ignore();
    } else {
      QToolTip::showText(help->globalPos(), tip, this, characterRect(index));
    }
    return true;
  }
  return QWidget::event(event);
}

int ColoredTextView::nearestCharacter(const QPoint& point) const {
  const int exact = characterAt(point);
  if (exact >= 0 || m_rects.empty()) {
    return exact;
  }
  // Beside a line's characters (past its end, or in the margin): the last one of that row
  // before the point; below the text: the last character.
  int nearest = -1;
  for (std::size_t i = 0; i < m_rects.size(); ++i) {
    const QRect& r = m_rects[i];
    if (r.top() > point.y()) {
      break;
    }
    if (r.bottom() < point.y() || r.left() <= point.x()) {
      nearest = static_cast<int>(i);
    }
  }
  return nearest;
}

void ColoredTextView::mousePressEvent(QMouseEvent* event) {
  const int index = characterAt(event->position().toPoint());
  if (index >= 0) {
    emit characterClicked(index);
  }
  if (m_brushable && event->button() == Qt::LeftButton && index >= 0) {
    m_dragAnchor = index;
    m_dragEnd = index;
  }
  QWidget::mousePressEvent(event);
}

void ColoredTextView::mouseMoveEvent(QMouseEvent* event) {
  if (m_dragAnchor >= 0 && (event->buttons() & Qt::LeftButton)) {
    const int index = nearestCharacter(event->position().toPoint());
    if (index >= 0 && index != m_dragEnd) {
      m_dragEnd = index;
      update();
    }
  }
  QWidget::mouseMoveEvent(event);
}

void ColoredTextView::mouseReleaseEvent(QMouseEvent* event) {
  if (m_dragAnchor >= 0 && event->button() == Qt::LeftButton) {
    const int index = nearestCharacter(event->position().toPoint());
    const int last = index >= 0 ? index : m_dragEnd;
    const int anchor = m_dragAnchor;
    m_dragAnchor = -1;
    m_dragEnd = -1;
    update();
    if (last >= 0 && last != anchor) {
      emit brushed(std::min(anchor, last), std::max(anchor, last) + 1);
    }
  }
  QWidget::mouseReleaseEvent(event);
}
