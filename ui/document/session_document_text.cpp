// SessionDocument's text sessions: opening a .txt file or pasted text as a character-level
// language model, and how a character is shown.

#include "document/session_document.h"

#include <QFile>
#include <QFileInfo>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "document/text_session_models.h"
#include "rnnlab/utf8.h"

bool SessionDocument::openTextFile(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error != nullptr) {
      *error = tr("%1: cannot be read (%2)").arg(QFileInfo(path).fileName(), file.errorString());
    }
    return false;
  }
  const QByteArray bytes = file.readAll();
  rnnlab::Session session;
  try {
    session = textSession(std::string(bytes.constData(), static_cast<size_t>(bytes.size())));
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(),
                                            QString::fromStdString(e.what()));
    }
    return false;
  }
  // Not the session's file: Save asks for a .rnnlab.json name.
  setSession(session, QString(), QFileInfo(path).fileName());
  return true;
}

bool SessionDocument::newTextSession(const QString& text, const QString& title, QString* error) {
  rnnlab::Session session;
  try {
    session = textSession(text.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  setSession(session, QString(), title);
  return true;
}

rnnlab::Session SessionDocument::textSession(const std::string& utf8) {
  rnnlab::TextData text;
  text.text = utf8;
  text.sequenceLength = textModelPlan(0, TextModelSize::Small).sequenceLength;
  if (std::optional<std::string> problem = rnnlab::prepareText(text)) {
    throw rnnlab::SessionError(*problem);
  }
  return textSessionFor(std::move(text), TextModelSize::Small);
}

QString SessionDocument::displayCharacter(char32_t codePoint) {
  switch (codePoint) {
    case U'\n':
      return QStringLiteral("↵");
    case U' ':
      return QStringLiteral("␣");
    case U'\t':
      return QStringLiteral("⇥");
    case U'\r':
      return QStringLiteral("␍");
    default:
      break;
  }
  if (codePoint < 0x20 || codePoint == 0x7f) {
    return QStringLiteral("U+%1").arg(static_cast<uint>(codePoint), 4, 16, QLatin1Char('0'));
  }
  if (codePoint == 0x3000) {
    return QStringLiteral("␣");  // the ideographic space, which would show as nothing
  }
  const char32_t one[] = {codePoint};
  return QString::fromUcs4(one, 1);
}
