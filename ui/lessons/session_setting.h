#pragma once

// A setting of a session addressed by its key path in the session file ("training.learning_rate",
// "model.cell", "training.blog_bugs"). Both directions go through the core's table of session
// fields (rnnlab::sessionFieldValue, rnnlab::setSessionField), so a lesson can set any settable
// key the file format has, checked exactly as a file would be, with no trip through the file.

#include <QJsonValue>
#include <QString>

#include "rnnlab/session.h"

class SessionSetting {
 public:
  // The value at `key` in the session's file form (undefined when the file has no such key).
  static QJsonValue value(const rnnlab::Session& session, const QString& key);
  // `session` with `key` set to `value`; throws rnnlab::SessionError with the core's message
  // (naming the key) when the result is not a valid session.
  static rnnlab::Session with(const rnnlab::Session& session, const QString& key,
                              const QJsonValue& value);
};
