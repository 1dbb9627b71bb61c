#include "shell/sequence_picker.h"

#include <QSignalBlocker>
#include <algorithm>

SequencePicker::SequencePicker(QWidget* parent) : QComboBox(parent) {
  setObjectName(QStringLiteral("sequencePicker"));
  updateToolTip();
  setSizeAdjustPolicy(QComboBox::AdjustToContents);
  setVisible(false);
  connect(this, &QComboBox::currentIndexChanged, this, &SequencePicker::takeCurrent);
}

void SequencePicker::setSequenceSet(const rnnlab::SequenceSet* set) {
  setVisible(set != nullptr);
  const bool wasValidation = m_validation;
  const int wasIndex = m_index;
  {
    const QSignalBlocker blocker(this);
    clear();
    m_trainCount = 0;
    m_batchSize = 0;
    if (set == nullptr) {
      updateToolTip();
      return;
    }
    m_trainCount = static_cast<int>(set->train.size());
    m_batchSize = set->batchSize;
    for (std::size_t k = 0; k < set->train.size(); ++k) {
      addItem(tr("Training ▸ #%1 (%2 steps)").arg(k).arg(set->train[k].inputs.rows()));
    }
    for (std::size_t k = 0; k < set->validation.size(); ++k) {
      addItem(tr("Validation ▸ #%1 (%2 steps)").arg(k).arg(set->validation[k].inputs.rows()));
    }
    const int validationCount = static_cast<int>(set->validation.size());
    const bool keep = wasValidation ? wasIndex < validationCount : wasIndex < m_trainCount;
    setCurrentIndex(keep ? (wasValidation ? m_trainCount + wasIndex : wasIndex) : 0);
  }
  takeCurrent();
  updateToolTip();
}

void SequencePicker::select(bool validation, int index) {
  const int validationCount = count() - m_trainCount;
  if (validation && validationCount > 0) {
    setCurrentIndex(m_trainCount + std::clamp(index, 0, validationCount - 1));
  } else if (m_trainCount > 0) {
    setCurrentIndex(std::clamp(index, 0, m_trainCount - 1));
  }
}

void SequencePicker::takeCurrent() {
  const int row = std::max(0, currentIndex());
  const bool validation = row >= m_trainCount;
  const int index = validation ? row - m_trainCount : row;
  if (validation == m_validation && index == m_index) {
    return;
  }
  m_validation = validation;
  m_index = index;
  updateToolTip();
  emit sequenceSelected(validation, index);
}

QString SequencePicker::tracingNote() const {
  if (m_trainCount == 0) {
    return {};
  }
  const QString batches =
      m_batchSize > 0 && m_batchSize < m_trainCount
          ? tr("training updates use minibatches of %1.").arg(m_batchSize)
          : tr("training updates use all %n training sequence(s) at once.", nullptr, m_trainCount);
  return m_validation ? tr("Tracing validation sequence #%1 alone (never trained on); %2")
                            .arg(m_index)
                            .arg(batches)
                      : tr("Tracing training sequence #%1 alone; %2").arg(m_index).arg(batches);
}

void SequencePicker::updateToolTip() {
  QString tip =
      tr("The sequence the hidden states, outputs, stepper, diagram and memory views "
         "show: one of the training sequences, or a validation sequence the network "
         "never learns from");
  const QString note = tracingNote();
  if (!note.isEmpty()) {
    tip += QStringLiteral("\n\n") + note;
  }
  setToolTip(tip);
}
