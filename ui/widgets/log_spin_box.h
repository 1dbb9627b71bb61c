#pragma once

// A QDoubleSpinBox for values that span orders of magnitude (learning rate, epsilon): shows the
// shortest exact text ("0.001", "1e-08"), accepts scientific notation, and the arrows step
// through 1, 2, 5, 10, 20, ... so a few clicks go from 0.001 to 1.

#include <QDoubleSpinBox>

class LogSpinBox : public QDoubleSpinBox {
  Q_OBJECT

 public:
  explicit LogSpinBox(QWidget* parent = nullptr);

  void stepBy(int steps) override;
  QString textFromValue(double value) const override;
  double valueFromText(const QString& text) const override;
  QValidator::State validate(QString& input, int& pos) const override;

  // The next value of the 1-2-5 sequence above (direction > 0) or below `value`.
  static double nextStep(double value, int direction);

 protected:
  StepEnabled stepEnabled() const override;
};
