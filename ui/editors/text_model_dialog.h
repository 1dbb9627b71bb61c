#pragma once

// The short question File → New text session from a file asks once the text is read: which
// model to start with, each sized for this text (text_session_models.h): the small
// min-char-rnn model or char-rnn's 2-layer LSTM. It proposes char-rnn's for a text long enough
// to keep it busy (ProposeCharRnnFrom characters), the small one otherwise; char-rnn's cannot be
// chosen for a text shorter than its chunk.

#include <QDialog>

#include "document/text_session_models.h"

class QLabel;
class QRadioButton;

class TextModelDialog : public QDialog {
  Q_OBJECT

 public:
  static constexpr long ProposeCharRnnFrom = 100000;

  // For the text of file `fileName`: `characters` long, with `distinct` different characters.
  TextModelDialog(const QString& fileName, long characters, int distinct,
                  QWidget* parent = nullptr);

  TextModelSize choice() const;
  void setChoice(TextModelSize size);
  static TextModelSize proposal(long characters);
  QRadioButton* button(TextModelSize size) const;

 private:
  QRadioButton* m_small;
  QRadioButton* m_charRnn;
};
