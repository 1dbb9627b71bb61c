#pragma once

// Every model and training setting of a session, as form fields. Settings that the trainer can
// take between two iterations (optimizer, learning rate and its decay, clipping, iterations; the
// optimizer's rows are OptimizerFields) are reported by
// settingsEdited(); those that define a different model (cell, forget bias, hidden size, output
// mode, loss, seed, init scale) by modelEdited(), since they need a reset. Input and output sizes
// follow the data and are shown read-only.
//
// A collapsed "Teaching: the blog's bugs" group holds four check boxes that switch on the blog
// post's BPTT mistakes (rnnlab/blog_backward.h), wrong on purpose; they are training settings
// (settingsEdited, undoable like the others). A bug that is undefined for the model (not the rnn
// cell, the wrong output mode or loss) or for the data (text) is disabled, and a model edit that
// makes it undefined switches it off in the same edit.

#include <QWidget>
#include <array>
#include <cstddef>

#include "editors/stack_settings.h"
#include "rnnlab/blog_bugs.h"
#include "rnnlab/model.h"
#include "rnnlab/sequence_set.h"
#include "rnnlab/training_settings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class QToolButton;
class OptimizerFields;

class SettingsPanel : public QWidget {
  Q_OBJECT

 public:
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
  // The warning for a rate: empty within the usual range (OptimizerFields').
  static QString learningRateWarningFor(double rate);

  // Whether the data is one numeric sequence (the blog's bugs are undefined for text); true
  // until told otherwise.
  void setSingleSequence(bool singleSequence);
  QCheckBox* blogBugBox(rnnlab::BlogBug bug) const {
    return m_blogBugBoxes[static_cast<std::size_t>(bug)];
  }
  // The arrow that opens and closes the teaching group (collapsed at first).
  QToolButton* blogBugsToggle() const { return m_blogBugsToggle; }
  // The rows of the stack: layers, bidirectional, dropout (v3 §1).
  StackSettings* stackSettings() const { return m_stack; }
  bool blogBugsExpanded() const;
  // The warning the group shows while a bug is on, empty when none is.
  QString blogBugsWarning() const;
  // What the window's notice says while bugs are on (empty when none is).
  static QString blogBugsNotice(const rnnlab::BlogBugs& bugs);
  // A bug's label, and its tooltip (what the blog does, as an equation).
  static QString blogBugLabel(rnnlab::BlogBug bug);
  static QString blogBugToolTip(rnnlab::BlogBug bug);

 signals:
  void settingsEdited(const rnnlab::TrainingSettings& settings);
  void modelEdited(const rnnlab::ModelConfig& model, const rnnlab::TrainingSettings& settings);
  // Data sets: the batch size (0: all sequences) and shuffle as the user set them.
  void batchSizeEdited(int batchSize);
  void shuffleEdited(bool shuffle);

 private:
  void readTrainingFields();
  void readModelFields();
  void setBlogBugsExpanded(bool expanded);
  // Enables the bugs defined for the model and data; shows the warning when one is on.
  void updateBlogBugs();

  rnnlab::ModelConfig m_model;
  rnnlab::TrainingSettings m_settings;

  QFormLayout* m_modelForm;
  QLabel* m_inputSize;
  QComboBox* m_cell;
  QDoubleSpinBox* m_forgetBias;
  QSpinBox* m_hiddenSize;
  StackSettings* m_stack;
  QLabel* m_outputSize;
  QComboBox* m_outputMode;
  QComboBox* m_loss;
  QSpinBox* m_seed;
  QDoubleSpinBox* m_initScale;

  QFormLayout* m_trainingForm;
  OptimizerFields* m_optimizerFields;
  QDoubleSpinBox* m_clipValue;
  QDoubleSpinBox* m_clipNorm;
  QSpinBox* m_iterations;
  QLabel* m_historyMemory;

  bool m_singleSequence = true;
  QToolButton* m_blogBugsToggle;
  QWidget* m_blogBugsBody;
  std::array<QCheckBox*, rnnlab::BlogBugCount> m_blogBugBoxes{};
  QLabel* m_blogBugsWarning;
  QSpinBox* m_batchSize;
  int m_shownBatchSize = 0;  // what setDataSet showed or the user last chose
  QCheckBox* m_shuffle;
};
