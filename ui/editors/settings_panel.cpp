#include "editors/settings_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStringList>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "editors/optimizer_fields.h"
#include "editors/settings_form.h"
#include "rnnlab/limits.h"

using settings_form::makeDouble;
using settings_form::makeInt;
using settings_form::name;

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);

  auto* modelBox = new QGroupBox(tr("Model — changes need a reset"), this);
  m_modelForm = new QFormLayout(modelBox);
  m_modelForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  m_modelForm->setVerticalSpacing(3);
  m_modelForm->setContentsMargins(6, 4, 6, 4);
  m_inputSize = new QLabel(modelBox);
  m_inputSize->setToolTip(tr("Numbers per input step x_t; it follows the input table's columns."));
  m_cell = new QComboBox(modelBox);
  m_cell->addItem(tr("tanh RNN (rnn)"), QStringLiteral("rnn"));
  m_cell->addItem(tr("LSTM (lstm)"), QStringLiteral("lstm"));
  m_cell->addItem(tr("GRU (gru)"), QStringLiteral("gru"));
  m_cell->setToolTip(
      tr("The recurrent cell: the plain tanh RNN, or the gated LSTM (gates i, f, g, o and a cell "
         "state c_t) or GRU (gates r, z, n), exactly as PyTorch's nn.LSTM and nn.GRU."));
  m_forgetBias = makeDouble(-10.0, 10.0, 3, 0.5,
                            tr("Added to the LSTM's forget-gate bias at initialization: a positive "
                               "value starts the cell state remembering (f near 1)."),
                            modelBox);
  m_hiddenSize =
      makeInt(1, rnnlab::limits::MaxHiddenSize,
              tr("Number of hidden units H: the network's memory from step to step."), modelBox);
  m_hiddenSize->setObjectName(QStringLiteral("hiddenSizeBox"));
  m_outputSize = new QLabel(modelBox);
  m_outputSize->setToolTip(tr("Numbers per output y_t; it follows the target table's columns."));
  m_outputMode = new QComboBox(modelBox);
  m_outputMode->setObjectName(QStringLiteral("outputModeBox"));
  m_outputMode->addItem(tr("every step (sequence)"), QStringLiteral("sequence"));
  m_outputMode->addItem(tr("last step only (last)"), QStringLiteral("last"));
  m_outputMode->setToolTip(
      tr("Whether every step has a target (many-to-many) or only the last "
         "one (many-to-one)."));
  m_loss = new QComboBox(modelBox);
  m_loss->addItem(tr("mean squared error (mse)"), QStringLiteral("mse"));
  m_loss->addItem(tr("cross-entropy (softmax)"), QStringLiteral("cross_entropy"));
  m_loss->setToolTip(
      tr("How wrong the outputs are: squared distance for numbers, cross-entropy "
         "of the softmax for one-hot classes."));
  m_seed = makeInt(0, INT_MAX,
                   tr("Seed of the random initial weights: the same seed gives the same run."),
                   modelBox);
  m_initScale = makeDouble(0.0, 10.0, 4, 0.01,
                           tr("Initial weights are this times a standard normal draw; too small "
                              "learns slowly, too large saturates tanh."),
                           modelBox);
  m_modelForm->addRow(tr("Cell"), m_cell);
  m_modelForm->addRow(tr("Forget bias"), m_forgetBias);
  m_modelForm->addRow(tr("Input size I"), m_inputSize);
  m_modelForm->addRow(tr("Hidden size H"), m_hiddenSize);
  m_stack = new StackSettings(m_modelForm);
  m_modelForm->addRow(tr("Output size O"), m_outputSize);
  m_modelForm->addRow(tr("Output"), m_outputMode);
  m_modelForm->addRow(tr("Loss"), m_loss);
  m_modelForm->addRow(tr("Seed"), m_seed);
  m_modelForm->addRow(tr("Init scale"), m_initScale);
  layout->addWidget(modelBox);

  auto* trainingBox = new QGroupBox(tr("Training — applies at once"), this);
  m_trainingForm = new QFormLayout(trainingBox);
  m_trainingForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  m_trainingForm->setVerticalSpacing(3);
  m_trainingForm->setContentsMargins(6, 4, 6, 4);
  m_optimizerFields = new OptimizerFields(m_trainingForm);
  m_clipValue = makeDouble(0.0, 1e6, 3, 0.5,
                           tr("Every gradient element is clipped to [−c, c] before the update; 0 "
                              "turns it off."),
                           trainingBox);
  m_clipValue->setSpecialValueText(tr("off"));
  m_clipNorm = makeDouble(0.0, 1e6, 3, 0.5,
                          tr("If the length of all gradients together exceeds n they are scaled "
                             "down to n; 0 turns it off."),
                          trainingBox);
  m_clipNorm->setSpecialValueText(tr("off"));
  m_iterations =
      makeInt(0, static_cast<int>(std::min<long>(rnnlab::limits::MaxIterations, INT_MAX)),
              tr("How many iterations Play runs; pressing Play again runs that many "
                 "more."),
              trainingBox);
  m_iterations->setSingleStep(100);
  m_iterations->setGroupSeparatorShown(true);
  m_trainingForm->addRow(tr("Clip value"), m_clipValue);
  m_trainingForm->addRow(tr("Clip norm"), m_clipNorm);
  m_trainingForm->addRow(tr("Iterations"), m_iterations);
  m_historyMemory = new QLabel(trainingBox);
  m_historyMemory->setToolTip(
      tr("The weights are kept after every iteration for rewinding, thinned to every 2nd, 4th, "
         "… iteration on long runs so that they never take more memory than this."));
  m_trainingForm->addRow(tr("History memory"), m_historyMemory);
  // A data set's minibatches: shown only for data set sessions (setDataSet).
  m_batchSize = new QSpinBox(trainingBox);
  m_batchSize->setObjectName(QStringLiteral("batchSizeBox"));
  m_batchSize->setRange(0, 1);
  m_batchSize->setSpecialValueText(tr("all"));
  m_batchSize->setToolTip(
      tr("How many training sequences one iteration learns from: their mean loss is minimized "
         "in one update. Small batches make more, noisier updates per epoch; \"all\" makes one "
         "exact update per epoch. Changing it restarts training."));
  m_trainingForm->addRow(tr("Batch size"), m_batchSize);
  m_shuffle = new QCheckBox(tr("Shuffle every epoch"), trainingBox);
  m_shuffle->setObjectName(QStringLiteral("shuffleBox"));
  m_shuffle->setToolTip(
      tr("Visit the training sequences in a new random order in every epoch (seeded: the same "
         "seed gives the same order). Off: always in the order of the list. Changing it "
         "restarts training."));
  m_trainingForm->addRow(QString(), m_shuffle);
  m_trainingForm->setRowVisible(m_batchSize, false);
  m_trainingForm->setRowVisible(m_shuffle, false);
  connect(m_batchSize, &QSpinBox::valueChanged, this, [this](int value) {
    if (value != m_shownBatchSize) {
      m_shownBatchSize = value;
      emit batchSizeEdited(value);
    }
  });
  connect(m_shuffle, &QCheckBox::toggled, this, &SettingsPanel::shuffleEdited);
  layout->addWidget(trainingBox);

  // Teaching only, so it starts collapsed and out of the way of normal training.
  m_blogBugsToggle = new QToolButton(this);
  m_blogBugsToggle->setText(tr("Teaching: the blog's bugs"));
  m_blogBugsToggle->setToolTip(
      tr("Compute the gradient the way the blog post RNN Lab grew out of does, each of its "
         "mistakes on its own: wrong on purpose, to see what each does to the gradient check and "
         "to training."));
  m_blogBugsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_blogBugsToggle->setAutoRaise(true);
  m_blogBugsToggle->setCheckable(true);
  m_blogBugsBody = new QWidget(this);
  auto* bugsLayout = new QVBoxLayout(m_blogBugsBody);
  bugsLayout->setContentsMargins(8, 0, 4, 4);
  bugsLayout->setSpacing(3);
  auto* intro = new QLabel(tr("Each box makes the gradient wrong on purpose, the way the original "
                              "blog post computed it. For teaching only: never for real "
                              "training."),
                           m_blogBugsBody);
  intro->setWordWrap(true);
  bugsLayout->addWidget(intro);
  for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
    auto* box = new QCheckBox(blogBugLabel(bug), m_blogBugsBody);
    box->setObjectName(QStringLiteral("blogBug_") + name(rnnlab::toString(bug)));
    box->setToolTip(blogBugToolTip(bug));
    m_blogBugBoxes[static_cast<std::size_t>(bug)] = box;
    bugsLayout->addWidget(box);
    connect(box, &QCheckBox::toggled, this, &SettingsPanel::readTrainingFields);
  }
  m_blogBugsWarning = new QLabel(m_blogBugsBody);
  m_blogBugsWarning->setWordWrap(true);
  m_blogBugsWarning->setStyleSheet(QStringLiteral("color: #b2182b; font-weight: bold;"));
  bugsLayout->addWidget(m_blogBugsWarning);
  layout->addWidget(m_blogBugsToggle);
  layout->addWidget(m_blogBugsBody);
  connect(m_blogBugsToggle, &QToolButton::toggled, this, &SettingsPanel::setBlogBugsExpanded);
  setBlogBugsExpanded(false);
  layout->addStretch(1);

  connect(m_optimizerFields, &OptimizerFields::edited, this, &SettingsPanel::readTrainingFields);
  for (QDoubleSpinBox* box : {m_clipValue, m_clipNorm}) {
    connect(box, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::readTrainingFields);
  }
  connect(m_iterations, &QSpinBox::valueChanged, this, &SettingsPanel::readTrainingFields);
  connect(m_cell, &QComboBox::currentIndexChanged, this, &SettingsPanel::readModelFields);
  connect(m_forgetBias, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::readModelFields);
  connect(m_hiddenSize, &QSpinBox::valueChanged, this, &SettingsPanel::readModelFields);
  connect(m_stack, &StackSettings::edited, this, &SettingsPanel::readModelFields);
  connect(m_seed, &QSpinBox::valueChanged, this, &SettingsPanel::readModelFields);
  connect(m_initScale, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::readModelFields);
  connect(m_outputMode, &QComboBox::currentIndexChanged, this, &SettingsPanel::readModelFields);
  connect(m_loss, &QComboBox::currentIndexChanged, this, &SettingsPanel::readModelFields);

  setValues(m_model, m_settings);
}

