#pragma once

// The parts of the window that exist for data set sessions (`data.kind sequences`): the "Data
// set" dock (DataSetPanel: its edits become undoable document edits, its selection is the
// picker's), the sequence picker in the status bar, the batch size and shuffle rows of the
// settings panel, and the messages of refused data set edits. It follows the document by itself
// (loaded, edited), so the main window only creates it.

#include <QObject>

class DataSetPanel;
class DockLayout;
class QDockWidget;
class QStatusBar;
class SequencePicker;
class SessionDocument;
class SettingsPanel;
class TrainingController;

class DataSetDocks : public QObject {
  Q_OBJECT

 public:
  DataSetDocks(TrainingController* controller, SessionDocument* document, DockLayout* docks,
               SettingsPanel* settings, QStatusBar* statusBar, QObject* parent = nullptr);

  SequencePicker* picker() const { return m_picker; }
  DataSetPanel* panel() const { return m_panel; }

 private:
  void follow();  // the document changed: show its data set (or hide everything)
  void onLoaded();
  void showDock();  // the dock for data sets only (see the .cpp)
  QDockWidget* ensureDock();

  TrainingController* m_controller;
  SessionDocument* m_document;
  DockLayout* m_docks;
  SettingsPanel* m_settings;
  QStatusBar* m_statusBar;
  SequencePicker* m_picker;
  DataSetPanel* m_panel;
  bool m_dockShown = false;  // shown for the current data set session already
};
