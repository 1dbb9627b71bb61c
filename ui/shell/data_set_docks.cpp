#include "shell/data_set_docks.h"

#include <QStatusBar>

#include "document/session_document.h"
#include "editors/settings_panel.h"
#include "shell/sequence_picker.h"
#include "training/training_controller.h"

DataSetDocks::DataSetDocks(TrainingController* controller, SessionDocument* document,
                           SettingsPanel* settings, QStatusBar* statusBar, QObject* parent)
    : QObject(parent),
      m_controller(controller),
      m_document(document),
      m_settings(settings),
      m_statusBar(statusBar),
      m_picker(new SequencePicker(statusBar)) {
  // First in the permanent area: beside the state and the iteration it belongs to.
  statusBar->insertPermanentWidget(0, m_picker);
  connect(m_picker, &SequencePicker::sequenceSelected, m_controller,
          &TrainingController::showSequence);
  connect(m_settings, &SettingsPanel::batchSizeEdited, m_document,
          &SessionDocument::editBatchSize);
  connect(m_settings, &SettingsPanel::shuffleEdited, m_document, &SessionDocument::editShuffle);
  connect(m_document, &SessionDocument::editRefused, this, [this](const QString& message) {
    m_statusBar->showMessage(tr("Data set not changed: %1").arg(message), 10000);
  });
  // After the main window's own handlers (connected before this object exists), so that the
  // applied session is already the one training runs.
  connect(m_document, &SessionDocument::loaded, this, &DataSetDocks::follow);
  connect(m_document, &SessionDocument::edited, this, &DataSetDocks::follow);
  follow();
}

void DataSetDocks::follow() {
  const rnnlab::Session& session = m_document->session();
  m_settings->setDataSet(session.sequences ? &*session.sequences : nullptr);
  const rnnlab::Session& applied = m_document->applied();
  m_picker->setSequenceSet(applied.sequences ? &*applied.sequences : nullptr);
}
