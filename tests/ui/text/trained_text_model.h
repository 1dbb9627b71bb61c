#pragma once

// A text preset's model after a few hundred iterations of the core's trainer, so that the text
// panels are tested (and photographed) on a network that has learned something.

#include <QImage>
#include <QString>
#include <QWidget>
#include <string>

#include "rnnlab/model.h"
#include "rnnlab/session.h"
#include "rnnlab/text_data.h"
#include "rnnlab/trainer.h"

struct TrainedText {
  rnnlab::Model model;
  rnnlab::TextData text;
  long iteration = 0;
};

inline TrainedText trainedText(const std::string& preset, long iterations) {
  const rnnlab::Session session = rnnlab::loadSession(std::string(RNNLAB_SOURCE_DIR) +
                                                      "/resources/presets/text/" + preset);
  rnnlab::Trainer trainer(session.makeModel(), *session.text, session.training);
  for (long i = 0; i < iterations; ++i) {
    trainer.step();
  }
  return {trainer.model(), *session.text, iterations};
}

// Saves the widget to $RNNLAB_TEXT_SCREENSHOTS/<name>.png when that variable names a folder.
inline void saveScreenshot(QWidget& widget, const QString& name) {
  const QString folder = qEnvironmentVariable("RNNLAB_TEXT_SCREENSHOTS");
  if (!folder.isEmpty()) {
    widget.grab().save(folder + QStringLiteral("/") + name + QStringLiteral(".png"));
  }
}
