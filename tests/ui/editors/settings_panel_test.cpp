// SettingsPanel shows a session's settings, reports edits by kind, and takes any positive
// learning rate, warning above the usual range. The teaching group switches the blog's bugs one
// by one, undoably, and only where they are defined.

#include "editors/settings_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "document/session_document.h"
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

  void theBlogsBugsStartCollapsedAndOff() {
    SettingsPanel panel;
    const rnnlab::Session session = rnnlab::builtinExample();
    panel.setValues(session.model, session.training);
    panel.show();
    QVERIFY(!panel.blogBugsExpanded());
    QCOMPARE(panel.blogBugsToggle()->arrowType(), Qt::RightArrow);
    QCOMPARE(panel.blogBugsToggle()->text(), QStringLiteral("Teaching: the blog's bugs"));
    for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
      QCheckBox* box = panel.blogBugBox(bug);
      QVERIFY(!box->isChecked());
      QVERIFY(!box->isVisible());  // inside the collapsed group
      QVERIFY(box->isEnabled());   // all four are defined for the example
      QVERIFY(box->text().startsWith(QStringLiteral("Wrong on purpose:\n")));
      QCOMPARE(box->toolTip(), SettingsPanel::blogBugToolTip(bug));
    }
    QVERIFY(panel.blogBugBox(rnnlab::BlogBug::HtInDwhh)->toolTip().contains(
        QStringLiteral("Σ_t δa_t·h_(t−1)ᵀ")));
    QVERIFY(panel.blogBugsWarning().isEmpty());

    QTest::mouseClick(panel.blogBugsToggle(), Qt::LeftButton);
    QVERIFY(panel.blogBugsExpanded());
    QCOMPARE(panel.blogBugsToggle()->arrowType(), Qt::DownArrow);
    QVERIFY(panel.blogBugBox(rnnlab::BlogBug::LastOutputOnly)->isVisible());
  }

  void eachBoxSwitchesOnlyItsBugAndWarns() {
    SettingsPanel panel;
    const rnnlab::Session session = rnnlab::builtinExample();
    panel.setValues(session.model, session.training);
    panel.show();
    QTest::mouseClick(panel.blogBugsToggle(), Qt::LeftButton);
    QSignalSpy edited(&panel, &SettingsPanel::settingsEdited);
    QSignalSpy model(&panel, &SettingsPanel::modelEdited);
    for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
      QCheckBox* box = panel.blogBugBox(bug);
      QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
      QVERIFY(box->isChecked());
      QCOMPARE(edited.count(), 1);
      const auto sent = edited.takeFirst().at(0).value<rnnlab::TrainingSettings>();
      rnnlab::TrainingSettings expected = session.training;
      expected.blogBugs.set(bug, true);
      QVERIFY(sent == expected);  // that bug alone, nothing else changed
      QVERIFY(panel.blogBugsWarning().contains(QStringLiteral("deliberately wrong")));
      QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
      QVERIFY(!box->isChecked());
      QCOMPARE(edited.count(), 1);
      QVERIFY(!edited.takeFirst().at(0).value<rnnlab::TrainingSettings>().blogBugs.any());
      QVERIFY(panel.blogBugsWarning().isEmpty());
    }
    QCOMPARE(model.count(), 0);  // a live setting: no reset needed
  }

  void aBugIsUndoneLikeAnyOtherSetting() {
    SettingsPanel panel;
    SessionDocument document;
    QUndoStack stack;
    document.setUndoStack(&stack);
    // As the main window wires them.
    connect(&panel, &SettingsPanel::settingsEdited, &document, &SessionDocument::editTraining);
    connect(&document, &SessionDocument::edited, &panel, [&] {
      panel.setValues(document.session().model, document.session().training);
    });
    panel.setValues(document.session().model, document.session().training);
    panel.blogBugBox(rnnlab::BlogBug::GradientMissing2)->click();
    QVERIFY(document.session().training.blogBugs.gradientMissing2);
    QCOMPARE(stack.count(), 1);
    QCOMPARE(stack.undoText(), QStringLiteral("Change the blog's bugs"));

    stack.undo();
    QVERIFY(!document.session().training.blogBugs.any());
    QVERIFY(!panel.blogBugBox(rnnlab::BlogBug::GradientMissing2)->isChecked());
    QVERIFY(panel.blogBugsWarning().isEmpty());
    stack.redo();
    QVERIFY(document.session().training.blogBugs.gradientMissing2);
    QVERIFY(panel.blogBugBox(rnnlab::BlogBug::GradientMissing2)->isChecked());
    QVERIFY(!panel.blogBugsWarning().isEmpty());
    QVERIFY(panel.blogBugsExpanded());  // a session with a bug on shows it
  }

  void undefinedBugsAreDisabled() {
    SettingsPanel panel;
    rnnlab::Session session = rnnlab::builtinExample();
    session.model.loss = rnnlab::LossKind::CrossEntropy;
    panel.setValues(session.model, session.training);
    QVERIFY(!panel.blogBugBox(rnnlab::BlogBug::GradientMissing2)->isEnabled());
    QVERIFY(panel.blogBugBox(rnnlab::BlogBug::GradientMissing2)
                ->toolTip()
                .contains(QStringLiteral("Not available here: gradient_missing_2: the blog's loss "
                                         "is a squared error")));
    QVERIFY(panel.blogBugBox(rnnlab::BlogBug::LastOutputOnly)->isEnabled());

    session.model.outputMode = rnnlab::OutputMode::Last;
    panel.setValues(session.model, session.training);
    QVERIFY(!panel.blogBugBox(rnnlab::BlogBug::LastOutputOnly)->isEnabled());
    QVERIFY(panel.blogBugBox(rnnlab::BlogBug::HtInDwhh)->isEnabled());

    session = rnnlab::builtinExample();
    session.model.cell = rnnlab::CellKind::Gru;
    panel.setValues(session.model, session.training);
    for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
      QVERIFY(!panel.blogBugBox(bug)->isEnabled());
    }
    session.model.cell = rnnlab::CellKind::Rnn;
    panel.setValues(session.model, session.training);
    panel.setSingleSequence(false);  // text
    for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
      QVERIFY(!panel.blogBugBox(bug)->isEnabled());
    }
    panel.setSingleSequence(true);
    QVERIFY(panel.blogBugBox(rnnlab::BlogBug::FinalHiddenInBackward)->isEnabled());
  }

  void aModelEditSwitchesOffTheBugsItLeavesUndefined() {
    SettingsPanel panel;
    rnnlab::Session session = rnnlab::builtinExample();
    session.training.blogBugs.gradientMissing2 = true;
    session.training.blogBugs.hTInDwhh = true;
    panel.setValues(session.model, session.training);
    QSignalSpy model(&panel, &SettingsPanel::modelEdited);
    QComboBox* loss = nullptr;
    for (QComboBox* box : panel.findChildren<QComboBox*>()) {
      loss = box->findData(QStringLiteral("cross_entropy")) >= 0 ? box : loss;
    }
    QVERIFY(loss != nullptr);
    loss->setCurrentIndex(loss->findData(QStringLiteral("cross_entropy")));
    QCOMPARE(model.count(), 1);
    const auto settings = model.at(0).at(1).value<rnnlab::TrainingSettings>();
    QVERIFY(!settings.blogBugs.gradientMissing2);  // one edit: undo brings both back
    QVERIFY(settings.blogBugs.hTInDwhh);
    QVERIFY(!panel.blogBugBox(rnnlab::BlogBug::GradientMissing2)->isChecked());
    QVERIFY(!panel.blogBugBox(rnnlab::BlogBug::GradientMissing2)->isEnabled());
    QVERIFY(panel.blogBugBox(rnnlab::BlogBug::HtInDwhh)->isChecked());
  }

  void theNoticeNamesTheBugsThatAreOn() {
    rnnlab::BlogBugs bugs;
    QVERIFY(SettingsPanel::blogBugsNotice(bugs).isEmpty());
    bugs.lastOutputOnly = true;
    bugs.hTInDwhh = true;
    const QString notice = SettingsPanel::blogBugsNotice(bugs);
    QVERIFY(notice.contains(QStringLiteral("deliberately wrong")));
    QVERIFY(notice.contains(QStringLiteral("last_output_only, h_t_in_dwhh")));
  }
};

QTEST_MAIN(SettingsPanelTest)
#include "settings_panel_test.moc"
