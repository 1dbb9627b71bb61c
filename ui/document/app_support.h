#pragma once

// What the app can show yet. Header-only: the share-link parser (and its fuzz target) use it
// without the rest of the document layer.

#include <QCoreApplication>
#include <QString>

#include "rnnlab/session.h"

// Why the app cannot show `session` yet (empty when it can): a sequence-to-sequence (pairs)
// session trains in rnnlab-cli; its views come with issue 24.
inline QString unsupportedInTheApp(const rnnlab::Session& session) {
  if (session.pairs) {
    return QCoreApplication::translate(
        "SessionDocument",
        "This is a sequence-to-sequence session (data.kind pairs): the app cannot show one yet. "
        "Train it with rnnlab-cli train.");
  }
  return {};
}
