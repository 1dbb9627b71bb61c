#pragma once

// File → Copy link and File → Open from clipboard: the edited session (settings, data, seed; no
// weights, see document/share_link.h) as an `rnnlab:` text on the clipboard, and back. The same
// opening serves `rnnlab 'rnnlab:...'` on the command line.
//
// A link may name a lesson step; opening it emits lessonStepRequested() for whoever runs lessons,
// and whoever runs them says where a lesson is with setLessonStep() so that the next copied link
// carries it.

#include <QObject>
#include <optional>

#include "document/share_link.h"

class QStatusBar;
class QWidget;
class FileActions;
class SessionDocument;

class ShareLinkActions : public QObject {
  Q_OBJECT

 public:
  ShareLinkActions(SessionDocument* document, FileActions* files, QStatusBar* status,
                   QWidget* dialogParent);

  void setScripted(bool scripted) { m_scripted = scripted; }
  // The lesson step the next link carries (nothing: none).
  void setLessonStep(const std::optional<share_link::LessonStep>& step) { m_lesson = step; }
  // The link of the edited session and the lesson step.
  QString link() const;
  // Opens a link's session as a new unsaved document named "Shared session". A bad link changes
  // nothing: its one message goes to *error, or (error null, not scripted) to a dialog.
  bool openLink(const QString& link, QString* error = nullptr);

 public slots:
  void copyLink();
  // Asks about unsaved edits first, then opens the clipboard's link.
  void openFromClipboard();

 signals:
  // The opened link named this lesson and step.
  void lessonStepRequested(const QString& lesson, int step);

 private:
  SessionDocument* m_document;
  FileActions* m_files;
  QStatusBar* m_status;
  QWidget* m_parent;
  std::optional<share_link::LessonStep> m_lesson;
  bool m_scripted = false;
};
