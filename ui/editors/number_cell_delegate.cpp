#include "editors/number_cell_delegate.h"

#include <QApplication>
#include <QStyle>

#include "editors/sequence_table_model.h"

QString NumberCellDelegate::fittingText(const QString& text, const QFontMetrics& metrics,
                                        int width) {
  if (metrics.horizontalAdvance(text) <= width) {
    return text;
  }
  const std::optional<double> value = SequenceTableModel::parseCell(text);
  if (!value) {
    return text;
  }
  // 'g' picks fixed or exponent form for each precision; from the most digits down, the first
  // text that fits is the most precise one that does.
  for (int digits = 15; digits >= 1; --digits) {
    const QString shortened = QString::number(*value, 'g', digits);
    if (metrics.horizontalAdvance(shortened) <= width) {
      return shortened;
    }
  }
  // Last resort for |value| < 1: without the leading zero ("-.06"), still a number, never "0…".
  QString bare = QString::number(*value, 'g', 1);
  bare.replace(QStringLiteral("0."), QStringLiteral("."));
  return bare;
}

void NumberCellDelegate::initStyleOption(QStyleOptionViewItem* option,
                                         const QModelIndex& index) const {
  QStyledItemDelegate::initStyleOption(option, index);
  const QStyle* style = option->widget ? option->widget->style() : QApplication::style();
  // Where the style will draw the text, less the margin it keeps on each side of it
  // (QCommonStyle: focus frame margin + 1): the width Qt would elide to.
  const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, option, option->widget);
  const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option->widget) + 1;
  option->text = fittingText(option->text, option->fontMetrics, textRect.width() - 2 * margin);
}
