// The runner's conditions that the shipped lessons do not all use: a validation loss rising
// above its lowest, a setting the student changed, a button pressed; and the step's action
// applied as one undoable edit of the document.

#include "lessons/lesson_runner.h"

#include <QAction>
#include <QPushButton>
#include <QUndoStack>
#include <QtTest>

#include "document/session_document.h"
#include "lessons/lesson_file.h"
#include "lessons/lesson_panel.h"
#include "training/training_controller.h"

namespace {

Lesson oneStep(const QByteArray& step) {
  const QByteArray json = R"({"format": "rnnlab-lesson", "version": 1, "title": "T",
                              "summary": "S", "preset": "example", "steps": [)" +
                          step + "]}";
  QString error;
  std::optional<Lesson> lesson = LessonFile::parse(json, &error);
  if (!lesson) {
    qFatal("%s", qPrintable(error));
  }
  return *lesson;
}

TrainingSnapshotPtr withValidation(double value) {
  auto snapshot = std::make_shared<TrainingSnapshot>();
  snapshot->newValidation.push_back({1, value});
  return snapshot;
}

}  // namespace

class LessonRunnerTest : public QObject {
  Q_OBJECT

 private slots:
  void validationRisingNeedsARiseAboveTheLowest() {
    SessionDocument document;
    TrainingController controller;
    LessonHost host;
    host.document = &document;
    host.controller = &controller;
    LessonRunner runner(host);
    QVERIFY(runner.start(oneStep(R"({"title": "A", "text": "a",
                                     "until": {"validation_rising": true}})"),
                         nullptr));
    QVERIFY(!runner.isStepDone());
    emit controller.snapshotReady(withValidation(1.0));
    emit controller.snapshotReady(withValidation(0.9));
    emit controller.snapshotReady(withValidation(0.91));  // within 2% of the lowest
    QVERIFY(!runner.isStepDone());
    emit controller.snapshotReady(withValidation(0.95));
    QVERIFY(runner.isStepDone());
  }

  void settingChangedAfterTheStepsOwnAction() {
    SessionDocument document;
    QUndoStack undo;
    document.setUndoStack(&undo);
    TrainingController controller;
    LessonHost host;
    host.document = &document;
    host.controller = &controller;
    LessonRunner runner(host);
    QVERIFY(runner.start(oneStep(R"({"title": "A", "text": "a",
                                     "action": {"set": {"training.learning_rate": 0.5,
                                                        "training.clip_value": 1}},
                                     "until": {"changed": "training.learning_rate"},
                                     "user": {"set": {"training.learning_rate": 0.05}}})"),
                         nullptr));
    // The action's own edit does not count, and it is one undo step.
    QCOMPARE(document.session().training.learningRate, 0.5);
    QCOMPARE(document.session().training.clipValue, 1.0);
    QCOMPARE(undo.count(), 1);
    QVERIFY(!runner.isStepDone());
    QVERIFY(runner.performUserAction(nullptr));
    QCOMPARE(document.session().training.learningRate, 0.05);
    QVERIFY(runner.isStepDone());
    undo.undo();
    undo.undo();
    QCOMPARE(document.session().training, rnnlab::builtinExample().training);
  }

  void aBadSettingFailsWithTheCoresMessage() {
    SessionDocument document;
    TrainingController controller;
    LessonHost host;
    host.document = &document;
    host.controller = &controller;
    LessonRunner runner(host);
    QSignalSpy failed(&runner, &LessonRunner::failed);
    QVERIFY(runner.start(
        oneStep(R"({"title": "A", "text": "a", "action": {"set": {"training.momentum": 3}}})"),
        nullptr));
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed[0][0].toString().startsWith(QStringLiteral("set training.momentum: ")),
             qPrintable(failed[0][0].toString()));
    QVERIFY(failed[0][0].toString().contains(QStringLiteral("training.momentum")));
  }

  void anInlineSessionIsOpenedUnderTheLessonsTitle() {
    SessionDocument document;
    TrainingController controller;
    LessonHost host;
    host.document = &document;
    host.controller = &controller;
    LessonRunner runner(host);
    rnnlab::Session session = rnnlab::builtinExample();
    session.training.learningRate = 0.25;
    session.model.hiddenSize = 3;
    const QByteArray json = QByteArray::fromStdString(rnnlab::serializeSession(session));
    QString error;
    std::optional<Lesson> lesson = LessonFile::parse(
        R"({"format": "rnnlab-lesson", "version": 1, "title": "Inline", "summary": "S",
            "session": )" +
            json + R"(, "steps": [{"title": "A", "text": "a"}]})",
        &error);
    QVERIFY2(lesson, qPrintable(error));
    QVERIFY(runner.start(*lesson, &error));
    QCOMPARE(document.session(), session);
    QCOMPARE(document.title(), QStringLiteral("Inline"));
    QVERIFY(!document.isModified());
  }

  void thePanelSpeaksTheLessonsLanguage() {
    SessionDocument document;
    TrainingController controller;
    LessonHost host;
    host.document = &document;
    host.controller = &controller;
    LessonRunner runner(host);
    runner.setLanguage(QStringLiteral("zh_CN"));
    LessonPanel panel(&runner);
    QVERIFY(runner.start(oneStep(R"({"title": "One", "text": "*first*",
                                     "zh_CN": {"title": "第一步", "text": "*第一*"}},
                                    {"title": "Two", "text": "second",
                                     "until": {"iteration_at_least": 5}})"),
                         nullptr));
    QCOMPARE(panel.stepTitle(), QStringLiteral("第一步"));
    QCOMPARE(panel.stepText().trimmed(), QStringLiteral("第一"));  // Markdown, rendered
    QCOMPARE(panel.progressText(), QStringLiteral("Step 1 of 2"));
    QVERIFY(!panel.backButton()->isEnabled());
    panel.nextButton()->click();
    QCOMPARE(runner.stepIndex(), 1);
    QCOMPARE(panel.stepTitle(), QStringLiteral("Two"));  // no translation: English
    QCOMPARE(panel.statusText(), QStringLiteral("Train to iteration 5."));
    QVERIFY(!panel.nextButton()->isEnabled());  // the last step
    panel.backButton()->click();
    QCOMPARE(runner.stepIndex(), 0);
  }

  void pressedCountsOnlyPressesAfterTheStepBegan() {
    SessionDocument document;
    TrainingController controller;
    QAction play;
    LessonHost host;
    host.document = &document;
    host.controller = &controller;
    host.play = &play;
    LessonRunner runner(host);
    QVERIFY(runner.start(oneStep(R"({"title": "A", "text": "a"},
                                    {"title": "B", "text": "b", "until": {"pressed": "play"}})"),
                         nullptr));
    QVERIFY(runner.isStepDone());  // no condition
    runner.next();
    QCOMPARE(runner.stepIndex(), 1);
    QVERIFY(!runner.isStepDone());
    QCOMPARE(runner.waitingText(), QStringLiteral("Press Play."));
    play.trigger();
    QVERIFY(runner.isStepDone());
    runner.back();
    runner.next();
    QVERIFY(!runner.isStepDone());  // a press from before does not count again
  }
};

QTEST_MAIN(LessonRunnerTest)
#include "lesson_runner_test.moc"
