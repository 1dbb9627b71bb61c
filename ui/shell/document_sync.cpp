#include "shell/document_sync.h"

#include <QDockWidget>
#include <QPushButton>

#include "document/session_document.h"
#include "editors/sequence_editor.h"
#include "editors/settings_panel.h"
#include "editors/stack_settings.h"
#include "editors/text_settings_panel.h"
#include "inspection/gradient_check_panel.h"
#include "shell/dock_layout.h"
#include "shell/notice_bar.h"
#include "shell/snapshot_presenter.h"
#include "shell/training_status_bar.h"
#include "training/training_controller.h"

DocumentSync::DocumentSync(const Parts& parts, QObject* parent) : QObject(parent), m_parts(parts) {
  QPushButton* resetNow = m_parts.notices->addButton(
      NoticeKind::ResetPending, tr("Reset now"),
      tr("Build the edited model and start training it from its initial weights"));
  connect(resetNow, &QPushButton::clicked, this, &DocumentSync::resetTraining);
  QPushButton* scale = m_parts.notices->addButton(
      NoticeKind::Preset, tr("Scale inputs to [−1, 1]"),
      tr("Map the inputs linearly onto [−1, 1] so that tanh does not saturate (Ctrl+Z undoes it)"));
  connect(scale, &QPushButton::clicked, this, &DocumentSync::scaleInputs);
  m_scaleInputsButton = scale;

  connect(m_parts.document, &SessionDocument::loaded, this, &DocumentSync::onLoaded);
  connect(m_parts.document, &SessionDocument::edited, this, &DocumentSync::onEdited);
  connect(m_parts.controller, &TrainingController::diverged, this, &DocumentSync::onDiverged);
  // A loss far above its best pauses training like a NaN does: one notice explains either.
  connect(m_parts.controller, &TrainingController::lossRising, this, &DocumentSync::onDiverged);
}

void DocumentSync::onLoaded() {
  const rnnlab::Session& session = m_parts.document->session();
  m_parts.settingsPanel->setValues(session.model, session.training);
  m_parts.sequenceEditor->setData(session.data, session.model.outputMode);
  showTextSettings(true);
  showBlogBugs();
  m_parts.notices->clear(NoticeKind::Divergence);
  m_discardedRuns.clear();  // their undo steps went with the old session
  m_parts.gradientCheck->clearResult();
  const bool applied = applySession();
  // Compare runs is about this task (see ComparedTask); runs of this session's model and
  // settings edits stay (they go through a reset, not here).
  if (m_comparedTask.changesTo(session)) {
    m_parts.controller->clearPreviousRuns();
  }
  if (!applied) {
    // A session that parsed always validates; the old model keeps running if it somehow did not.
    syncController();
  }
  showPresetNotice();
  emit titleChanged();
}

void DocumentSync::showPresetNotice() {
  const rnnlab::Session& session = m_parts.document->session();
  const bool large =
      session.data.inputs.size() > 0 && session.data.inputs.cwiseAbs().maxCoeff() > 1;
  if (m_parts.document->description().isEmpty()) {
    m_parts.notices->clear(NoticeKind::Preset);
    return;
  }
  m_parts.notices->show(NoticeKind::Preset,
                  QStringLiteral("%1: %2").arg(m_parts.document->title(), m_parts.document->description()));
  m_scaleInputsButton->setVisible(large);
}

void DocumentSync::showTextSettings(bool raise) {
  const rnnlab::Session& session = m_parts.document->session();
  m_parts.textPanel->setText(session.text);
  m_parts.settingsPanel->stackSettings()->setTextSession(session.text.has_value());
  if (!raise) {
    return;
  }
  // A text session has no table to edit: its data settings are in front instead.
  QDockWidget* dock = m_parts.docks->dock(session.text ? DockId::TextSettings
                                                 : DockId::Sequence);
  if (dock != nullptr && !dock->isFloating()) {
    dock->raise();
  }
}

void DocumentSync::onEdited() {
  if (m_parts.document->description().isEmpty()) {
    m_parts.notices->clear(NoticeKind::Preset);  // e.g. Generate… replaced the preset's data
  }
  const rnnlab::Session& session = m_parts.document->session();
  m_parts.settingsPanel->setValues(session.model, session.training);
  showTextSettings(false);
  showBlogBugs();
  syncController();
  emit titleChanged();
}

void DocumentSync::showBlogBugs() {
  const rnnlab::Session& session = m_parts.document->session();
  m_parts.settingsPanel->setSingleSequence(!session.text && !session.sequences);
  m_parts.gradientCheck->setBlogBugs(session.training.blogBugs);
  const QString notice = SettingsPanel::blogBugsNotice(session.training.blogBugs);
  if (notice.isEmpty()) {
    m_parts.notices->clear(NoticeKind::BlogBugs);
  } else {
    m_parts.notices->show(NoticeKind::BlogBugs, notice);
  }
}

