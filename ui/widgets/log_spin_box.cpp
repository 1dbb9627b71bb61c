#include "widgets/log_spin_box.h"

#include <algorithm>
#include <cmath>

LogSpinBox::LogSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {}

void LogSpinBox::stepBy(int steps) {
  double value = this->value();
  for (int k = 0; k < std::abs(steps); ++k) {
    value = nextStep(value, steps > 0 ? +1 : -1);
  }
  setValue(std::clamp(value, minimum(), maximum()));
  selectAll();
}

QAbstractSpinBox::StepEnabled LogSpinBox::stepEnabled() const {
  StepEnabled enabled = StepNone;
  if (value() < maximum()) {
    enabled |= StepUpEnabled;
  }
  if (value() > minimum()) {
    enabled |= StepDownEnabled;
  }
  return enabled;
}

double LogSpinBox::nextStep(double value, int direction) {
  if (value <= 0.0) {
    return direction > 0 ? 1e-6 : 0.0;
  }
  const double decade = std::pow(10.0, std::floor(std::log10(value)));
  const double mantissas[] = {1.0, 2.0, 5.0, 10.0};
  if (direction > 0) {
    for (double m : mantissas) {
      // A relative tolerance keeps 0.1 (stored as 0.1000000000000000055) from stepping to itself.
      if (m * decade > value * (1.0 + 1e-9)) {
        return m * decade;
      }
    }
    return 10.0 * decade;
  }
  for (int k = 3; k >= 0; --k) {
    if (mantissas[k] * decade < value * (1.0 - 1e-9)) {
      return mantissas[k] * decade;
    }
  }
  return 0.5 * decade;
}

QString LogSpinBox::textFromValue(double value) const { return QString::number(value, 'g', 6); }

double LogSpinBox::valueFromText(const QString& text) const { return text.trimmed().toDouble(); }

QValidator::State LogSpinBox::validate(QString& input, int& /*pos*/) const {
  const QString text = input.trimmed();
  if (text.isEmpty()) {
    return QValidator::Intermediate;
  }
  bool ok = false;
  const double value = text.toDouble(&ok);
  if (!ok) {
    // Allow half-typed numbers such as "1e" or "0.".
    static const QString partial = QStringLiteral("0123456789.eE+-");
    for (QChar c : text) {
      if (!partial.contains(c)) {
        return QValidator::Invalid;
      }
    }
    return QValidator::Intermediate;
  }
  return value >= minimum() && value <= maximum() ? QValidator::Acceptable
                                                  : QValidator::Intermediate;
}
