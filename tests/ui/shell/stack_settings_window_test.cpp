// The stack's settings (layers, bidirectional, dropout; v3 §1) and a text's streams (v3 §2) in
// the main window: the wheel passes over them unfocused, a stacked model waits for a reset that
// the notice names and then trains under a label that says its depth, a text session keeps
// bidirectional off and refuses streams its text is too short for, with the core's message in
// the status bar and nothing changed.

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtTest>

#include "document/session_document.h"
#include "editors/sequence_editor.h"
#include "editors/text_settings_panel.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"
#include "shell/notice_bar.h"
#include "training/training_controller.h"

namespace {

// A wheel notch up over the middle of `widget`; returns whether anyone accepted it.
bool turnWheel(QWidget* widget) {
  const QPointF centre = QRectF(widget->rect()).center();
  QWheelEvent wheel(centre, widget->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QCoreApplication::sendEvent(widget, &wheel);
  return wheel.isAccepted();
}

void type(QAbstractSpinBox* box, const QString& text) {
  box->setFocus();
  auto* edit = box->findChild<QLineEdit*>();
  edit->selectAll();
  QTest::keyClicks(box, text);
  QTest::keyClick(box, Qt::Key_Return);
}

}  // namespace

class StackSettingsWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("stack_settings_window_test"));
    QSettings().clear();
  }

  void theWheelPassesOverUnfocusedStackFields() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* layers = window.findChild<QSpinBox*>(QStringLiteral("layersBox"));
    auto* dropout = window.findChild<QDoubleSpinBox*>(QStringLiteral("dropoutBox"));
    QVERIFY(layers != nullptr && dropout != nullptr);
    QCOMPARE(layers->focusPolicy(), Qt::StrongFocus);
    QCOMPARE(dropout->focusPolicy(), Qt::StrongFocus);
    const rnnlab::Session before = window.document()->session();
    QVERIFY(!layers->hasFocus());
    QVERIFY(!turnWheel(layers));
    QCOMPARE(layers->value(), 1);
    QVERIFY(window.document()->session() == before);
    QCOMPARE(window.findChild<SequenceEditor*>()->undoStack()->count(), 0);
  }

  void aStackWaitsForResetThenTrainsUnderItsLabel() {
    MainWindow window;
    window.show();
    auto* layers = window.findChild<QSpinBox*>(QStringLiteral("layersBox"));
    auto* bidirectional = window.findChild<QCheckBox*>(QStringLiteral("bidirectionalBox"));
    QVERIFY(bidirectional->isEnabled());
    type(layers, QStringLiteral("2"));
    bidirectional->click();
    const rnnlab::Session& session = window.document()->session();
    QCOMPARE(session.model.layers, 2);
    QVERIFY(session.model.bidirectional);
    const QString notice = window.notices()->text(NoticeKind::ResetPending);
    QVERIFY2(notice.contains(QStringLiteral("layers 1 → 2")) &&
                 notice.contains(QStringLiteral("bidirectional")),
             qPrintable(notice));
    QVERIFY2(!notice.contains(QStringLiteral("Cannot reset")), qPrintable(notice));
    window.resetTraining();
    QVERIFY(!window.document()->resetPending());
    QCOMPARE(window.document()->applied().model.layers, 2);
    window.document()->setIterations(5);
    window.controller()->setSpeed(0);
    window.controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, 30000);
    const QString label = window.controller()->liveRunLabel();
    QVERIFY2(label.startsWith(QStringLiteral("run 1: tanh RNN 2×4 bi · ")), qPrintable(label));
  }

  void aTextSessionKeepsBidirectionalOffAndRefusesTooManyStreams() {
    MainWindow window;
    window.setScripted(true);
    window.show();
    QString error;
    QVERIFY2(window.files()->openPreset(QStringLiteral("hello_text"), &error), qPrintable(error));
    auto* bidirectional = window.findChild<QCheckBox*>(QStringLiteral("bidirectionalBox"));
    QVERIFY(!bidirectional->isEnabled());
    QVERIFY(bidirectional->toolTip().contains(QStringLiteral("cannot read the future")));

    const rnnlab::Session before = window.document()->session();
    QSpinBox* streams = window.textPanel()->streams();
    QVERIFY(streams->isEnabled());
    type(streams, QStringLiteral("4096"));
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.startsWith(QStringLiteral("Text settings not changed: data.batch_size: the "
                                               "text is too short for 4096 streams")),
             qPrintable(message));
    QVERIFY(window.document()->session() == before);
    QCOMPARE(streams->value(), before.text->streams);
    QCOMPARE(window.findChild<SequenceEditor*>()->undoStack()->count(), 0);

    // Two streams fit: an undo step, and the run follows at once (same model).
    type(streams, QStringLiteral("2"));
    QCOMPARE(window.document()->session().text->streams, 2);
    QCOMPARE(window.document()->applied().text->streams, 2);
    QUndoStack* undo = window.findChild<SequenceEditor*>()->undoStack();
    QCOMPARE(undo->undoText(), QStringLiteral("Change streams"));
    undo->undo();
    QVERIFY(window.document()->session() == before);
    QCOMPARE(streams->value(), before.text->streams);
  }
};

QTEST_MAIN(StackSettingsWindowTest)
#include "stack_settings_window_test.moc"