void SettingsPanel::setValues(const rnnlab::ModelConfig& model,
                              const rnnlab::TrainingSettings& settings) {
  m_model = model;
  m_settings = settings;
  const QList<QWidget*> fields = {m_cell, m_forgetBias, m_hiddenSize, m_outputMode, m_loss,
                                  m_seed, m_initScale,  m_clipValue,  m_clipNorm,   m_iterations};
  std::vector<std::unique_ptr<QSignalBlocker>> blockers;
  for (QWidget* field : fields) {
    blockers.push_back(std::make_unique<QSignalBlocker>(field));
  }
  for (QCheckBox* box : m_blogBugBoxes) {
    blockers.push_back(std::make_unique<QSignalBlocker>(box));
  }
  m_inputSize->setText(QString::number(model.inputSize));
  m_cell->setCurrentIndex(m_cell->findData(name(rnnlab::toString(model.cell))));
  m_forgetBias->setValue(model.forgetBias);
  m_modelForm->setRowVisible(m_forgetBias, model.cell == rnnlab::CellKind::Lstm);
  m_hiddenSize->setValue(model.hiddenSize);
  m_stack->setValues(model);
  m_outputSize->setText(QString::number(model.outputSize));
  m_outputMode->setCurrentIndex(m_outputMode->findData(name(rnnlab::toString(model.outputMode))));
  m_loss->setCurrentIndex(m_loss->findData(name(rnnlab::toString(model.loss))));
  m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(settings.seed, INT_MAX)));
  m_initScale->setValue(settings.initScale);
  m_optimizerFields->setValues(settings);
  m_clipValue->setValue(settings.clipValue);
  m_clipNorm->setValue(settings.clipNorm);
  m_iterations->setValue(static_cast<int>(std::min<long>(settings.iterations, INT_MAX)));
  for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
    blogBugBox(bug)->setChecked(settings.blogBugs.has(bug));
  }
  if (settings.blogBugs.any()) {
    setBlogBugsExpanded(true);  // a session with bugs on shows them
  }
  updateBlogBugs();
}

