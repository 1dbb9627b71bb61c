#pragma once

// Samples of a character-level model while it trains: the sampled text after a prime and, beside
// it, the greedy (τ = 0) continuation. A new model is sampled at most once per refresh interval
// (about a second), off the GUI thread (TextSampler); a result of an older model than the one
// last asked for is dropped. The temperature slider is logarithmic from 0.05 to 2 with its
// leftmost notch at 0 (greedy); "New sample" draws with a new seed. It only draws what it is
// given.

#include <QElapsedTimer>
#include <QWidget>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/text_data.h"
#include "training/text_sampler.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

class TextSamplesPanel : public QWidget {
  Q_OBJECT

 public:
  explicit TextSamplesPanel(QWidget* parent = nullptr);

  // The session's text: its vocabulary checks the prime and decodes the samples. An empty prime
  // field stands for the text's first character (as the CLI's default).
  void setText(const rnnlab::TextData& text);
  // The newest model (a copy is kept). Sampled now if the last sample was asked for at least
  // refreshInterval() ago, otherwise when that much time has passed (only the newest model).
  void showModel(const rnnlab::Model& model, long iteration);
  void clear();

  void setRefreshInterval(int milliseconds);
  int refreshInterval() const { return m_refreshMs; }

  // The slider: notch 0 is τ = 0, notches 1..MaxNotch are 2^((notch − 18)/4), 0.0526 … 2 with
  // τ = 1 at notch 18.
  static constexpr int MaxNotch = 22;
  static double temperatureOfNotch(int notch);
  static int notchOfTemperature(double temperature);  // the nearest notch
  static QString temperatureText(double temperature);  // "τ = 0.5", "τ = 0 (greedy)"
  double temperature() const;
  void setTemperature(double temperature);

  QString primeText() const;
  void setPrimeText(const QString& prime);
  // Empty when the prime is usable, else the one message shown (characters not in the vocabulary).
  QString primeError() const { return m_primeError; }
  int sampleLength() const;
  void setSampleLength(int length);
  std::uint64_t seed() const { return m_seed; }

  // What is shown: the prime plus the sampled characters, and the prime plus the greedy ones.
  QString sampledText() const;
  QString greedyText() const;
  long shownIteration() const { return m_shownIteration; }  // −1 before the first sample
  // Samples the kept model now (a changed setting does the same).
  void requestSample();
  // "New sample": a new seed, then requestSample().
  void newSample();
  TextSampler* sampler() const { return m_sampler; }

 signals:
  // A sample of the model of `iteration` was asked for (the sampler works on it now).
  void sampleRequested(long iteration);
  void sampleShown(long iteration);

 private:
  void showResult(const TextSampleResult& result);
  void updateTemperatureLabel();
  std::optional<std::vector<int>> primeIndices();
  QString decode(const std::vector<int>& indices) const;

  TextSampler* m_sampler;
  QSlider* m_temperature;
  QLabel* m_temperatureLabel;
  QLineEdit* m_prime;
  QLabel* m_primeMessage;
  QSpinBox* m_length;
  QPushButton* m_newSample;
  QLabel* m_caption;
  QPlainTextEdit* m_sampled;
  QPlainTextEdit* m_greedy;
  QLabel* m_sampledTitle;
  QTimer* m_refreshTimer;
  QElapsedTimer m_sinceRequest;

  std::u32string m_vocabulary;
  int m_firstIndex = 0;
  std::optional<rnnlab::Model> m_model;
  long m_iteration = 0;
  long m_shownIteration = -1;
  long m_latestGeneration = 0;
  std::uint64_t m_seed = 1;
  int m_refreshMs = 1000;
  QString m_primeError;
  QString m_sampledText;
  QString m_greedyText;
};
