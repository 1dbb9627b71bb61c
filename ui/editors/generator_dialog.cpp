#include "editors/generator_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <exception>
#include <QVBoxLayout>
#include <algorithm>

namespace {

// Lengths the dialog offers: long enough for every lesson, short enough to train in seconds.
constexpr int MaxLength = 2000;
constexpr int MaxCount = 10000;

QWidget* formPage(QStackedWidget* pages, QFormLayout** form) {
  auto* page = new QWidget(pages);
  *form = new QFormLayout(page);
  (*form)->setContentsMargins(0, 0, 0, 0);
  pages->addWidget(page);
  return page;
}

QString lossName(rnnlab::LossKind loss) {
  return loss == rnnlab::LossKind::Mse ? GeneratorDialog::tr("squared error")
                                       : GeneratorDialog::tr("cross-entropy");
}

}  // namespace

GeneratorDialog::GeneratorDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Generate a task"));
  auto* layout = new QVBoxLayout(this);
  // The preview text changes length with the task: the dialog follows it rather than clipping.
  layout->setSizeConstraint(QLayout::SetFixedSize);

  auto* taskBox = new QGroupBox(tr("Task"), this);
  auto* taskLayout = new QVBoxLayout(taskBox);
  auto* top = new QFormLayout;
  top->setContentsMargins(0, 0, 0, 0);
  m_kind = new QComboBox(this);
  m_kind->addItem(tr("Noisy sine"), static_cast<int>(Kind::Sine));
  m_kind->addItem(tr("Echo"), static_cast<int>(Kind::Echo));
  m_kind->addItem(tr("Adding problem"), static_cast<int>(Kind::Adding));
  m_kind->addItem(tr("Copy a pattern"), static_cast<int>(Kind::Copy));
  m_kind->addItem(tr("Running parity"), static_cast<int>(Kind::Parity));
  m_kind->setToolTip(tr("The task the sequences pose"));
  top->addRow(tr("Kind"), m_kind);
  taskLayout->addLayout(top);

  m_pages = new QStackedWidget(taskBox);
  QFormLayout* form = nullptr;

  formPage(m_pages, &form);
  m_sineLength = addIntField(form, tr("Steps"), 2, MaxLength, 50, tr("Steps per sequence (T)"));
  m_sinePeriod = new QDoubleSpinBox(this);
  m_sinePeriod->setRange(2.0, 1000.0);
  m_sinePeriod->setDecimals(1);
  m_sinePeriod->setValue(20.0);
  m_sinePeriod->setToolTip(tr("Steps per full cycle of the sine"));
  form->addRow(tr("Period"), m_sinePeriod);
  m_sineNoise = new QDoubleSpinBox(this);
  m_sineNoise->setRange(0.0, 1.0);
  m_sineNoise->setDecimals(3);
  m_sineNoise->setSingleStep(0.01);
  m_sineNoise->setValue(0.05);
  m_sineNoise->setToolTip(
      tr("Standard deviation of the Gaussian noise added to every value (0: a clean sine)"));
  form->addRow(tr("Noise"), m_sineNoise);

  formPage(m_pages, &form);
  m_echoLength = addIntField(form, tr("Steps"), 2, MaxLength, 30, tr("Steps per sequence (T)"));
  m_echoDelay = addIntField(form, tr("Delay"), 0, 29, 3,
                            tr("How many steps back the target repeats the input (D < T)"));
  connect(m_echoLength, &QSpinBox::valueChanged, this,
          [this](int length) { m_echoDelay->setMaximum(length - 1); });

  formPage(m_pages, &form);
  m_addingLength = addIntField(form, tr("Steps"), 2, MaxLength, 30,
                               tr("Steps per sequence (T): how far apart the two marked values "
                                  "can be"));

  formPage(m_pages, &form);
  m_copyPattern = addIntField(form, tr("Pattern length"), 1, 50, 3, tr("Symbols to remember (K)"));
  m_copyGap = addIntField(form, tr("Gap"), 0, 500, 5,
                          tr("Blank steps between the pattern and the go marker (G)"));
  m_copySymbols = addIntField(form, tr("Symbols"), 2, 50, 4,
                              tr("Different symbols a pattern is drawn from (S)"));

  formPage(m_pages, &form);
  m_parityLength = addIntField(form, tr("Steps"), 1, MaxLength, 12, tr("Bits per sequence (T)"));
  taskLayout->addWidget(m_pages);
  layout->addWidget(taskBox);

  auto* countsBox = new QGroupBox(tr("Sequences"), this);
  auto* countsForm = new QFormLayout(countsBox);
  m_train = addIntField(countsForm, tr("Training"), 1, MaxCount, 64,
                        tr("Sequences the network learns from"));
  m_validation = addIntField(countsForm, tr("Validation"), 0, MaxCount, 16,
                             tr("Sequences drawn the same way but only measured, never learned "
                                "from: they show whether the network generalizes"));
  m_seed = addIntField(countsForm, tr("Seed"), 0, 2147483647, 1,
                       tr("The same seed and options always give the same sequences"));
  layout->addWidget(countsBox);

  m_preview = new QLabel(this);
  m_preview->setWordWrap(true);
  m_preview->setTextFormat(Qt::PlainText);
  m_preview->setFixedWidth(400);
  m_preview->setFrameShape(QFrame::StyledPanel);
  m_preview->setMargin(6);
  layout->addWidget(m_preview);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Generate"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);

  connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
    m_pages->setCurrentIndex(index);
    updatePreview();
  });
  for (QSpinBox* box : findChildren<QSpinBox*>()) {
    connect(box, &QSpinBox::valueChanged, this, &GeneratorDialog::updatePreview);
  }
  for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>()) {
    connect(box, &QDoubleSpinBox::valueChanged, this, &GeneratorDialog::updatePreview);
  }
  updatePreview();
}