void SettingsPanel::setSingleSequence(bool singleSequence) {
  m_singleSequence = singleSequence;
  updateBlogBugs();
}

bool SettingsPanel::blogBugsExpanded() const { return !m_blogBugsBody->isHidden(); }

void SettingsPanel::setBlogBugsExpanded(bool expanded) {
  const QSignalBlocker blocker(m_blogBugsToggle);
  m_blogBugsToggle->setChecked(expanded);
  m_blogBugsToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
  m_blogBugsBody->setVisible(expanded);
}

QString SettingsPanel::blogBugsWarning() const {
  return m_blogBugsWarning->isHidden() ? QString() : m_blogBugsWarning->text();
}

void SettingsPanel::updateBlogBugs() {
  for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
    QCheckBox* box = blogBugBox(bug);
    const std::optional<std::string> undefined =
        StackSettings::blogBugUndefined(bug, m_model, m_singleSequence);
    // A bug that is on stays enabled, so that it can always be switched off.
    box->setEnabled(!undefined || box->isChecked());
    box->setToolTip(undefined
                        ? blogBugToolTip(bug) + u'\n' +
                              tr("Not available here: %1").arg(QString::fromStdString(*undefined))
                        : blogBugToolTip(bug));
  }
  m_blogBugsWarning->setText(
      m_settings.blogBugs.any()
          ? tr("The gradient is deliberately wrong: the gradient check fails with errors of "
               "order 1, and training follows the blog's gradient.")
          : QString());
  m_blogBugsWarning->setVisible(m_settings.blogBugs.any());
}

