#pragma once

// The one background computation of a view (the memory view, the spectrum, the step Jacobians,
// the gradient check), so that each view keeps only what it computes and what it draws:
//
// - Latest only: request() replaces the input still waiting; an input replaced before its run
//   began is never computed. A run that has begun is not stopped by a newer request: its result
//   is the freshest there is and is applied, and the newest input runs after it (a view fed 30
//   snapshots a second by training would otherwise never show anything).
// - Spacing: two runs start at least Policy::minimumIntervalMs apart.
// - Hidden views: with Policy::onlyWhileVisible set, nothing starts while that widget is hidden
//   (a dock behind a tab); hiding raises the running run's cancel flag, and showing runs the
//   latest input, the cancelled one again if nothing newer came.
// - Cancellation: compute() is handed a flag to poll; a run whose flag was raised is never
//   applied, whatever it returned.
// - Exit: a run holds its own copy of the input and the flag, never the view. The destructor
//   raises the flag, withdraws a run the pool has not begun, and waits for a begun one to return:
//   exactly as long as compute() takes to notice the flag (one row, one Arnoldi step, one checked
//   element). So nothing of a view outlives it, and the global pool that QCoreApplication drains
//   at exit holds no work of a closed window.
//
// compute() runs on Qt's global thread pool, or on the GUI thread at the start itself when
// runsInline(input) says so (small inputs: no thread hop, nothing to cancel). apply() runs on
// the GUI thread.

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QWidget;

// When a request that may start now starts.
enum class JobStart {
  Coalesced,  // at the next turn of the event loop: requests made in one go run once, the last
  AtOnce,     // inside request(): an inline run's result is there when request() returns
};

struct LatestOnlyJobPolicy {
  QWidget* onlyWhileVisible = nullptr;  // nothing runs while it is hidden; null: runs regardless
  int minimumIntervalMs = 0;            // between two starts
  JobStart start = JobStart::Coalesced;
};

// What does not depend on the input's and the result's types: pacing, visibility, the flag.
class LatestOnlyJobBase : public QObject {
  Q_OBJECT

 public:
  // An input waits: for the spacing, for the widget to be shown, or for the running run.
  bool hasPending() const { return m_pending; }
  // A run on the thread pool has not reported yet.
  bool isRunning() const { return m_running; }
  bool isBusy() const { return m_running || m_pending; }
  // The flag of the running (or last) pool run, null before the first; for tests.
  std::shared_ptr<const std::atomic<bool>> runningCancelFlag() const { return m_cancel; }

 signals:
  // hasPending() or isRunning() may have changed (a view drawing "computing…" repaints).
  void busyChanged();

 protected:
  explicit LatestOnlyJobBase(const LatestOnlyJobPolicy& policy);
  ~LatestOnlyJobBase() override;

  // The derived job stored a new latest input.
  void markPending();
  // Runs the latest input, inline or by beginPoolRun().
  virtual void runLatest() = 0;
  // A pool run begins: its fresh cancel flag.
  std::shared_ptr<std::atomic<bool>> beginPoolRun();
  // A pool run reported; `runAgain` when its result is dropped and its input is still the latest.
  void endPoolRun(bool runAgain);
  // After a run's result was applied: the next start, if an input waits.
  void scheduleNext();
  // For the derived destructor: no timer, and the running run told to stop.
  void stopForGood();
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  bool mayRun() const;
  void schedule();
  void startIfDue();

  LatestOnlyJobPolicy m_policy;
  QTimer m_timer;              // single shot: the next start, once the spacing allows it
  QElapsedTimer m_sinceStart;  // since the last start; invalid before the first
  bool m_pending = false;
  bool m_running = false;
  bool m_stopped = false;
  std::shared_ptr<std::atomic<bool>> m_cancel;
};

template <class Input, class Result>
class LatestOnlyJob final : public LatestOnlyJobBase {
 public:
  // Runs on a pool thread (unless inline): must not touch the view; polls `cancel`.
  using Compute = std::function<Result(const Input& input, const std::atomic<bool>& cancel)>;
  // Runs on the GUI thread with a result that was not cancelled.
  using Apply = std::function<void(const Input& input, Result result)>;
  using RunsInline = std::function<bool(const Input& input)>;

  LatestOnlyJob(const LatestOnlyJobPolicy& policy, Compute compute, Apply apply,
                RunsInline runsInline = {})
      : LatestOnlyJobBase(policy),
        m_compute(std::move(compute)),
        m_apply(std::move(apply)),
        m_runsInline(std::move(runsInline)) {
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] { onPoolRunFinished(); });
  }

  ~LatestOnlyJob() override {
    m_watcher.disconnect(this);
    stopForGood();
    m_watcher.cancel();  // a run still queued in the pool never begins
    m_watcher.waitForFinished();
  }

  LatestOnlyJob(const LatestOnlyJob&) = delete;
  LatestOnlyJob& operator=(const LatestOnlyJob&) = delete;

  // Keeps `input` as the latest (dropping one that waits) and schedules a run.
  void request(Input input) {
    m_latest = std::make_shared<const Input>(std::move(input));
    markPending();
  }

 private:
  void runLatest() override {
    std::shared_ptr<const Input> input = m_latest;
    if (m_runsInline && m_runsInline(*input)) {
      const std::atomic<bool> never{false};
      m_apply(*input, m_compute(*input, never));
      return;
    }
    m_runningInput = input;
    std::shared_ptr<std::atomic<bool>> cancel = beginPoolRun();
    // The task shares the immutable input and the flag; the result comes back by value.
    m_watcher.setFuture(QtConcurrent::run(
        [compute = m_compute, input, cancel] { return compute(*input, *cancel); }));
  }

  void onPoolRunFinished() {
    std::shared_ptr<const Input> input = std::move(m_runningInput);
    const bool dropped = runningCancelFlag()->load() || m_watcher.future().resultCount() == 0;
    std::optional<Result> result;
    if (!dropped) {
      result.emplace(m_watcher.result());
    }
    endPoolRun(dropped && input == m_latest);
    if (result) {
      m_apply(*input, std::move(*result));
    }
    scheduleNext();
  }

  Compute m_compute;
  Apply m_apply;
  RunsInline m_runsInline;
  std::shared_ptr<const Input> m_latest;
  std::shared_ptr<const Input> m_runningInput;
  QFutureWatcher<Result> m_watcher;
};