GeneratorDialog::~GeneratorDialog() = default;

QSpinBox* GeneratorDialog::addIntField(QFormLayout* form, const QString& label, int min, int max,
                                       int value, const QString& tip) {
  auto* box = new QSpinBox(this);
  box->setRange(min, max);
  box->setValue(value);
  box->setToolTip(tip);
  form->addRow(label, box);
  return box;
}

void GeneratorDialog::setKind(Kind kind) {
  m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(kind)));
}

GeneratorDialog::Kind GeneratorDialog::kind() const {
  return static_cast<Kind>(m_kind->currentData().toInt());
}

QString GeneratorDialog::taskName() const { return m_kind->currentText(); }

rnnlab::GeneratorCounts GeneratorDialog::counts() const {
  rnnlab::GeneratorCounts counts;
  counts.train = m_train->value();
  counts.validation = m_validation->value();
  counts.seed = static_cast<std::uint64_t>(m_seed->value());
  return counts;
}

rnnlab::SineOptions GeneratorDialog::sineOptions() const {
  rnnlab::SineOptions options;
  options.counts = counts();
  options.length = m_sineLength->value();
  options.period = m_sinePeriod->value();
  options.noise = m_sineNoise->value();
  return options;
}

rnnlab::EchoOptions GeneratorDialog::echoOptions() const {
  rnnlab::EchoOptions options;
  options.counts = counts();
  options.length = m_echoLength->value();
  options.delay = m_echoDelay->value();
  return options;
}

rnnlab::AddingOptions GeneratorDialog::addingOptions() const {
  rnnlab::AddingOptions options;
  options.counts = counts();
  options.length = m_addingLength->value();
  return options;
}

rnnlab::CopyOptions GeneratorDialog::copyOptions() const {
  rnnlab::CopyOptions options;
  options.counts = counts();
  options.patternLength = m_copyPattern->value();
  options.gap = m_copyGap->value();
  options.symbols = m_copySymbols->value();
  return options;
}