QString SettingsPanel::blogBugLabel(rnnlab::BlogBug bug) {
  switch (bug) {
    case rnnlab::BlogBug::LastOutputOnly:
      return tr("Wrong on purpose:\noutput y only at the last step");
    case rnnlab::BlogBug::FinalHiddenInBackward:
      return tr("Wrong on purpose:\nfinal h_T in every backward step");
    case rnnlab::BlogBug::HtInDwhh:
      return tr("Wrong on purpose:\nh_t instead of h_(t−1) in dWhh");
    case rnnlab::BlogBug::GradientMissing2:
      return tr("Wrong on purpose:\nloss Σ(y − d)², gradient (y − d)");
  }
  return {};
}

QString SettingsPanel::blogBugToolTip(rnnlab::BlogBug bug) {
  switch (bug) {
    case rnnlab::BlogBug::LastOutputOnly:
      return tr(
          "The blog computes the output once, after the loop, and compares it with the "
          "target of every step: y_t = y_T = Why·h_T + by for every t, L = Σ_t ½‖y_T − "
          "d_t‖². Its backward pass still sends each step's error δy_t = y_T − d_t into "
          "h_t, although y_T depends on h_T only.");
    case rnnlab::BlogBug::FinalHiddenInBackward:
      return tr(
          "The blog's backward pass uses the state the forward loop ended in at every "
          "step: dWhy = Σ_t δy_t·h_Tᵀ and δa_t = (1 − h_T²) ⊙ δh_t instead of h_t (the "
          "tanh derivative of the wrong step).");
    case rnnlab::BlogBug::HtInDwhh:
      return tr(
          "dWhh = Σ_t δa_t·h_tᵀ instead of Σ_t δa_t·h_(t−1)ᵀ: Whh multiplies the previous "
          "state, so its gradient needs the previous state too. Only Whh's gradient is "
          "wrong.");
    case rnnlab::BlogBug::GradientMissing2:
      return tr(
          "The blog's loss is L = Σ_t (y_t − d_t)² (no ½), but it takes δy_t = y_t − d_t: "
          "the 2 of d(u²)/du = 2u is missing, so every gradient is half of the loss's true "
          "gradient (the gradient check shows exactly 1/3 everywhere). mse only.");
  }
  return {};
}

QString SettingsPanel::blogBugsNotice(const rnnlab::BlogBugs& bugs) {
  if (!bugs.any()) {
    return {};
  }
  QStringList names;
  for (const rnnlab::BlogBug bug : bugs.list()) {
    names << name(rnnlab::toString(bug));
  }
  return tr("Teaching: the gradient is deliberately wrong (the blog's bugs: %1). Training and "
            "the gradient check compute it the way the blog post did; switch them off under "
            "Settings → Teaching: the blog's bugs.")
      .arg(names.join(QStringLiteral(", ")));
}

