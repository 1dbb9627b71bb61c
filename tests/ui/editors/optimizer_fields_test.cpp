// OptimizerFields, the optimizer's rows of the Settings panel: RMSprop in the optimizer list with
// its α shown only for it, and the learning-rate decay (γ, then n and s while γ < 1), each an
// undoable edit with a tooltip, like momentum and β1.

#include "editors/optimizer_fields.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QUndoStack>
#include <QtTest>

#include "document/session_document.h"
#include "editors/settings_panel.h"
#include "rnnlab/session.h"

namespace {

QComboBox* optimizerBox(SettingsPanel& panel) {
  for (QComboBox* box : panel.findChildren<QComboBox*>()) {
    if (box->findData(QStringLiteral("rmsprop")) >= 0) {
      return box;
    }
  }
  return nullptr;
}

QDoubleSpinBox* doubleBox(SettingsPanel& panel, const QString& toolTipStart) {
  for (QDoubleSpinBox* box : panel.findChildren<QDoubleSpinBox*>()) {
    if (box->toolTip().startsWith(toolTipStart)) {
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

// A panel wired to a document as the main window wires them.
struct Wired {
  SettingsPanel panel;
  SessionDocument document;
  QUndoStack stack;

  Wired() {
    document.setUndoStack(&stack);
    QObject::connect(&panel, &SettingsPanel::settingsEdited, &document,
                     &SessionDocument::editTraining);
    QObject::connect(&document, &SessionDocument::edited, &panel, [this] {
      panel.setValues(document.session().model, document.session().training);
    });
    panel.setValues(document.session().model, document.session().training);
  }
};

}  // namespace

class OptimizerFieldsTest : public QObject {
  Q_OBJECT

 private slots:
  void rmspropShowsItsAlphaOnly() {
    SettingsPanel panel;
    const rnnlab::Session session = rnnlab::builtinExample();  // sgd
    panel.setValues(session.model, session.training);
    QComboBox* optimizer = optimizerBox(panel);
    auto* alpha = panel.findChild<QDoubleSpinBox*>(QStringLiteral("alphaBox"));
    QDoubleSpinBox* beta1 = doubleBox(panel, QStringLiteral("Adam's β1"));
    QDoubleSpinBox* momentum = doubleBox(panel, QStringLiteral("Momentum μ"));
    QDoubleSpinBox* epsilon = doubleBox(panel, QStringLiteral("ε keeps"));
    QVERIFY(optimizer && alpha && beta1 && momentum && epsilon);
    QCOMPARE(optimizer->itemText(optimizer->findData(QStringLiteral("rmsprop"))),
             QStringLiteral("RMSprop"));
    QVERIFY(alpha->toolTip().contains(QStringLiteral("RMSprop's α")));
    QVERIFY(!alpha->isVisibleTo(&panel));
    QVERIFY(!epsilon->isVisibleTo(&panel));

    QSignalSpy edited(&panel, &SettingsPanel::settingsEdited);
    optimizer->setCurrentIndex(optimizer->findData(QStringLiteral("rmsprop")));
    QCOMPARE(edited.count(), 1);
    QVERIFY(panel.settings().optimizer == rnnlab::OptimizerKind::Rmsprop);
    QVERIFY(alpha->isVisibleTo(&panel));
    QVERIFY(epsilon->isVisibleTo(&panel));  // RMSprop divides by √v + ε
    QVERIFY(!beta1->isVisibleTo(&panel));
    QVERIFY(!momentum->isVisibleTo(&panel));
    QCOMPARE(alpha->value(), 0.99);

    optimizer->setCurrentIndex(optimizer->findData(QStringLiteral("adam")));
    QVERIFY(!alpha->isVisibleTo(&panel));
    QVERIFY(beta1->isVisibleTo(&panel));
  }

  void alphaIsAnUndoableEdit() {
    Wired wired;
    panelShowsRmsprop(wired);
    auto* alpha = wired.panel.findChild<QDoubleSpinBox*>(QStringLiteral("alphaBox"));
    wired.panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wired.panel));
    type(alpha, QStringLiteral("0.9"));
    QCOMPARE(wired.document.session().training.alpha, 0.9);
    QCOMPARE(wired.stack.undoText(), QStringLiteral("Change α"));
    wired.stack.undo();
    QCOMPARE(wired.document.session().training.alpha, 0.99);
    QCOMPARE(alpha->value(), 0.99);
    wired.stack.redo();
    QCOMPARE(alpha->value(), 0.9);
  }

  void theDecayIsAnUndoableEditWithItsRowsWhileOn() {
    Wired wired;
    SettingsPanel& panel = wired.panel;
    auto* decay = panel.findChild<QDoubleSpinBox*>(QStringLiteral("lrDecayBox"));
    auto* every = panel.findChild<QSpinBox*>(QStringLiteral("lrDecayEveryBox"));
    auto* start = panel.findChild<QSpinBox*>(QStringLiteral("lrDecayStartBox"));
    QVERIFY(decay && every && start);
    for (QAbstractSpinBox* box :
         {static_cast<QAbstractSpinBox*>(decay), static_cast<QAbstractSpinBox*>(every),
          static_cast<QAbstractSpinBox*>(start)}) {
      QVERIFY(!box->toolTip().isEmpty());
      QVERIFY(!box->keyboardTracking());  // only finished values reach the trainer
    }
    QVERIFY(decay->toolTip().contains(QStringLiteral("StepLR")));
    QCOMPARE(decay->value(), 1.0);
    QVERIFY(decay->isVisibleTo(&panel));
    QVERIFY(!every->isVisibleTo(&panel));  // off: n and s say nothing
    QVERIFY(!start->isVisibleTo(&panel));

    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    type(decay, QStringLiteral("0.5"));
    QCOMPARE(wired.document.session().training.lrDecay, 0.5);
    QCOMPARE(wired.stack.undoText(), QStringLiteral("Change rate decay γ"));
    QVERIFY(every->isVisibleTo(&panel));
    QVERIFY(start->isVisibleTo(&panel));
    QCOMPARE(every->value(), 1000);
    QCOMPARE(start->value(), 0);
    type(every, QStringLiteral("30"));
    type(start, QStringLiteral("200"));
    const rnnlab::TrainingSettings& edited = wired.document.session().training;
    QCOMPARE(edited.lrDecayEvery, 30L);
    QCOMPARE(edited.lrDecayStart, 200L);
    QCOMPARE(wired.stack.count(), 3);  // one step each
    QCOMPARE(wired.stack.undoText(), QStringLiteral("Change decay from s"));
    // A version-3 session now: the file says so.
    QCOMPARE(wired.document.session().formatVersionNeeded(), 3);

    wired.stack.undo();
    wired.stack.undo();
    QCOMPARE(every->value(), 1000);
    QCOMPARE(start->value(), 0);
    wired.stack.undo();
    QVERIFY(wired.document.session().training == rnnlab::builtinExample().training);
    QCOMPARE(decay->value(), 1.0);
    QVERIFY(!every->isVisibleTo(&panel));
    wired.stack.redo();
    QCOMPARE(decay->value(), 0.5);
    QVERIFY(every->isVisibleTo(&panel));
  }

 private:
  static void panelShowsRmsprop(Wired& wired) {
    QComboBox* optimizer = optimizerBox(wired.panel);
    optimizer->setCurrentIndex(optimizer->findData(QStringLiteral("rmsprop")));
    QVERIFY(wired.document.session().training.optimizer == rnnlab::OptimizerKind::Rmsprop);
  }
};

QTEST_MAIN(OptimizerFieldsTest)
#include "optimizer_fields_test.moc"
