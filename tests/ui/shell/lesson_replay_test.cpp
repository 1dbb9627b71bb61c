// Every shipped lesson, replayed on the real window: each step's action is performed (by the
// runner, as in the app), then — where the condition waits for a student — the step's scripted
// student action, and the condition must be reached within the step's budget of iterations.
// So a lesson cannot silently stop working when the code under it changes. Also: the names a
// lesson uses resolve to widgets, hidden controls come back on leaving, the panel shows the step,
// and the spotlight frames (and, strong, dims around) the view a step talks about.

#include <QAbstractButton>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>
#include <cmath>

#include "document/session_document.h"
#include "i18n/interface_language.h"
#include "inspection/gradient_check_panel.h"
#include "inspection/memory_view.h"
#include "lessons/lesson_file.h"
#include "lessons/lesson_panel.h"
#include "lessons/lesson_runner.h"
#include "lessons/spotlight_overlay.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "shell/lesson_actions.h"
#include "shell/main_window.h"
#include "training/training_controller.h"

namespace {

constexpr int StepTimeoutMs = 90000;

std::optional<Lesson> shipped(const QString& name) {
  return LessonFile::load(LessonFile::resourcePath(name), nullptr);
}

}  // namespace

class LessonReplayTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
  }

  void replays_data() {
    QTest::addColumn<QString>("name");
    for (const QString& name : LessonFile::shippedNames()) {
      QTest::newRow(qPrintable(name)) << name;
    }
  }

  void replays() {
    QFETCH(QString, name);
    MainWindow window;
    window.setScripted(true);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.controller()->setSpeed(0);
    LessonActions* lessons = window.lessons();
    LessonRunner* runner = lessons->runner();
    QStringList failures;
    connect(runner, &LessonRunner::failed, this,
            [&failures](const QString& message) { failures.append(message); });
    long doneAfter = -1;
    connect(runner, &LessonRunner::stepDone, this,
            [&doneAfter, runner] { doneAfter = runner->stepIterations(); });

    QString error;
    QVERIFY2(lessons->open(name, &error), qPrintable(error));
    const Lesson lesson = runner->lesson();  // a copy: leaving ends the runner's
    for (const QStringList& names : {lesson.hide, lesson.lock, lesson.show}) {
      for (const QString& widget : names) {
        QVERIFY2(lessons->resolve(widget) != nullptr, qPrintable(widget));
      }
    }
    for (const QString& hidden : lesson.hide) {
      QVERIFY2(lessons->resolve(hidden)->isHidden(), qPrintable(hidden));
    }
    QVERIFY(lessons->dock()->isVisible());

    for (int i = 0; i < lesson.steps.size(); ++i) {
      const LessonStep& step = lesson.steps[i];
      const QString where = QStringLiteral("%1, step %2 (%3)")
                                .arg(name)
                                .arg(i + 1)
                                .arg(Lesson::text(step.texts, QString()).title);
      if (!step.highlight.isEmpty()) {
        QVERIFY2(lessons->resolve(step.highlight) != nullptr, qPrintable(where));
      }
      for (const QString& dock : step.action.show + step.user.show) {
        QVERIFY2(lessons->resolve(dock) != nullptr, qPrintable(where + u' ' + dock));
      }
      doneAfter = -1;
      if (i > 0) {
        lessons->panel()->nextButton()->click();
      }
      QCOMPARE(runner->stepIndex(), i);
      QCOMPARE(lessons->panel()->stepTitle(), Lesson::text(step.texts, QString()).title);
      // The step's own action first (training, a phase, a check): the condition may need it.
      QTRY_VERIFY_WITH_TIMEOUT(!runner->isBusy() || runner->isStepDone(), StepTimeoutMs);
      QTest::qWait(2 * LessonRunner::PollMs);
      if (!runner->isStepDone()) {
        QVERIFY2(!step.user.isEmpty(),
                 qPrintable(where + QStringLiteral(": waits for a student but has no `user`")));
        QVERIFY2(runner->performUserAction(&error), qPrintable(where + u' ' + error));
      }
      QTRY_VERIFY2_WITH_TIMEOUT(
          runner->isStepDone(),
          qPrintable(where + QStringLiteral(": not reached; ") + runner->waitingText()),
          StepTimeoutMs);
      QVERIFY2(
          doneAfter <= step.budget,
          qPrintable(
              where +
              QStringLiteral(": took %1 iterations, budget %2").arg(doneAfter).arg(step.budget)));
      QVERIFY2(failures.isEmpty(), qPrintable(where + u' ' + failures.join(u'\n')));
      QVERIFY2(lessons->panel()->statusText().startsWith(u'✓'), qPrintable(where));
      checkClaims(window, step, where);
      if (QTest::currentTestFailed()) {
        return;
      }
      // Let the step's training end before the next step acts.
      if (window.controller()->state() == TrainingState::Running) {
        window.controller()->pause();
        QTRY_VERIFY(window.controller()->state() != TrainingState::Running);
      }
    }
    // A student cannot do in a locked dock what a step expects of them.
    for (const LessonStep& step : lesson.steps) {
      if (!step.user.settings.isEmpty()) {
        QVERIFY2(!lesson.lock.contains(QStringLiteral("settings")) &&
                     !lesson.lock.contains(QStringLiteral("settingsDock")),
                 qPrintable(name + QStringLiteral(": a step asks for a setting the lesson locks")));
      }
    }
    lessons->panel()->leaveButton()->click();
    QVERIFY(!runner->isActive());
    QVERIFY(!lessons->dock()->isVisible());
    for (const QString& hidden : lesson.hide) {
      QVERIFY2(!lessons->resolve(hidden)->isHidden(), qPrintable(hidden));
    }
  }

  void openingAnotherSessionLeavesTheLesson() {
    MainWindow window;
    window.setScripted(true);
    LessonActions* lessons = window.lessons();
    QVERIFY(lessons->open(QStringLiteral("many-to-one")));
    QVERIFY(lessons->runner()->isActive());
    // Restart opens the lesson's own session again: the lesson goes on.
    lessons->panel()->restartButton()->click();
    QVERIFY(lessons->runner()->isActive());
    QCOMPARE(lessons->runner()->stepIndex(), 0);
    QVERIFY(window.files()->openPreset(QStringLiteral("hello")));
    QVERIFY(!lessons->runner()->isActive());
    QVERIFY(lessons->dock()->isHidden());
    QCOMPARE(window.document()->session().model.inputSize, 4);  // hello's, not echo's 1
  }

  void menuListsTheLessons() {
    MainWindow window;
    QMenu* menu = window.lessons()->menu();
    QStringList listed;
    for (QAction* action : menu->actions()) {
      if (action->data().isValid()) {
        listed.append(action->data().toString());
      }
    }
    QCOMPARE(listed, LessonFile::shippedNames());
    // It sits in the File menu (the menu bar's first).
    QMenu* file = window.menuBar()->actions().front()->menu();
    QVERIFY(file != nullptr);
    QVERIFY(file->actions().contains(menu->menuAction()));
    QCOMPARE(menu->actions().back()->text(), QStringLiteral("Open lesson file…"));
  }

  void spotlightFramesTheStepsView() {
    MainWindow window;
    window.setScripted(true);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LessonActions* lessons = window.lessons();
    const QString name = LessonFile::shippedNames().front();
    QVERIFY(lessons->open(name));
    const std::optional<Lesson> lesson = shipped(name);
    QVERIFY(lesson);
    QWidget* target = lessons->resolve(lesson->steps[0].highlight);
    QVERIFY(target != nullptr);
    SpotlightOverlay* spotlight = lessons->spotlight();
    QTRY_VERIFY(!spotlight->highlightRect().isEmpty());
    QCOMPARE(spotlight->target(), target);
    const QRect expected(target->mapTo(&window, QPoint(0, 0)), target->size());
    QVERIFY(spotlight->highlightRect().contains(expected.intersected(window.rect())));

    // The frame's colour on the frame, and a dimmed window outside it only when strong.
    auto grabbed = [&window] { return window.grab().toImage(); };
    const QRect frame = spotlight->highlightRect();
    const QPoint onFrame(frame.center().x(), frame.top() + SpotlightOverlay::PenWidth / 2);
    QPoint outside(frame.left() > 40 ? 20 : window.width() - 20, window.height() / 2);
    if (frame.contains(outside)) {
      outside = QPoint(frame.right() + 20, window.height() / 2);
    }
    QImage weak = grabbed();
    QCOMPARE(weak.pixelColor(onFrame).rgb(), SpotlightOverlay::frameColor().rgb());
    lessons->setSpotlightStrength(true);
    QImage strong = grabbed();
    QVERIFY(qGray(strong.pixel(outside)) < qGray(weak.pixel(outside)) - 40);
    lessons->setSpotlightStrength(false);
    QCOMPARE(grabbed().pixel(outside), weak.pixel(outside));
  }

  void lockedControlsUnlockOnLeaving() {
    MainWindow window;
    window.setScripted(true);
    LessonActions* lessons = window.lessons();
    for (const QString& name : LessonFile::shippedNames()) {
      const std::optional<Lesson> lesson = shipped(name);
      if (lesson->lock.isEmpty()) {
        continue;
      }
      QVERIFY(lessons->open(name));
      auto* dock = qobject_cast<QDockWidget*>(lessons->resolve(lesson->lock.front()));
      QWidget* locked = dock != nullptr ? dock->widget() : lessons->resolve(lesson->lock.front());
      QVERIFY(!locked->isEnabled());
      lessons->leave();
      QVERIFY(locked->isEnabled());
      // The session stays.
      QVERIFY(window.document()->session().data.inputs.size() > 0 ||
              window.document()->session().text.has_value());
      return;
    }
    QSKIP("no shipped lesson locks a control");
  }

  // What a lesson hides, shows or raises is put back when it ends: the docks shown before are
  // shown after, and no other.
  void leavingALessonPutsTheUsersLayoutBack() {
    MainWindow window;
    window.setScripted(true);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QStringList before = visibleDocks(window);
    QVERIFY(before.contains(QStringLiteral("sequenceDock")));
    for (const QString& name : LessonFile::shippedNames()) {
      QVERIFY(window.lessons()->open(name));
      QCoreApplication::processEvents();
      window.lessons()->leave();
      QCoreApplication::processEvents();
      QCOMPARE(visibleDocks(window), before);
    }
  }

  // Quitting inside a lesson saves the user's layout for the next start, not the lesson's (the
  // sequence editor was gone after a restart, until View → Restore default layout).
  void quittingInsideALessonKeepsTheUsersLayout() {
    QSettings().clear();
    QStringList before;
    {
      MainWindow window;
      window.setScripted(true);
      window.resize(1280, 720);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      before = visibleDocks(window);
      QVERIFY(window.lessons()->open(QStringLiteral("vanishing-gradients")));
      QCoreApplication::processEvents();
      QVERIFY(!visibleDocks(window).contains(QStringLiteral("sequenceDock")));
      QVERIFY(window.close());
    }
    MainWindow next;
    next.show();
    QVERIFY(QTest::qWaitForWindowExposed(&next));
    QCOMPARE(visibleDocks(next), before);
    QSettings().clear();
  }

  // A step that says "Press **Play**" names a button the window has, in either language (they
  // named "Check gradients" for "Run gradient check" and "Sample again" for "New sample").
  void pressedButtonsExist_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QString();
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
  }

  void pressedButtonsExist() {
    QFETCH(QString, language);
    InterfaceLanguage::install(language.isEmpty() ? QStringLiteral("en") : language);
    MainWindow window;
    window.setScripted(true);
    QStringList buttons;
    const auto plain = [](QString text) {
      text.remove(QRegularExpression(QStringLiteral("\\(&.\\)")));  // 播放(&P)
      text.remove(u'&');
      text.remove(QStringLiteral("▶"));
      return text.trimmed();
    };
    for (const QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
      buttons << plain(button->text());
    }
    for (const QAction* action : window.findChildren<QAction*>()) {
      buttons << plain(action->text());
    }
    const QRegularExpression pressed(
        QStringLiteral("(?:[Pp]ress|按) ?(?:\\*\\*|\\*|“)([^*”]+)(?:\\*\\*|\\*|”)"));
    int named = 0;
    for (const QString& name : LessonFile::shippedNames()) {
      const std::optional<Lesson> lesson = shipped(name);
      for (int i = 0; i < lesson->steps.size(); ++i) {
        const QString text = Lesson::text(lesson->steps[i].texts, language).text;
        for (auto match = pressed.globalMatch(text); match.hasNext();) {
          const QString button = match.next().captured(1).trimmed();
          ++named;
          QVERIFY2(buttons.contains(button),
                   qPrintable(QStringLiteral("%1, step %2 says to press “%3”, which no button "
                                             "of the window is called")
                                  .arg(name)
                                  .arg(i + 1)
                                  .arg(button)));
        }
      }
    }
    QVERIFY(named >= 4);  // Play, Reset, Run gradient check, New sample at least
    InterfaceLanguage::install(QStringLiteral("en"));
  }

 private:
  // What the step's text says the window shows, as its `expect` states it, against the window.
  static void checkClaims(MainWindow& window, const LessonStep& step, const QString& where) {
    const LessonClaims& claims = step.expect;
    if (!step.highlight.isEmpty()) {  // the view the text points at is in front
      QWidget* highlighted = window.lessons()->resolve(step.highlight);
      QTRY_VERIFY2(highlighted->isVisible(), qPrintable(where + u' ' + step.highlight));
    }
    if (claims.lossNear || claims.lossAbove) {
      const std::vector<double> losses = window.controller()->lossHistory().values();
      QVERIFY2(!losses.empty(), qPrintable(where + QStringLiteral(": no loss to check")));
      const double loss = losses.back();
      if (claims.lossNear) {
        QVERIFY2(std::abs(loss - claims.lossNear->first) <= claims.lossNear->second,
                 qPrintable(where + QStringLiteral(": the loss is %1, the text says near %2")
                                        .arg(loss)
                                        .arg(claims.lossNear->first)));
      }
      if (claims.lossAbove) {
        QVERIFY2(loss > *claims.lossAbove,
                 qPrintable(where + QStringLiteral(": the loss is %1, the text says above %2")
                                        .arg(loss)
                                        .arg(*claims.lossAbove)));
      }
    }
    if (claims.memoryHorizon) {
      auto* memory = window.findChild<MemoryView*>();
      const long iteration = window.controller()->latestSnapshot()->iteration;
      QTRY_VERIFY_WITH_TIMEOUT(
          !memory->isBusy() && memory->shownIteration() == iteration, StepTimeoutMs);
      const auto horizon = static_cast<double>(memory->shownHorizon());
      QVERIFY2(horizon >= claims.memoryHorizon->first && horizon <= claims.memoryHorizon->second,
               qPrintable(where + QStringLiteral(": the memory view's horizon is %1 steps, the "
                                                 "text says %2 to %3")
                                      .arg(horizon)
                                      .arg(claims.memoryHorizon->first)
                                      .arg(claims.memoryHorizon->second)));
    }
    if (!claims.gradientCheck.isEmpty() || claims.failing || claims.errorRatio) {
      auto* check = window.findChild<GradientCheckPanel*>();
      QTRY_VERIFY_WITH_TIMEOUT(!check->isRunning(), StepTimeoutMs);
      QVERIFY2(check->lastResult().has_value(),
               qPrintable(where + QStringLiteral(": the text speaks of a check that did not run")));
      const rnnlab::GradientCheckResult& result = *check->lastResult();
      // The check shown is of the model on screen, not a leftover of an earlier step or lesson.
      QVERIFY2(result.cell == window.document()->applied().model.cell, qPrintable(where));
      if (!claims.gradientCheck.isEmpty()) {
        QVERIFY2(result.passed() == (claims.gradientCheck == QLatin1String("passes")),
                 qPrintable(where + QStringLiteral(": the check ") +
                            (result.passed() ? QStringLiteral("passed") : QStringLiteral("failed"))));
      }
      const std::span<const std::string_view> blocks = rnnlab::Parameters::blockNames(result.cell);
      for (int b = 0; b < result.blockCount; ++b) {
        const double error = result.maxRelativeError[static_cast<std::size_t>(b)];
        const QString block = QString::fromLatin1(blocks[static_cast<std::size_t>(b)].data(),
                                                  static_cast<qsizetype>(blocks[static_cast<std::size_t>(b)].size()));
        if (claims.failing) {
          const bool fails = error > rnnlab::GradientCheckResult::Tolerance;
          QVERIFY2(fails == claims.failing->contains(block),
                   qPrintable(where + QStringLiteral(": block %1 has error %2").arg(block).arg(error)));
        }
        if (claims.errorRatio) {
          QVERIFY2(std::abs(error - *claims.errorRatio) <= 1e-6,
                   qPrintable(where + QStringLiteral(": block %1 has error %2, the text says %3")
                                          .arg(block)
                                          .arg(error)
                                          .arg(*claims.errorRatio)));
        }
      }
    }
  }

  static QStringList visibleDocks(const MainWindow& window) {
    QStringList names;
    for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) {
      if (!dock->isHidden() && dock != window.lessons()->dock()) {
        names << dock->objectName();
      }
    }
    names.sort();
    return names;
  }
};

QTEST_MAIN(LessonReplayTest)
#include "lesson_replay_test.moc"
