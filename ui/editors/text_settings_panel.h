#pragma once

// The "Text" settings of a character-level language model: its vocabulary (size, and each
// character with how often it occurs, in a scrolling table), the sequence length, the number of
// parallel streams (v3 §2), whether the hidden state carries on from chunk to chunk, and whether the last 10% of the text is kept apart
// as validation text. Edits are emitted as a whole new TextData (the document prepares it and
// makes it an undo step); the panel shows what it is given.

#include <QWidget>
#include <optional>

#include "rnnlab/text_data.h"

class QCheckBox;
class QLabel;
class QSpinBox;
class QTableWidget;

class TextSettingsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit TextSettingsPanel(QWidget* parent = nullptr);

  // The text of the session shown, or none for numeric data (the panel then says how to make a
  // text session and its controls are disabled).
  void setText(const std::optional<rnnlab::TextData>& text);

  QTableWidget* vocabularyTable() const { return m_table; }
  QSpinBox* sequenceLength() const { return m_sequenceLength; }
  QSpinBox* streams() const { return m_streams; }
  QCheckBox* carryHidden() const { return m_carry; }
  QCheckBox* validationSplit() const { return m_validation; }
  QString summaryText() const;

 signals:
  void textEdited(const rnnlab::TextData& text);

 private:
  void emitEdit();

  std::optional<rnnlab::TextData> m_text;
  QLabel* m_summary = nullptr;
  QSpinBox* m_sequenceLength = nullptr;
  QSpinBox* m_streams = nullptr;
  QCheckBox* m_carry = nullptr;
  QCheckBox* m_validation = nullptr;
  QLabel* m_vocabularyLabel = nullptr;
  QTableWidget* m_table = nullptr;
  bool m_updating = false;  // setText() itself sets the controls: not an edit
};
