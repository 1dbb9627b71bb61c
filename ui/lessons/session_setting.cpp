#include "lessons/session_setting.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

// The core takes and gives values as JSON text; QJsonDocument holds only arrays and objects, so
// a value travels wrapped in a one-element array.
std::string jsonText(const QJsonValue& value) {
  const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
  return text.mid(1, text.size() - 2).toStdString();
}

QJsonValue fromJsonText(const std::string& text) {
  const QByteArray wrapped = '[' + QByteArray::fromStdString(text) + ']';
  return QJsonDocument::fromJson(wrapped).array().at(0);
}

}  // namespace

QJsonValue SessionSetting::value(const rnnlab::Session& session, const QString& key) {
  // An edit may leave a setting the file format refuses; such a session has no file form, and
  // none of its settings a value a lesson could compare.
  if (rnnlab::validate(session)) {
    return QJsonValue(QJsonValue::Undefined);
  }
  const std::optional<std::string> text = rnnlab::sessionFieldValue(session, key.toStdString());
  return text ? fromJsonText(*text) : QJsonValue(QJsonValue::Undefined);
}

rnnlab::Session SessionSetting::with(const rnnlab::Session& session, const QString& key,
                                     const QJsonValue& value) {
  rnnlab::Session changed = session;
  if (const std::optional<std::string> error =
          rnnlab::setSessionField(changed, key.toStdString(), jsonText(value))) {
    throw rnnlab::SessionError(*error);
  }
  return changed;
}
