// SettingsPanel shows a session's settings, reports edits by kind, and takes any positive
// learning rate, warning above the usual range.

#include "editors/settings_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "rnnlab/session.h"
#include "widgets/log_spin_box.h"

namespace {

LogSpinBox* learningRateField(SettingsPanel& panel) {
  const auto boxes = panel.findChildren<LogSpinBox*>();
  for (LogSpinBox* box : boxes) {
    if (box->toolTip().startsWith(QStringLiteral("Step size"))) {
      return box;
    }
  }
  return nullptr;
}

// Types `text` into a spin box and presses Enter, as a user does.
void type(QAbstractSpinBox* box, const QString& text) {
  box->setFocus();
  auto* edit = box->findChild<QLineEdit*>();
  edit->selectAll();
  QTest::keyClicks(box, text);
  QTest::keyClick(box, Qt::Key_Return);
}

}  // namespace

class SettingsPanelTest : public QObject {
  Q_OBJECT

 private slots:
  void showsTheValuesWithoutSignalling() {
    SettingsPanel panel;
    QSignalSpy edited(&panel, &SettingsPanel::settingsEdited);
    QSignalSpy model(&panel, &SettingsPanel::modelEdited);
    const rnnlab::Session session = rnnlab::builtinExample();
    panel.setValues(session.model, session.training);
    QCOMPARE(edited.count(), 0);
    QCOMPARE(model.count(), 0);
    QVERIFY(panel.settings() == session.training);
    QCOMPARE(learningRateField(panel)->value(), session.training.learningRate);
    QVERIFY(panel.learningRateWarning().isEmpty());
    panel.setHistoryMemory(std::size_t{64} * 1024 * 1024);
    QCOMPARE(panel.historyMemoryText(), QStringLiteral("at most 64 MiB"));
  }

  void aLearningRateOfHundredIsKeptWithAWarning() {
    SettingsPanel panel;
    const rnnlab::Session session = rnnlab::builtinExample();
    panel.setValues(session.model, session.training);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy edited(&panel, &SettingsPanel::settingsEdited);
    LogSpinBox* rate = learningRateField(panel);
    QVERIFY(rate != nullptr);
    type(rate, QStringLiteral("100"));
    QCOMPARE(rate->value(), 100.0);  // not put back to 0.1
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.last().at(0).value<rnnlab::TrainingSettings>().learningRate, 100.0);
    QCOMPARE(panel.settings().learningRate, 100.0);
    const QString warning = panel.learningRateWarning();
    QVERIFY2(warning.contains(QStringLiteral("η = 100")) &&
                 warning.contains(QStringLiteral("far above the usual range")),
             qPrintable(warning));
    bool visible = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
      visible = visible || (label->text() == warning && label->isVisible());
    }
    QVERIFY(visible);
    // Back in the usual range: the warning goes.
    type(rate, QStringLiteral("0.05"));
    QCOMPARE(panel.settings().learningRate, 0.05);
    QVERIFY(panel.learningRateWarning().isEmpty());
  }

  void tinyAndHugeRatesAreAccepted() {
    QVERIFY(SettingsPanel::learningRateWarningFor(1.0).isEmpty());
    QVERIFY(!SettingsPanel::learningRateWarningFor(1.5).isEmpty());
    SettingsPanel panel;
    rnnlab::Session session = rnnlab::builtinExample();
    session.training.learningRate = 1e-9;
    panel.setValues(session.model, session.training);
    QCOMPARE(learningRateField(panel)->value(), 1e-9);  // not rounded to 0 by the decimals
    session.training.learningRate = 1e4;
    panel.setValues(session.model, session.training);
    QCOMPARE(learningRateField(panel)->value(), 1e4);
    QVERIFY(panel.learningRateWarning().contains(QStringLiteral("10000")));
  }

  void modelFieldsAskForAReset() {
    SettingsPanel panel;
    const rnnlab::Session session = rnnlab::builtinExample();
    panel.setValues(session.model, session.training);
    QSignalSpy edited(&panel, &SettingsPanel::settingsEdited);
    QSignalSpy model(&panel, &SettingsPanel::modelEdited);
    QSpinBox* hidden = nullptr;
    for (QSpinBox* box : panel.findChildren<QSpinBox*>()) {
      hidden = box->value() == session.model.hiddenSize && !hidden ? box : hidden;
    }
    QVERIFY(hidden != nullptr);
    hidden->setValue(session.model.hiddenSize + 2);
    QCOMPARE(model.count(), 1);
    QCOMPARE(edited.count(), 0);
    QCOMPARE(model.last().at(0).value<rnnlab::ModelConfig>().hiddenSize,
             session.model.hiddenSize + 2);
    QCOMPARE(panel.modelConfig().hiddenSize, session.model.hiddenSize + 2);
  }

  void theCellIsAModelSettingWithAForgetBiasForTheLstm() {
    SettingsPanel panel;
    const rnnlab::Session session = rnnlab::builtinExample();
    panel.setValues(session.model, session.training);
    QSignalSpy edited(&panel, &SettingsPanel::settingsEdited);
    QSignalSpy model(&panel, &SettingsPanel::modelEdited);
    QComboBox* cell = nullptr;
    for (QComboBox* box : panel.findChildren<QComboBox*>()) {
      cell = box->findData(QStringLiteral("lstm")) >= 0 ? box : cell;
    }
    QVERIFY(cell != nullptr);
    QCOMPARE(cell->currentData().toString(), QStringLiteral("rnn"));
    QDoubleSpinBox* forgetBias = nullptr;
    for (QDoubleSpinBox* box : panel.findChildren<QDoubleSpinBox*>()) {
      forgetBias = box->toolTip().contains(QStringLiteral("forget-gate")) ? box : forgetBias;
    }
    QVERIFY(forgetBias != nullptr);
    panel.show();
    QVERIFY(!forgetBias->isVisible());  // only the LSTM has a forget gate
    cell->setCurrentIndex(cell->findData(QStringLiteral("lstm")));
    QCOMPARE(model.count(), 1);
    QCOMPARE(edited.count(), 0);
    QVERIFY(model.last().at(0).value<rnnlab::ModelConfig>().cell == rnnlab::CellKind::Lstm);
    QVERIFY(forgetBias->isVisible());
    forgetBias->setValue(1.0);
    QCOMPARE(model.count(), 2);
    QCOMPARE(panel.modelConfig().forgetBias, 1.0);
    QVERIFY(panel.modelConfig().cell == rnnlab::CellKind::Lstm);
    cell->setCurrentIndex(cell->findData(QStringLiteral("gru")));
    QVERIFY(panel.modelConfig().cell == rnnlab::CellKind::Gru);
    QVERIFY(!forgetBias->isVisible());
  }

  void optimizerRowsFollowTheOptimizer() {
    SettingsPanel panel;
    rnnlab::Session session = rnnlab::builtinExample();
    session.training.optimizer = rnnlab::OptimizerKind::Sgd;
    panel.setValues(session.model, session.training);
    QSignalSpy edited(&panel, &SettingsPanel::settingsEdited);
    QComboBox* optimizer = nullptr;
    for (QComboBox* box : panel.findChildren<QComboBox*>()) {
      optimizer = box->findData(QStringLiteral("adam")) >= 0 ? box : optimizer;
    }
    QVERIFY(optimizer != nullptr);
    optimizer->setCurrentIndex(optimizer->findData(QStringLiteral("adam")));
    QCOMPARE(edited.count(), 1);
    QVERIFY(panel.settings().optimizer == rnnlab::OptimizerKind::Adam);
  }
};

QTEST_MAIN(SettingsPanelTest)
#include "settings_panel_test.moc"
