#pragma once

// Chooses one of the core's task generators (noisy sine, echo, adding, copy, parity), its few
// parameters and the counts and seed, and says what the task teaches. task() runs the core
// generator with exactly those options, so the same choices always give the same numbers as the
// CLI and the tests.

#include <QDialog>
#include <QString>
#include <optional>

#include "rnnlab/sequence_generators.h"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class QStackedWidget;

class GeneratorDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Kind { Sine, Echo, Adding, Copy, Parity };

  explicit GeneratorDialog(QWidget* parent = nullptr);
  ~GeneratorDialog() override;

  void setKind(Kind kind);
  Kind kind() const;
  // The task's name as the chooser shows it ("Noisy sine", ...).
  QString taskName() const;

  // The options as the fields show them.
  rnnlab::GeneratorCounts counts() const;
  rnnlab::SineOptions sineOptions() const;
  rnnlab::EchoOptions echoOptions() const;
  rnnlab::AddingOptions addingOptions() const;
  rnnlab::CopyOptions copyOptions() const;
  rnnlab::ParityOptions parityOptions() const;

  // The generated sets and the network shape the task needs (inputs, outputs, output mode,
  // loss). The fields' ranges keep the options valid; the core still throws
  // std::invalid_argument on anything out of range.
  rnnlab::GeneratedTask task() const;

  // What the task teaches and the shapes it gives, as shown under the fields.
  QString previewText() const;

  // A generated task and the name it was chosen by.
  struct Choice {
    rnnlab::GeneratedTask task;
    QString name;
  };
  // Shows the dialog over `parent` and generates what was chosen. Empty when cancelled (error
  // left empty) or when the core refused the options (its message in `error`).
  static std::optional<Choice> choose(QWidget* parent, QString* error);

 private:
  void updatePreview();
  QSpinBox* addIntField(QFormLayout* form, const QString& label, int min, int max, int value,
                        const QString& tip);

  QComboBox* m_kind = nullptr;
  QStackedWidget* m_pages = nullptr;
  QSpinBox* m_sineLength = nullptr;
  QDoubleSpinBox* m_sinePeriod = nullptr;
  QDoubleSpinBox* m_sineNoise = nullptr;
  QSpinBox* m_echoLength = nullptr;
  QSpinBox* m_echoDelay = nullptr;
  QSpinBox* m_addingLength = nullptr;
  QSpinBox* m_copyPattern = nullptr;
  QSpinBox* m_copyGap = nullptr;
  QSpinBox* m_copySymbols = nullptr;
  QSpinBox* m_parityLength = nullptr;
  QSpinBox* m_train = nullptr;
  QSpinBox* m_validation = nullptr;
  QSpinBox* m_seed = nullptr;
  QLabel* m_preview = nullptr;
};
