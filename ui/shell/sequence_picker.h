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

 signals:
  void sequenceSelected(bool validation, int index);

 private:
  void takeCurrent();

  bool m_validation = false;
  int m_index = 0;
  int m_trainCount = 0;
};
