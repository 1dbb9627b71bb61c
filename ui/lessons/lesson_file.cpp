#include "lessons/lesson_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>
#include <stdexcept>

namespace {

const QString Chinese = QStringLiteral("zh_CN");

// The message with control characters shown as \uXXXX: a key is the file's own text, and one
// starting with NUL would otherwise end the message before it began (found by fuzzing).
QString visible(const QString& message) {
  QString shown;
  shown.reserve(message.size());
  for (const QChar c : message) {
    if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
      shown += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    } else {
      shown += c;
    }
  }
  return shown;
}

// A refusal, carrying the key it is about; parse() turns it into the one message.
struct Refusal : std::runtime_error {
  Refusal(const QString& key, const QString& what)
      : std::runtime_error(visible(QStringLiteral("%1: %2").arg(key, what)).toStdString()) {}
};

class Reader {
  Q_DECLARE_TR_FUNCTIONS(LessonFile)

 public:
  static QString string(const QJsonObject& object, const QString& key, const QString& path,
                        bool required) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && !required) {
      return QString();
    }
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
      throw Refusal(path + key, tr("expected a text"));
    }
    return value.toString();
  }

  static QStringList names(const QJsonObject& object, const QString& key, const QString& path) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
      return {};
    }
    if (!value.isArray()) {
      throw Refusal(path + key, tr("expected a list of names"));
    }
    QStringList result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
      if (!array[i].isString() || array[i].toString().isEmpty()) {
        throw Refusal(QStringLiteral("%1%2[%3]").arg(path, key).arg(i), tr("expected a name"));
      }
      result.append(array[i].toString());
    }
    return result;
  }

  static double number(const QJsonValue& value, const QString& key, double above) {
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || !(value.toDouble() > above)) {
      throw Refusal(key, tr("expected a number above %1").arg(above));
    }
    return value.toDouble();
  }

  static void checkKeys(const QJsonObject& object, const QStringList& known, const QString& path) {
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (!known.contains(it.key())) {
        throw Refusal(path + it.key(),
                      tr("unknown key (expected one of %1)").arg(known.join(QStringLiteral(", "))));
      }
    }
  }

  static QHash<QString, LessonText> texts(const QJsonObject& object, const QString& textKey,
                                          const QString& path) {
    QHash<QString, LessonText> result;
    result.insert(QString(), {string(object, QStringLiteral("title"), path, true),
                              string(object, textKey, path, true)});
    const QJsonValue chinese = object.value(Chinese);
    if (chinese.isUndefined()) {
      return result;
    }
    if (!chinese.isObject()) {
      throw Refusal(path + Chinese, tr("expected an object with title and %1").arg(textKey));
    }
    const QJsonObject zh = chinese.toObject();
    const QString zhPath = path + Chinese + u'.';
    checkKeys(zh, {QStringLiteral("title"), textKey}, zhPath);
    result.insert(Chinese, {string(zh, QStringLiteral("title"), zhPath, true),
                            string(zh, textKey, zhPath, true)});
    return result;
  }

  static QString phaseName(const QJsonValue& value, const QString& key) {
    static const QStringList phases = {QStringLiteral("forward"), QStringLiteral("loss"),
                                       QStringLiteral("backward"), QStringLiteral("clip"),
                                       QStringLiteral("update")};
    if (!phases.contains(value.toString())) {
      throw Refusal(key, tr("expected one of %1").arg(phases.join(QStringLiteral(", "))));
    }
    return value.toString();
  }

  static QString buttonName(const QJsonValue& value, const QString& key) {
    static const QStringList buttons = {QStringLiteral("play"), QStringLiteral("reset"),
                                        QStringLiteral("gradient_check")};
    if (!buttons.contains(value.toString())) {
      throw Refusal(key, tr("expected one of %1").arg(buttons.join(QStringLiteral(", "))));
    }
    return value.toString();
  }

  static bool isTrue(const QJsonValue& value, const QString& key) {
    if (value != QJsonValue(true)) {
      throw Refusal(key, tr("expected true"));
    }
    return true;
  }

  static LessonAction action(const QJsonValue& value, const QString& path, bool user) {
    LessonAction action;
    if (value.isUndefined()) {
      return action;
    }
    if (!value.isObject()) {
      throw Refusal(path.chopped(1), tr("expected an object"));
    }
    const QJsonObject object = value.toObject();
    QStringList known = {
        QStringLiteral("preset"),         QStringLiteral("session"), QStringLiteral("set"),
        QStringLiteral("reset"),          QStringLiteral("train"),   QStringLiteral("phase"),
        QStringLiteral("gradient_check"), QStringLiteral("show"),    QStringLiteral("temperature")};
    if (user) {
      known.append(QStringLiteral("press"));
    }
    checkKeys(object, known, path);
    action.preset = string(object, QStringLiteral("preset"), path, false);
    if (object.contains(QStringLiteral("session"))) {
      if (!object.value(QStringLiteral("session")).isObject()) {
        throw Refusal(path + QStringLiteral("session"), tr("expected a session object"));
      }
      action.session = object.value(QStringLiteral("session")).toObject();
    }
    if (object.contains(QStringLiteral("set"))) {
      const QJsonValue set = object.value(QStringLiteral("set"));
      if (!set.isObject() || set.toObject().isEmpty()) {
        throw Refusal(path + QStringLiteral("set"),
                      tr("expected an object of setting keys and values, e.g. "
                         "{\"training.learning_rate\": 0.5}"));
      }
      const QJsonObject settings = set.toObject();
      for (auto it = settings.begin(); it != settings.end(); ++it) {
        if (!it.key().startsWith(QLatin1String("training.")) &&
            !it.key().startsWith(QLatin1String("model."))) {
          throw Refusal(path + QStringLiteral("set.") + it.key(),
                        tr("only model.… and training.… settings can be set"));
        }
        action.settings.append({it.key(), it.value()});
      }
    }
    if (object.contains(QStringLiteral("reset"))) {
      action.reset = isTrue(object.value(QStringLiteral("reset")), path + QStringLiteral("reset"));
    }
    if (object.contains(QStringLiteral("train"))) {
      const QString key = path + QStringLiteral("train");
      const double n = number(object.value(QStringLiteral("train")), key, 0);
      if (n != std::floor(n) || n > 1e7) {
        throw Refusal(key, tr("expected a whole number of iterations"));
      }
      action.train = static_cast<long>(n);
    }
    if (object.contains(QStringLiteral("phase"))) {
      action.phase =
          phaseName(object.value(QStringLiteral("phase")), path + QStringLiteral("phase"));
    }
    if (object.contains(QStringLiteral("gradient_check"))) {
      action.gradientCheck = isTrue(object.value(QStringLiteral("gradient_check")),
                                    path + QStringLiteral("gradient_check"));
    }
    action.show = names(object, QStringLiteral("show"), path);
    if (object.contains(QStringLiteral("temperature"))) {
      action.temperature = number(object.value(QStringLiteral("temperature")),
                                  path + QStringLiteral("temperature"), 0);
    }
    if (object.contains(QStringLiteral("press"))) {
      action.press =
          buttonName(object.value(QStringLiteral("press")), path + QStringLiteral("press"));
    }
    return action;
  }

  static LessonCondition condition(const QJsonValue& value, const QString& path) {
    using Kind = LessonCondition::Kind;
    LessonCondition condition;
    if (value.isUndefined()) {
      return condition;
    }
    const QString key = path.chopped(1);
    if (!value.isObject() || value.toObject().size() != 1) {
      throw Refusal(key, tr("expected an object with one condition, e.g. "
                            "{\"iteration_at_least\": 300}"));
    }
    const QJsonObject object = value.toObject();
    const QString kind = object.begin().key();
    const QJsonValue argument = object.begin().value();
    const QString argumentKey = path + kind;
    if (kind == QLatin1String("iteration_at_least")) {
      condition.kind = Kind::IterationAtLeast;
      condition.number = number(argument, argumentKey, 0);
    } else if (kind == QLatin1String("loss_below")) {
      condition.kind = Kind::LossBelow;
      condition.number = number(argument, argumentKey, 0);
    } else if (kind == QLatin1String("validation_rising")) {
      condition.kind = Kind::ValidationRising;
      isTrue(argument, argumentKey);
    } else if (kind == QLatin1String("phase")) {
      condition.kind = Kind::PhaseReached;
      condition.name = phaseName(argument, argumentKey);
    } else if (kind == QLatin1String("changed")) {
      condition.kind = Kind::SettingChanged;
      condition.name = argument.toString();
      if (!condition.name.startsWith(QLatin1String("training.")) &&
          !condition.name.startsWith(QLatin1String("model."))) {
        throw Refusal(argumentKey, tr("expected a setting key such as training.clip_value"));
      }
    } else if (kind == QLatin1String("pressed")) {
      condition.kind = Kind::Pressed;
      condition.name = buttonName(argument, argumentKey);
    } else if (kind == QLatin1String("diverged")) {
      condition.kind = Kind::Diverged;
      isTrue(argument, argumentKey);
    } else {
      throw Refusal(argumentKey, tr("unknown condition (expected iteration_at_least, loss_below, "
                                    "validation_rising, phase, changed, pressed or diverged)"));
    }
    return condition;
  }

  static QPair<double, double> numberPair(const QJsonObject& object, const QString& key,
                                         const QString& path, const QString& expected) {
    const QJsonValue value = object.value(key);
    const QJsonArray pair = value.toArray();
    if (!value.isArray() || pair.size() != 2) {
      throw Refusal(path + key, expected);
    }
    return {number(pair[0], path + key + QStringLiteral("[0]"), -1.0),
            number(pair[1], path + key + QStringLiteral("[1]"), 0.0)};
  }

  static LessonClaims claims(const QJsonValue& value) {
    LessonClaims claims;
    if (value.isUndefined()) {
      return claims;
    }
    const QString path = QStringLiteral("expect.");
    if (!value.isObject()) {
      throw Refusal(QStringLiteral("expect"), tr("expected an object of claims"));
    }
    const QJsonObject object = value.toObject();
    checkKeys(object,
              {QStringLiteral("loss_near"), QStringLiteral("loss_above"),
               QStringLiteral("gradient_check"), QStringLiteral("failing"),
               QStringLiteral("error_ratio"), QStringLiteral("memory_horizon")},
              path);
    if (object.contains(QStringLiteral("loss_near"))) {
      claims.lossNear = numberPair(object, QStringLiteral("loss_near"), path,
                                   tr("expected [value, tolerance], e.g. [0.667, 0.01]"));
    }
    if (object.contains(QStringLiteral("memory_horizon"))) {
      claims.memoryHorizon = numberPair(object, QStringLiteral("memory_horizon"), path,
                                        tr("expected [fewest, most] steps, e.g. [20, 120]"));
    }
    if (object.contains(QStringLiteral("loss_above"))) {
      claims.lossAbove =
          number(object.value(QStringLiteral("loss_above")), path + QStringLiteral("loss_above"), 0);
    }
    if (object.contains(QStringLiteral("gradient_check"))) {
      claims.gradientCheck = object.value(QStringLiteral("gradient_check")).toString();
      if (claims.gradientCheck != QLatin1String("passes") &&
          claims.gradientCheck != QLatin1String("fails")) {
        throw Refusal(path + QStringLiteral("gradient_check"), tr("expected passes or fails"));
      }
    }
    if (object.contains(QStringLiteral("failing"))) {
      claims.failing = names(object, QStringLiteral("failing"), path);
    }
    if (object.contains(QStringLiteral("error_ratio"))) {
      claims.errorRatio = number(object.value(QStringLiteral("error_ratio")),
                                 path + QStringLiteral("error_ratio"), 0);
    }
    return claims;
  }

  static LessonStep step(const QJsonValue& value, int index) {
    const QString where = tr("step %1").arg(index + 1);
    try {
      if (!value.isObject()) {
        throw Refusal(QStringLiteral("steps[%1]").arg(index), tr("expected an object"));
      }
      const QJsonObject object = value.toObject();
      checkKeys(object,
                {QStringLiteral("title"), QStringLiteral("text"), Chinese,
                 QStringLiteral("highlight"), QStringLiteral("action"), QStringLiteral("until"),
                 QStringLiteral("user"), QStringLiteral("budget"), QStringLiteral("expect")},
                QString());
      LessonStep step;
      step.expect = claims(object.value(QStringLiteral("expect")));
      step.texts = texts(object, QStringLiteral("text"), QString());
      step.highlight = string(object, QStringLiteral("highlight"), QString(), false);
      step.action =
          action(object.value(QStringLiteral("action")), QStringLiteral("action."), false);
      step.until = condition(object.value(QStringLiteral("until")), QStringLiteral("until."));
      step.user = action(object.value(QStringLiteral("user")), QStringLiteral("user."), true);
      if (object.contains(QStringLiteral("budget"))) {
        // Checked before the cast: 1e56 made the conversion to long undefined (found by fuzzing).
        const double budget =
            number(object.value(QStringLiteral("budget")), QStringLiteral("budget"), 0);
        if (budget != std::floor(budget) || budget > 1e9) {
          throw Refusal(QStringLiteral("budget"),
                        tr("expected a whole number of iterations up to 1,000,000,000"));
        }
        step.budget = static_cast<long>(budget);
      }
      return step;
    } catch (const Refusal& refusal) {
      throw std::runtime_error(QStringLiteral("%1: %2")
                                   .arg(where, QString::fromStdString(refusal.what()))
                                   .toStdString());
    }
  }

  static Lesson lesson(const QJsonObject& root) {
    Lesson lesson;
    try {
      checkKeys(root,
                {QStringLiteral("format"), QStringLiteral("version"), QStringLiteral("title"),
                 QStringLiteral("summary"), Chinese, QStringLiteral("preset"),
                 QStringLiteral("session"), QStringLiteral("hide"), QStringLiteral("lock"),
                 QStringLiteral("show"), QStringLiteral("steps")},
                QString());
      if (root.value(QStringLiteral("format")) != QJsonValue(QStringLiteral("rnnlab-lesson"))) {
        throw Refusal(QStringLiteral("format"), tr("expected \"rnnlab-lesson\""));
      }
      if (root.value(QStringLiteral("version")) != QJsonValue(Lesson::FormatVersion)) {
        throw Refusal(QStringLiteral("version"),
                      tr("expected %1 (this RNN Lab reads version %1)").arg(Lesson::FormatVersion));
      }
      lesson.texts = texts(root, QStringLiteral("summary"), QString());
      lesson.preset = string(root, QStringLiteral("preset"), QString(), false);
      if (root.contains(QStringLiteral("session"))) {
        if (!root.value(QStringLiteral("session")).isObject()) {
          throw Refusal(QStringLiteral("session"), tr("expected a session object"));
        }
        lesson.session = root.value(QStringLiteral("session")).toObject();
      }
      if (lesson.preset.isEmpty() == !lesson.session.has_value()) {
        throw Refusal(QStringLiteral("preset"), tr("expected either a preset or a session"));
      }
      lesson.hide = names(root, QStringLiteral("hide"), QString());
      lesson.lock = names(root, QStringLiteral("lock"), QString());
      lesson.show = names(root, QStringLiteral("show"), QString());
      const QJsonValue steps = root.value(QStringLiteral("steps"));
      if (!steps.isArray() || steps.toArray().isEmpty()) {
        throw Refusal(QStringLiteral("steps"), tr("expected a list of at least one step"));
      }
    } catch (const Refusal& refusal) {
      throw std::runtime_error(refusal.what());
    }
    const QJsonArray steps = root.value(QStringLiteral("steps")).toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
      lesson.steps.append(step(steps[i], static_cast<int>(i)));
    }
    return lesson;
  }
};

}  // namespace

