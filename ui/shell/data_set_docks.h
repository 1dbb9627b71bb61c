#pragma once

// The parts of the window that exist for data set sessions (`data.kind sequences`): the "Data
// set" dock (DataSetPanel: its edits become undoable document edits, its selection is the
// picker's), the "k-step prediction" dock (KStepPredictionView of the shown model on the picked
// sequence, a tab beside the outputs), the sequence picker in the status bar, the batch size and
// shuffle rows of the settings panel, the messages of refused data set edits and the Data menu's
// conversions of other sessions (DataSetConversion). The sequence editor (the sequence dock's)
// shows the picked sequence, and each of its edits becomes one undo step replacing that sequence;
// the stepper (the stepper dock's) says that it traces that sequence alone. It follows the
// document by itself (loaded, edited), so the main window only creates it.

#include <QObject>

#include "rnnlab/sequence_data.h"
#include "rnnlab/sequence_set.h"
#include "training/training_snapshot.h"

class DataSetConversion;
class DataSetPanel;
class KStepPredictionView;
class QTimer;
class DockLayout;
class QDockWidget;
class QStatusBar;
class IterationStepperPanel;
class SequenceEditor;
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
  KStepPredictionView* prediction() const { return m_prediction; }
  // The editor showing the picked sequence of a data set (nullptr when the docks have none).
  SequenceEditor* sequenceEditor() const { return m_editor; }
  // The Data menu's actions that turn any numeric session into a data set.
  DataSetConversion* conversion() const { return m_conversion; }
  // Gives the prediction view the latest snapshot's model and sequence now (it is otherwise
  // updated at most PredictionInterval apart: one update costs up to a few tens of ms).
  void refreshPrediction();
  static constexpr int PredictionIntervalMs = 200;

 private:
  void follow();  // the document changed: show its data set (or hide everything)
  void onLoaded();
  void showDock();            // the dock for data sets only (see the .cpp)
  void bringDockForward();    // after a conversion: the new set's list in front
  QDockWidget* ensureDock();  // the Data set dock (and the prediction dock), made once
  void takeSnapshot(const TrainingSnapshotPtr& snapshot);
  void showPickedSequence();  // in the sequence editor, with the dock's title and the note
  void replacePickedSequence(const rnnlab::SequenceData& data, const QString& description);
  void selectChangedSequence(const rnnlab::SequenceSet& before, const rnnlab::SequenceSet& after);
  void updateTracingNote();

  TrainingController* m_controller;
  SessionDocument* m_document;
  DockLayout* m_docks;
  SettingsPanel* m_settings;
  QStatusBar* m_statusBar;
  SequencePicker* m_picker;
  DataSetPanel* m_panel;
  KStepPredictionView* m_prediction;
  QTimer* m_predictionTimer;
  DataSetConversion* m_conversion;
  TrainingSnapshotPtr m_pendingSnapshot;  // for the prediction view, not yet shown
  bool m_dockShown = false;               // shown for the current data set session already
  SequenceEditor* m_editor = nullptr;
  IterationStepperPanel* m_stepper = nullptr;
  QString m_sequenceDockTitle;  // the sequence dock's own title, for sessions without a data set
  bool m_editorValidation = false;  // the sequence the editor shows
  int m_editorIndex = -1;
};
