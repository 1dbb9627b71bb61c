#include "shell/what_if_editor.h"

#include <QInputDialog>
#include <QPushButton>

#include "document/session_document.h"
#include "editors/sequence_editor.h"
#include "shell/history_bar.h"
#include "shell/notice_bar.h"
#include "training/training_controller.h"
#include "views/weight_heatmaps.h"
#include "widgets/parameter_blocks.h"

namespace {

bool sameShape(const rnnlab::SequenceData& a, const rnnlab::SequenceData& b) {
  return a.inputs.rows() == b.inputs.rows() && a.inputs.cols() == b.inputs.cols() &&
         a.targets.rows() == b.targets.rows() && a.targets.cols() == b.targets.cols();
}

}  // namespace

WhatIfEditor::WhatIfEditor(TrainingController* controller, SessionDocument* document,
                           SequenceEditor* editor, WeightHeatmaps* weights, HistoryBar* historyBar,
                           NoticeBar* notices, QWidget* dialogParent)
    : QObject(dialogParent),
      m_controller(controller),
      m_document(document),
      m_editor(editor),
      m_weights(weights),
      m_historyBar(historyBar),
      m_notices(notices),
      m_dialogParent(dialogParent) {
  QPushButton* applyButton = notices->addButton(NoticeKind::WhatIf, tr("Apply"),
                                                tr("Keep the edit: training continues from it"));
  connect(applyButton, &QPushButton::clicked, this, &WhatIfEditor::apply);
  QPushButton* discardButton = notices->addButton(NoticeKind::WhatIf, tr("Discard"));
  connect(discardButton, &QPushButton::clicked, this, &WhatIfEditor::discard);
  connect(weights, &WeightHeatmaps::cellDoubleClicked, this, &WhatIfEditor::editWeight);
}

bool WhatIfEditor::tryData(const rnnlab::SequenceData& data) {
  if (!m_historyBar->whatIfEnabled() || m_controller->state() == TrainingState::Running ||
      !sameShape(data, m_document->applied().data) || !m_shown || m_shown->isHistoryView) {
    return false;
  }
  // Data the controller refuses (a non-finite cell) is a normal edit, which the window refuses
  // to train with; kept here as a what-if, Apply would give the document data the run never got.
  if (!m_controller->setWhatIf(m_shown->model, data)) {
    return false;
  }
  setData(data);
  return true;
}

void WhatIfEditor::editWeight(int block, int row, int column) {
  if (!m_shown || m_controller->state() == TrainingState::Running) {
    return;
  }
  rnnlab::Model model = m_shown->model;
  const QString name = blockName(model.params, block);
  const QString label = !model.params.isBias(block)
                            ? QStringLiteral("%1[%2, %3]").arg(name).arg(row + 1).arg(column + 1)
                            : QStringLiteral("%1[%2]").arg(name).arg(row + 1);
  double& weight = model.params.element(block, row, column);
  bool ok = false;
  const double value = QInputDialog::getDouble(
      m_dialogParent, tr("What-if: %1").arg(label),
      tr("Try another value for %1 (not trained; Apply keeps it):").arg(label), weight, -1e6, 1e6,
      6, &ok);
  if (!ok) {
    return;
  }
  weight = value;
  m_controller->setWhatIf(model, m_data ? *m_data : m_document->applied().data);
}

void WhatIfEditor::showSnapshot(const TrainingSnapshot& snapshot) {
  m_shown = m_controller->latestSnapshot();
  if (snapshot.isWhatIf) {
    m_notices->show(NoticeKind::WhatIf,
                    tr("What-if: not trained. Every view shows the edited value's effect; the "
                       "trained weights are unchanged until you apply it."));
  } else {
    m_notices->clear(NoticeKind::WhatIf);
    if (m_data) {
      setData(std::nullopt);
    }
  }
}

void WhatIfEditor::apply() {
  setData(std::nullopt);
  if (!m_controller->applyWhatIf()) {
    return;  // none pending any more (training moved on): nothing to keep
  }
  // The controller's what-if data becomes the document's and the trained data, without a
  // restart. Taken from the controller, not from m_data: a snapshot older than the what-if may
  // have cleared that in between.
  const rnnlab::SequenceData& data = m_controller->session().data;
  if (!(data == m_document->applied().data)) {
    m_document->setAppliedData(data);
    m_document->editData(data);
  }
}

void WhatIfEditor::discard() {
  if (m_data) {
    m_editor->setData(m_document->session().data, m_document->session().model.outputMode);
  }
  setData(std::nullopt);
  m_controller->clearWhatIf();
}

void WhatIfEditor::setData(std::optional<rnnlab::SequenceData> data) {
  m_data = std::move(data);
  emit dataChanged(m_data);
}
