// StackSettings, the Settings panel's rows of the stack (v3 §1), and the text panel's streams
// (v3 §2): each edit sets its session key as one undo step that undo takes back exactly, the
// wheel over an unfocused field changes nothing, dropout is off limits with one layer and
// bidirectional for text, and streams the text is too short for are refused with the core's
// message.

#include "editors/stack_settings.h"

#include <QApplication>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtTest>
#include <optional>
#include <string>

#include "document/session_document.h"
#include "editors/settings_panel.h"
#include "editors/text_settings_panel.h"
#include "rnnlab/session.h"
#include "widgets/wheel_guard.h"

namespace {

// Types `text` into a spin box and presses Enter, as a user does.
void type(QAbstractSpinBox* box, const QString& text) {
  box->setFocus();
  auto* edit = box->findChild<QLineEdit*>();
  edit->selectAll();
  QTest::keyClicks(box, text);
  QTest::keyClick(box, Qt::Key_Return);
}

// A wheel notch up over the middle of `widget`, sent as Qt sends a real one.
void turnWheel(QWidget* widget) {
  const QPointF centre = QRectF(widget->rect()).center();
  QWheelEvent wheel(centre, widget->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &wheel);
}

std::string field(const rnnlab::Session& session, const char* path) {
  return rnnlab::sessionFieldValue(session, path).value_or("(absent)");
}

// The Settings panel wired to a document and an undo stack as the main window wires them.
struct Editing {
  SessionDocument document;
  QUndoStack undo;
  SettingsPanel panel;

  Editing() {
    document.setUndoStack(&undo);
    QObject::connect(&panel, &SettingsPanel::modelEdited, &document, &SessionDocument::editModel);
    QObject::connect(&panel, &SettingsPanel::settingsEdited, &document,
                     &SessionDocument::editTraining);
    QObject::connect(&document, &SessionDocument::edited, &panel, [this] { show(); });
    show();
  }
  void show() {
    const rnnlab::Session& session = document.session();
    panel.setValues(session.model, session.training);
    panel.stackSettings()->setTextSession(session.text.has_value());
  }
  StackSettings* stack() const { return panel.stackSettings(); }
};

}  // namespace

class StackSettingsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("stack_settings_test"));
    QSettings().clear();
  }

  void rowsSitInTheModelFormAfterTheHiddenSize() {
    SettingsPanel panel;
    StackSettings* stack = panel.stackSettings();
    QVERIFY(stack != nullptr);
    auto* form = qobject_cast<QFormLayout*>(stack->parent());
    QVERIFY(form != nullptr);
    int hiddenRow = -1;
    int layersRow = -1;
    QFormLayout::ItemRole role{};
    form->getWidgetPosition(panel.findChild<QSpinBox*>(QStringLiteral("hiddenSizeBox")),
                            &hiddenRow, &role);
    form->getWidgetPosition(stack->layersBox(), &layersRow, &role);
    QCOMPARE(layersRow, hiddenRow + 1);
    QCOMPARE(stack->layersBox()->minimum(), 1);
    QCOMPARE(stack->layersBox()->maximum(), 8);
    QCOMPARE(stack->dropoutBox()->minimum(), 0.0);
    QCOMPARE(stack->dropoutBox()->maximum(), 0.95);
    QCOMPARE(stack->dropoutBox()->singleStep(), 0.05);
    for (QWidget* widget : {static_cast<QWidget*>(stack->layersBox()),
                            static_cast<QWidget*>(stack->bidirectionalBox()),
                            static_cast<QWidget*>(stack->dropoutBox())}) {
      QVERIFY2(!widget->toolTip().isEmpty(), qPrintable(widget->objectName()));
    }
    QVERIFY(stack->dropoutBox()->toolTip().contains(QStringLiteral("between")));
    QVERIFY(stack->bidirectionalBox()->toolTip().contains(
        QStringLiteral("A second cell reads each sequence from the end; each step's output is "
                       "[h→ ; h←]. Not for text: a language model cannot read the future.")));
  }

  void showingValuesEmitsNothing() {
    SettingsPanel panel;
    QSignalSpy model(&panel, &SettingsPanel::modelEdited);
    rnnlab::Session session = rnnlab::builtinExample();
    session.model.layers = 3;
    session.model.bidirectional = true;
    session.model.dropout = 0.25;
    panel.setValues(session.model, session.training);
    QCOMPARE(model.count(), 0);
    QCOMPARE(panel.stackSettings()->layersBox()->value(), 3);
    QVERIFY(panel.stackSettings()->bidirectionalBox()->isChecked());
    QCOMPARE(panel.stackSettings()->dropoutBox()->value(), 0.25);
    QVERIFY(panel.modelConfig() == session.model);
  }

  void layersEditIsOneUndoStep() {
    Editing editing;
    const rnnlab::Session before = editing.document.session();
    // One layer is the default, which a file leaves out.
    QCOMPARE(field(before, "model.layers"), std::string("(absent)"));
    type(editing.stack()->layersBox(), QStringLiteral("3"));
    QCOMPARE(editing.document.session().model.layers, 3);
    QCOMPARE(field(editing.document.session(), "model.layers"), std::string("3"));
    QCOMPARE(editing.undo.count(), 1);
    QCOMPARE(editing.undo.undoText(), QStringLiteral("Change layers"));
    // The model waits for a reset, and the notice says what changed.
    QVERIFY(editing.document.resetPending());
    QVERIFY2(editing.document.resetReason().contains(QStringLiteral("layers 1 → 3")),
             qPrintable(editing.document.resetReason()));
    editing.undo.undo();
    QVERIFY(editing.document.session() == before);
    QCOMPARE(field(editing.document.session(), "model.layers"), std::string("(absent)"));
    QCOMPARE(editing.stack()->layersBox()->value(), 1);
    editing.undo.redo();
    QCOMPARE(editing.document.session().model.layers, 3);
  }

  void bidirectionalEditIsOneUndoStep() {
    Editing editing;
    const rnnlab::Session before = editing.document.session();
    editing.stack()->bidirectionalBox()->click();
    QVERIFY(editing.document.session().model.bidirectional);
    QCOMPARE(field(editing.document.session(), "model.bidirectional"), std::string("true"));
    QCOMPARE(editing.undo.undoText(), QStringLiteral("Change bidirectional"));
    QVERIFY(!rnnlab::validate(editing.document.session()));
    editing.undo.undo();
    QVERIFY(editing.document.session() == before);
    QVERIFY(!editing.stack()->bidirectionalBox()->isChecked());
  }

  void dropoutEditIsOneUndoStep() {
    Editing editing;
    type(editing.stack()->layersBox(), QStringLiteral("2"));
    const rnnlab::Session before = editing.document.session();
    QVERIFY(editing.stack()->dropoutBox()->isEnabled());
    type(editing.stack()->dropoutBox(), QStringLiteral("0.3"));
    QCOMPARE(editing.document.session().model.dropout, 0.3);
    QCOMPARE(field(editing.document.session(), "model.dropout"), std::string("0.3"));
    QCOMPARE(editing.undo.count(), 2);
    QCOMPARE(editing.undo.undoText(), QStringLiteral("Change dropout"));
    editing.undo.undo();
    QVERIFY(editing.document.session() == before);
    QCOMPARE(editing.stack()->dropoutBox()->value(), 0.0);
  }

  void dropoutIsDisabledWithOneLayer() {
    SettingsPanel panel;
    QDoubleSpinBox* dropout = panel.stackSettings()->dropoutBox();
    QCOMPARE(panel.stackSettings()->layersBox()->value(), 1);
    QVERIFY(!dropout->isEnabled());
    panel.stackSettings()->layersBox()->setValue(2);
    QVERIFY(dropout->isEnabled());
    panel.stackSettings()->layersBox()->setValue(1);
    QVERIFY(!dropout->isEnabled());
    // Shown values follow too.
    rnnlab::Session session = rnnlab::builtinExample();
    session.model.layers = 4;
    panel.setValues(session.model, session.training);
    QVERIFY(dropout->isEnabled());
  }

  void aDropoutTheFieldCannotShowStaysUntilEdited() {
    Editing editing;
    rnnlab::Session session = editing.document.session();
    session.model.layers = 2;
    session.model.dropout = 0.99;  // valid for the core, beyond the field's 0.95
    session.weights.reset();
    session.h0.reset();
    editing.document.setSession(session, QString(), QStringLiteral("deep"));
    editing.show();
    QCOMPARE(editing.stack()->dropoutBox()->value(), 0.95);
    // Another model edit leaves it alone.
    type(editing.panel.findChild<QSpinBox*>(QStringLiteral("hiddenSizeBox")), QStringLiteral("6"));
    QCOMPARE(editing.document.session().model.hiddenSize, 6);
    QCOMPARE(editing.document.session().model.dropout, 0.99);
    QCOMPARE(editing.undo.undoText(), QStringLiteral("Change hidden size"));
  }

  void bidirectionalIsDisabledForText() {
    Editing editing;
    QString error;
    QVERIFY2(editing.document.newTextSession(QStringLiteral("hello world, hello text. ").repeated(4),
                                             QStringLiteral("text"), &error),
             qPrintable(error));
    editing.show();
    QCheckBox* box = editing.stack()->bidirectionalBox();
    QVERIFY(!box->isEnabled());
    QVERIFY2(box->toolTip().contains(QStringLiteral("text session")), qPrintable(box->toolTip()));
    QVERIFY(box->toolTip().contains(QStringLiteral("cannot read the future")));
    // Layers and dropout are for text too.
    QVERIFY(editing.stack()->layersBox()->isEnabled());
    editing.stack()->setTextSession(false);
    QVERIFY(box->isEnabled());
    QVERIFY(!box->toolTip().contains(QStringLiteral("text session")));
  }

  void theWheelOverAnUnfocusedFieldChangesNothing() {
    WheelGuard guard;
    QCoreApplication::instance()->installEventFilter(&guard);
    Editing editing;
    editing.panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editing.panel));
    type(editing.stack()->layersBox(), QStringLiteral("2"));
    editing.stack()->layersBox()->clearFocus();
    const rnnlab::Session before = editing.document.session();
    const int steps = editing.undo.count();
    for (QAbstractSpinBox* box : {static_cast<QAbstractSpinBox*>(editing.stack()->layersBox()),
                                  static_cast<QAbstractSpinBox*>(editing.stack()->dropoutBox())}) {
      QVERIFY(!box->hasFocus());
      QCOMPARE(box->focusPolicy(), Qt::StrongFocus);
      turnWheel(box);
    }
    QCOMPARE(editing.stack()->layersBox()->value(), 2);
    QCOMPARE(editing.stack()->dropoutBox()->value(), 0.0);
    QVERIFY(editing.document.session() == before);
    QCOMPARE(editing.undo.count(), steps);
    // Focused, the wheel is an edit like any other.
    editing.panel.activateWindow();
    editing.stack()->layersBox()->setFocus();
    QTRY_VERIFY(editing.stack()->layersBox()->hasFocus());
    turnWheel(editing.stack()->layersBox());
    QCOMPARE(editing.document.session().model.layers, 3);
    QCoreApplication::instance()->removeEventFilter(&guard);
  }

  void aStackSwitchesTheBlogBugsOffInTheSameEdit() {
    Editing editing;
    QCheckBox* bug = editing.panel.blogBugBox(rnnlab::BlogBug::HtInDwhh);
    bug->setChecked(true);
    QVERIFY(editing.document.session().training.blogBugs.has(rnnlab::BlogBug::HtInDwhh));
    const rnnlab::Session before = editing.document.session();
    type(editing.stack()->layersBox(), QStringLiteral("2"));
    QVERIFY(!editing.document.session().training.blogBugs.any());
    QVERIFY(!bug->isEnabled());
    QVERIFY(bug->toolTip().contains(QStringLiteral("one layer in one direction")));
    QVERIFY(!rnnlab::validate(editing.document.session()));
    editing.undo.undo();
    QVERIFY(editing.document.session() == before);
    QVERIFY(bug->isChecked());
  }

  void streamsEditIsOneUndoStepAndTooManyAreRefused() {
    SessionDocument document;
    QUndoStack stack;
    document.setUndoStack(&stack);
    QString error;
    // 101 characters: with sequence length 25 (and M = ⌊100 / B⌋ ≥ 26) at most 3 streams fit.
    QVERIFY2(document.newTextSession(QStringLiteral("abcdefghij").repeated(10) + u'k',
                                     QStringLiteral("text"), &error),
             qPrintable(error));
    QCOMPARE(document.session().text->sequenceLength, 25);
    TextSettingsPanel panel;
    QString refused;
    connect(&panel, &TextSettingsPanel::textEdited, &document,
            [&](const rnnlab::TextData& text) {
              if (!document.editText(text, &refused)) {
                panel.setText(document.session().text);
              }
            });
    panel.setText(document.session().text);
    QSpinBox* streams = panel.streams();
    QCOMPARE(streams->objectName(), QStringLiteral("streamsBox"));
    QCOMPARE(streams->value(), 1);
    QCOMPARE(streams->maximum(), 4096);
    QVERIFY(streams->toolTip().startsWith(QStringLiteral("char-rnn reads the text as B parallel")));
    const rnnlab::Session before = document.session();

    type(streams, QStringLiteral("3"));
    QVERIFY(refused.isEmpty());
    QCOMPARE(document.session().text->streams, 3);
    QCOMPARE(field(document.session(), "data.batch_size"), std::string("3"));
    QCOMPARE(stack.undoText(), QStringLiteral("Change streams"));
    const rnnlab::Session three = document.session();

    type(streams, QStringLiteral("4"));
    QVERIFY2(refused.startsWith(QStringLiteral("data.batch_size: the text is too short for 4 "
                                               "streams")),
             qPrintable(refused));
    QVERIFY(document.session() == three);
    QCOMPARE(stack.count(), 1);
    QCOMPARE(streams->value(), 3);  // back to what the document holds

    stack.undo();
    QVERIFY(document.session() == before);
    panel.setText(document.session().text);
    QCOMPARE(streams->value(), 1);
  }
};

QTEST_MAIN(StackSettingsTest)
#include "stack_settings_test.moc"
