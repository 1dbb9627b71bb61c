#pragma once

// The window's actions, menus, toolbar and shortcuts in one place: File, Edit, Training, View and
// Help, the Training toolbar with the speed choice. The actions call into the parts that do the
// work (FileActions, ExportActions, the sequence editor, the dock layout, the controller); Play
// and Reset go through the window, which keeps the document and the controller in step.

#include <QList>
#include <QObject>

#include "training/training_snapshot.h"

class QAction;
class QComboBox;
class QMainWindow;
class QMenu;
class QUndoStack;
class DockLayout;
class ExportActions;
class FileActions;
class PresentationMode;
class SequenceEditor;
class ShareLinkActions;
class TrainingController;

class MainActions : public QObject {
  Q_OBJECT

 public:
  struct Parts {
    TrainingController* controller;
    FileActions* files;
    ExportActions* exports;
    DockLayout* docks;
    SequenceEditor* sequenceEditor;
    QUndoStack* undoStack;
    PresentationMode* presentation;
    ShareLinkActions* links;
  };
  // PaceLimiter::Watch (the default), full speed, then fixed rates.
  static constexpr int SpeedChoices[] = {-1, 0, 1, 2, 5, 10, 30, 100};

  MainActions(QMainWindow* window, Parts parts);

  QAction* play() const { return m_play; }
  QAction* reset() const { return m_reset; }
  // The Data menu (between Edit and Training): data set actions are added to it by their owner.
  QMenu* dataMenu() const { return m_dataMenu; }
  // The Play action says Pause while running.
  void showState(TrainingState state);
  // Iterations per second, 0 = full speed; remembered for the next start.
  void setSpeed(int iterationsPerSecond);

  // The Help menu's texts, shown in dialogs.
  static QString quickStartText();
  static QString shortcutsText();

 private:
  void createTrainingActions();
  void createMenus();
  void createToolBar();
  void showHtml(const QString& title, const QString& html, const QString& name);

  QMainWindow* m_window;
  Parts m_parts;
  QAction* m_play = nullptr;
  QAction* m_step = nullptr;
  QAction* m_stop = nullptr;
  QAction* m_reset = nullptr;
  QList<QAction*> m_speedActions;
  QComboBox* m_speedCombo = nullptr;
  QMenu* m_dataMenu = nullptr;
};
