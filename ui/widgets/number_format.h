#pragma once

// Numbers as every view writes them: a real minus sign (U+2212, as wide as the plus and easier
// to read than a hyphen) and "NaN" spelled out.

#include <QString>

// `text` with every ASCII hyphen-minus replaced by U+2212.
QString withMinusSign(QString text);
// QString::number(value, format, precision) with a real minus sign; NaN as "NaN".
QString formatNumber(double value, char format = 'g', int precision = 6);
