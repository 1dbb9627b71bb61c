// The lesson file reader: a good file's contents, and one message naming the step and the key
// for each kind of bad file.

#include "lessons/lesson_file.h"

#include <QJsonDocument>
#include <QtTest>

namespace {

// A minimal good lesson with `step` as its only step (JSON text of one object).
QByteArray withStep(const QByteArray& step) {
  return R"({"format": "rnnlab-lesson", "version": 1, "title": "T", "summary": "S",
             "preset": "hello", "steps": [{"title": "A", "text": "a"}, )" +
         step + "]}";
}

}  // namespace

class LessonFileTest : public QObject {
  Q_OBJECT

 private slots:
  void readsEveryKey() {
    const QByteArray json = R"({
      "format": "rnnlab-lesson", "version": 1, "title": "Title", "summary": "Sum",
      "zh_CN": {"title": "标题", "summary": "摘要"},
      "preset": "echo", "hide": ["sequence"], "lock": ["settingsDock"], "show": ["loss"],
      "steps": [
        {"title": "One", "text": "*t*", "zh_CN": {"title": "一", "text": "文"},
         "highlight": "loss",
         "action": {"set": {"training.learning_rate": 0.5, "model.cell": "lstm"}, "reset": true,
                    "train": 40, "phase": "backward", "gradient_check": true,
                    "show": ["stepper"], "temperature": 0.5},
         "until": {"loss_below": 0.25}, "user": {"press": "play", "train": 5}, "budget": 99},
        {"title": "Two", "text": "b", "until": {"changed": "training.clip_value"}},
        {"title": "Three", "text": "c", "until": {"phase": "update"}},
        {"title": "Four", "text": "d", "until": {"pressed": "gradient_check"}},
        {"title": "Five", "text": "e", "until": {"diverged": true}},
        {"title": "Six", "text": "f", "until": {"validation_rising": true}},
        {"title": "Seven", "text": "g", "until": {"iteration_at_least": 300}}
      ]})";
    QString error;
    const std::optional<Lesson> lesson = LessonFile::parse(json, &error);
    QVERIFY2(lesson, qPrintable(error));
    QCOMPARE(Lesson::text(lesson->texts, QString()).title, QStringLiteral("Title"));
    QCOMPARE(Lesson::text(lesson->texts, QStringLiteral("zh_CN")).text, QStringLiteral("摘要"));
    QCOMPARE(lesson->preset, QStringLiteral("echo"));
    QCOMPARE(lesson->hide, QStringList{QStringLiteral("sequence")});
    QCOMPARE(lesson->lock, QStringList{QStringLiteral("settingsDock")});
    QCOMPARE(lesson->steps.size(), 7);
    const LessonStep& one = lesson->steps[0];
    QCOMPARE(Lesson::text(one.texts, QStringLiteral("zh_CN")).title, QStringLiteral("一"));
    QCOMPARE(one.highlight, QStringLiteral("loss"));
    QCOMPARE(one.action.settings.size(), 2);
    // JSON objects have no order: the settings are applied by key, each on the last's result.
    QCOMPARE(one.action.settings[1].first, QStringLiteral("training.learning_rate"));
    QCOMPARE(one.action.settings[1].second.toDouble(), 0.5);
    QVERIFY(one.action.reset);
    QCOMPARE(one.action.train, 40L);
    QCOMPARE(one.action.phase, QStringLiteral("backward"));
    QVERIFY(one.action.gradientCheck);
    QCOMPARE(*one.action.temperature, 0.5);
    QCOMPARE(one.until.kind, LessonCondition::Kind::LossBelow);
    QCOMPARE(one.until.number, 0.25);
    QCOMPARE(one.user.press, QStringLiteral("play"));
    QCOMPARE(one.user.train, 5L);
    QCOMPARE(one.budget, 99L);
    using Kind = LessonCondition::Kind;
    const QList<Kind> kinds = {Kind::SettingChanged,   Kind::PhaseReached,
                               Kind::Pressed,          Kind::Diverged,
                               Kind::ValidationRising, Kind::IterationAtLeast};
    for (int i = 0; i < kinds.size(); ++i) {
      QCOMPARE(lesson->steps[i + 1].until.kind, kinds[i]);
    }
    QCOMPARE(lesson->steps[1].until.name, QStringLiteral("training.clip_value"));
    QCOMPARE(lesson->steps[6].until.number, 300.0);
    // A language the step lacks falls back to English.
    QCOMPARE(Lesson::text(lesson->steps[1].texts, QStringLiteral("zh_CN")).title,
             QStringLiteral("Two"));
  }

  void refusesBadFiles_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not JSON");
    QTest::newRow("format") << QByteArray(R"({"format": "rnnlab-session", "version": 1})")
                            << QStringLiteral("format: expected \"rnnlab-lesson\"");
    QTest::newRow("version") << QByteArray(R"({"format": "rnnlab-lesson", "version": 2})")
                             << QStringLiteral("version: expected 1");
    QTest::newRow("no session") << QByteArray(
                                       R"({"format": "rnnlab-lesson", "version": 1, "title": "T",
                          "summary": "S", "steps": [{"title": "A", "text": "a"}]})")
                                << QStringLiteral("preset: expected either a preset or a session");
    QTest::newRow("no steps") << QByteArray(
                                     R"({"format": "rnnlab-lesson", "version": 1, "title": "T",
                          "summary": "S", "preset": "hello", "steps": []})")
                              << QStringLiteral("steps: expected a list of at least one step");
    QTest::newRow("hide not names")
        << QByteArray(R"({"format": "rnnlab-lesson", "version": 1, "title": "T",
                          "summary": "S", "preset": "hello", "hide": ["loss", 3],
                          "steps": [{"title": "A", "text": "a"}]})")
        << QStringLiteral("hide[1]: expected a name");
    QTest::newRow("step without text")
        << withStep(R"({"title": "B"})") << QStringLiteral("step 2: text: expected a text");
    QTest::newRow("unknown step key") << withStep(R"({"title": "B", "text": "b", "wait": 3})")
                                      << QStringLiteral("step 2: wait: unknown key");
    QTest::newRow("bad loss")
        << withStep(R"({"title": "B", "text": "b", "until": {"loss_below": "low"}})")
        << QStringLiteral("step 2: until.loss_below: expected a number above 0");
    QTest::newRow("two conditions")
        << withStep(R"({"title": "B", "text": "b", "until": {"loss_below": 1, "diverged": true}})")
        << QStringLiteral("step 2: until: expected an object with one condition");
    QTest::newRow("unknown condition")
        << withStep(R"({"title": "B", "text": "b", "until": {"loss_above": 1}})")
        << QStringLiteral("step 2: until.loss_above: unknown condition");
    QTest::newRow("bad phase")
        << withStep(R"({"title": "B", "text": "b", "action": {"phase": "sideways"}})")
        << QStringLiteral("step 2: action.phase: expected one of forward, loss, backward");
    QTest::newRow("bad setting key")
        << withStep(R"({"title": "B", "text": "b", "action": {"set": {"data.inputs": 1}}})")
        << QStringLiteral("step 2: action.set.data.inputs: only model.… and training.…");
    QTest::newRow("fractional train")
        << withStep(R"({"title": "B", "text": "b", "action": {"train": 2.5}})")
        << QStringLiteral("step 2: action.train: expected a whole number");
    QTest::newRow("press is for the user")
        << withStep(R"({"title": "B", "text": "b", "action": {"press": "play"}})")
        << QStringLiteral("step 2: action.press: unknown key");
    QTest::newRow("bad button")
        << withStep(R"({"title": "B", "text": "b", "until": {"pressed": "jump"}})")
        << QStringLiteral("step 2: until.pressed: expected one of play, reset, gradient_check");
    QTest::newRow("bad chinese") << withStep(
                                        R"({"title": "B", "text": "b", "zh_CN": {"title": "乙"}})")
                                 << QStringLiteral("step 2: zh_CN.text: expected a text");
    QTest::newRow("bad changed key")
        << withStep(R"({"title": "B", "text": "b", "until": {"changed": "clip"}})")
        << QStringLiteral("step 2: until.changed: expected a setting key");
    QTest::newRow("bad claim")
        << withStep(R"({"title": "B", "text": "b", "expect": {"loss_near": 0.5}})")
        << QStringLiteral("step 2: expect.loss_near: expected [value, tolerance]");
    QTest::newRow("unknown claim")
        << withStep(R"({"title": "B", "text": "b", "expect": {"accuracy": 1}})")
        << QStringLiteral("step 2: expect.accuracy: unknown key");
    QTest::newRow("bad check claim")
        << withStep(R"({"title": "B", "text": "b", "expect": {"gradient_check": "green"}})")
        << QStringLiteral("step 2: expect.gradient_check: expected passes or fails");
    // Found by fuzzing: a budget beyond a long's range was cast regardless (undefined).
    QTest::newRow("huge budget") << withStep(R"({"title": "B", "text": "b", "budget": 2.6e56})")
                                 << QStringLiteral("step 2: budget: expected a whole number");
    // Found by fuzzing: a key starting with NUL gave an empty message.
    QTest::newRow("control characters in a key")
        << QByteArray("{\"format\": \"rnnlab-lesson\", \"\\u0000\\u0000version\": 1}")
        << QStringLiteral("\\u0000\\u0000version: unknown key");
  }

  void refusesBadFiles() {
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!LessonFile::parse(json, &error));
    QVERIFY2(error.startsWith(message), qPrintable(error));
    QVERIFY2(!error.contains(u'\n'), "one line");
  }

  void loadNamesTheFile() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("bad.rnnlab-lesson.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(withStep(R"({"title": "B", "text": "b", "budget": -1})"));
    file.close();
    QString error;
    QVERIFY(!LessonFile::load(path, &error));
    QCOMPARE(error, path + QStringLiteral(": step 2: budget: expected a number above 0"));
    QVERIFY(!LessonFile::open(QStringLiteral("no-such-lesson"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("no-such-lesson: neither a lesson file nor")),
             qPrintable(error));
  }

  void shipsLessonsInBothLanguages() {
    const QList<QString> names = LessonFile::shippedNames();
    QVERIFY(names.size() >= 8);
    for (const QString& name : names) {
      QString error;
      const std::optional<Lesson> lesson = LessonFile::load(LessonFile::resourcePath(name), &error);
      QVERIFY2(lesson, qPrintable(error));
      QCOMPARE(lesson->name, name);
      QVERIFY2(lesson->texts.contains(QStringLiteral("zh_CN")), qPrintable(name));
      for (int i = 0; i < lesson->steps.size(); ++i) {
        QVERIFY2(lesson->steps[i].texts.contains(QStringLiteral("zh_CN")),
                 qPrintable(QStringLiteral("%1 step %2").arg(name).arg(i + 1)));
      }
    }
  }
};

QTEST_GUILESS_MAIN(LessonFileTest)
#include "lesson_file_test.moc"
