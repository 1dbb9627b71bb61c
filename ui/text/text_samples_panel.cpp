#include "text/text_samples_panel.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "rnnlab/utf8.h"

namespace {

constexpr int NotchOfOne = 18;
constexpr double NotchesPerDoubling = 4.0;

QPlainTextEdit* makeTextBox(const QString& placeholder) {
  auto* box = new QPlainTextEdit;
  box->setReadOnly(true);
  box->setPlaceholderText(placeholder);
  box->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  return box;
}

// The whole text, its prime part greyed: what the network was given, not what it wrote.
void showWithPrime(QPlainTextEdit* box, const QString& prime, const QString& text) {
  box->setPlainText(text);
  QTextCursor cursor(box->document());
  cursor.setPosition(0);
  cursor.setPosition(static_cast<int>(prime.size()), QTextCursor::KeepAnchor);
  QTextCharFormat format;
  format.setForeground(QColor(0x80, 0x80, 0x80));
  format.setFontItalic(true);
  cursor.mergeCharFormat(format);
}

}  // namespace

TextSamplesPanel::TextSamplesPanel(QWidget* parent)
    : QWidget(parent),
      m_sampler(new TextSampler(this)),
      m_temperature(new QSlider(Qt::Horizontal)),
      m_temperatureLabel(new QLabel),
      m_prime(new QLineEdit),
      m_primeMessage(new QLabel),
      m_length(new QSpinBox),
      m_newSample(new QPushButton(tr("New sample"))),
      m_caption(new QLabel),
      m_sampled(makeTextBox(tr("The sample appears here once the network has weights."))),
      m_greedy(makeTextBox(tr("The greedy continuation (always the most likely character)."))),
      m_sampledTitle(new QLabel(tr("Sampled"))),
      m_refreshTimer(new QTimer(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* controls = new QGridLayout;
  m_temperature->setRange(0, MaxNotch);
  m_temperature->setValue(NotchOfOne);
  m_temperature->setTickPosition(QSlider::TicksBelow);
  m_temperature->setToolTip(
      tr("Temperature τ: the outputs are divided by τ before the softmax. Left is 0 (always the "
         "most likely character), then 0.05 … 2 on a log scale; 1 samples the model as it is."));
  controls->addWidget(new QLabel(tr("Temperature")), 0, 0);
  controls->addWidget(m_temperature, 0, 1);
  m_temperatureLabel->setMinimumWidth(
      fontMetrics().horizontalAdvance(temperatureText(0.0)));  // the widest: no jumping slider
  controls->addWidget(m_temperatureLabel, 0, 2);
  controls->addWidget(new QLabel(tr("Prime")), 1, 0);
  m_prime->setPlaceholderText(tr("the text's first character"));
  m_prime->setToolTip(tr("The text fed to the network before it writes on its own"));
  controls->addWidget(m_prime, 1, 1);
  m_length->setRange(1, 2000);
  m_length->setValue(200);
  m_length->setSuffix(tr(" characters"));
  controls->addWidget(m_length, 1, 2);
  m_primeMessage->setWordWrap(true);
  m_primeMessage->setStyleSheet(QStringLiteral("color: #b00020"));
  m_primeMessage->hide();
  controls->addWidget(m_primeMessage, 2, 1, 1, 2);
  m_newSample->setToolTip(tr("Sample again with a new random seed"));
  controls->addWidget(m_newSample, 0, 3);
  controls->setColumnStretch(1, 1);
  layout->addLayout(controls);
  m_caption->setWordWrap(true);
  layout->addWidget(m_caption);
  auto* texts = new QGridLayout;
  texts->addWidget(m_sampledTitle, 0, 0);
  texts->addWidget(new QLabel(tr("Greedy (τ = 0)")), 0, 1);
  texts->addWidget(m_sampled, 1, 0);
  texts->addWidget(m_greedy, 1, 1);
  texts->setColumnStretch(0, 3);
  texts->setColumnStretch(1, 2);
  layout->addLayout(texts, 1);

  m_refreshTimer->setSingleShot(true);
  m_refreshTimer->setTimerType(Qt::PreciseTimer);  // never early: at most one sample per interval
  connect(m_refreshTimer, &QTimer::timeout, this, &TextSamplesPanel::requestSample);
  connect(m_temperature, &QSlider::valueChanged, this, [this] {
    updateTemperatureLabel();
    requestSample();
  });
  connect(m_prime, &QLineEdit::textChanged, this, &TextSamplesPanel::requestSample);
  connect(m_length, &QSpinBox::valueChanged, this, &TextSamplesPanel::requestSample);
  connect(m_newSample, &QPushButton::clicked, this, &TextSamplesPanel::newSample);
  connect(m_sampler, &TextSampler::sampleReady, this, &TextSamplesPanel::showResult);
  updateTemperatureLabel();
  clear();
}

double TextSamplesPanel::temperatureOfNotch(int notch) {
  if (notch <= 0) {
    return 0.0;
  }
  return std::exp2((notch - NotchOfOne) / NotchesPerDoubling);
}

int TextSamplesPanel::notchOfTemperature(double temperature) {
  if (!(temperature > 0.0)) {
    return 0;
  }
  const auto notch =
      static_cast<int>(std::lround(std::log2(temperature) * NotchesPerDoubling)) + NotchOfOne;
  return std::clamp(notch, 1, MaxNotch);
}

double TextSamplesPanel::temperature() const { return temperatureOfNotch(m_temperature->value()); }

void TextSamplesPanel::setTemperature(double temperature) {
  m_temperature->setValue(notchOfTemperature(temperature));
}

QString TextSamplesPanel::primeText() const { return m_prime->text(); }

void TextSamplesPanel::setPrimeText(const QString& prime) { m_prime->setText(prime); }

int TextSamplesPanel::sampleLength() const { return m_length->value(); }

void TextSamplesPanel::setSampleLength(int length) { m_length->setValue(length); }

QString TextSamplesPanel::sampledText() const { return m_sampledText; }

QString TextSamplesPanel::greedyText() const { return m_greedyText; }

QString TextSamplesPanel::temperatureText(double temperature) {
  return temperature == 0.0
             ? tr("τ = 0 (greedy)")
             : tr("τ = %1").arg(temperature, 0, 'g', temperature < 0.1 ? 2 : 3);
}

void TextSamplesPanel::updateTemperatureLabel() {
  m_temperatureLabel->setText(temperatureText(temperature()));
}

void TextSamplesPanel::setText(const rnnlab::TextData& text) {
  m_vocabulary = text.vocabulary;
  m_firstIndex = text.indices.empty() ? 0 : text.indices.front();
  m_model.reset();
  clear();
}

void TextSamplesPanel::clear() {
  m_sampler->cancel();
  m_refreshTimer->stop();
  m_shownIteration = -1;
  m_sampledText.clear();
  m_greedyText.clear();
  m_sampled->clear();
  m_greedy->clear();
  m_caption->setText(m_vocabulary.empty() ? tr("Samples need a text session.")
                                          : tr("No sample yet."));
}

std::optional<std::vector<int>> TextSamplesPanel::primeIndices() {
  const QString prime = m_prime->text();
  std::vector<int> indices;
  QStringList missing;
  for (const char32_t c : prime.toStdU32String()) {
    const auto found = m_vocabulary.find(c);
    if (found == std::u32string::npos) {
      const QString name = QString::fromStdString(rnnlab::describeCodePoint(c));
      if (!missing.contains(name)) {
        missing.append(name);
      }
    } else {
      indices.push_back(static_cast<int>(found));
    }
  }
  if (!missing.isEmpty()) {
    m_primeError = tr("The prime has %n character(s) the text never uses, so the network has no "
                      "input for them: %1.",
                      nullptr, static_cast<int>(missing.size()))
                       .arg(missing.join(QStringLiteral(", ")));
    m_primeMessage->setText(m_primeError);
    m_primeMessage->show();
    return std::nullopt;
  }
  m_primeError.clear();
  m_primeMessage->hide();
  if (indices.empty() && !m_vocabulary.empty()) {
    indices.push_back(m_firstIndex);
  }
  return indices;
}

void TextSamplesPanel::showModel(const rnnlab::Model& model, long iteration) {
  m_model = model;
  m_iteration = iteration;
  if (!m_sinceRequest.isValid() || m_sinceRequest.elapsed() >= m_refreshMs) {
    requestSample();
  } else if (!m_refreshTimer->isActive()) {
    m_refreshTimer->start(static_cast<int>(m_refreshMs - m_sinceRequest.elapsed()));
  }
}

void TextSamplesPanel::setRefreshInterval(int milliseconds) { m_refreshMs = milliseconds; }

void TextSamplesPanel::newSample() {
  ++m_seed;
  requestSample();
}

void TextSamplesPanel::requestSample() {
  m_refreshTimer->stop();
  const std::optional<std::vector<int>> prime = primeIndices();
  if (!m_model || m_vocabulary.empty() ||
      m_model->config.inputSize != static_cast<int>(m_vocabulary.size())) {
    return;
  }
  if (!prime || prime->empty()) {
    m_sampler->cancel();
    return;
  }
  TextSampleRequest request;
  request.model = *m_model;
  request.prime = *prime;
  request.settings.length = m_length->value();
  request.settings.temperature = temperature();
  request.settings.seed = m_seed;
  request.iteration = m_iteration;
  m_latestGeneration = m_sampler->request(std::move(request));
  m_sinceRequest.start();
  emit sampleRequested(m_iteration);
}

QString TextSamplesPanel::decode(const std::vector<int>& indices) const {
  std::u32string out;
  for (const int index : indices) {
    out.push_back(m_vocabulary[static_cast<std::size_t>(index)]);
  }
  return QString::fromStdU32String(out);
}

void TextSamplesPanel::showResult(const TextSampleResult& result) {
  if (result.generation != m_latestGeneration) {
    return;  // asked for before the newest request: an older model or older settings
  }
  const QString prime = decode(result.prime);
  m_sampledText = prime + decode(result.sampled);
  m_greedyText = prime + decode(result.greedy);
  m_shownIteration = result.iteration;
  showWithPrime(m_sampled, prime, m_sampledText);
  showWithPrime(m_greedy, prime, m_greedyText);
  m_sampledTitle->setText(tr("Sampled at %1").arg(temperatureText(result.settings.temperature)));
  m_caption->setText(tr("Iteration %1, seed %2, %3 characters after a %4-character prime.")
                         .arg(result.iteration)
                         .arg(result.settings.seed)
                         .arg(result.sampled.size())
                         .arg(result.prime.size()));
  emit sampleShown(result.iteration);
}
