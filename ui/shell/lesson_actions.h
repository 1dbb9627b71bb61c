#pragma once

// Lessons in the window: File → Lessons (the shipped lessons and "Open lesson file…"), the lesson
// dock with its panel, the spotlight over the view a step talks about, and hiding or locking the
// controls a lesson asks for (shown and unlocked again when it is left). Names in a lesson
// file are a dock's ("loss", "lossDock") or any widget's object name in the window.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

#include "lessons/lesson.h"

class DockLayout;
class FileActions;
class LessonPanel;
class LessonRunner;
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QWidget;
class SessionDocument;
class SpotlightOverlay;
class TrainingController;

class LessonActions : public QObject {
  Q_OBJECT

 public:
  struct Parts {
    SessionDocument* document;
    TrainingController* controller;
    DockLayout* docks;
    FileActions* files;
    QAction* play;
    QAction* reset;
  };

  LessonActions(QMainWindow* window, Parts parts);

  // Opens a shipped lesson by name or a lesson file (after asking about unsaved edits unless
  // `scripted`); on failure shows the message (unless scripted) and returns false.
  bool open(const QString& nameOrPath, QString* error = nullptr);
  void setScripted(bool scripted) { m_scripted = scripted; }
  // Closes the lesson, shows and unlocks what it hid or locked and puts the user's layout back
  // as it was before the lesson; the session stays.
  void leave();
  bool isActive() const;

  // Presentation mode: the spotlight dims the rest of the window as well.
  void setSpotlightStrength(bool strong);

  // The dock or widget a lesson's name means, or nullptr.
  QWidget* resolve(const QString& name) const;

  LessonRunner* runner() const { return m_runner; }
  LessonPanel* panel() const { return m_panel; }
  SpotlightOverlay* spotlight() const { return m_spotlight; }
  QDockWidget* dock() const { return m_dock; }
  QMenu* menu() const { return m_menu; }

 public slots:
  void openFileDialog();

 private:
  void fillMenu();
  void applyLayout(const Lesson& lesson);
  void restoreLayout();
  void showStep();
  void giveRoom();

  QMainWindow* m_window;
  Parts m_parts;
  LessonRunner* m_runner;
  LessonPanel* m_panel;
  QDockWidget* m_dock;
  SpotlightOverlay* m_spotlight;
  QMenu* m_menu = nullptr;
  bool m_scripted = false;
  QList<QPointer<QWidget>> m_hidden;
  QList<QPointer<QWidget>> m_locked;
  QByteArray m_userLayout;  // QMainWindow::saveState() before the lesson began
};
