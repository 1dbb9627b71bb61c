#include "shell/data_set_docks.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QStatusBar>
#include <QTimer>
#include <utility>

#include "document/session_document.h"
#include "editors/data_set_panel.h"
#include "editors/sequence_editor.h"
#include "editors/settings_panel.h"
#include "inspection/iteration_stepper_panel.h"
#include "shell/data_set_conversion.h"
#include "shell/dock_layout.h"
#include "shell/sequence_picker.h"
#include "training/training_controller.h"
#include "training/training_worker.h"
#include "views/k_step_prediction_view.h"

DataSetDocks::DataSetDocks(TrainingController* controller, SessionDocument* document,
                           DockLayout* docks, SettingsPanel* settings, QStatusBar* statusBar,
                           QObject* parent)
    : QObject(parent),
      m_controller(controller),
      m_document(document),
      m_docks(docks),
      m_settings(settings),
      m_statusBar(statusBar),
      m_picker(new SequencePicker(statusBar)),
      m_panel(new DataSetPanel(statusBar)),
      m_prediction(new KStepPredictionView(statusBar)),
      m_predictionTimer(new QTimer(this)),
      m_conversion(new DataSetConversion(document, m_panel, statusBar, statusBar->window(), this)) {
  // Until the first data set session makes docks for them (ensureDock).
  m_panel->hide();
  m_prediction->hide();
  m_predictionTimer->setSingleShot(true);
  m_predictionTimer->setInterval(PredictionIntervalMs);
  connect(m_predictionTimer, &QTimer::timeout, this, &DataSetDocks::refreshPrediction);
  connect(m_panel, &DataSetPanel::sequenceSetEdited, this,
          [this](rnnlab::SequenceSet set, const QString& description) {
            m_document->replaceSequenceSet(std::move(set), description);
          });
  connect(m_panel, &DataSetPanel::taskGenerated, this,
          [this](rnnlab::GeneratedTask task, const QString& description) {
            m_document->replaceTask(std::move(task), description);
          });
  // One choice of sequence: a click in the panel's lists or the status bar's picker. Each emits
  // only on a change, so the two do not echo each other for ever.
  connect(m_panel, &DataSetPanel::sequenceSelected, m_picker, &SequencePicker::select);
  connect(m_picker, &SequencePicker::sequenceSelected, m_panel, &DataSetPanel::selectSequence);
  // First in the permanent area: beside the state and the iteration it belongs to.
  statusBar->insertPermanentWidget(0, m_picker);
  connect(m_picker, &SequencePicker::sequenceSelected, m_controller,
          &TrainingController::showSequence);
  connect(m_settings, &SettingsPanel::batchSizeEdited, m_document, &SessionDocument::editBatchSize);
  connect(m_settings, &SettingsPanel::shuffleEdited, m_document, &SessionDocument::editShuffle);
  connect(m_document, &SessionDocument::editRefused, this, [this](const QString& message) {
    m_statusBar->showMessage(tr("Data set not changed: %1").arg(message), 10000);
  });
  // After the main window's own handlers (connected before this object exists), so that the
  // applied session is already the one training runs.
  connect(m_document, &SessionDocument::loaded, this, &DataSetDocks::onLoaded);
  connect(m_document, &SessionDocument::edited, this, &DataSetDocks::follow);
  connect(m_controller, &TrainingController::snapshotReady, this, &DataSetDocks::takeSnapshot);
  // The window's views, found by their docks (none in a bare test of this object).
  if (QDockWidget* dock = m_docks->dock(DockId::Sequence)) {
    m_editor = dock->findChild<SequenceEditor*>();
    m_sequenceDockTitle = dock->windowTitle();
  }
  if (QDockWidget* dock = m_docks->dock(DockId::Stepper)) {
    m_stepper = dock->findChild<IterationStepperPanel*>();
  }
  if (m_editor != nullptr) {
    connect(m_editor, &SequenceEditor::sequenceEdited, this, &DataSetDocks::replacePickedSequence);
  }
  connect(m_panel, &DataSetPanel::sequenceSelected, this, &DataSetDocks::showPickedSequence);
  connect(m_picker, &SequencePicker::sequenceSelected, this, &DataSetDocks::updateTracingNote);
  connect(m_conversion, &DataSetConversion::converted, this, &DataSetDocks::bringDockForward);
  follow();
}

