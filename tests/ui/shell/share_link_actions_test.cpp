// Copy link and open a link on the real window: the clipboard gets a link of the edited session
// that opens to the same session and trains it; a bad link changes nothing and says why once; a
// lesson step in a link is handed on.

#include "shell/share_link_actions.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtTest>

#include "document/preset_library.h"
#include "document/session_document.h"
#include "lessons/lesson_runner.h"
#include "lessons/spotlight_overlay.h"
#include "shell/file_actions.h"
#include "shell/lesson_actions.h"
#include "shell/main_window.h"
#include "shell/presentation_mode.h"

class ShareLinkActionsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("share_link_actions_test"));
    QSettings().clear();
  }

  void copiedLinkOpensTheSameSession() {
    MainWindow window;
    window.setScripted(true);
    QVERIFY(window.files()->openPreset(QStringLiteral("sine")));
    rnnlab::TrainingSettings training = window.document()->session().training;
    training.learningRate = 0.0123;
    window.document()->editTraining(training);
    const rnnlab::Session edited = window.document()->session();
    window.links()->copyLink();
    const QString link = QGuiApplication::clipboard()->text();
    QVERIFY(share_link::isLink(link));

    QVERIFY(window.files()->openPreset(QStringLiteral("echo")));
    QVERIFY(!(window.document()->session() == edited));
    QSignalSpy lesson(window.links(), &ShareLinkActions::lessonStepRequested);
    window.links()->openFromClipboard();
    QCOMPARE(window.document()->session(), share_link::shareable(edited));
    QCOMPARE(window.document()->session().training.learningRate, 0.0123);
    QCOMPARE(window.document()->title(), QStringLiteral("Shared session"));
    QVERIFY(window.document()->filePath().isEmpty());
    // Training runs the opened session, not the one before.
    QCOMPARE(window.document()->applied(), window.document()->session());
    QCOMPARE(lesson.count(), 0);
  }

  // Found by the monkey test: an edit the file format refuses (momentum ≥ 1) stays in the
  // document until corrected, and Copy link on it threw out of the event loop. Now it says why,
  // and the clipboard keeps what it had.
  void copyLinkOfAnInvalidSessionSaysWhy() {
    MainWindow window;
    window.setScripted(true);
    rnnlab::TrainingSettings training = window.document()->session().training;
    training.optimizer = rnnlab::OptimizerKind::Momentum;
    training.momentum = 1.0869904611836758;
    window.document()->editTraining(training);
    QVERIFY(rnnlab::validate(window.document()->session()).has_value());
    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    window.links()->copyLink();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("before"));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("training.momentum")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(window.links()->link().isEmpty());
  }

  // The window wires lessons to links: a copied link names the lesson and the step it is at, and
  // opening it in another window runs that lesson from that step. Presentation mode makes the
  // lesson's spotlight strong.
  void aLessonsStepTravelsThroughALink() {
    MainWindow window;
    window.setScripted(true);
    QString error;
    QVERIFY2(window.lessons()->open(QStringLiteral("learning-rate"), &error), qPrintable(error));
    window.lessons()->runner()->goTo(1);
    const std::optional<share_link::SharedState> state =
        share_link::decode(window.links()->link(), &error);
    QVERIFY2(state.has_value(), qPrintable(error));
    QVERIFY(state->lesson.has_value());
    QCOMPARE(state->lesson->name, QStringLiteral("learning-rate"));
    QCOMPARE(state->lesson->step, 1);

    MainWindow other;
    other.setScripted(true);
    QVERIFY(!other.lessons()->runner()->isActive());
    QVERIFY2(other.links()->openLink(window.links()->link(), &error), qPrintable(error));
    QVERIFY(other.lessons()->runner()->isActive());
    QCOMPARE(other.lessons()->runner()->lesson().name, QStringLiteral("learning-rate"));
    QCOMPARE(other.lessons()->runner()->stepIndex(), 1);

    window.lessons()->leave();
    QVERIFY(!share_link::decode(window.links()->link(), &error)->lesson.has_value());

    QVERIFY(!other.lessons()->spotlight()->isStrong());
    other.presentation()->setOn(true);
    QVERIFY(other.lessons()->spotlight()->isStrong());
    other.presentation()->setOn(false);
    QVERIFY(!other.lessons()->spotlight()->isStrong());
  }

  void linkWithALessonStepHandsItOn() {
    MainWindow window;
    window.setScripted(true);
    window.links()->setLessonStep(share_link::LessonStep{QStringLiteral("exploding"), 4});
    const QString link = window.links()->link();
    window.links()->setLessonStep(std::nullopt);
    QVERIFY(!share_link::decode(window.links()->link(), nullptr)->lesson);
    QSignalSpy lesson(window.links(), &ShareLinkActions::lessonStepRequested);
    QString error;
    QVERIFY2(window.links()->openLink(link, &error), qPrintable(error));
    QCOMPARE(lesson.count(), 1);
    QCOMPARE(lesson.at(0).at(0).toString(), QStringLiteral("exploding"));
    QCOMPARE(lesson.at(0).at(1).toInt(), 4);
  }

  void badLinksChangeNothing() {
    MainWindow window;
    window.setScripted(true);
    QVERIFY(window.files()->openPreset(QStringLiteral("hello")));
    const rnnlab::Session before = window.document()->session();
    const QString title = window.document()->title();
    const QString good = window.links()->link();
    QSignalSpy loaded(window.document(), &SessionDocument::loaded);
    for (const QString& bad : {QStringLiteral("rnnlab:garbage!"), good.left(good.size() / 2),
                               QStringLiteral("rnnlab:"), QStringLiteral("rnnlab:AAAAAA")}) {
      QString error;
      QVERIFY(!window.links()->openLink(bad, &error));
      QVERIFY2(error.startsWith(QStringLiteral("This is not a usable RNN Lab link: ")),
               qPrintable(error));
      QCOMPARE(window.document()->session(), before);
      QCOMPARE(window.document()->title(), title);
    }
    // Not a link at all on the clipboard: nothing happens (scripted: no dialog either).
    QGuiApplication::clipboard()->setText(QStringLiteral("hello"));
    window.links()->openFromClipboard();
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(window.document()->session(), before);
  }
};

QTEST_MAIN(ShareLinkActionsTest)
#include "share_link_actions_test.moc"
