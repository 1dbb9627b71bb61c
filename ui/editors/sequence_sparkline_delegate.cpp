#include "editors/sequence_sparkline_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace {

constexpr int Padding = 4;
constexpr int RowHeight = 24;

}  // namespace

SequenceSparklineDelegate::SequenceSparklineDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {}

QSize SequenceSparklineDelegate::sizeHint(const QStyleOptionViewItem& option,
                                          const QModelIndex& index) const {
  QSize size = QStyledItemDelegate::sizeHint(option, index);
  size.setHeight(std::max(size.height(), RowHeight));
  return size;
}

void SequenceSparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const {
  QStyleOptionViewItem background = option;
  initStyleOption(&background, index);
  background.text.clear();
  const QWidget* widget = option.widget;
  QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

  const bool selected = option.state.testFlag(QStyle::State_Selected);
  const QPalette::ColorGroup group =
      option.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
  const QColor textColor =
      option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
  const QRect rect = option.rect.adjusted(Padding, 0, -Padding, 0);
  const QFontMetrics metrics(option.font);

  painter->save();
  painter->setFont(option.font);
  painter->setPen(textColor);
  const int indexWidth = metrics.horizontalAdvance(QStringLiteral("#0000"));
  const QRect indexRect(rect.left(), rect.top(), indexWidth, rect.height());
  painter->drawText(indexRect, Qt::AlignVCenter | Qt::AlignLeft,
                    index.data(Qt::DisplayRole).toString());

  const int steps = index.data(LengthRole).toInt();
  const QString length = steps == 1 ? tr("1 step") : tr("%1 steps").arg(steps);
  const int lengthWidth = metrics.horizontalAdvance(tr("%1 steps").arg(10000));
  const QRect lengthRect(indexRect.right() + Padding, rect.top(), lengthWidth, rect.height());
  QColor dim = textColor;
  dim.setAlphaF(selected ? 0.85 : 0.6);
  painter->setPen(dim);
  painter->drawText(lengthRect, Qt::AlignVCenter | Qt::AlignRight, length);

  const QRect spark(lengthRect.right() + 2 * Padding, rect.top() + 4,
                    rect.right() - lengthRect.right() - 2 * Padding, rect.height() - 8);
  const QList<double> values = index.data(ValuesRole).value<QList<double>>();
  if (spark.width() > 8 && !values.isEmpty()) {
    double low = values.front();
    double high = values.front();
    for (double v : values) {
      if (std::isfinite(v)) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
    }
    const double span = high > low ? high - low : 1.0;
    const double middle = high > low ? 0.0 : 0.5;  // a constant sits in the middle
    auto yOf = [&](double v) {
      const double f = high > low ? (v - low) / span : middle;
      return spark.bottom() - f * spark.height();
    };
    // A faint zero line when zero is inside the range: the sign of the values at a glance.
    if (low < 0.0 && high > 0.0) {
      QColor zero = textColor;
      zero.setAlphaF(0.25);
      painter->setPen(QPen(zero, 1.0, Qt::DotLine));
      painter->drawLine(QPointF(spark.left(), yOf(0.0)), QPointF(spark.right(), yOf(0.0)));
    }
    QPainterPath path;
    const qsizetype n = values.size();
    for (qsizetype i = 0; i < n; ++i) {
      const double x =
          n == 1 ? spark.center().x() : spark.left() + spark.width() * double(i) / double(n - 1);
      const double y = std::isfinite(values[i]) ? yOf(values[i]) : yOf(low);
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QColor line = selected ? textColor : QColor(0x21, 0x66, 0xac);
    painter->setPen(QPen(line, 1.3));
    painter->setBrush(Qt::NoBrush);
    if (n == 1) {
      painter->setBrush(line);
      painter->drawEllipse(QPointF(spark.center().x(), yOf(values.front())), 2.0, 2.0);
    } else {
      painter->drawPath(path);
    }
  }
  painter->restore();
}

QList<double> SequenceSparklineDelegate::sparklineValues(const QList<double>& column, int points) {
  const qsizetype n = column.size();
  if (n <= points) {
    return column;
  }
  const qsizetype runs = std::max(1, points / 2);
  QList<double> out;
  out.reserve(2 * runs);
  for (qsizetype r = 0; r < runs; ++r) {
    const qsizetype begin = r * n / runs;
    const qsizetype end = std::max(begin + 1, (r + 1) * n / runs);
    qsizetype lowAt = begin;
    qsizetype highAt = begin;
    for (qsizetype i = begin; i < end; ++i) {
      if (column[i] < column[lowAt]) {
        lowAt = i;
      }
      if (column[i] > column[highAt]) {
        highAt = i;
      }
    }
    out.append(column[std::min(lowAt, highAt)]);
    out.append(column[std::max(lowAt, highAt)]);
  }
  return out;
}
