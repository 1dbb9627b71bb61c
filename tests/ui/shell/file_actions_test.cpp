// Asking before work is lost: a run trained beyond what its file holds is unsaved work even when
// no setting was edited, so closing or opening something else asks first.
#include "shell/file_actions.h"

#include <QAbstractButton>
#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

#include "document/session_document.h"
#include "rnnlab/session.h"
#include "shell/main_window.h"
#include "training/training_controller.h"

namespace {

// Answers the next "save your changes?" question with `button`, and counts the questions asked.
class Answerer : public QObject {
 public:
  explicit Answerer(QMessageBox::StandardButton button) : m_button(button) {
    m_timer.setInterval(10);
    connect(&m_timer, &QTimer::timeout, this, [this] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (box != nullptr && box->button(m_button) != nullptr) {
        ++m_asked;
        box->button(m_button)->click();
      }
    });
    m_timer.start();
  }
  int asked() const { return m_asked; }

 private:
  QMessageBox::StandardButton m_button;
  QTimer m_timer;
  int m_asked = 0;
};

// Play runs `more` iterations on from where the run is.
void trainOn(MainWindow& window, long more) {
  const long from = window.controller()->latestSnapshot()->iteration;
  window.document()->setIterations(more);
  window.controller()->setSpeed(0);  // full speed: not a test of the pace
  window.controller()->play();
  QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, 30000);
  QCOMPARE(window.controller()->latestSnapshot()->iteration, from + more);
}

}  // namespace

class FileActionsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("file_actions_test"));
    QSettings().clear();
  }

  // A pasted paragraph wraps at the box's width (it ran off sideways), and so does the prompt.
  void pasteTextDialogWraps() {
    const std::unique_ptr<QInputDialog> dialog = FileActions::pasteTextDialog(nullptr);
    auto* box = dialog->findChild<QPlainTextEdit*>();
    QVERIFY(box != nullptr);
    QCOMPARE(box->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    auto* label = dialog->findChild<QLabel*>();
    QVERIFY(label != nullptr && label->wordWrap());
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    box->setPlainText(QString(2000, u'x').replace(5, 1, u' '));
    QCoreApplication::processEvents();
    QVERIFY(!box->horizontalScrollBar()->isVisible());
  }

  void untouchedWindowClosesWithoutAsking() {
    MainWindow window;
    window.show();
    QVERIFY(!window.files()->hasUnsavedWork());
    Answerer cancel(QMessageBox::Cancel);
    QVERIFY(window.close());
    QCOMPARE(cancel.asked(), 0);
  }

  void trainedRunAsksBeforeClosing() {
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    trainOn(window, 25);
    QVERIFY(!window.document()->isModified());  // no edit: only the run has moved on
    QVERIFY(window.files()->hasUnsavedWork());
    {
      Answerer cancel(QMessageBox::Cancel);
      QVERIFY(!window.close());  // cancelled: the window and its run stay
      QCOMPARE(cancel.asked(), 1);
      QVERIFY(window.isVisible());
      QCOMPARE(window.controller()->latestSnapshot()->iteration, 25L);
      QVERIFY(!window.files()->maybeDiscard());  // as Open, New or a drop ask
      QCOMPARE(cancel.asked(), 2);
      // Switching presets asks only about edits: the run alone goes without a question.
      QVERIFY(window.files()->maybeDiscardEdits());
      QCOMPARE(cancel.asked(), 2);
      rnnlab::TrainingSettings edited = window.document()->session().training;
      edited.learningRate *= 0.5;
      window.document()->editTraining(edited);  // an edit
      QVERIFY(window.document()->isModified());
      QVERIFY(!window.files()->maybeDiscardEdits());
      QCOMPARE(cancel.asked(), 3);
    }

    // Saved: the file holds the run, nothing is asked any more.
    const QString path = dir.filePath(QStringLiteral("run.rnnlab.json"));
    QString error;
    QVERIFY2(window.files()->saveFile(path, &error), qPrintable(error));
    QVERIFY(!window.files()->hasUnsavedWork());

    // Opening the saved run is clean too; training on from it is unsaved work again.
    QVERIFY2(window.files()->openFile(path, &error), qPrintable(error));
    QTRY_COMPARE(window.controller()->latestSnapshot()->iteration, 25L);
    QVERIFY(!window.files()->hasUnsavedWork());
    trainOn(window, 15);
    QVERIFY(window.files()->hasUnsavedWork());
    Answerer discard(QMessageBox::Discard);
    QVERIFY(window.close());
    QCOMPARE(discard.asked(), 1);
  }

  // While a file opens (seconds for a large model) the window says so and the cursor is busy;
  // both go once it is open.
  void openingShowsThatItIsBusy() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.rnnlab.json"));
    rnnlab::saveSession(rnnlab::builtinExample(), path.toStdString());
    MainWindow window;
    window.show();
    QStringList messages;
    connect(window.statusBar(), &QStatusBar::messageChanged, this,
            [&](const QString& message) { messages << message; });
    bool busyWhileLoading = false;
    connect(window.document(), &SessionDocument::loaded, this, [&] {
      busyWhileLoading = QApplication::overrideCursor() != nullptr &&
                         QApplication::overrideCursor()->shape() == Qt::WaitCursor;
    });
    QString error;
    QVERIFY2(window.files()->openFile(path, &error), qPrintable(error));
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.front(), QStringLiteral("Opening big.rnnlab.json…"));
    QVERIFY(busyWhileLoading);
    QCOMPARE(QApplication::overrideCursor(), nullptr);
    QVERIFY(window.statusBar()->currentMessage().isEmpty());
  }
};

QTEST_MAIN(FileActionsTest)
#include "file_actions_test.moc"
