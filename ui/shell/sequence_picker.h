#pragma once

// Which sequence of a data set the one-sequence views show (hidden states, outputs, stepper,
// diagram, memory): a combo box of "Training ▸ #3 (50 steps)" and "Validation ▸ #0 (50 steps)"
// items. It lives in the status bar and is hidden for sessions that are not data sets.

#include <QComboBox>

#include "rnnlab/sequence_set.h"

class SequencePicker : public QComboBox {
  Q_OBJECT

 public:
  explicit SequencePicker(QWidget* parent = nullptr);

  // Lists the set's sequences (nullptr: hides the picker). The choice stays when it still
  // exists, else it goes back to training #0 (and sequenceSelected() says so). No signal when
  // the choice stays.
  void setSequenceSet(const rnnlab::SequenceSet* set);
  // Chooses a sequence (clamped to what exists), as the user would: sequenceSelected() when it
  // changes.
  void select(bool validation, int index);
  bool selectedValidation() const { return m_validation; }
  int selectedIndex() const { return m_index; }
  // One line on what the views trace against what training does, e.g. "Tracing training
  // sequence #3 alone; training updates use minibatches of 16." (empty without a data set). Also
  // the end of the tooltip.
  QString tracingNote() const;

 signals:
  void sequenceSelected(bool validation, int index);

 private:
  void takeCurrent();
  void updateToolTip();

  bool m_validation = false;
  int m_index = 0;
  int m_trainCount = 0;
  int m_batchSize = 0;  // the set's (0: all training sequences in one batch)
};
