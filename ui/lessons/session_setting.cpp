#include "lessons/session_setting.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace {

QJsonObject fileForm(const rnnlab::Session& session) {
  // An edit may leave a setting the file format refuses; such a session has no file form, and
  // none of its settings a value a lesson could compare.
  if (rnnlab::validate(session)) {
    return {};
  }
  const std::string json = rnnlab::serializeSession(session);
  return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

QJsonObject setPath(QJsonObject object, QStringList path, const QJsonValue& value) {
  const QString head = path.takeFirst();
  if (path.isEmpty()) {
    object.insert(head, value);
  } else {
    object.insert(head, setPath(object.value(head).toObject(), path, value));
  }
  return object;
}

}  // namespace

QJsonValue SessionSetting::value(const rnnlab::Session& session, const QString& key) {
  QJsonValue current = fileForm(session);
  for (const QString& part : key.split(u'.')) {
    current = current.toObject().value(part);
  }
  return current;
}

rnnlab::Session SessionSetting::with(const rnnlab::Session& session, const QString& key,
                                     const QJsonValue& value) {
  rnnlab::Session base = session;
  if (key == QLatin1String("model.output_mode") && !session.text && !session.sequences) {
    // The targets change shape with the mode, as the settings panel's edit does: `last` keeps
    // the final row, `sequence` gives the earlier steps zero targets.
    for (const rnnlab::OutputMode mode : {rnnlab::OutputMode::Last, rnnlab::OutputMode::Sequence}) {
      if (value == QJsonValue(QString::fromUtf8(rnnlab::toString(mode)))) {
        base.model.outputMode = mode;
        base.data.targets = session.data.targetsFor(mode);
      }
    }
  }
  QJsonObject root = setPath(fileForm(base), key.split(u'.'), value);
  if (key.startsWith(QLatin1String("model.")) && key != QLatin1String("model.weights")) {
    // Weights of another shape or cell would be refused: a changed model starts from its seed.
    QJsonObject model = root.value(QStringLiteral("model")).toObject();
    if (model != fileForm(session).value(QStringLiteral("model")).toObject()) {
      model.remove(QStringLiteral("weights"));
      model.remove(QStringLiteral("weights_file"));
      root.insert(QStringLiteral("model"), model);
      root.remove(QStringLiteral("training_state"));
    }
  }
  const QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Compact);
  return rnnlab::parseSession(std::string_view(json.constData(), static_cast<size_t>(json.size())));
}
