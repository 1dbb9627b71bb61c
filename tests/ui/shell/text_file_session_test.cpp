// File → New text session from a file in the window: the text is read in the background, the
// model is chosen in a short dialog, and the new session learns the whole file with that model;
// Cancel (in the progress or the model dialog) and a bad file leave the session as it was, the
// bad file with one message.

#include <QApplication>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "document/background_file_job.h"
#include "document/session_document.h"
#include "editors/text_model_dialog.h"
#include "rnnlab/session.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"

namespace {

constexpr int Timeout = 60000;  // ms; only reached when something is broken
const QString Shakespeare = QStringLiteral("/work/shared/data/tinyshakespeare.txt");

}  // namespace

class TextFileSessionTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

  QString writeFile(const QString& name, const QByteArray& bytes) {
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly)) {
      return {};
    }
    file.write(bytes);
    return file.fileName();
  }

  static TextModelDialog* modelDialog(MainWindow& window) {
    TextModelDialog* dialog = nullptr;
    [&] {
      QTRY_VERIFY_WITH_TIMEOUT(
          (dialog = window.findChild<TextModelDialog*>()) != nullptr && dialog->isVisible(),
          Timeout);
    }();
    return dialog;
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("text_file_session_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    if (!QFile::exists(Shakespeare)) {
      QSKIP("no tinyshakespeare.txt");
    }
  }

  void opensTheFileWithTheChosenModel() {
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(window.files(), &FileActions::openFinished);
    window.files()->startTextRead(Shakespeare);
    TextModelDialog* dialog = modelDialog(window);
    QVERIFY(dialog != nullptr);
    // Proposed for a text this long: char-rnn's model.
    QVERIFY(dialog->choice() == TextModelSize::CharRnn);
    QVERIFY(dialog->button(TextModelSize::CharRnn)->text().contains(QStringLiteral("128")));
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(finished.first().at(0).toBool(), true);
    const rnnlab::Session& session = window.document()->session();
    QVERIFY(session.text.has_value());
    QCOMPARE(session.text->size(), 1115394L);
    QCOMPARE(session.text->vocabularySize(), 65);
    QVERIFY(session.model.cell == rnnlab::CellKind::Lstm);
    QCOMPARE(session.model.layers, 2);
    QCOMPARE(session.model.hiddenSize, 128);
    QCOMPARE(session.text->streams, 50);
    QCOMPARE(window.document()->title(), QStringLiteral("tinyshakespeare.txt"));
    QVERIFY(window.document()->filePath().isEmpty());  // Save asks for a session's name

    // Again, the small model chosen.
    window.files()->startTextRead(Shakespeare);
    dialog = modelDialog(window);
    QVERIFY(dialog != nullptr);
    dialog->button(TextModelSize::Small)->click();
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, Timeout);
    QVERIFY(window.document()->session().model.cell == rnnlab::CellKind::Rnn);
    QCOMPARE(window.document()->session().model.hiddenSize, 100);
  }

  void cancelChangesNothing() {
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const rnnlab::Session before = window.document()->session();
    QSignalSpy finished(window.files(), &FileActions::openFinished);

    // Cancel in the model dialog.
    window.files()->startTextRead(Shakespeare);
    TextModelDialog* dialog = modelDialog(window);
    QVERIFY(dialog != nullptr);
    dialog->reject();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(finished.first().at(1).toString().isEmpty());
    QVERIFY(window.document()->session() == before);

    // Cancel while reading (as the progress dialog's Cancel does): nothing arrives later.
    window.files()->startTextRead(Shakespeare);
    QVERIFY(window.files()->isOpening());
    window.files()->cancelOpen();
    QCOMPARE(finished.count(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!BackgroundFileJob::workerBusy(), Timeout);
    QTest::qWait(100);
    QVERIFY(window.findChild<TextModelDialog*>() == nullptr);
    QCOMPARE(finished.count(), 2);
    QVERIFY(window.document()->session() == before);
  }

  void aBadFileGetsOneMessage() {
    MainWindow window;
    window.setScripted(true);  // the message comes with openFinished instead of a box
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const rnnlab::Session before = window.document()->session();
    QSignalSpy finished(window.files(), &FileActions::openFinished);
    window.files()->startTextRead(writeFile(QStringLiteral("latin1.txt"), "caf\xe9 au lait\n"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(finished.first().at(0).toBool(), false);
    const QString message = finished.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("latin1.txt is not UTF-8")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("byte 3")), qPrintable(message));
    QVERIFY(window.document()->session() == before);
    QVERIFY(window.findChild<TextModelDialog*>() == nullptr);
  }
};

QTEST_MAIN(TextFileSessionTest)
#include "text_file_session_test.moc"
