// LogSpinBox steps 1, 2, 5, 10, ... and takes scientific notation.

#include "widgets/log_spin_box.h"

#include <QtTest>

class LogSpinBoxTest : public QObject {
  Q_OBJECT

 private slots:
  void stepsThroughOneTwoFive() {
    QCOMPARE(LogSpinBox::nextStep(0.1, +1), 0.2);
    QCOMPARE(LogSpinBox::nextStep(0.2, +1), 0.5);
    QCOMPARE(LogSpinBox::nextStep(0.5, +1), 1.0);
    QCOMPARE(LogSpinBox::nextStep(0.1, -1), 0.05);
    QCOMPARE(LogSpinBox::nextStep(0.3, -1), 0.2);
    QCOMPARE(LogSpinBox::nextStep(0.0, +1), 1e-6);
  }

  void arrowsClampToTheRange() {
    LogSpinBox box;
    box.setDecimals(8);
    box.setRange(1e-6, 10.0);
    box.setValue(5.0);
    box.stepBy(3);
    QCOMPARE(box.value(), 10.0);
    box.stepBy(-2);
    QCOMPARE(box.value(), 2.0);
  }

  void textIsShortAndScientificNotationIsAccepted() {
    LogSpinBox box;
    box.setDecimals(12);
    box.setRange(1e-12, 1e9);
    QCOMPARE(box.textFromValue(0.001), QStringLiteral("0.001"));
    QCOMPARE(box.textFromValue(1e-8), QStringLiteral("1e-08"));
    QCOMPARE(box.valueFromText(QStringLiteral(" 3e-4 ")), 3e-4);
    QString text = QStringLiteral("1e");
    int pos = 2;
    QCOMPARE(box.validate(text, pos), QValidator::Intermediate);  // half typed
    text = QStringLiteral("abc");
    QCOMPARE(box.validate(text, pos), QValidator::Invalid);
    text = QStringLiteral("100");
    QCOMPARE(box.validate(text, pos), QValidator::Acceptable);
  }
};

QTEST_MAIN(LogSpinBoxTest)
#include "log_spin_box_test.moc"