void DataSetDocks::bringDockForward() {
  QDockWidget* dock = m_document->session().sequences ? ensureDock() : nullptr;
  if (dock == nullptr) {
    return;
  }
  // Asked for by the user just now: shown even if closed before, and in front of its tab group.
  for (QDockWidget* each : {dock, m_docks->dock(DockId::Prediction)}) {
    if (each != nullptr && each->isHidden()) {
      each->show();
    }
  }
  m_dockShown = true;
  dock->raise();
}

QDockWidget* DataSetDocks::ensureDock() {
  if (QDockWidget* dock = m_docks->dock(DockId::DataSet)) {
    return dock;
  }
  // Made only when a data set first opens: an extra dock in the left column made the window
  // taller than a 1024×600 screen even while it was hidden.
  QDockWidget* dock = m_docks->add(m_panel, tr("Data set"), DockId::DataSet);
  m_panel->show();
  QDockWidget* predictionDock =
      m_docks->add(m_prediction, tr("k-step prediction"), DockId::Prediction);
  m_prediction->show();
  QDockWidget* sequence = m_docks->dock(DockId::Sequence);
  QDockWidget* outputs = m_docks->dock(DockId::Outputs);
  if (auto* window = qobject_cast<QMainWindow*>(dock->parentWidget());
      window != nullptr && sequence != nullptr && outputs != nullptr) {
    // A data set's list takes the place of the single sequence's table, as a tab beside it; the
    // predictions are a tab behind the outputs they extend.
    window->tabifyDockWidget(sequence, dock);
    window->tabifyDockWidget(outputs, predictionDock);
    outputs->raise();
  }
  return dock;
}

void DataSetDocks::takeSnapshot(const TrainingSnapshotPtr& snapshot) {
  showDock();
  m_pendingSnapshot = snapshot;
  if (!m_predictionTimer->isActive()) {
    m_predictionTimer->start();
  }
}

void DataSetDocks::refreshPrediction() {
  m_predictionTimer->stop();
  const TrainingSnapshotPtr snapshot = std::exchange(m_pendingSnapshot, nullptr);
  const rnnlab::Session& applied = m_document->applied();
  // A snapshot of another model (queued before a new session) must not meet the new data.
  if (!snapshot || !applied.sequences || snapshot->shownIndex < 0 ||
      !(snapshot->model.config == applied.model)) {
    return;
  }
  m_prediction->setPrediction(
      snapshot->model, TrainingWorker::shownSequence(*applied.sequences, snapshot->shownValidation,
                                                     snapshot->shownIndex));
}

void DataSetDocks::showDock() {
  const bool dataSet = m_document->session().sequences.has_value();
  QDockWidget* dock = dataSet ? ensureDock() : m_docks->dock(DockId::DataSet);
  if (dock == nullptr) {
    return;
  }
  // Without a data set the dock has nothing to show, whatever arranged the docks (arranging
  // shows them all); with one it is shown once when the session comes, so a user who closes it
  // keeps it closed.
  QDockWidget* predictionDock = m_docks->dock(DockId::Prediction);
  for (QDockWidget* each : {dock, predictionDock}) {
    if (!dataSet) {
      if (!each->isHidden()) {
        each->hide();
      }
    } else if (!m_dockShown) {
      each->show();
    }
  }
  m_dockShown = dataSet;
}

void DataSetDocks::onLoaded() {
  follow();
  // A data set has no single table to edit: its list comes to the front instead.
  QDockWidget* dock = m_docks->dock(DockId::DataSet);
  if (m_document->session().sequences && dock != nullptr && !dock->isFloating()) {
    dock->raise();
  }
}

