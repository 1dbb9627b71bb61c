#include "editors/text_settings_panel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <vector>

#include "document/session_document.h"
#include "rnnlab/limits.h"

TextSettingsPanel::TextSettingsPanel(QWidget* parent) : QWidget(parent) {
  m_summary = new QLabel(this);
  m_summary->setWordWrap(true);
  m_sequenceLength = new QSpinBox(this);
  m_sequenceLength->setRange(1, rnnlab::limits::MaxSequenceLength);
  m_sequenceLength->setToolTip(
      tr("Characters per training chunk (truncated BPTT: gradients flow back this far)"));
  m_streams = new QSpinBox(this);
  m_streams->setObjectName(QStringLiteral("streamsBox"));
  m_streams->setRange(1, rnnlab::limits::MaxStreams);
  m_streams->setToolTip(
      tr("char-rnn reads the text as B parallel streams, each with its own carried state; the "
         "loss is the mean over the streams"));
  m_carry = new QCheckBox(tr("Carry the state on between chunks"), this);
  m_carry->setToolTip(
      tr("On: each chunk starts from the state the previous one ended in (as "
         "min-char-rnn). Off: every chunk starts from h0."));
  m_validation = new QCheckBox(tr("Last 10% as validation text"), this);
  m_validation->setToolTip(
      tr("The last tenth of the text is not trained on; its loss per character is measured "
         "now and then and drawn beside the training loss"));
  m_vocabularyLabel = new QLabel(this);
  m_vocabularyLabel->setWordWrap(true);
  m_table = new QTableWidget(this);
  m_table->setColumnCount(3);
  m_table->setHorizontalHeaderLabels({tr("character"), tr("code point"), tr("count")});
  m_table->verticalHeader()->setVisible(false);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  // Narrow enough for the side dock: the characters and counts take what they need, the code
  // points the rest.
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_table->setMinimumHeight(120);

  auto* form = new QFormLayout;
  form->addRow(tr("Sequence length"), m_sequenceLength);
  form->addRow(tr("Streams B"), m_streams);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_summary);
  layout->addLayout(form);
  layout->addWidget(m_carry);
  layout->addWidget(m_validation);
  layout->addWidget(m_vocabularyLabel);
  layout->addWidget(m_table, 1);

  connect(m_sequenceLength, &QSpinBox::editingFinished, this, &TextSettingsPanel::emitEdit);
  connect(m_streams, &QSpinBox::editingFinished, this, &TextSettingsPanel::emitEdit);
  connect(m_carry, &QCheckBox::toggled, this, &TextSettingsPanel::emitEdit);
  connect(m_validation, &QCheckBox::toggled, this, &TextSettingsPanel::emitEdit);
  setText(std::nullopt);
}

QString TextSettingsPanel::summaryText() const { return m_summary->text(); }

void TextSettingsPanel::setText(const std::optional<rnnlab::TextData>& text) {
  m_updating = true;
  const QSignalBlocker blockLength(m_sequenceLength);
  const QSignalBlocker blockStreams(m_streams);
  const QSignalBlocker blockCarry(m_carry);
  const QSignalBlocker blockValidation(m_validation);
  const bool changedText = !text || !m_text || text->text != m_text->text ||
                           text->validationText != m_text->validationText ||
                           text->vocabulary != m_text->vocabulary;
  m_text = text;
  for (QWidget* control :
       {static_cast<QWidget*>(m_sequenceLength), static_cast<QWidget*>(m_streams),
        static_cast<QWidget*>(m_carry), static_cast<QWidget*>(m_validation),
        static_cast<QWidget*>(m_table)}) {
    control->setEnabled(text.has_value());
  }
  if (!text) {
    m_summary->setText(
        tr("This session's data are numbers. Open a .txt file (File → Open) or "
           "paste a text (File → New text session) to train a character-level "
           "language model."));
    m_vocabularyLabel->clear();
    m_table->setRowCount(0);
    m_updating = false;
    return;
  }
  m_summary->setText(tr("%L1 characters of training text, %L2 of validation text.")
                         .arg(text->size())
                         .arg(static_cast<qlonglong>(text->validationIndices.size())));
  m_sequenceLength->setValue(text->sequenceLength);
  m_streams->setValue(text->streams);
  m_carry->setChecked(text->carryHidden);
  m_validation->setChecked(text->hasValidation());
  if (changedText) {
    std::vector<long> counts(static_cast<std::size_t>(text->vocabularySize()), 0);
    for (int index : text->indices) {
      ++counts[static_cast<std::size_t>(index)];
    }
    for (int index : text->validationIndices) {
      ++counts[static_cast<std::size_t>(index)];
    }
    m_vocabularyLabel->setText(
        tr("Vocabulary: %n character(s) (inputs and outputs are one-hot over them)", nullptr,
           text->vocabularySize()));
    m_table->setRowCount(text->vocabularySize());
    for (int k = 0; k < text->vocabularySize(); ++k) {
      const char32_t codePoint = text->vocabulary[static_cast<std::size_t>(k)];
      auto* character = new QTableWidgetItem(SessionDocument::displayCharacter(codePoint));
      character->setTextAlignment(Qt::AlignCenter);
      auto* code = new QTableWidgetItem(
          QStringLiteral("U+") + QStringLiteral("%1")
                                     .arg(static_cast<uint>(codePoint), 4, 16, QLatin1Char('0'))
                                     .toUpper());
      auto* count = new QTableWidgetItem;
      count->setData(Qt::DisplayRole, static_cast<qlonglong>(counts[static_cast<std::size_t>(k)]));
      count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      m_table->setItem(k, 0, character);
      m_table->setItem(k, 1, code);
      m_table->setItem(k, 2, count);
    }
  }
  m_updating = false;
}

void TextSettingsPanel::emitEdit() {
  if (m_updating || !m_text) {
    return;
  }
  rnnlab::TextData edited =
      SessionDocument::withValidationSplit(*m_text, m_validation->isChecked());
  edited.sequenceLength = m_sequenceLength->value();
  edited.streams = m_streams->value();
  edited.carryHidden = m_carry->isChecked();
  if (edited == *m_text) {
    return;
  }
  emit textEdited(edited);
}
