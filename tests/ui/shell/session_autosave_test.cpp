// Autosave and restore: the copy follows unsaved work, a live app's copy is never offered, and a
// copy left by an app killed mid-training restores the session and continues its run exactly.
#include "shell/session_autosave.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "document/session_document.h"
#include "rnnlab/session.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"
#include "training/training_controller.h"
#include "views/loss_chart.h"

namespace {

QStringList copiesIn(const QString& folder) {
  return QDir(folder).entryList({QStringLiteral("autosave-*.rnnlab.json")}, QDir::Files);
}

// Clicks the button with this text on the restore question as soon as it is shown.
void answerRestoreWith(const QString& button) {
  QTimer::singleShot(0, [button] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (box == nullptr) {
      answerRestoreWith(button);  // not shown yet
      return;
    }
    for (QAbstractButton* candidate : box->buttons()) {
      if (candidate->text() == button) {
        candidate->click();
        return;
      }
    }
    QFAIL("the restore question has no such button");
  });
}

}  // namespace

class SessionAutosaveTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("session_autosave_test"));
    QSettings().clear();
  }

  void copyFollowsUnsavedWork() {
    QTemporaryDir dir;
    MainWindow window;
    window.startAutosave(dir.path(), 3'600'000);  // written by hand below
    SessionAutosave* autosave = window.autosave();
    QVERIFY(!autosave->hasUnsavedWork());
    QVERIFY(autosave->saveNow());
    QVERIFY(copiesIn(dir.path()).isEmpty());

    rnnlab::TrainingSettings settings = window.document()->session().training;
    settings.learningRate = 0.0123;
    window.document()->editTraining(settings);
    QVERIFY(autosave->hasUnsavedWork());
    QVERIFY(autosave->saveNow());
    QCOMPARE(copiesIn(dir.path()).size(), 1);
    const rnnlab::Session copy = rnnlab::loadSession(autosave->filePath().toStdString());
    QCOMPARE(copy.training.learningRate, 0.0123);

    // Saving leaves nothing unsaved: the copy goes.
    const QString saved = dir.filePath(QStringLiteral("mine.rnnlab.json"));
    QString error;
    QVERIFY2(window.files()->saveFile(saved, &error), qPrintable(error));
    QVERIFY(!autosave->hasUnsavedWork());
    QVERIFY(copiesIn(dir.path()).isEmpty());

    // Training is unsaved work too; the copy holds the run so that it continues exactly.
    window.document()->setIterations(40);
    window.controller()->setSpeed(0);  // full speed: not a test of the pace
    window.controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, 20000);
    QVERIFY(autosave->hasUnsavedWork());
    QVERIFY(autosave->saveNow());
    const rnnlab::Session trained = rnnlab::loadSession(autosave->filePath().toStdString());
    QVERIFY(trained.trainingState.has_value());
    QCOMPARE(trained.trainingState->iteration, 40L);

    // A live app's copy is not an orphan; after a clean exit there is nothing left.
    QVERIFY(SessionAutosave::findOrphans(dir.path()).isEmpty());
    window.setScripted(true);  // the trained run is unsaved: no "save your changes?" question
    window.close();
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).filter(u"autosave").isEmpty());
  }

  void unwritableFolderSaysSo() {
    MainWindow window;
    window.startAutosave(QStringLiteral("/proc/rnnlab-no-such-folder"), 1000);
    QVERIFY(!window.autosave()->saveNow());
  }

  // The real app, killed mid-training: the next start offers its copy and continues its run.
  void restoresAfterKill() {
    QTemporaryDir data;
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), data.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("RNNLAB_AUTOSAVE_MS"), QStringLiteral("200"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(RNNLAB_GUI_PATH),
              {QStringLiteral("--preset"), QStringLiteral("sine"), QStringLiteral("--train"),
               QStringLiteral("100000000")});
    QVERIFY2(app.waitForStarted(), qPrintable(app.errorString()));
    const QString folder = data.filePath(QStringLiteral("RNN Lab/RNN Lab/autosave"));
    // Wait for a copy that has trained a while, then kill the app with no chance to clean up.
    long killedAt = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          const QStringList copies = copiesIn(folder);
          if (copies.isEmpty()) {
            return false;
          }
          try {
            const rnnlab::Session copy =
                rnnlab::loadSession(QDir(folder).filePath(copies.front()).toStdString());
            killedAt = copy.trainingState ? copy.trainingState->iteration : 0;
          } catch (const std::exception&) {
            return false;  // cannot happen with atomic writes; a retry would show it
          }
          return killedAt > 100;
        }(),
        30000);
    app.kill();
    QVERIFY(app.waitForFinished());

    const QList<SessionAutosave::Orphan> orphans = SessionAutosave::findOrphans(folder);
    QCOMPARE(orphans.size(), 1);
    QVERIFY(orphans.front().iteration >= killedAt);
    const rnnlab::Session copy = rnnlab::loadSession(orphans.front().sessionPath.toStdString());

    MainWindow window;
    answerRestoreWith(QStringLiteral("Restore"));
    window.startAutosave(folder, 3'600'000);
    QVERIFY(window.document()->isModified());
    QCOMPARE(window.document()->session().training.learningRate, copy.training.learningRate);
    QVERIFY(window.document()->session().weights == copy.weights);
    QTRY_VERIFY(window.controller()->latestSnapshot() != nullptr);
    QCOMPARE(window.controller()->latestSnapshot()->iteration, copy.trainingState->iteration);
    // The loss chart does not claim "no iterations yet" beside the restored iteration.
    const LossChart* chart = window.findChild<LossChart*>();
    QVERIFY(chart != nullptr);
    QVERIFY(chart->history().empty());  // restored paused: nothing trained since
    QVERIFY2(chart->readoutText().startsWith(
                 QStringLiteral("from iteration %L1 ").arg(copy.trainingState->iteration)),
             qPrintable(chart->readoutText()));
    // The run it belonged to ends where it was going to (--train 100000000 from 0), not at the
    // restored iteration plus the iteration count.
    QCOMPARE(orphans.front().target, 100'000'000L);
    QCOMPARE(orphans.front().runStart, 0L);
    QTRY_COMPARE(window.controller()->latestSnapshot()->targetIteration, 100'000'000L);
    QCOMPARE(window.controller()->latestSnapshot()->runStartIteration, 0L);
    QVERIFY(SessionAutosave::findOrphans(folder).isEmpty());
    window.setScripted(true);  // no "save your changes?" question
    window.close();
    QVERIFY(copiesIn(folder).isEmpty());
  }

  // An app killed between writing its copy and the copy's info file leaves the info one save
  // behind: the question states the iteration the copy holds, not the stale number.
  void orphanIterationComesFromTheCopy() {
    QTemporaryDir folder;
    rnnlab::Session session = rnnlab::builtinExample();
    session.setModel(session.makeModel());
    session.trainingState = rnnlab::TrainingState{};
    session.trainingState->iteration = 40;
    const QString copy = folder.filePath(QStringLiteral("autosave-dead.rnnlab.json"));
    rnnlab::saveSession(session, copy.toStdString());
    QFile info(folder.filePath(QStringLiteral("autosave-dead.info.json")));
    QVERIFY(info.open(QIODevice::WriteOnly));
    info.write(R"({"title": "stale", "iteration": 39, "run_start": 0, "target": 100})");
    info.close();
    const QList<SessionAutosave::Orphan> orphans = SessionAutosave::findOrphans(folder.path());
    QCOMPARE(orphans.size(), 1);
    QCOMPARE(orphans.front().iteration, 40L);
    QCOMPARE(orphans.front().title, QStringLiteral("stale"));
    QCOMPARE(orphans.front().target, 100L);
  }

  // A file dropped on the window opens as File → Open would; a dropped folder or two files do not.
  void droppedFileOpens() {
    QTemporaryDir dir;
    rnnlab::Session session = rnnlab::builtinExample();
    session.training.learningRate = 0.0421;
    const QString path = dir.filePath(QStringLiteral("dropped.rnnlab.json"));
    rnnlab::saveSession(session, path.toStdString());
    MainWindow window;
    auto drop = [&window](const QList<QUrl>& urls) {
      QMimeData mime;
      mime.setUrls(urls);
      QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(&window, &enter);
      if (!enter.isAccepted()) {
        return false;
      }
      QDropEvent event(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(&window, &event);
      return true;
    };
    QVERIFY(!drop({QUrl::fromLocalFile(dir.path())}));
    QVERIFY(!drop({QUrl::fromLocalFile(path), QUrl::fromLocalFile(path)}));
    QVERIFY(drop({QUrl::fromLocalFile(path)}));
    // Read on a background thread: the window has it once the event loop delivers it.
    QTRY_COMPARE(window.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.document()->session().training.learningRate, 0.0421);
  }

  void discardRemovesTheOrphan() {
    QTemporaryDir data;
    const QString folder = data.path();
    {
      // An app that died: its copy is there, its lock is not held.
      MainWindow dead;
      dead.startAutosave(folder, 3'600'000);
      rnnlab::TrainingSettings settings = dead.document()->session().training;
      settings.learningRate = 0.5;
      dead.document()->editTraining(settings);
      QVERIFY(dead.autosave()->saveNow());
      const QString copy = dead.autosave()->filePath();
      const QString kept = copy + QStringLiteral(".kept");
      QVERIFY(QFile::copy(copy, kept));
      dead.autosave()->discard();
      QVERIFY(QFile::rename(kept, copy));
    }
    QCOMPARE(SessionAutosave::findOrphans(folder).size(), 1);
    MainWindow window;
    answerRestoreWith(QStringLiteral("Not now"));
    window.startAutosave(folder, 3'600'000);
    QVERIFY(!window.document()->isModified());
    QCOMPARE(SessionAutosave::findOrphans(folder).size(), 1);
    window.close();
    MainWindow again;
    answerRestoreWith(QStringLiteral("Discard"));
    again.startAutosave(folder, 3'600'000);
    QVERIFY(!again.document()->isModified());
    QVERIFY(SessionAutosave::findOrphans(folder).isEmpty());
  }
};

QTEST_MAIN(SessionAutosaveTest)
#include "session_autosave_test.moc"