void DataSetDocks::follow() {
  const rnnlab::Session& session = m_document->session();
  m_settings->setDataSet(session.sequences ? &*session.sequences : nullptr);
  showDock();
  if (session.sequences) {
    const rnnlab::SequenceSet before = m_panel->sequenceSet();
    m_panel->setSequenceSet(*session.sequences);
    selectChangedSequence(before, *session.sequences);
  }
  const rnnlab::Session& applied = m_document->applied();
  m_picker->setSequenceSet(applied.sequences ? &*applied.sequences : nullptr);
  showPickedSequence();
  updateTracingNote();
}

void DataSetDocks::selectChangedSequence(const rnnlab::SequenceSet& before,
                                         const rnnlab::SequenceSet& after) {
  // An undo or redo of one sequence's edit brings that sequence into view, so that what changed
  // is what the editor shows. Set-wide edits (adding, removing, generating) change more.
  if (before.train.size() != after.train.size() ||
      before.validation.size() != after.validation.size()) {
    return;
  }
  int changed = 0;
  bool validation = false;
  int index = -1;
  for (const bool inValidation : {false, true}) {
    const auto& was = inValidation ? before.validation : before.train;
    const auto& now = inValidation ? after.validation : after.train;
    for (std::size_t k = 0; k < now.size(); ++k) {
      if (!(was[k] == now[k])) {
        ++changed;
        validation = inValidation;
        index = static_cast<int>(k);
      }
    }
  }
  if (changed == 1) {
    m_panel->selectSequence(validation, index);  // through the picker too, as a click
  }
}

void DataSetDocks::showPickedSequence() {
  const rnnlab::Session& session = m_document->session();
  if (m_editor == nullptr) {
    return;
  }
  QDockWidget* dock = m_docks->dock(DockId::Sequence);
  if (!session.sequences || session.sequences->train.empty()) {
    // The main window shows a session's own sequence (setData) when it loads.
    m_editorIndex = -1;
    if (dock != nullptr && !m_sequenceDockTitle.isEmpty()) {
      dock->setWindowTitle(m_sequenceDockTitle);
    }
    return;
  }
  const rnnlab::SequenceSet& set = *session.sequences;
  bool validation = m_panel->selectedIsValidation();
  int index = m_panel->selectedIndex();
  const auto& sequences = validation ? set.validation : set.train;
  if (index < 0 || index >= static_cast<int>(sequences.size())) {
    validation = false;
    index = 0;
  }
  const rnnlab::SequenceData& sequence = (validation ? set.validation : set.train)[index];
  // Another edit (a setting, another sequence) leaves this one's tables alone, a bad cell the
  // user is fixing included.
  const bool same = m_editor->showsSequenceOfSet() && validation == m_editorValidation &&
                    index == m_editorIndex && m_editor->data() == sequence &&
                    m_editor->outputMode() == session.model.outputMode;
  m_editorValidation = validation;
  m_editorIndex = index;
  if (!same) {
    m_editor->showSequence(sequence, session.model.outputMode);
  }
  if (dock != nullptr) {
    dock->setWindowTitle(validation ? tr("Sequence: validation #%1").arg(index)
                                    : tr("Sequence: training #%1").arg(index));
  }
}

void DataSetDocks::replacePickedSequence(const rnnlab::SequenceData& data,
                                         const QString& description) {
  const rnnlab::Session& session = m_document->session();
  if (!session.sequences || m_editorIndex < 0) {
    return;
  }
  rnnlab::SequenceSet set = *session.sequences;
  auto& sequences = m_editorValidation ? set.validation : set.train;
  if (m_editorIndex >= static_cast<int>(sequences.size())) {
    return;
  }
  sequences[m_editorIndex] = data;
  const QString which = m_editorValidation ? tr("validation #%1").arg(m_editorIndex)
                                           : tr("training #%1").arg(m_editorIndex);
  // The panel's edit path: validated, the epoch state (and weights that no longer fit) dropped,
  // one undo step. A refusal says why in the status bar; the editor goes back to the set's numbers.
  QString error;
  if (!m_document->replaceSequenceSet(std::move(set), tr("%1, %2").arg(description, which),
                                      &error)) {
    showPickedSequence();
  }
}

void DataSetDocks::updateTracingNote() {
  if (m_stepper != nullptr) {
    m_stepper->setScopeNote(m_picker->tracingNote());
  }
}