QString SettingsPanel::learningRateWarningFor(double rate) {
  return OptimizerFields::learningRateWarningFor(rate);
}

QString SettingsPanel::learningRateWarning() const {
  return m_optimizerFields->learningRateWarning();
}

void SettingsPanel::readTrainingFields() {
  // Each field is read only when it differs from what it shows for the stored value, so a value
  // the field cannot show exactly (e.g. a seed above INT_MAX) is never overwritten by accident.
  rnnlab::TrainingSettings settings = m_settings;
  m_optimizerFields->read(settings);
  settings_form::readDouble(m_clipValue, settings.clipValue);
  settings_form::readDouble(m_clipNorm, settings.clipNorm);
  if (m_iterations->value() != std::min<long>(settings.iterations, INT_MAX)) {
    settings.iterations = m_iterations->value();
  }
  for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
    settings.blogBugs.set(bug, blogBugBox(bug)->isChecked());
  }
  if (settings == m_settings) {
    return;
  }
  m_settings = settings;
  m_optimizerFields->updateLearningRateWarning(m_settings.learningRate);
  updateBlogBugs();
  emit settingsEdited(m_settings);
}

void SettingsPanel::readModelFields() {
  rnnlab::ModelConfig model = m_model;
  rnnlab::TrainingSettings settings = m_settings;
  model.cell = rnnlab::cellKindFromString(m_cell->currentData().toString().toStdString())
                   .value_or(model.cell);
  if (m_forgetBias->textFromValue(m_forgetBias->value()) !=
      m_forgetBias->textFromValue(model.forgetBias)) {
    model.forgetBias = m_forgetBias->value();
  }
  m_modelForm->setRowVisible(m_forgetBias, model.cell == rnnlab::CellKind::Lstm);
  model.hiddenSize = m_hiddenSize->value();
  m_stack->read(model);
  model.outputMode =
      rnnlab::outputModeFromString(m_outputMode->currentData().toString().toStdString())
          .value_or(model.outputMode);
  model.loss = rnnlab::lossKindFromString(m_loss->currentData().toString().toStdString())
                   .value_or(model.loss);
  if (m_seed->value() != static_cast<int>(std::min<std::uint64_t>(settings.seed, INT_MAX))) {
    settings.seed = static_cast<std::uint64_t>(m_seed->value());
  }
  if (m_initScale->textFromValue(m_initScale->value()) !=
      m_initScale->textFromValue(settings.initScale)) {
    settings.initScale = m_initScale->value();
  }
  // A bug the new model does not define goes off in the same (undoable) edit.
  for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
    if (StackSettings::blogBugUndefined(bug, model, m_singleSequence)) {
      settings.blogBugs.set(bug, false);
    }
  }
  if (model == m_model && settings == m_settings) {
    return;
  }
  m_model = model;
  m_settings = settings;
  for (const rnnlab::BlogBug bug : rnnlab::AllBlogBugs) {
    const QSignalBlocker blocker(blogBugBox(bug));
    blogBugBox(bug)->setChecked(settings.blogBugs.has(bug));
  }
  updateBlogBugs();
  emit modelEdited(m_model, m_settings);
}

void SettingsPanel::setHistoryMemory(std::size_t bytes) {
  m_historyMemory->setText(
      tr("at most %L1 MiB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 0));
}

void SettingsPanel::setDataSet(const rnnlab::SequenceSet* set) {
  const QSignalBlocker batchBlocker(m_batchSize);
  const QSignalBlocker shuffleBlocker(m_shuffle);
  m_trainingForm->setRowVisible(m_batchSize, set != nullptr);
  m_trainingForm->setRowVisible(m_shuffle, set != nullptr);
  if (set == nullptr) {
    return;
  }
  m_batchSize->setRange(0, std::max(1, static_cast<int>(set->train.size())));
  m_batchSize->setValue(set->batchSize);
  m_shownBatchSize = m_batchSize->value();
  m_shuffle->setChecked(set->shuffle);
}

bool SettingsPanel::showsDataSet() const { return !m_batchSize->isHidden(); }

QString SettingsPanel::historyMemoryText() const { return m_historyMemory->text(); }