LessonText Lesson::text(const QHash<QString, LessonText>& texts, const QString& language) {
  const LessonText english = texts.value(QString());
  if (language.isEmpty() || !texts.contains(language)) {
    return english;
  }
  return texts.value(language);
}

std::optional<Lesson> LessonFile::parse(const QByteArray& json, QString* error) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  try {
    if (parseError.error != QJsonParseError::NoError) {
      throw std::runtime_error(Reader::tr("not JSON (%1 at character %2)")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset)
                                   .toStdString());
    }
    if (!document.isObject()) {
      throw std::runtime_error(Reader::tr("expected a JSON object").toStdString());
    }
    return Reader::lesson(document.object());
  } catch (const std::runtime_error& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return std::nullopt;
  }
}

std::optional<Lesson> LessonFile::load(const QString& path, QString* error) {
  QFile file(path);
  const QString shown = path.startsWith(u':') ? QFileInfo(path).fileName() : path;
  if (!file.open(QIODevice::ReadOnly)) {
    if (error != nullptr) {
      *error = QStringLiteral("%1: %2").arg(shown, file.errorString());
    }
    return std::nullopt;
  }
  QString message;
  std::optional<Lesson> lesson = parse(file.readAll(), &message);
  if (!lesson) {
    if (error != nullptr) {
      *error = QStringLiteral("%1: %2").arg(shown, message);
    }
    return std::nullopt;
  }
  QString name = QFileInfo(path).fileName();
  if (name.endsWith(QLatin1String(Suffix))) {
    name.chop(static_cast<int>(qstrlen(Suffix)));
  }
  lesson->name = name;
  return lesson;
}

std::optional<Lesson> LessonFile::open(const QString& nameOrPath, QString* error) {
  if (shippedNames().contains(nameOrPath)) {
    return load(resourcePath(nameOrPath), error);
  }
  if (QFileInfo(nameOrPath).isFile()) {
    return load(nameOrPath, error);
  }
  if (error != nullptr) {
    *error = Reader::tr("%1: neither a lesson file nor a lesson's name (%2)")
                 .arg(nameOrPath, shippedNames().join(QStringLiteral(", ")));
  }
  return std::nullopt;
}

QList<QString> LessonFile::shippedNames() {
  QList<QString> names;
  const QStringList files =
      QDir(QStringLiteral(":/lessons"))
          .entryList({QStringLiteral("*") + QLatin1String(Suffix)}, QDir::Files, QDir::Name);
  for (QString file : files) {
    file.chop(static_cast<int>(qstrlen(Suffix)));
    names.append(file);
  }
  return names;
}

QString LessonFile::resourcePath(const QString& name) {
  return QStringLiteral(":/lessons/") + name + QLatin1String(Suffix);
}