void DocumentSync::syncController() {
  if (m_parts.document->acceptLiveSettings()) {
    m_parts.controller->setSettings(m_parts.document->applied().training);
  }
  const rnnlab::Session& session = m_parts.document->session();
  if (m_parts.document->resetPending()) {
    // Where the new model starts: its own weights (imported, or given by the file) or its seed.
    QString text = session.weights
                       ? tr("The model changed (%1). Training still runs the old model until you "
                            "reset: the new one starts from its given weights.")
                             .arg(m_parts.document->resetReason())
                       : tr("The model changed (%1). Training still runs the old model until you "
                            "reset: the new one starts from fresh initial weights (seed %2).")
                             .arg(m_parts.document->resetReason())
                             .arg(session.training.seed);
    if (std::optional<std::string> problem = rnnlab::validate(session)) {
      text += u'\n' + tr("Cannot reset yet: %1").arg(QString::fromStdString(*problem));
    }
    m_parts.notices->show(NoticeKind::ResetPending, text);
    return;
  }
  m_parts.notices->clear(NoticeKind::ResetPending);
  if (!(session.data == m_parts.document->applied().data) ||
      !(session.text == m_parts.document->applied().text) ||
      !(session.sequences == m_parts.document->applied().sequences)) {
    // New data for the same model: the run restarts from the same initial weights, so the loss
    // curve always belongs to one data set. The run it leaves is kept: an undo that brings its
    // data back brings the run back too.
    const bool wasRunning = m_parts.controller->state() == TrainingState::Running;
    m_discardedRuns.keep(*m_parts.controller, m_parts.document->applied());
    if (const std::optional<long> iteration = m_discardedRuns.bringBack(*m_parts.controller, session)) {
      m_parts.document->markApplied();
      m_parts.presenter->restart();
      m_parts.status->showMessage(
          tr("The data is as it was: its run is back, at iteration %L1.").arg(*iteration), 6000);
    } else {
      if (!applySession()) {
        return;
      }
      m_parts.status->showMessage(tr("The data changed: training restarted from the initial weights "
                               "(Undo brings the run back)."),
                            6000);
    }
    if (wasRunning) {
      m_parts.controller->play();
    }
  }
}

bool DocumentSync::applySession() {
  if (std::optional<std::string> problem = rnnlab::validate(m_parts.document->session())) {
    m_parts.notices->show(NoticeKind::ResetPending,
                    tr("Cannot use this session: %1").arg(QString::fromStdString(*problem)));
    return false;
  }
  m_parts.controller->setSession(m_parts.document->session());
  m_parts.document->markApplied();
  m_parts.notices->clear(NoticeKind::ResetPending);
  m_parts.status->restart();
  m_parts.presenter->restart();
  return true;
}

void DocumentSync::resetTraining() {
  if (m_parts.document->resetPending()) {
    if (!applySession()) {
      return;
    }
    const rnnlab::Session& session = m_parts.document->session();
    m_parts.status->showMessage(session.weights ? tr("New model built from its given weights.")
                                          : tr("New model built from seed %1.")
                                                .arg(session.training.seed),
                          5000);
  } else {
    m_parts.controller->reset();
    m_parts.status->restart();
    m_parts.presenter->restart();
  }
  m_parts.notices->clear(NoticeKind::Divergence);
}

void DocumentSync::togglePlay() {
  if (m_parts.controller->state() == TrainingState::Running) {
    m_parts.controller->pause();
    return;
  }
  m_parts.notices->clear(NoticeKind::Divergence);
  m_parts.controller->play();
}

void DocumentSync::scaleInputs() {
  const rnnlab::Matrix& inputs = m_parts.document->session().data.inputs;
  const double low = inputs.minCoeff();
  const double high = inputs.maxCoeff();
  if (!(high > low)) {
    return;
  }
  // Through the table editor, so that it is one undo step like any paste.
  QString text;
  for (rnnlab::Index t = 0; t < inputs.rows(); ++t) {
    QStringList row;
    for (rnnlab::Index c = 0; c < inputs.cols(); ++c) {
      row << QString::number(2.0 * (inputs(t, c) - low) / (high - low) - 1.0, 'g', 6);
    }
    text += row.join(u'\t') + u'\n';
  }
  m_parts.sequenceEditor->pasteText(SequenceEditor::Table::Inputs, 0, 0, text);
  m_parts.notices->clear(NoticeKind::Preset);
}

void DocumentSync::onDiverged(const QString& message) {
  // One explanation, in the notice row (no dialog on top): the controller's message already says
  // what happened and what to try.
  m_parts.notices->show(NoticeKind::Divergence,
                  message.isEmpty() ? tr("The loss became NaN or infinite. Training paused and the "
                                         "last finite weights were restored; try a smaller "
                                         "learning rate or gradient clipping.")
                                    : message);
  m_parts.status->showMessage(tr("Training paused: see the notice above."), 10000);
}
