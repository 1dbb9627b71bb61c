#include "widgets/number_format.h"

#include <cmath>

QString withMinusSign(QString text) { return text.replace(QLatin1Char('-'), QChar(0x2212)); }

QString formatNumber(double value, char format, int precision) {
  if (std::isnan(value)) {
    return QStringLiteral("NaN");
  }
  return withMinusSign(QString::number(value, format, precision));
}
