#include "editors/stack_settings.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalBlocker>
#include <QSpinBox>
#include <algorithm>

#include "rnnlab/limits.h"

namespace {

// As the panel's other fields: only finished values count (a half-typed number must not become
// an edit), right-aligned.
template <typename SpinBox>
SpinBox* prepare(SpinBox* box, const QString& toolTip) {
  box->setToolTip(toolTip);
  box->setKeyboardTracking(false);
  box->setAlignment(Qt::AlignRight);
  return box;
}

}  // namespace

StackSettings::StackSettings(QFormLayout* form) : QObject(form), m_form(form) {
  QWidget* parent = form->parentWidget();
  m_layers = prepare(new QSpinBox(parent),
                     tr("Number of stacked layers L (PyTorch's num_layers), numbered from 0: "
                        "layer 0 reads x_t, each layer above reads the outputs of the one below "
                        "at the same step, and the output y_t reads the top layer, L − 1."));
  m_layers->setObjectName(QStringLiteral("layersBox"));
  m_layers->setRange(1, rnnlab::limits::MaxLayers);

  m_bidirectional = new QCheckBox(tr("Bidirectional"), parent);
  m_bidirectional->setObjectName(QStringLiteral("bidirectionalBox"));

  m_dropout = prepare(new QDoubleSpinBox(parent),
                      tr("Dropout p between the layers: while training, each input of layers 1 "
                         "… L − 1 (the outputs of the layer below) is set to 0 with probability p "
                         "and the others are scaled by 1/(1 − p). It acts between layers, so it "
                         "needs at least 2. Evaluation, sampling and the gradient check run "
                         "without it."));
  m_dropout->setObjectName(QStringLiteral("dropoutBox"));
  m_dropout->setRange(0.0, MaximumDropout);
  m_dropout->setDecimals(2);
  m_dropout->setSingleStep(DropoutStep);
  m_dropout->setSpecialValueText(tr("off"));

  form->addRow(tr("Layers L"), m_layers);
  form->addRow(QString(), m_bidirectional);
  form->addRow(tr("Dropout p"), m_dropout);

  connect(m_layers, &QSpinBox::valueChanged, this, [this] {
    updateEnabled();
    emit edited();
  });
  connect(m_bidirectional, &QCheckBox::toggled, this, &StackSettings::edited);
  connect(m_dropout, &QDoubleSpinBox::valueChanged, this, &StackSettings::edited);
  updateEnabled();
}

void StackSettings::setValues(const rnnlab::ModelConfig& model) {
  const QSignalBlocker layers(m_layers);
  const QSignalBlocker bidirectional(m_bidirectional);
  const QSignalBlocker dropout(m_dropout);
  m_layers->setValue(model.layers);
  m_bidirectional->setChecked(model.bidirectional);
  m_dropout->setValue(model.dropout);
  updateEnabled();
}

void StackSettings::read(rnnlab::ModelConfig& model) const {
  model.layers = m_layers->value();
  model.bidirectional = m_bidirectional->isChecked();
  // What the field would show for the model's dropout: clamped to its range, at its decimals.
  const double shown = std::clamp(model.dropout, m_dropout->minimum(), m_dropout->maximum());
  if (m_dropout->textFromValue(m_dropout->value()) != m_dropout->textFromValue(shown)) {
    model.dropout = m_dropout->value();
  }
}

void StackSettings::setTextSession(bool text) {
  m_text = text;
  updateEnabled();
}

void StackSettings::updateEnabled() {
  m_dropout->setEnabled(m_layers->value() > 1);
  const QString bidirectional =
      tr("A second cell reads each sequence from the end; each step's output is [h→ ; h←]. "
         "Not for text: a language model cannot read the future.") +
      u'\n' +
      tr("With the output at the last step only, y reads [h→_T ; h←_T], and h←_T has read x_T "
         "alone (PyTorch's output[-1]).");
  // Left enabled while on, so that a session that has it can always switch it off.
  m_bidirectional->setEnabled(!m_text || m_bidirectional->isChecked());
  m_bidirectional->setToolTip(
      m_text ? tr("Off for this text session: a language model predicts each next character "
                  "from the ones before it, and a reverse direction would read the character it "
                  "has to predict.") +
                   u'\n' + bidirectional
             : bidirectional);
}

std::optional<std::string> StackSettings::blogBugUndefined(rnnlab::BlogBug bug,
                                                           const rnnlab::ModelConfig& model,
                                                           bool singleSequence) {
  if (model.stacked()) {
    return std::string(rnnlab::toString(bug)) +
           ": the blog's bugs are defined for one layer in one direction";
  }
  return rnnlab::blogBugUndefined(bug, model.cell, model.outputMode, model.loss, singleSequence);
}
