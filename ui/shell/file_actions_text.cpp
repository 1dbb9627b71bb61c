// FileActions' new text session from a file: read in the background, a model chosen, a new
// session opened.

#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QPointer>
#include <algorithm>
#include <exception>

#include "document/session_document.h"
#include "document/session_loader.h"
#include "document/text_file_loader.h"
#include "editors/text_model_dialog.h"
#include "shell/file_actions.h"
#include "shell/file_job_progress.h"

void FileActions::newTextSessionFromFile() {
  if (!maybeDiscard()) {
    return;
  }
  const QString folder = m_document->filePath().isEmpty()
                             ? QString()
                             : QFileInfo(m_document->filePath()).absolutePath();
  const QString path =
      QFileDialog::getOpenFileName(m_parent, tr("New text session from a file"), folder,
                                   tr("Plain text, UTF-8 (*.txt *.text *.md);;All files (*)"));
  if (!path.isEmpty()) {
    startTextRead(path);
  }
}

void FileActions::startTextRead(const QString& path) {
  if (isOpening()) {
    m_loader->cancel();
    m_textLoader->cancel();
    m_progress->stop();
  }
  m_reportOpenFailure = true;
  m_textLoader->start(path);
  m_progress->watch(&m_textLoader->job(), tr("New text session"),
                    [](const BackgroundFileJob::Progress& progress, double /*seconds*/) {
                      return tr("Checking the characters: %1%")
                          .arg(QLocale().toString(std::max(0, progress.processedPerMille) / 10));
                    });
}

void FileActions::onTextLoaded(const QString& path, const rnnlab::TextData& text) {
  m_progress->stop();
  const QString name = QFileInfo(path).fileName();
  const auto open = [this, name, text](TextModelSize size) {
    rnnlab::Session session;
    try {
      session = textSessionFor(text, size);
    } catch (const std::exception& e) {
      const QString message = QStringLiteral("%1: %2").arg(name, QString::fromStdString(e.what()));
      report(tr("Cannot use this text"), message, nullptr);
      emit openFinished(false, message);
      return;
    }
    // Not the session's file: Save asks for a .rnnlab.json name.
    m_document->setSession(session, QString(), name);
    emit openFinished(true, QString());
  };
  if (m_scripted) {
    open(TextModelDialog::proposal(text.size()));
    return;
  }
  // Window-modal and not waited for: the event loop (and a test) goes on while it asks.
  QPointer<TextModelDialog> dialog =
      new TextModelDialog(name, text.size(), text.vocabularySize(), m_parent);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowModality(Qt::WindowModal);
  connect(dialog, &QDialog::finished, this, [this, dialog, open](int result) {
    if (result == QDialog::Accepted && dialog) {
      open(dialog->choice());
    } else {
      emit openFinished(false, QString());
    }
  });
  dialog->open();
}

void FileActions::onTextLoadFailed(const QString& /*path*/, const QString& message) {
  m_progress->stop();
  report(tr("Cannot use this text"), message, nullptr);
  emit openFinished(false, message);
}
