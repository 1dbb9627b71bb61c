#pragma once

// One click compares the core's analytic gradients with central finite differences
// (rnnlab::gradientCheck) on the current model and data, and shows the largest relative error of
// each parameter block against the tolerance, green below it and red above it.
//
// Threading: the check costs two forward passes per checked element (seconds on large models),
// so it always runs on the thread pool (LatestOnlyJob) on copies of the model and data, one check
// at a time, hidden or not. Destroying the panel mid-check raises the check's cancel flag and
// waits for the element in progress, no longer.
//
// With the blog's bugs on (setBlogBugs; teaching only) the check compares the blog's wrong
// gradient with differences of the blog's loss, and says that errors of order 1 are the point.

#include <QMetaType>
#include <QStringList>
#include <QWidget>
#include <array>
#include <atomic>
#include <optional>

#include "rnnlab/blog_bugs.h"
#include "rnnlab/gradient_check.h"
#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"
#include "widgets/latest_only_job.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

Q_DECLARE_METATYPE(rnnlab::GradientCheckResult)

class GradientCheckPanel : public QWidget {
  Q_OBJECT

 public:
  // Models with at most this many parameters are checked element by element; larger ones check a
  // sample of SampleSizePerBlock elements of each block.
  static constexpr rnnlab::Index FullCheckLimit = 5000;
  static constexpr rnnlab::Index SampleSizePerBlock = 200;

  explicit GradientCheckPanel(QWidget* parent = nullptr);

  // Copies both; the next check uses them. A check already running keeps its own copies.
  void setModelAndData(const rnnlab::Model& model, const rnnlab::SequenceData& sequence);

  // Teaching only: the next check uses the blog's gradient with these bugs (all off: the real
  // one). A check already running keeps its own.
  void setBlogBugs(const rnnlab::BlogBugs& bugs);
  const rnnlab::BlogBugs& blogBugs() const { return m_blogBugs; }

  // The options a check of the current model uses (all elements, or a sample per block).
  rnnlab::GradientCheckOptions checkOptions() const;
  bool isRunning() const { return m_job.isRunning(); }
  const std::optional<rnnlab::GradientCheckResult>& lastResult() const { return m_result; }
  // Forgets the last result (another session: its rows would describe a model no longer here).
  void clearResult();

  // The parts, for tests and for a parent that wants to rearrange them.
  QPushButton* runButton() const { return m_runButton; }
  // The configuration of the model it would check, if it has one.
  std::optional<rnnlab::ModelConfig> modelConfig() const {
    return m_model ? std::optional(m_model->config) : std::nullopt;
  }
  QTableWidget* table() const { return m_table; }
  QString verdictText() const;
  // What a correct check shows and where small non-zero errors come from (shown under the verdict).
  static QString expectationText();
  QString scopeText() const;

 public slots:
  // Starts a check of the current model and data (the button does the same); ignored while one
  // runs or when there is nothing to check.
  void runCheck();

 signals:
  void started();
  void finished(rnnlab::GradientCheckResult result);

 private:
  struct CheckInput {
    rnnlab::Model model;
    rnnlab::SequenceData data;
    rnnlab::GradientCheckOptions options;
  };
  static rnnlab::GradientCheckResult check(const CheckInput& input,
                                           const std::atomic<bool>& cancel);
  void onCheckFinished(rnnlab::GradientCheckResult result);
  void showResult();
  void updateState();
  void validateInputs();

  std::optional<rnnlab::Model> m_model;
  rnnlab::SequenceData m_data;
  rnnlab::BlogBugs m_blogBugs;
  rnnlab::BlogBugs m_checkedBlogBugs;  // those of the running or last check
  QString m_inputProblem;         // why the current model and data cannot be checked, or empty
  long m_generation = 0;          // counts setModelAndData calls
  long m_checkedGeneration = -1;  // the generation the last result (or the running check) is for

  LatestOnlyJob<CheckInput, rnnlab::GradientCheckResult> m_job;
  std::optional<rnnlab::GradientCheckResult> m_result;
  QStringList m_checkedShapes;  // "4×3", ... of the model the running or last check used
  QStringList m_checkedNames;   // its block names ("W_ih_l1", ...)
  std::array<rnnlab::Index, rnnlab::Parameters::MaxBlockCount> m_checkedBlockSizes{};

  QPushButton* m_runButton = nullptr;  // children, owned by Qt's parent chain
  QProgressBar* m_busy = nullptr;
  QLabel* m_scope = nullptr;
  QTableWidget* m_table = nullptr;
  QLabel* m_verdict = nullptr;
  QLabel* m_expectation = nullptr;
};
