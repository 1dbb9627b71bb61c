#include "editors/settings_form.h"

#include <QDoubleSpinBox>
#include <QSpinBox>

#include "widgets/log_spin_box.h"

namespace settings_form {
namespace {

template <typename SpinBox>
SpinBox* prepare(SpinBox* box, const QString& toolTip) {
  box->setToolTip(toolTip);
  // Only finished values count: a half-typed "0.0" must not reach the trainer.
  box->setKeyboardTracking(false);
  box->setAlignment(Qt::AlignRight);
  return box;
}

}  // namespace

QDoubleSpinBox* makeDouble(double minimum, double maximum, int decimals, double step,
                           const QString& toolTip, QWidget* parent) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(minimum, maximum);
  box->setDecimals(decimals);
  box->setSingleStep(step);
  return prepare(box, toolTip);
}

LogSpinBox* makeLog(double minimum, double maximum, int decimals, const QString& toolTip,
                    QWidget* parent) {
  auto* box = new LogSpinBox(parent);
  box->setDecimals(decimals);
  box->setRange(minimum, maximum);
  return prepare(box, toolTip);
}

QSpinBox* makeInt(int minimum, int maximum, const QString& toolTip, QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(minimum, maximum);
  return prepare(box, toolTip);
}

void readDouble(const QDoubleSpinBox* box, double& value) {
  if (box->textFromValue(box->value()) != box->textFromValue(value)) {
    value = box->value();
  }
}

QString name(std::string_view text) {
  return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

}  // namespace settings_form
