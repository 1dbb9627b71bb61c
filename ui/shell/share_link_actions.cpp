#include "shell/share_link_actions.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMessageBox>
#include <QStatusBar>

#include "document/session_document.h"
#include "shell/file_actions.h"

ShareLinkActions::ShareLinkActions(SessionDocument* document, FileActions* files,
                                   QStatusBar* status, QWidget* dialogParent)
    : QObject(dialogParent),
      m_document(document),
      m_files(files),
      m_status(status),
      m_parent(dialogParent) {}

QString ShareLinkActions::link() const {
  // An edit may leave a setting the file format refuses (the settings say so); such a session
  // has no link, as it has no file.
  if (rnnlab::validate(m_document->session())) {
    return {};
  }
  return share_link::encode({m_document->session(), m_lesson});
}

void ShareLinkActions::copyLink() {
  if (const std::optional<std::string> problem = rnnlab::validate(m_document->session())) {
    const QString message =
        tr("No link copied: the session has a setting a link cannot hold (%1). Correct it in "
           "Settings, or undo the edit.")
            .arg(QString::fromStdString(*problem));
    m_status->showMessage(message, 10000);
    if (!m_scripted) {
      QMessageBox::warning(m_parent, tr("Copy link"), message);
    }
    return;
  }
  const QString text = link();
  QGuiApplication::clipboard()->setText(text);
  m_status->showMessage(tr("Link copied (%L1 characters): it holds the settings, the data and the "
                           "seed, not the trained weights. File → Open from clipboard opens it.")
                            .arg(text.size()),
                        10000);
}

bool ShareLinkActions::openLink(const QString& link, QString* error) {
  QString message;
  const std::optional<share_link::SharedState> state = share_link::decode(link, &message);
  if (!state) {
    if (error != nullptr) {
      *error = message;
    } else if (!m_scripted) {
      QMessageBox::warning(m_parent, tr("Cannot open link"), message);
    }
    return false;
  }
  m_document->setSession(state->session, QString(), tr("Shared session"));
  m_status->showMessage(tr("Opened a shared session: it trains from its seed."), 8000);
  if (state->lesson) {
    emit lessonStepRequested(state->lesson->name, state->lesson->step);
  }
  return true;
}

void ShareLinkActions::openFromClipboard() {
  const QString text = QGuiApplication::clipboard()->text();
  if (!share_link::isLink(text)) {
    if (!m_scripted) {
      QMessageBox::information(m_parent, tr("Open from clipboard"),
                               tr("The clipboard holds no RNN Lab link. Links start with "
                                  "“rnnlab:”; File → Copy link makes one."));
    }
    return;
  }
  if (m_files->maybeDiscard()) {
    openLink(text);
  }
}
