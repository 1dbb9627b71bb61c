#pragma once

// The presets compiled into the binary (resources/presets/NAME.rnnlab.json, at
// ":/presets/NAME.rnnlab.json"). Each is an ordinary session file with two extra top-level keys
// the session reader ignores: "title" and "description" (and optionally "characters"). The text
// presets (resources/presets/text/) are listed with the others.

#include <QList>
#include <QString>

#include "rnnlab/session.h"

class PresetLibrary {
 public:
  struct Preset {
    QString name;         // file name without .rnnlab.json, e.g. "hello"
    QString title;        // e.g. "Say hello"
    QString description;  // one line
    // "characters": one character per one-hot input column (e.g. "helo"), so that views can
    // label them; empty for numeric presets and for text presets (their vocabulary says it).
    QString characters;
  };

  // Every preset, the built-in example first, then by title.
  static QList<Preset> presets();
  static bool contains(const QString& name);
  static QString resourcePath(const QString& name);
  // Parses and validates the preset; throws rnnlab::SessionError (also for an unknown name).
  static rnnlab::Session load(const QString& name);
};
