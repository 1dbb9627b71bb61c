#include "widgets/flow_layout.h"

#include <QStyle>
#include <QWidget>
#include <algorithm>
#include <utility>
#include <vector>

FlowLayout::FlowLayout(QWidget* parent) : QLayout(parent) {}

FlowLayout::~FlowLayout() {
  while (QLayoutItem* item = takeAt(0)) {
    delete item;
  }
}

void FlowLayout::addItem(QLayoutItem* item) { m_items.append(item); }

QLayoutItem* FlowLayout::itemAt(int index) const {
  return index >= 0 && index < m_items.size() ? m_items.at(index) : nullptr;
}

QLayoutItem* FlowLayout::takeAt(int index) {
  return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

int FlowLayout::heightForWidth(int width) const { return arrange(QRect(0, 0, width, 0), false); }

void FlowLayout::setGeometry(const QRect& rect) {
  QLayout::setGeometry(rect);
  arrange(rect, true);
}

int FlowLayout::gap() const {
  if (spacing() >= 0) {
    return spacing();
  }
  const QWidget* owner = parentWidget();
  return owner != nullptr
             ? owner->style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, owner)
             : 6;
}

QSize FlowLayout::sizeHint() const {
  QSize size;
  for (const QLayoutItem* item : m_items) {
    if (!item->isEmpty()) {
      const QSize hint = item->sizeHint();
      size.rwidth() += (size.width() > 0 ? gap() : 0) + hint.width();
      size.setHeight(std::max(size.height(), hint.height()));
    }
  }
  const QMargins m = contentsMargins();
  return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::minimumSize() const {
  QSize size;
  for (const QLayoutItem* item : m_items) {
    if (!item->isEmpty()) {
      size = size.expandedTo(item->minimumSize());
    }
  }
  const QMargins m = contentsMargins();
  return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

int FlowLayout::arrange(const QRect& rect, bool apply) const {
  const QMargins m = contentsMargins();
  const QRect area = rect.marginsRemoved(m);
  const int spacing = gap();
  int x = area.x();
  int y = area.y();
  int rowHeight = 0;
  std::vector<std::pair<QLayoutItem*, int>> row;  // the row's items and their x
  const auto placeRow = [&] {
    for (const auto& [item, left] : row) {
      const QSize size = item->sizeHint();
      if (apply) {
        item->setGeometry(QRect(QPoint(left, y + (rowHeight - size.height()) / 2), size));
      }
    }
    row.clear();
  };
  for (QLayoutItem* item : m_items) {
    if (item->isEmpty()) {
      continue;
    }
    const QSize size = item->sizeHint();
    if (!row.empty() && x + size.width() > area.x() + area.width()) {
      placeRow();
      y += rowHeight + spacing;
      x = area.x();
      rowHeight = 0;
    }
    row.emplace_back(item, x);
    x += size.width() + spacing;
    rowHeight = std::max(rowHeight, size.height());
  }
  placeRow();
  return y + rowHeight - rect.y() + m.bottom();
}
