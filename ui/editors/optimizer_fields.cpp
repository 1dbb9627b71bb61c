#include "editors/optimizer_fields.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <algorithm>
#include <climits>
#include <memory>
#include <vector>

#include "editors/settings_form.h"
#include "rnnlab/limits.h"
#include "widgets/log_spin_box.h"

using settings_form::makeDouble;
using settings_form::makeInt;
using settings_form::makeLog;

namespace {

constexpr int MaxDecayIterations =
    static_cast<int>(std::min<long>(rnnlab::limits::MaxIterations, INT_MAX));

// Reads a whole-number field into a long setting, unless it shows that setting already.
void readLong(const QSpinBox* box, long& value) {
  if (box->value() != std::min<long>(value, INT_MAX)) {
    value = box->value();
  }
}

}  // namespace

OptimizerFields::OptimizerFields(QFormLayout* form) : QObject(form), m_form(form) {
  QWidget* parent = form->parentWidget();
  m_optimizer = new QComboBox(parent);
  m_optimizer->addItem(tr("SGD"), QStringLiteral("sgd"));
  m_optimizer->addItem(tr("SGD with momentum"), QStringLiteral("momentum"));
  m_optimizer->addItem(tr("Adagrad"), QStringLiteral("adagrad"));
  m_optimizer->addItem(tr("Adam"), QStringLiteral("adam"));
  m_optimizer->addItem(tr("RMSprop"), QStringLiteral("rmsprop"));
  m_optimizer->setToolTip(
      tr("The rule that turns gradients into weight changes; changing it restarts its state."));
  // Any positive rate the core accepts; the spin box rounds to its decimals, so they reach the
  // smallest rate. Above the usual range a warning says what to expect instead of a refusal.
  m_learningRate = makeLog(MinimumLearningRate, MaximumLearningRate, 12,
                           tr("Step size η of every update: too large diverges, too small "
                              "crawls (arrows step 1, 2, 5, 10, ...)."),
                           parent);
  m_learningRateWarning = new QLabel(parent);
  m_learningRateWarning->setWordWrap(true);
  m_learningRateWarning->setStyleSheet(QStringLiteral("color: #b2182b;"));
  m_decay = makeDouble(0.001, 1.0, 4, 0.05,
                       tr("Learning-rate decay γ (PyTorch's StepLR): every n iterations, from "
                          "iteration s on, the rate is multiplied by γ, so iteration k uses "
                          "η·γ^⌊max(0, k − s) / n⌋. 1 turns it off."),
                       parent);
  m_decay->setObjectName(QStringLiteral("lrDecayBox"));
  m_decayEvery = makeInt(1, MaxDecayIterations,
                         tr("n: how many iterations each step of the decay lasts."), parent);
  m_decayEvery->setObjectName(QStringLiteral("lrDecayEveryBox"));
  m_decayEvery->setGroupSeparatorShown(true);
  m_decayStart = makeInt(0, MaxDecayIterations,
                         tr("s: the iteration the decay counts from; the iterations before "
                            "s + n all use η itself."),
                         parent);
  m_decayStart->setObjectName(QStringLiteral("lrDecayStartBox"));
  m_decayStart->setGroupSeparatorShown(true);
  m_momentum =
      makeDouble(0.0, 0.999, 3, 0.05,
                 tr("Momentum μ: how much of the previous update carries into the next."), parent);
  m_beta1 = makeDouble(0.0, 0.9999, 4, 0.01,
                       tr("Adam's β1: decay of the running mean of the gradients."), parent);
  m_beta2 =
      makeDouble(0.0, 0.9999, 4, 0.001,
                 tr("Adam's β2: decay of the running mean of the squared gradients."), parent);
  m_alpha = makeDouble(0.0, 0.9999, 4, 0.01,
                       tr("RMSprop's α: decay of the running mean of the squared gradients that "
                          "each step is divided by (PyTorch's alpha)."),
                       parent);
  m_alpha->setObjectName(QStringLiteral("alphaBox"));
  m_epsilon =
      makeLog(1e-12, 1.0, 12,
              tr("ε keeps the division by the root of the squared gradients finite."), parent);

  form->addRow(tr("Optimizer"), m_optimizer);
  form->addRow(tr("Learning rate η"), m_learningRate);
  form->addRow(QString(), m_learningRateWarning);
  form->addRow(tr("Rate decay γ"), m_decay);
  form->addRow(tr("Decay every n"), m_decayEvery);
  form->addRow(tr("Decay from s"), m_decayStart);
  form->addRow(tr("Momentum μ"), m_momentum);
  form->addRow(tr("β1"), m_beta1);
  form->addRow(tr("β2"), m_beta2);
  form->addRow(tr("α"), m_alpha);
  form->addRow(tr("ε"), m_epsilon);

  connect(m_optimizer, &QComboBox::currentIndexChanged, this, &OptimizerFields::edited);
  for (QDoubleSpinBox* box : {static_cast<QDoubleSpinBox*>(m_learningRate), m_decay, m_momentum,
                              m_beta1, m_beta2, m_alpha, static_cast<QDoubleSpinBox*>(m_epsilon)}) {
    connect(box, &QDoubleSpinBox::valueChanged, this, &OptimizerFields::edited);
  }
  for (QSpinBox* box : {m_decayEvery, m_decayStart}) {
    connect(box, &QSpinBox::valueChanged, this, &OptimizerFields::edited);
  }
}

