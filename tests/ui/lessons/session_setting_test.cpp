// Setting a session's key by its path goes through the core's field table: values land in the
// session, a changed model drops its weights, a bad value is refused with the core's message
// naming the key, and every key a lesson may set survives the trip through Qt's JSON values.

#include "lessons/session_setting.h"

#include <QtTest>
#include <filesystem>

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

  // Every settable key of the table, read from a session that has it and set to that value and
  // to another valid one: what reads back is what was set (numbers to the last digit).
  void everySettableKeyRoundTrips() {
    const std::filesystem::path presets =
        std::filesystem::path(RNNLAB_SOURCE_DIR) / "resources" / "presets";
    rnnlab::Session lstm = rnnlab::loadSession(presets / "delay-lstm.rnnlab.json");
    lstm.training.blogBugs = {};
    const std::vector<rnnlab::Session> bases = {
        rnnlab::builtinExample(), lstm,
        rnnlab::loadSession(presets / "text" / "hello_text.rnnlab.json"),
        rnnlab::loadSession(presets / "sequences" / "echo-delay.rnnlab.json")};
    int checked = 0;
    for (const rnnlab::SessionFieldInfo& field : rnnlab::sessionFields()) {
      if (!field.settable) {
        continue;
      }
      const QString key = QString::fromStdString(field.path);
      const rnnlab::Session* base = nullptr;
      for (const rnnlab::Session& candidate : bases) {
        if (!SessionSetting::value(candidate, key).isUndefined()) {
          base = &candidate;
          break;
        }
      }
      if (base == nullptr) {
        // Keys a file holds only when set (training.blog_bugs): set them on the example.
        base = &bases.front();
      }
      const QJsonValue current = SessionSetting::value(*base, key);
      QList<QJsonValue> values{current};
      using Type = rnnlab::SessionFieldInfo::Type;
      switch (field.type) {
        case Type::Boolean:
          values << !current.toBool();
          break;
        case Type::Integer:
          // A key absent at its default (one layer) is given another value: min + 1.
          values << static_cast<double>(current.isUndefined() || current.toInteger() == field.min
                                            ? field.min + 1
                                            : field.min);
          break;
        case Type::Seed:
          values << 12345;
          break;
        case Type::Number:
          values << current.toDouble() * 0.75 + 0.001;  // still positive and finite
          break;
        case Type::Choice:
          for (const std::string& choice : field.choices) {
            values << QString::fromStdString(choice);
          }
          break;
        case Type::List:
          values << QJsonArray{QString::fromStdString(field.choices.front())};
          break;
        case Type::Structured:
          QFAIL(qPrintable(key + QStringLiteral(" is settable but structured")));
      }
      // A file leaves out a key at its version-1 default (an rnn's "cell", a false flag): at
      // most one value of a choice or flag may read back as absent, and never one it had.
      int absent = 0;
      for (const QJsonValue& value : values) {
        if (value.isUndefined()) {
          continue;
        }
        rnnlab::Session after;
        try {
          after = SessionSetting::with(*base, key, value);
        } catch (const rnnlab::SessionError& e) {
          // Another value may break a rule between keys (a cell's own keys); the same one never.
          QVERIFY2(value != current, qPrintable(key + QStringLiteral(": ") + e.what()));
          continue;
        }
        const QJsonValue readBack = SessionSetting::value(after, key);
        if (readBack.isUndefined() && value != current &&
            (field.type == Type::Choice || field.type == Type::Boolean)) {
          ++absent;
          continue;
        }
        QVERIFY2(readBack == value,
                 qPrintable(key + QStringLiteral(" reads back as ") +
                            QString::fromUtf8(QJsonDocument(QJsonArray{readBack})
                                                  .toJson(QJsonDocument::Compact))));
        ++checked;
      }
      QVERIFY2(absent <= 1, qPrintable(key));
    }
    QVERIFY2(checked > 30, qPrintable(QString::number(checked)));
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
