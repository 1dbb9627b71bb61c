#pragma once

// The main window creates the parts and wires them together; each part does one job:
//  - SessionDocument (document/): the edited session, its file, undo of settings edits, and the
//    trained session beside it;
//  - DockLayout: the docks and their arrangement; MainActions: actions, menus, toolbar;
//    FileActions / ExportActions: the file dialogs;
//  - SnapshotPresenter: the controller's snapshots drawn on the views at ≤ 30 Hz;
//  - NoticeBar, TrainingStatusBar, HistoryBar, WhatIfEditor.
//  - DocumentSync: keeping training and the editors in step with the document (live settings
//    at once, a different model at Reset, new data restarts).

#include <QMainWindow>

#include "shell/session_autosave.h"

class DataSetDocks;
class DockLayout;
class DocumentSync;
class FileActions;
class HistoryBar;
class LessonActions;
class MainActions;
class NoticeBar;
class PresentationMode;
class SessionDocument;
class SettingsPanel;
class SequenceEditor;
class ShareLinkActions;
class TextSettingsPanel;
class SnapshotPresenter;
class TrainingController;
class TrainingStatusBar;
class WhatIfEditor;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  TrainingController* controller() const { return m_controller; }
  SessionDocument* document() const { return m_document; }
  FileActions* files() const { return m_files; }
  DockLayout* docks() const { return m_docks; }
  SnapshotPresenter* presenter() const { return m_presenter; }
  NoticeBar* notices() const { return m_notices; }
  TextSettingsPanel* textPanel() const { return m_textPanel; }
  // View → Presentation; its toggled(bool) says when the room view starts and ends.
  PresentationMode* presentation() const { return m_presentation; }
  // File → Copy link / Open from clipboard, and opening `rnnlab:` links.
  ShareLinkActions* links() const { return m_links; }
  LessonActions* lessons() const { return m_lessons; }
  // The sequence picker and data set settings (present for every session, shown for data sets).
  DataSetDocks* dataSetDocks() const { return m_dataSet; }
  // In scripted runs (screenshots) no dialog may wait for a user.
  void setScripted(bool scripted);
  // Interactive runs only: offers to restore what an app that died left in `folder` (empty: the
  // app's data folder), then autosaves there every `intervalMs` while something is unsaved.
  void startAutosave(const QString& folder = QString(),
                     int intervalMs = SessionAutosave::DefaultIntervalMs);
  SessionAutosave* autosave() const { return m_autosave; }

 public slots:
  void resetTraining();  // applies a pending model, or restarts the current one
  void togglePlay();
  // Maps every input linearly onto [−1, 1] (one undoable edit): tanh then no longer saturates.
  void scaleInputs();

 protected:
  void closeEvent(QCloseEvent* event) override;
  // A session file dropped on the window opens like File → Open (asking about unsaved edits).
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void createParts();
  void connectParts();
  void connectLessonsToPresentationAndLinks();
  void updateTitle();

  TrainingController* m_controller;
  SessionDocument* m_document;
  DockLayout* m_docks;
  NoticeBar* m_notices;
  TrainingStatusBar* m_status;
  HistoryBar* m_history;
  SettingsPanel* m_settingsPanel = nullptr;
  SequenceEditor* m_sequenceEditor = nullptr;
  TextSettingsPanel* m_textPanel = nullptr;
  SnapshotPresenter* m_presenter = nullptr;
  WhatIfEditor* m_whatIf = nullptr;
  DocumentSync* m_sync = nullptr;
  FileActions* m_files = nullptr;
  MainActions* m_actions = nullptr;
  PresentationMode* m_presentation = nullptr;
  ShareLinkActions* m_links = nullptr;
  SessionAutosave* m_autosave = nullptr;
  LessonActions* m_lessons = nullptr;
  DataSetDocks* m_dataSet = nullptr;
  bool m_layoutRestored = false;
};