void OptimizerFields::setValues(const rnnlab::TrainingSettings& settings) {
  std::vector<std::unique_ptr<QSignalBlocker>> blockers;
  for (QWidget* field : std::initializer_list<QWidget*>{m_optimizer, m_learningRate, m_decay,
                                                        m_decayEvery, m_decayStart, m_momentum,
                                                        m_beta1, m_beta2, m_alpha, m_epsilon}) {
    blockers.push_back(std::make_unique<QSignalBlocker>(field));
  }
  m_optimizer->setCurrentIndex(
      m_optimizer->findData(settings_form::name(rnnlab::toString(settings.optimizer))));
  m_learningRate->setValue(settings.learningRate);
  m_decay->setValue(settings.lrDecay);
  m_decayEvery->setValue(static_cast<int>(std::min<long>(settings.lrDecayEvery, INT_MAX)));
  m_decayStart->setValue(static_cast<int>(std::min<long>(settings.lrDecayStart, INT_MAX)));
  m_momentum->setValue(settings.momentum);
  m_beta1->setValue(settings.beta1);
  m_beta2->setValue(settings.beta2);
  m_alpha->setValue(settings.alpha);
  m_epsilon->setValue(settings.epsilon);
  updateRows(settings);
  updateLearningRateWarning(settings.learningRate);
}

void OptimizerFields::read(rnnlab::TrainingSettings& settings) {
  settings.optimizer =
      rnnlab::optimizerKindFromString(m_optimizer->currentData().toString().toStdString())
          .value_or(settings.optimizer);
  settings_form::readDouble(m_learningRate, settings.learningRate);
  settings_form::readDouble(m_decay, settings.lrDecay);
  readLong(m_decayEvery, settings.lrDecayEvery);
  readLong(m_decayStart, settings.lrDecayStart);
  settings_form::readDouble(m_momentum, settings.momentum);
  settings_form::readDouble(m_beta1, settings.beta1);
  settings_form::readDouble(m_beta2, settings.beta2);
  settings_form::readDouble(m_alpha, settings.alpha);
  settings_form::readDouble(m_epsilon, settings.epsilon);
  updateRows(settings);
}

void OptimizerFields::updateRows(const rnnlab::TrainingSettings& settings) {
  using Kind = rnnlab::OptimizerKind;
  const Kind kind = settings.optimizer;
  m_form->setRowVisible(m_momentum, kind == Kind::Momentum);
  m_form->setRowVisible(m_beta1, kind == Kind::Adam);
  m_form->setRowVisible(m_beta2, kind == Kind::Adam);
  m_form->setRowVisible(m_alpha, kind == Kind::Rmsprop);
  m_form->setRowVisible(m_epsilon,
                        kind == Kind::Adagrad || kind == Kind::Adam || kind == Kind::Rmsprop);
  // n and s mean something only while the rate decays.
  const bool decaying = settings.lrDecay < 1.0;
  m_form->setRowVisible(m_decayEvery, decaying);
  m_form->setRowVisible(m_decayStart, decaying);
}

QString OptimizerFields::learningRateWarningFor(double rate) {
  if (!(rate > UsualLearningRateLimit)) {
    return {};
  }
  return tr("η = %1 is far above the usual range (0.0001 to 1): updates this large usually make "
            "the loss jump around or grow. Training runs anyway.")
      .arg(QString::number(rate, 'g', 6));
}

QString OptimizerFields::learningRateWarning() const {
  return m_form->isRowVisible(m_learningRateWarning) ? m_learningRateWarning->text() : QString();
}

void OptimizerFields::updateLearningRateWarning(double rate) {
  const QString warning = learningRateWarningFor(rate);
  m_learningRateWarning->setText(warning);
  m_form->setRowVisible(m_learningRateWarning, !warning.isEmpty());
}
