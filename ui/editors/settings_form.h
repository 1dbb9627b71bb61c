#pragma once

// The fields of the Settings panel's forms, made alike: a tooltip, right-aligned, and only
// finished values reported (no keyboard tracking). Shared by SettingsPanel and OptimizerFields.

#include <QString>
#include <string_view>

class QDoubleSpinBox;
class QSpinBox;
class QWidget;
class LogSpinBox;

namespace settings_form {

QDoubleSpinBox* makeDouble(double minimum, double maximum, int decimals, double step,
                           const QString& toolTip, QWidget* parent);
// For values that span orders of magnitude (learning rate, ε).
LogSpinBox* makeLog(double minimum, double maximum, int decimals, const QString& toolTip,
                    QWidget* parent);
QSpinBox* makeInt(int minimum, int maximum, const QString& toolTip, QWidget* parent);

// Sets `value` to the box's value only when the box shows something else than `value` would: a
// value the box cannot show exactly (more decimals than it has) is never overwritten by a read.
void readDouble(const QDoubleSpinBox* box, double& value);

// A core name ("adam") as a QString.
QString name(std::string_view text);

}  // namespace settings_form
