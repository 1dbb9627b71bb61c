#pragma once

// Reading lesson files, and the lessons compiled into the binary (resources/lessons/NAME
// .rnnlab-lesson.json at ":/lessons/…"). A bad file gets one message naming the step and the key,
// e.g. "step 3: until.loss_below: expected a number above 0".

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

#include "lessons/lesson.h"

class LessonFile {
 public:
  static constexpr const char* Suffix = ".rnnlab-lesson.json";

  // Parses a lesson; on failure returns nothing and puts the message in *error.
  static std::optional<Lesson> parse(const QByteArray& json, QString* error);
  // A file's lesson (named after the file); the message then starts with the file's name.
  static std::optional<Lesson> load(const QString& path, QString* error);
  // A shipped lesson by name, or a file path; the message says which it was not.
  static std::optional<Lesson> open(const QString& nameOrPath, QString* error);

  // The shipped lessons' names, sorted by name.
  static QList<QString> shippedNames();
  static QString resourcePath(const QString& name);
};
