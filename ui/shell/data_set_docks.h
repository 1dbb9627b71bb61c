#pragma once

// The parts of the window that exist for data set sessions (`data.kind sequences`): the sequence
// picker in the status bar, the batch size and shuffle rows of the settings panel, and the
// messages of refused data set edits. It follows the document by itself (loaded, edited), so the
// main window only creates it.

#include <QObject>

class QStatusBar;
class SequencePicker;
class SessionDocument;
class SettingsPanel;
class TrainingController;

class DataSetDocks : public QObject {
  Q_OBJECT

 public:
  DataSetDocks(TrainingController* controller, SessionDocument* document, SettingsPanel* settings,
               QStatusBar* statusBar, QObject* parent = nullptr);

  SequencePicker* picker() const { return m_picker; }

 private:
  void follow();  // the document changed: show its data set (or hide everything)

  TrainingController* m_controller;
  SessionDocument* m_document;
  SettingsPanel* m_settings;
  QStatusBar* m_statusBar;
  SequencePicker* m_picker;
};
