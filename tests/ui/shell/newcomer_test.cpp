// What a newcomer ran into first, checked on the whole window: it fits small screens, docks keep
// their widths, a bad file still opens the window, the status bar tells the truth after a reset
// and during slow training, one explanation per problem, every view shows one model state, and
// the built-in example's "Scale inputs" makes it learn.

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "document/session_document.h"
#include "editors/settings_panel.h"
#include "shell/dock_layout.h"
#include "shell/main_window.h"
#include "shell/notice_bar.h"
#include "shell/scripted_run.h"
#include "shell/snapshot_presenter.h"
#include "shell/training_status_bar.h"
#include "training/pace_limiter.h"
#include "training/training_controller.h"
#include "views/outputs_view.h"

class NewcomerTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

  static void trainTo(MainWindow& window, long iterations) {
    window.document()->setIterations(iterations);
    window.controller()->setSpeed(0);  // full speed: not a test of the pace
    window.controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, 30000);
    QTRY_COMPARE(window.controller()->latestSnapshot()->iteration, iterations);
    QTRY_VERIFY(window.controller()->latestSnapshot()->trace != nullptr);
    window.presenter()->refresh();
  }

  static QString outputsCaption(MainWindow& window) {
    for (QLabel* label : window.findChild<OutputsView*>()->findChildren<QLabel*>()) {
      if (label->text().contains(QStringLiteral("loss L ="))) {
        return label->text();
      }
    }
    return {};
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("newcomer_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
  }

  // The first start trains at a pace a class can watch: a run over about 15 s, not the
  // example's 1,000 iterations in 0.02 s.
  void firstStartWatchesTheRun() {
    QSettings().clear();
    MainWindow window;
    QCOMPARE(window.controller()->speed(), PaceLimiter::Watch);
    auto* speed = window.findChild<QComboBox*>(QStringLiteral("speedCombo"));
    QVERIFY(speed != nullptr);
    QCOMPARE(speed->currentData().toInt(), PaceLimiter::Watch);
    QVERIFY(speed->currentText().contains(QStringLiteral("15")));
  }

  void fitsSmallScreensWithEveryDockReachable() {
    MainWindow window;
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 600,
             qPrintable(QStringLiteral("%1x%2").arg(minimum.width()).arg(minimum.height())));
    window.resize(1024, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(50);
    QCOMPARE(window.size(), QSize(1024, 600));
    for (QDockWidget* dock : window.docks()->docks()) {
      QVERIFY(window.docks()->raise(dock->objectName()));
      QCoreApplication::processEvents();
      QVERIFY2(dock->isVisible(), qPrintable(dock->objectName()));
      const QRect shown = QRect(dock->mapTo(&window, QPoint(0, 0)), dock->size());
      QVERIFY2(window.rect().contains(shown), qPrintable(dock->objectName()));
      QVERIFY2(dock->width() >= 150 && dock->height() >= 100, qPrintable(dock->objectName()));
    }
  }

  void dockWidthsStayAfterSteps() {
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.docks()->arrange();  // not the layout the previous test's window saved
    QTest::qWait(100);
    QList<int> before;
    for (QDockWidget* dock : window.docks()->docks()) {
      before << dock->width();
    }
    for (int i = 1; i <= 20; ++i) {
      window.controller()->step();
      QTRY_COMPARE(window.controller()->latestSnapshot()->iteration, long{i});
      window.presenter()->refresh();
      QCoreApplication::processEvents();
    }
    window.resetTraining();
    window.presenter()->refresh();
    QTest::qWait(100);
    QList<int> after;
    for (QDockWidget* dock : window.docks()->docks()) {
      after << dock->width();
    }
    QCOMPARE(after, before);
  }

  void badSessionOpensTheWindowWithADialog() {
    const QString bad = m_dir.filePath(QStringLiteral("bad.rnnlab.json"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();
    {
      MainWindow window;
      RunOptions options;
      options.sessionPath = bad;
      ScriptedRun run(window, options);
      QString error;
      QVERIFY(run.start(&error));
      QVERIFY(window.isVisible());
      QVERIFY(window.document()->session() == rnnlab::builtinExample());
      // The file is read on a background thread once the window is up: the dialog follows.
      QMessageBox* box = nullptr;
      QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("openErrorDialog"))));
      QTRY_VERIFY(box->isVisible());
      QVERIFY(window.document()->session() == rnnlab::builtinExample());
      QVERIFY(box->text().contains(QStringLiteral("bad.rnnlab.json")));
    }
    {
      // A scripted run fails instead (exit code 2 in the app) and shows no dialog.
      MainWindow window;
      RunOptions options;
      options.sessionPath = bad;
      options.screenshotPath = m_dir.filePath(QStringLiteral("x.png"));
      ScriptedRun run(window, options);
      QString error;
      QVERIFY(!run.start(&error));
      QVERIFY(error.contains(QStringLiteral("bad.rnnlab.json")));
      QVERIFY(!window.findChild<QMessageBox*>());
    }
  }

  void screenshotHasTheAskedSize() {
    MainWindow window;
    RunOptions options;
    options.size = QSize(1024, 640);
    options.iterations = 5;
    options.screenshotPath = m_dir.filePath(QStringLiteral("shot.png"));
    ScriptedRun run(window, options);
    QString error;
    QVERIFY2(run.start(&error), qPrintable(error));
    QCOMPARE(run.runScript(&error), ScriptedRun::ExitOk);
    QCOMPARE(QImage(options.screenshotPath).size(), QSize(1024, 640));
  }

  void continueWithRateShowsTheRateInSettings() {
    MainWindow window;
    RunOptions options;
    options.iterations = 20;
    options.rewind = 10;
    options.branchRate = 0.05;
    options.screenshotPath = m_dir.filePath(QStringLiteral("branch.png"));
    ScriptedRun run(window, options);
    QString error;
    QVERIFY2(run.start(&error), qPrintable(error));
    QCOMPARE(run.runScript(&error), ScriptedRun::ExitOk);
    QCOMPARE(window.findChild<SettingsPanel*>()->settings().learningRate, 0.05);
    QCOMPARE(window.controller()->latestSnapshot()->settings.learningRate, 0.05);
  }

  void resetClearsTheFinishedMessageAndTimeIsWallClock() {
    MainWindow window;
    auto* status = window.findChild<TrainingStatusBar*>();
    trainTo(window, 5);
    QTRY_VERIFY(status->currentMessage().contains(QStringLiteral("Target reached")));
    window.resetTraining();
    QVERIFY(status->currentMessage().isEmpty());
    QCOMPARE(status->elapsedSeconds(), 0.0);

    // Slow training: 2 iterations per second for about a second.
    window.controller()->setSpeed(2);
    window.document()->setIterations(1000);
    window.controller()->play();
    QTest::qWait(1200);
    window.controller()->pause();
    QTRY_VERIFY(window.controller()->state() != TrainingState::Running);
    QVERIFY2(status->elapsedSeconds() >= 1.0,
             qPrintable(QString::number(status->elapsedSeconds())));
    const auto* label = status->findChild<QLabel*>(QStringLiteral("elapsedLabel"));
    QVERIFY(label->text() != QStringLiteral("0.00 s"));
  }

  void noticeLeavesTheWindowHeightAlone() {
    MainWindow window;
    window.resize(1024, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.notices()->clear(NoticeKind::Preset);
    QTest::qWait(50);
    const QSize before = window.size();
    window.notices()->show(NoticeKind::Divergence, QString(400, QLatin1Char('w')));
    QTest::qWait(50);
    window.notices()->clear(NoticeKind::Divergence);
    QTest::qWait(50);
    QCOMPARE(window.size(), before);
  }

  void divergenceIsOneNoticeAndNoDialog() {
    MainWindow window;
    window.show();
    emit window.controller()->diverged(QStringLiteral("The loss became NaN."));
    QCoreApplication::processEvents();
    QCOMPARE(window.notices()->text(NoticeKind::Divergence),
             QStringLiteral("The loss became NaN."));
    QVERIFY(!window.findChild<QMessageBox*>());
    window.togglePlay();  // playing again takes the explanation down
    QVERIFY(window.notices()->text(NoticeKind::Divergence).isEmpty());
    window.controller()->pause();
  }

  void risingLossIsOneNoticeAndNoDialog() {
    MainWindow window;
    window.show();
    // Learning rate 10 with clipping: the loss climbs far above its best and training pauses.
    rnnlab::TrainingSettings settings = window.document()->session().training;
    settings.learningRate = 10;
    window.document()->editTraining(settings);
    window.document()->setIterations(2000);
    QSignalSpy rising(window.controller(), &TrainingController::lossRising);
    window.controller()->setSpeed(0);  // full speed: not a test of the pace
    window.controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(rising.count(), 1, 30000);
    QTRY_COMPARE(window.controller()->state(), TrainingState::Paused);
    QVERIFY(window.controller()->latestSnapshot()->iteration < 2000);
    QCOMPARE(window.notices()->text(NoticeKind::Divergence), rising.front().front().toString());
    QVERIFY(!window.findChild<QMessageBox*>());
  }

  void helpMenuHasQuickStartAndShortcuts() {
    MainWindow window;
    QStringList texts;
    for (QAction* action : window.menuBar()->actions()) {
      if (action->text() == QStringLiteral("&Help")) {
        for (QAction* item : action->menu()->actions()) {
          texts << item->text();
        }
      }
    }
    QVERIFY(texts.contains(QStringLiteral("&Quick start")));
    QVERIFY(texts.contains(QStringLiteral("&Keyboard shortcuts")));
    QVERIFY(texts.contains(QStringLiteral("&About RNN Lab")));
  }

  // The CLI on the built-in example: `rnnlab-cli train --iterations 300` prints iteration 299
  // loss 0.6704474… (the pass before the last update) and final loss 0.6704274… (the trained
  // weights). The outputs view must show the trained weights' pass.
  void outputsShowTheWeightsOnScreen() {
    MainWindow window;
    window.show();  // views are drawn only when on screen
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    trainTo(window, 300);
    const QString caption = outputsCaption(window);
    QVERIFY2(caption.contains(QStringLiteral("loss L = 0.670427")), qPrintable(caption));
    // The status bar gives the same number (5 digits).
    const auto* loss =
        window.findChild<TrainingStatusBar*>()->findChild<QLabel*>(QStringLiteral("lossLabel"));
    QCOMPARE(loss->text(), QStringLiteral("Loss 0.67043"));
  }

  void examplesScaleInputsMakesItLearn() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.notices()->text(NoticeKind::Preset).contains(QStringLiteral("0.667")));
    window.scaleInputs();
    const rnnlab::Matrix& inputs = window.document()->session().data.inputs;
    QCOMPARE(inputs.minCoeff(), -1.0);
    QCOMPARE(inputs.maxCoeff(), 1.0);
    QVERIFY(window.document()->isModified());
    trainTo(window, 300);
    const double loss = window.controller()->latestSnapshot()->trace->forward.loss;
    QVERIFY2(loss < 0.1, qPrintable(QString::number(loss)));
    QVERIFY(outputsCaption(window).contains(QString::asprintf("%.6g", loss)));
  }
};

QTEST_MAIN(NewcomerTest)
#include "newcomer_test.moc"
