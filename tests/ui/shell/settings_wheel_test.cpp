// Turning the mouse wheel over Settings must not change the model: spin and combo boxes take the
// wheel only when focused (WheelGuard), and a changed output mode, which reshapes the targets, is
// one undo step that puts the targets back exactly.

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

#include "document/session_document.h"
#include "editors/sequence_editor.h"
#include "editors/sequence_table_model.h"
#include "editors/settings_panel.h"
#include "shell/main_window.h"

namespace {

// A wheel notch down over the middle of `widget`; returns whether anyone accepted it.
bool turnWheel(QWidget* widget) {
  const QPointF centre = QRectF(widget->rect()).center();
  QWheelEvent wheel(centre, widget->mapToGlobal(centre), QPoint(), QPoint(0, -120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QCoreApplication::sendEvent(widget, &wheel);
  return wheel.isAccepted();
}

}  // namespace

class SettingsWheelTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("settings_wheel_test"));
    QSettings().clear();
  }

  void wheelOverUnfocusedFieldsChangesNothing() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* mode = window.findChild<QComboBox*>(QStringLiteral("outputModeBox"));
    auto* hidden = window.findChild<QSpinBox*>(QStringLiteral("hiddenSizeBox"));
    auto* decay = window.findChild<QDoubleSpinBox*>(QStringLiteral("lrDecayBox"));
    QVERIFY(mode != nullptr && hidden != nullptr && decay != nullptr);
    QCOMPARE(decay->focusPolicy(), Qt::StrongFocus);
    // The wheel must not give them the focus either (Qt does that before any filter).
    QCOMPARE(mode->focusPolicy(), Qt::StrongFocus);
    QCOMPARE(hidden->focusPolicy(), Qt::StrongFocus);
    const rnnlab::Session before = window.document()->session();
    const int modeIndex = mode->currentIndex();
    const int hiddenValue = hidden->value();
    QVERIFY(!mode->hasFocus() && !hidden->hasFocus());
    // Not accepted: Qt offers a real wheel event to the parents, so the dock scrolls instead.
    QVERIFY(!turnWheel(mode));
    QVERIFY(!turnWheel(hidden));
    QVERIFY(!turnWheel(decay));
    QCOMPARE(decay->value(), 1.0);
    QCOMPARE(mode->currentIndex(), modeIndex);
    QCOMPARE(hidden->value(), hiddenValue);
    QVERIFY(window.document()->session() == before);
    QCOMPARE(window.findChild<SequenceEditor*>()->undoStack()->count(), 0);
  }

  void aFocusedFieldTakesTheWheelAsAnUndoableEdit() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    auto* hidden = window.findChild<QSpinBox*>(QStringLiteral("hiddenSizeBox"));
    const int before = hidden->value();
    hidden->setFocus();
    QTRY_VERIFY(hidden->hasFocus());
    QVERIFY(turnWheel(hidden));
    QCOMPARE(hidden->value(), before - 1);
    QCOMPARE(window.document()->session().model.hiddenSize, before - 1);
    window.findChild<SequenceEditor*>()->undoStack()->undo();
    QCOMPARE(window.document()->session().model.hiddenSize, before);
    QCOMPARE(hidden->value(), before);
  }

  void outputModeChangeUndoesToTheExactTargets() {
    MainWindow window;
    auto* mode = window.findChild<QComboBox*>(QStringLiteral("outputModeBox"));
    QUndoStack* stack = window.findChild<SequenceEditor*>()->undoStack();
    rnnlab::Session session = window.document()->session();
    QVERIFY(session.model.outputMode == rnnlab::OutputMode::Sequence);
    const rnnlab::Index T = session.data.steps();
    QVERIFY(T >= 3);
    rnnlab::Matrix targets(T, session.data.targets.cols());
    for (rnnlab::Index t = 0; t < T; ++t) {
      for (rnnlab::Index k = 0; k < targets.cols(); ++k) {
        targets(t, k) = static_cast<double>((t + k) % 2) + 0.25 * static_cast<double>(t);
      }
    }
    session.data.targets = targets;
    window.document()->setSession(session, QString(), QStringLiteral("targets"));
    QCOMPARE(stack->count(), 0);

    mode->setCurrentIndex(mode->findData(QStringLiteral("last")));
    QVERIFY(window.document()->session().model.outputMode == rnnlab::OutputMode::Last);
    QVERIFY(window.document()->session().data.targets == targets.bottomRows(1));
    QCOMPARE(stack->count(), 1);
    QVERIFY(stack->canUndo());

    stack->undo();
    QVERIFY(window.document()->session().model.outputMode == rnnlab::OutputMode::Sequence);
    QVERIFY(window.document()->session().data.targets == targets);  // every row, exactly
    QCOMPARE(mode->currentData().toString(), QStringLiteral("sequence"));
    SequenceTableModel* table =
        window.findChild<SequenceEditor*>()->model(SequenceEditor::Table::Targets);
    QCOMPARE(table->rowCount(), static_cast<int>(T));
    QCOMPARE(table->data(table->index(1, 0), Qt::EditRole).toDouble(), targets(1, 0));

    stack->redo();
    QVERIFY(window.document()->session().model.outputMode == rnnlab::OutputMode::Last);
    QVERIFY(window.document()->session().data.targets == targets.bottomRows(1));
    QCOMPARE(table->rowCount(), 1);
  }
};

QTEST_MAIN(SettingsWheelTest)
#include "settings_wheel_test.moc"
