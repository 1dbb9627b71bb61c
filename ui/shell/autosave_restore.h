#pragma once

// At start: what an app that died left in the autosave folder, offered back one copy at a time
// (Restore, Discard, or Not now, which asks again at the next start).

#include <QCoreApplication>
#include <QString>

class QWidget;
class SessionDocument;
class TrainingController;
class TrainingStatusBar;

class AutosaveRestore {
  Q_DECLARE_TR_FUNCTIONS(AutosaveRestore)

 public:
  // Asks about each orphaned copy in `folder`; a restored one becomes the document (unsaved),
  // with the run span it had.
  static void offer(QWidget* parent, const QString& folder, SessionDocument* document,
                    TrainingController* controller, TrainingStatusBar* status);
};
