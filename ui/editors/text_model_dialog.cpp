#include "editors/text_model_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace {

// The option's detail, indented under its button and wrapping.
QLabel* detailLabel(const QString& text) {
  auto* label = new QLabel(text);
  label->setWordWrap(true);
  label->setIndent(24);
  label->setForegroundRole(QPalette::PlaceholderText);
  return label;
}

}  // namespace

TextModelDialog::TextModelDialog(const QString& fileName, long characters, int distinct,
                                 QWidget* parent)
    : QDialog(parent), m_small(new QRadioButton), m_charRnn(new QRadioButton) {
  setObjectName(QStringLiteral("textModelDialog"));
  setWindowTitle(tr("New text session"));
  const QLocale locale;
  auto* layout = new QVBoxLayout(this);
  auto* facts = new QLabel(tr("<b>%1</b>: %2 characters, %3 different ones. Which model should "
                              "learn to write it?")
                               .arg(fileName.toHtmlEscaped(),
                                    locale.toString(static_cast<qlonglong>(characters)),
                                    locale.toString(distinct)));
  facts->setWordWrap(true);
  layout->addWidget(facts);

  const TextModelPlan small = textModelPlan(characters, TextModelSize::Small);
  m_small->setText(tr("Small: min-char-rnn's tanh RNN of %1 units").arg(small.hiddenSize));
  layout->addWidget(m_small);
  layout->addWidget(detailLabel(
      tr("Reads %1 characters at a time, Adagrad. Learns visibly within seconds: words appear "
         "in the samples after a few thousand iterations.")
          .arg(small.sequenceLength)));

  const TextModelPlan charRnn = textModelPlan(characters, TextModelSize::CharRnn);
  m_charRnn->setText(
      tr("char-rnn: %1 layers of %2 LSTM units").arg(charRnn.layers).arg(charRnn.hiddenSize));
  layout->addWidget(m_charRnn);
  QLabel* charRnnDetail = detailLabel(
      tr("Reads the text as %1 parallel streams, %2 characters at a time, RMSprop; an epoch is "
         "%3 iterations, and the learning rate decays from epoch 10. Learns for many minutes.")
          .arg(charRnn.streams)
          .arg(charRnn.sequenceLength)
          .arg(locale.toString(static_cast<qlonglong>(charRnn.epochIterations))));
  layout->addWidget(charRnnDetail);
  if (!charRnn.fits) {
    m_charRnn->setEnabled(false);
    charRnnDetail->setEnabled(false);
    m_charRnn->setToolTip(tr("The text is shorter than one chunk of %1 characters and its next "
                             "character.")
                              .arg(charRnn.sequenceLength));
  }

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Create session"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addStretch(1);
  layout->addWidget(buttons);
  setChoice(charRnn.fits ? proposal(characters) : TextModelSize::Small);
  setMinimumWidth(480);
}

TextModelSize TextModelDialog::proposal(long characters) {
  return characters >= ProposeCharRnnFrom ? TextModelSize::CharRnn : TextModelSize::Small;
}

TextModelSize TextModelDialog::choice() const {
  return m_charRnn->isChecked() ? TextModelSize::CharRnn : TextModelSize::Small;
}

void TextModelDialog::setChoice(TextModelSize size) { button(size)->setChecked(true); }

QRadioButton* TextModelDialog::button(TextModelSize size) const {
  return size == TextModelSize::CharRnn ? m_charRnn : m_small;
}