rnnlab::ParityOptions GeneratorDialog::parityOptions() const {
  rnnlab::ParityOptions options;
  options.counts = counts();
  options.length = m_parityLength->value();
  return options;
}

rnnlab::GeneratedTask GeneratorDialog::task() const {
  switch (kind()) {
    case Kind::Sine:
      return rnnlab::generateSine(sineOptions());
    case Kind::Echo:
      return rnnlab::generateEcho(echoOptions());
    case Kind::Adding:
      return rnnlab::generateAdding(addingOptions());
    case Kind::Copy:
      return rnnlab::generateCopy(copyOptions());
    case Kind::Parity:
      break;
  }
  return rnnlab::generateParity(parityOptions());
}

QString GeneratorDialog::previewText() const { return m_preview->text(); }

void GeneratorDialog::updatePreview() {
  QString teaches;
  int steps = 0;
  int inputs = 1;
  int outputs = 1;
  bool lastOnly = false;
  rnnlab::LossKind loss = rnnlab::LossKind::Mse;
  switch (kind()) {
    case Kind::Sine:
      teaches =
          tr("Predict the next value of a noisy sine with a random phase. The network must "
             "find the phase from what it has seen so far. Compare the validation loss with "
             "the training loss, and watch free-running predictions drift away from the "
             "curve as they feed on their own errors.");
      steps = m_sineLength->value();
      break;
    case Kind::Echo:
      teaches = (m_echoDelay->value() == 1
                     ? tr("Repeat the input of the step before.")
                     : tr("Repeat the input from %1 steps ago.").arg(m_echoDelay->value())) +
                QLatin1Char(' ') +
                tr("The network has to hold the last few inputs in its hidden state: a pure "
                   "short-term memory task.");
      steps = m_echoLength->value();
      break;
    case Kind::Adding:
      teaches =
          tr("Two of the values are marked; at the last step, output their sum. The marks "
             "can be far apart, so the gradient must flow back many steps: a plain RNN "
             "struggles as the sequences grow, an LSTM or GRU copes.");
      steps = m_addingLength->value();
      inputs = 2;
      lastOnly = true;
      break;
    case Kind::Copy:
      teaches = tr("See a pattern of %1 symbols, wait %2 blank steps, then, at the go marker, "
                   "replay the pattern. Memory over a gap, with one-hot inputs and a softmax "
                   "output.")
                    .arg(m_copyPattern->value())
                    .arg(m_copyGap->value());
      steps = 2 * m_copyPattern->value() + m_copyGap->value() + 1;
      inputs = m_copySymbols->value() + 2;
      outputs = m_copySymbols->value() + 1;
      loss = rnnlab::LossKind::CrossEntropy;
      break;
    case Kind::Parity:
      teaches =
          tr("Output whether an odd number of ones has been seen so far. Every bit flips "
             "the answer, so one bit of state must be kept exactly; hard to learn by "
             "gradient descent.");
      steps = m_parityLength->value();
      break;
  }
  const QString shape = tr("%1 training and %2 validation sequences of %3 steps.")
                            .arg(m_train->value())
                            .arg(m_validation->value())
                            .arg(steps) +
                        QLatin1Char(' ') +
                        tr("Network: inputs %1, outputs %2, %3 loss, %4.")
                            .arg(inputs)
                            .arg(outputs)
                            .arg(lossName(loss), lastOnly ? tr("a target at the last step only")
                                                          : tr("a target at every step"));
  m_preview->setText(teaches + QStringLiteral("\n\n") + shape + QStringLiteral("\n") +
                     tr("This replaces the data set and re-initializes the network."));
}

std::optional<GeneratorDialog::Choice> GeneratorDialog::choose(QWidget* parent, QString* error) {
  GeneratorDialog dialog(parent);
  if (dialog.exec() != QDialog::Accepted) {
    return std::nullopt;
  }
  try {
    return Choice{dialog.task(), dialog.taskName()};
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return std::nullopt;
  }
}
