#pragma once

// Draws a sequence cell's number so that it stays a number in a narrow column: when the typed
// text does not fit, it shows the value with as many significant digits as fit ("0.51" rather
// than Qt's elided "0...", which reads as zero). The model's tooltip has the full value; editing
// starts from the full text.

#include <QStyledItemDelegate>

class NumberCellDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  // `text` if it fits in `width` pixels; else, when it is a number, the value with the most
  // significant digits that fit (fixed or exponent form, as 'g' chooses), or one digit without
  // the leading zero (".06") when none fits; else `text` unchanged (Qt then elides it).
  static QString fittingText(const QString& text, const QFontMetrics& metrics, int width);

 protected:
  void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
