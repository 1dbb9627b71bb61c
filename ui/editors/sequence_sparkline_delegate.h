#pragma once

// Paints one row of the data-set panel's lists: the sequence's index, its length and a small
// line of its values. The item gives the numbers (DisplayRole: the index text, LengthRole: the
// number of steps, ValuesRole: a QList<double> of at most a few hundred values); the delegate
// only draws them, so a long list costs nothing until its rows are seen.

#include <QList>
#include <QStyledItemDelegate>

class SequenceSparklineDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  enum Role { LengthRole = Qt::UserRole + 1, ValuesRole };

  explicit SequenceSparklineDelegate(QObject* parent = nullptr);

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  // The values a row draws for a column of `column.size()` numbers: all of them when there are
  // at most `points`, else the minimum and the maximum of each of points/2 equal runs, in time
  // order, so that spikes stay visible.
  static QList<double> sparklineValues(const QList<double>& column, int points = 160);
};
