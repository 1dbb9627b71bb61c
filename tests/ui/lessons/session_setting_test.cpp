// Setting a session's key by its path goes through the core's session reader: values land in
// the session, a changed model drops its weights, and a bad value is refused with the core's
// message naming the key.

#include "lessons/session_setting.h"

#include <QtTest>

class SessionSettingTest : public QObject {
  Q_OBJECT

 private slots:
  void setsAndReadsTrainingKeys() {
    const rnnlab::Session example = rnnlab::builtinExample();
    const rnnlab::Session after =
        SessionSetting::with(example, QStringLiteral("training.learning_rate"), QJsonValue(0.5));
    QCOMPARE(after.training.learningRate, 0.5);
    QCOMPARE(after.model, example.model);
    QCOMPARE(SessionSetting::value(after, QStringLiteral("training.learning_rate")).toDouble(),
             0.5);
    QCOMPARE(SessionSetting::value(after, QStringLiteral("model.hidden_size")).toInt(),
             example.model.hiddenSize);
    QVERIFY(SessionSetting::value(after, QStringLiteral("training.no_such_key")).isUndefined());
  }

  void aChangedModelDropsItsWeights() {
    rnnlab::Session session = rnnlab::builtinExample();
    session.setModel(session.makeModel());
    QVERIFY(session.weights);
    const rnnlab::Session bigger =
        SessionSetting::with(session, QStringLiteral("model.hidden_size"), QJsonValue(7));
    QCOMPARE(bigger.model.hiddenSize, 7);
    QVERIFY(!bigger.weights);
    const rnnlab::Session lstm =
        SessionSetting::with(session, QStringLiteral("model.cell"), QJsonValue("lstm"));
    QVERIFY(lstm.model.cell == rnnlab::CellKind::Lstm);
  }

  void outputModeReshapesTheTargets() {
    const rnnlab::Session example = rnnlab::builtinExample();
    QVERIFY(example.model.outputMode == rnnlab::OutputMode::Sequence);
    const rnnlab::Session last =
        SessionSetting::with(example, QStringLiteral("model.output_mode"), QJsonValue("last"));
    QVERIFY(last.model.outputMode == rnnlab::OutputMode::Last);
    QCOMPARE(last.data.targets.rows(), rnnlab::Index{1});
    QVERIFY(last.data.targets.row(0) == example.data.targets.row(example.data.targets.rows() - 1));
  }

  void refusesWithTheCoresMessage() {
    try {
      SessionSetting::with(rnnlab::builtinExample(), QStringLiteral("training.learning_rate"),
                           QJsonValue(-1));
      QFAIL("a negative learning rate was taken");
    } catch (const rnnlab::SessionError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("training.learning_rate")),
               e.what());
    }
  }
};

QTEST_GUILESS_MAIN(SessionSettingTest)
#include "session_setting_test.moc"
