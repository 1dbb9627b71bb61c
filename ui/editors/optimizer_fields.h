#pragma once

// The optimizer's rows of the Settings panel's training form: the optimizer, the learning rate η
// (with a warning above the usual range), the learning-rate decay (γ, and its n and s while γ is
// below 1) and the optimizer's own hyper-parameters (momentum μ; Adam's β1, β2; RMSprop's α; ε
// for Adagrad, Adam and RMSprop), each row shown only where it applies. It owns no settings: the
// panel shows values with setValues() and reads the edited ones with read().

#include <QObject>
#include <QString>

#include "rnnlab/training_settings.h"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class LogSpinBox;

class OptimizerFields : public QObject {
  Q_OBJECT

 public:
  // The learning rate field takes any rate in this range (the core takes any positive one).
  static constexpr double MinimumLearningRate = 1e-12;
  static constexpr double MaximumLearningRate = 1e9;
  // Above this the panel warns (and still accepts the rate).
  static constexpr double UsualLearningRateLimit = 1.0;

  // Adds its rows to `form` (whose widget is their parent), in the order above.
  explicit OptimizerFields(QFormLayout* form);

  // Shows these values without emitting edited().
  void setValues(const rnnlab::TrainingSettings& settings);
  // Copies into `settings` each value whose field shows something else than `settings` would,
  // and shows the rows that apply to what the fields now say.
  void read(rnnlab::TrainingSettings& settings);

  // The warning shown under the learning rate, empty when none is shown.
  QString learningRateWarning() const;
  // The warning for a rate: empty within the usual range.
  static QString learningRateWarningFor(double rate);
  void updateLearningRateWarning(double rate);

 signals:
  // A field changed (possibly to what it showed: read() tells).
  void edited();

 private:
  // Shows the rows that apply to these settings.
  void updateRows(const rnnlab::TrainingSettings& settings);

  QFormLayout* m_form;
  QComboBox* m_optimizer;
  LogSpinBox* m_learningRate;
  QLabel* m_learningRateWarning;
  QDoubleSpinBox* m_decay;
  QSpinBox* m_decayEvery;
  QSpinBox* m_decayStart;
  QDoubleSpinBox* m_momentum;
  QDoubleSpinBox* m_beta1;
  QDoubleSpinBox* m_beta2;
  QDoubleSpinBox* m_alpha;
  LogSpinBox* m_epsilon;
};
