// GeneratorDialog returns exactly the core generator's task for the options its fields show.

#include "editors/generator_dialog.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QtTest>

namespace {

// The spin box whose tooltip starts with `tip`.
template <typename Box>
Box* field(GeneratorDialog& dialog, const QString& tip) {
  for (Box* box : dialog.findChildren<Box*>()) {
    if (box->toolTip().startsWith(tip) && box->isVisibleTo(&dialog)) {
      return box;
    }
  }
  return nullptr;
}

}  // namespace

class GeneratorDialogTest : public QObject {
  Q_OBJECT

 private slots:
  void sineFieldsGiveTheCoreTask() {
    GeneratorDialog dialog;
    dialog.setKind(GeneratorDialog::Kind::Sine);
    field<QSpinBox>(dialog, QStringLiteral("Steps per sequence"))->setValue(40);
    field<QDoubleSpinBox>(dialog, QStringLiteral("Steps per full cycle"))->setValue(12.5);
    field<QDoubleSpinBox>(dialog, QStringLiteral("Standard deviation"))->setValue(0.1);
    field<QSpinBox>(dialog, QStringLiteral("Sequences the network learns"))->setValue(7);
    field<QSpinBox>(dialog, QStringLiteral("Sequences drawn the same"))->setValue(3);
    field<QSpinBox>(dialog, QStringLiteral("The same seed"))->setValue(42);
    rnnlab::SineOptions options;
    options.counts = {7, 3, 42};
    options.length = 40;
    options.period = 12.5;
    options.noise = 0.1;
    const rnnlab::GeneratedTask expected = rnnlab::generateSine(options);
    const rnnlab::GeneratedTask task = dialog.task();
    QCOMPARE(task.set, expected.set);
    QCOMPARE(task.config, expected.config);
    QCOMPARE(task.set.train.size(), std::size_t(7));
    QCOMPARE(task.set.validation.size(), std::size_t(3));
    QVERIFY(dialog.previewText().contains(QStringLiteral("next value")));
  }

  void everyKindMatchesItsGenerator() {
    GeneratorDialog dialog;
    dialog.setKind(GeneratorDialog::Kind::Echo);
    field<QSpinBox>(dialog, QStringLiteral("How many steps back"))->setValue(5);
    QCOMPARE(dialog.echoOptions().delay, 5);
    QCOMPARE(dialog.task().set, rnnlab::generateEcho(dialog.echoOptions()).set);
    QVERIFY(dialog.previewText().contains(QStringLiteral("5 steps ago")));

    dialog.setKind(GeneratorDialog::Kind::Adding);
    const rnnlab::GeneratedTask adding = dialog.task();
    QCOMPARE(adding.config, rnnlab::generateAdding(rnnlab::AddingOptions{}).config);
    QCOMPARE(adding.config.inputSize, 2);
    QVERIFY(adding.config.outputMode == rnnlab::OutputMode::Last);
    QVERIFY(dialog.previewText().contains(QStringLiteral("last step only")));

    dialog.setKind(GeneratorDialog::Kind::Copy);
    field<QSpinBox>(dialog, QStringLiteral("Different symbols"))->setValue(6);
    rnnlab::CopyOptions copy;
    copy.symbols = 6;
    const rnnlab::GeneratedTask copied = dialog.task();
    QCOMPARE(copied.set, rnnlab::generateCopy(copy).set);
    QVERIFY(copied.config.loss == rnnlab::LossKind::CrossEntropy);
    QCOMPARE(copied.config.inputSize, 8);
    QVERIFY(dialog.previewText().contains(QStringLiteral("inputs 8, outputs 7")));

    dialog.setKind(GeneratorDialog::Kind::Parity);
    QCOMPARE(dialog.task().set, rnnlab::generateParity(rnnlab::ParityOptions{}).set);
  }

  void echoDelayStaysBelowTheLength() {
    GeneratorDialog dialog;
    dialog.setKind(GeneratorDialog::Kind::Echo);
    auto* length = field<QSpinBox>(dialog, QStringLiteral("Steps per sequence"));
    auto* delay = field<QSpinBox>(dialog, QStringLiteral("How many steps back"));
    length->setValue(4);
    delay->setValue(10);
    QCOMPARE(delay->value(), 3);
    QCOMPARE(dialog.task().set.train.front().steps(), 4);
  }
};

QTEST_MAIN(GeneratorDialogTest)
#include "generator_dialog_test.moc"
