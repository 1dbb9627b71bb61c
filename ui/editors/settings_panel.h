#pragma once

// Every model and training setting of a session, as form fields. Settings that the trainer can
// take between two iterations (learning rate, clipping, optimizer, iterations) are reported by
// settingsEdited(); those that define a different model (cell, forget bias, hidden size, output
// mode, loss, seed, init scale) by modelEdited(), since they need a reset. Input and output sizes
// follow the data and are shown read-only.

#include <QWidget>
#include <cstddef>

#include "rnnlab/model.h"
#include "rnnlab/sequence_set.h"
#include "rnnlab/training_settings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class LogSpinBox;

class SettingsPanel : public QWidget {
  Q_OBJECT

 public:
  // The learning rate field takes any rate in this range (the core takes any positive one).
  static constexpr double MinimumLearningRate = 1e-12;
  static constexpr double MaximumLearningRate = 1e9;
  // Above this the panel warns (and still accepts the rate).
  static constexpr double UsualLearningRateLimit = 1.0;

  explicit SettingsPanel(QWidget* parent = nullptr);

  // Shows these values; emits nothing.
  void setValues(const rnnlab::ModelConfig& model, const rnnlab::TrainingSettings& settings);
  rnnlab::ModelConfig modelConfig() const { return m_model; }
  rnnlab::TrainingSettings settings() const { return m_settings; }
  // States the memory bound of the weights kept for rewinding (read-only: the bound is the
  // controller's).
  void setHistoryMemory(std::size_t bytes);
  QString historyMemoryText() const;
  // A data set's batch size and shuffle, shown in their rows (nullptr: not a data set, the rows
  // are hidden). Emits nothing.
  void setDataSet(const rnnlab::SequenceSet* set);
  bool showsDataSet() const;
  // The warning shown under the learning rate, empty when none is shown.
  QString learningRateWarning() const;
  // The warning for a rate: empty within the usual range.
  static QString learningRateWarningFor(double rate);

 signals:
  void settingsEdited(const rnnlab::TrainingSettings& settings);
  void modelEdited(const rnnlab::ModelConfig& model, const rnnlab::TrainingSettings& settings);
  // Data sets: the batch size (0: all sequences) and shuffle as the user set them.
  void batchSizeEdited(int batchSize);
  void shuffleEdited(bool shuffle);

 private:
  void readTrainingFields();
  void readModelFields();
  void updateOptimizerRows();
  void updateLearningRateWarning();

  rnnlab::ModelConfig m_model;
  rnnlab::TrainingSettings m_settings;

  QFormLayout* m_modelForm;
  QLabel* m_inputSize;
  QComboBox* m_cell;
  QDoubleSpinBox* m_forgetBias;
  QSpinBox* m_hiddenSize;
  QLabel* m_outputSize;
  QComboBox* m_outputMode;
  QComboBox* m_loss;
  QSpinBox* m_seed;
  QDoubleSpinBox* m_initScale;

  QFormLayout* m_trainingForm;
  QComboBox* m_optimizer;
  LogSpinBox* m_learningRate;
  QLabel* m_learningRateWarning;
  QDoubleSpinBox* m_momentum;
  QDoubleSpinBox* m_beta1;
  QDoubleSpinBox* m_beta2;
  LogSpinBox* m_epsilon;
  QDoubleSpinBox* m_clipValue;
  QDoubleSpinBox* m_clipNorm;
  QSpinBox* m_iterations;
  QLabel* m_historyMemory;
  QSpinBox* m_batchSize;
  int m_shownBatchSize = 0;  // what setDataSet showed or the user last chose
  QCheckBox* m_shuffle;
};
