#pragma once

// A layout that lines its items up left to right at their preferred sizes and starts a new row
// when the next one does not fit (Qt's Flow Layout example), so that a view's header of
// controls wraps in a narrow dock instead of being cut off or widening the dock. Hidden items
// take no room; the items of a row are centred on the row's height.

#include <QLayout>
#include <QList>

class FlowLayout : public QLayout {
 public:
  explicit FlowLayout(QWidget* parent = nullptr);
  ~FlowLayout() override;

  void addItem(QLayoutItem* item) override;
  int count() const override { return static_cast<int>(m_items.size()); }
  QLayoutItem* itemAt(int index) const override;
  QLayoutItem* takeAt(int index) override;
  Qt::Orientations expandingDirections() const override { return {}; }
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  void setGeometry(const QRect& rect) override;
  // One row of every item.
  QSize sizeHint() const override;
  // The widest item alone.
  QSize minimumSize() const override;

 private:
  // Places the items in `rect` (when `apply`) and returns the height they take.
  int arrange(const QRect& rect, bool apply) const;
  int gap() const;

  QList<QLayoutItem*> m_items;
};
