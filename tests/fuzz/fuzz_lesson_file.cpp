// LessonFile::parse on arbitrary bytes: a lesson, or nothing with one message that names where.
// A parsed lesson has at least one step, each with a title.

#include <QByteArray>
#include <QString>

#include "fuzz_common.h"
#include "lessons/lesson_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  QString error;
  const std::optional<Lesson> lesson = LessonFile::parse(bytes, &error);
  if (!lesson) {
    fuzz::check(!error.isEmpty(), "refused without a message");
    return 0;
  }
  fuzz::check(error.isEmpty(), "a message for an accepted lesson");
  fuzz::check(!lesson->steps.isEmpty(), "a lesson without steps");
  for (const LessonStep& step : lesson->steps) {
    fuzz::check(!step.texts.value(QString()).title.isEmpty(), "a step without a title");
  }
  return 0;
}
