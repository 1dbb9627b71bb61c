// LatestOnlyJob: only the latest request runs, a hidden owner runs nothing, hiding cancels and
// showing runs again, a cancelled run is never applied, and destruction waits only for the run to
// notice its flag. "While a run runs" is made by a gate that the test opens, never by timing:
// each test's outcome is the same on a fast and on a loaded machine.

#include "widgets/latest_only_job.h"

#include <QThread>
#include <QThreadPool>
#include <QWidget>
#include <QtTest>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

namespace {

using Job = LatestOnlyJob<int, int>;

constexpr int TimeoutMs = 60000;  // QTRY's bound: generous for sanitizer builds and loaded CI
// A gated run that nobody releases gives up after this and says so (watchdogFired): a broken
// job then fails the test instead of hanging it.
constexpr auto Watchdog = std::chrono::seconds(120);

// What the compute function saw, written from pool threads.
struct Runs {
  mutable std::mutex mutex;
  std::condition_variable changed;
  bool gateOpen = false;
  QList<int> started;    // inputs, in the order their runs began
  QList<int> cancelled;  // inputs whose run was released by its cancel flag
  int returned = 0;
  bool watchdogFired = false;
  bool ranOffTheGuiThread = true;

  void openGate() {
    const std::lock_guard lock(mutex);
    gateOpen = true;
    changed.notify_all();
  }
  QList<int> startedSoFar() const {
    const std::lock_guard lock(mutex);
    return started;
  }
  QList<int> cancelledSoFar() const {
    const std::lock_guard lock(mutex);
    return cancelled;
  }
  int returnedSoFar() const {
    const std::lock_guard lock(mutex);
    return returned;
  }
};

// Returns 10 × input once the gate is open or the cancel flag is up (polled, as the core's
// computations poll it).
Job::Compute gatedCompute(std::shared_ptr<Runs> runs) {
  return [runs](const int& input, const std::atomic<bool>& cancel) {
    std::unique_lock lock(runs->mutex);
    runs->started.push_back(input);
    runs->ranOffTheGuiThread = runs->ranOffTheGuiThread &&
                               QThread::currentThread() != QCoreApplication::instance()->thread();
    const auto deadline = std::chrono::steady_clock::now() + Watchdog;
    while (!runs->gateOpen && !cancel.load()) {
      if (std::chrono::steady_clock::now() > deadline) {
        runs->watchdogFired = true;
        break;
      }
      runs->changed.wait_for(lock, std::chrono::milliseconds(1));
    }
    if (cancel.load()) {
      runs->cancelled.push_back(input);
    }
    ++runs->returned;
    return 10 * input;
  };
}

// What apply() was handed, on the GUI thread.
struct Applied {
  QList<std::pair<int, int>> results;  // (input, result)
};

Job::Apply recordTo(std::shared_ptr<Applied> applied) {
  return [applied](const int& input, int result) { applied->results.emplace_back(input, result); };
}

using Results = QList<std::pair<int, int>>;

// Lets queued timers and events of the job run, without waiting for anything.
void turnTheEventLoop() {
  for (int i = 0; i < 5; ++i) {
    QCoreApplication::processEvents();
  }
}

}  // namespace

class LatestOnlyJobTest : public QObject {
  Q_OBJECT

 private slots:
  void requestsMadeInOneGoRunOnceWithTheLast() {
    QWidget owner;
    owner.show();
    auto runs = std::make_shared<Runs>();
    runs->openGate();
    auto applied = std::make_shared<Applied>();
    Job job({&owner, 0, JobStart::Coalesced}, gatedCompute(runs), recordTo(applied));
    job.request(1);
    job.request(2);
    job.request(3);
    QVERIFY(job.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), TimeoutMs);
    QCOMPARE(runs->startedSoFar(), QList<int>{3});
    QCOMPARE(applied->results, (Results{{3, 30}}));
    QVERIFY(runs->ranOffTheGuiThread);
  }

  // Inputs replaced while a run runs are never computed; the run's own result is still shown
  // (it is the freshest there is), then the newest input runs.
  void requestsDuringARunKeepOnlyTheLatest() {
    QWidget owner;
    owner.show();
    auto runs = std::make_shared<Runs>();
    auto applied = std::make_shared<Applied>();
    Job job({&owner, 0, JobStart::Coalesced}, gatedCompute(runs), recordTo(applied));
    job.request(1);
    QTRY_COMPARE_WITH_TIMEOUT(runs->startedSoFar(), QList<int>{1}, TimeoutMs);
    QVERIFY(job.isRunning());
    job.request(2);
    job.request(3);
    job.request(4);
    turnTheEventLoop();
    QVERIFY(job.hasPending());
    QCOMPARE(runs->startedSoFar(), QList<int>{1});  // one run at a time
    runs->openGate();
    QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), TimeoutMs);
    QCOMPARE(runs->startedSoFar(), (QList<int>{1, 4}));
    QCOMPARE(applied->results, (Results{{1, 10}, {4, 40}}));
    QVERIFY(runs->cancelledSoFar().empty());
    QVERIFY(!runs->watchdogFired);
  }

  void nothingRunsWhileTheOwnerIsHidden() {
    for (const JobStart start : {JobStart::Coalesced, JobStart::AtOnce}) {
      QWidget owner;  // never shown yet
      auto runs = std::make_shared<Runs>();
      runs->openGate();
      auto applied = std::make_shared<Applied>();
      Job job({&owner, 0, start}, gatedCompute(runs), recordTo(applied));
      job.request(1);
      job.request(2);
      turnTheEventLoop();
      QVERIFY(!job.isRunning());
      QVERIFY(job.hasPending());  // waits to be shown
      QVERIFY(runs->startedSoFar().empty());
      owner.show();
      QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), TimeoutMs);
      QCOMPARE(runs->startedSoFar(), QList<int>{2});
      QCOMPARE(applied->results, (Results{{2, 20}}));
    }
  }

  void hidingCancelsTheRunAndShowingRunsItsInputAgain() {
    QWidget owner;
    owner.show();
    auto runs = std::make_shared<Runs>();
    auto applied = std::make_shared<Applied>();
    Job job({&owner, 0, JobStart::Coalesced}, gatedCompute(runs), recordTo(applied));
    job.request(1);
    QTRY_COMPARE_WITH_TIMEOUT(runs->startedSoFar(), QList<int>{1}, TimeoutMs);
    owner.hide();
    // Only the flag can end the run: the gate stays shut.
    QTRY_VERIFY_WITH_TIMEOUT(!job.isRunning(), TimeoutMs);
    QCOMPARE(runs->cancelledSoFar(), QList<int>{1});
    QVERIFY(applied->results.empty());  // a cancelled run is never applied
    QVERIFY(job.hasPending());          // its input waits to be shown
    turnTheEventLoop();
    QCOMPARE(runs->startedSoFar(), QList<int>{1});
    runs->openGate();
    owner.show();
    QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), TimeoutMs);
    QCOMPARE(runs->startedSoFar(), (QList<int>{1, 1}));
    QCOMPARE(applied->results, (Results{{1, 10}}));
    QVERIFY(!runs->watchdogFired);
  }

  void aRequestWhileHiddenReplacesTheCancelledInput() {
    QWidget owner;
    owner.show();
    auto runs = std::make_shared<Runs>();
    auto applied = std::make_shared<Applied>();
    Job job({&owner, 0, JobStart::Coalesced}, gatedCompute(runs), recordTo(applied));
    job.request(1);
    QTRY_COMPARE_WITH_TIMEOUT(runs->startedSoFar(), QList<int>{1}, TimeoutMs);
    owner.hide();
    job.request(2);
    QTRY_VERIFY_WITH_TIMEOUT(!job.isRunning(), TimeoutMs);
    runs->openGate();
    owner.show();
    QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), TimeoutMs);
    QCOMPARE(runs->startedSoFar(), (QList<int>{1, 2}));
    QCOMPARE(applied->results, (Results{{2, 20}}));
  }

  // The destructor raises the flag and returns once the run noticed it: the gate, which nobody
  // opens, does not hold it (the watchdog would, and says so).
  void destructionWaitsOnlyForTheRunToNoticeItsFlag() {
    QWidget owner;
    owner.show();
    auto runs = std::make_shared<Runs>();
    auto applied = std::make_shared<Applied>();
    auto job = std::make_unique<Job>(LatestOnlyJobPolicy{&owner, 0, JobStart::Coalesced},
                                     gatedCompute(runs), recordTo(applied));
    job->request(1);
    QTRY_COMPARE_WITH_TIMEOUT(runs->startedSoFar(), QList<int>{1}, TimeoutMs);
    const std::shared_ptr<const std::atomic<bool>> flag = job->runningCancelFlag();
    QVERIFY(flag && !flag->load());
    job.reset();
    QVERIFY(flag->load());
    QCOMPARE(runs->returnedSoFar(), 1);  // returned before the destructor did
    QCOMPARE(runs->cancelledSoFar(), QList<int>{1});
    QVERIFY(!runs->watchdogFired);
    turnTheEventLoop();
    QVERIFY(applied->results.empty());
  }

  // A run still queued behind other work in the pool is withdrawn: destroying the job neither
  // waits for the pool to reach it nor computes it.
  void destructionWithdrawsARunThePoolHasNotBegun() {
    QThreadPool* pool = QThreadPool::globalInstance();
    auto blockers = std::make_shared<Runs>();  // its gate holds every pool thread
    const int threads = pool->maxThreadCount();
    for (int i = 0; i < threads; ++i) {
      pool->start([blockers] {
        const std::atomic<bool> never{false};
        gatedCompute(blockers)(0, never);
      });
    }
    QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(blockers->startedSoFar().size()), threads,
                              TimeoutMs);
    QWidget owner;
    owner.show();
    auto runs = std::make_shared<Runs>();
    runs->openGate();
    auto applied = std::make_shared<Applied>();
    auto job = std::make_unique<Job>(LatestOnlyJobPolicy{&owner, 0, JobStart::AtOnce},
                                     gatedCompute(runs), recordTo(applied));
    job->request(1);
    QVERIFY(job->isRunning());  // handed to the pool, which has no free thread
    job.reset();
    blockers->openGate();
    QVERIFY(pool->waitForDone(TimeoutMs));
    QVERIFY(runs->startedSoFar().empty());
    QVERIFY(!blockers->watchdogFired);
    turnTheEventLoop();
    QVERIFY(applied->results.empty());
  }

  // AtOnce with an inline run: the result is there when request() returns; the next request
  // waits out the spacing, and only its latest input runs.
  void atOnceRunsInlineInsideTheRequestAndSpacesTheNextStart() {
    constexpr int Spacing = 1000;
    auto runs = std::make_shared<Runs>();
    runs->openGate();
    auto applied = std::make_shared<Applied>();
    bool inlineOnGuiThread = true;
    Job job(
        {nullptr, Spacing, JobStart::AtOnce}, gatedCompute(runs),
        [&](const int& input, int result) {
          inlineOnGuiThread = inlineOnGuiThread && QThread::currentThread() == thread();
          applied->results.emplace_back(input, result);
        },
        [](const int&) { return true; });
    QElapsedTimer clock;
    clock.start();
    job.request(1);
    QCOMPARE(applied->results, (Results{{1, 10}}));
    QVERIFY(!job.isBusy());
    job.request(2);
    job.request(3);
    QVERIFY(job.hasPending());
    QCOMPARE(applied->results.size(), std::size_t{1});
    QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), TimeoutMs);
    // Coarse timers may fire up to 5% early.
    QVERIFY2(clock.elapsed() >= Spacing * 95 / 100, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(applied->results, (Results{{1, 10}, {3, 30}}));
    QCOMPARE(runs->startedSoFar(), (QList<int>{1, 3}));
    QVERIFY(inlineOnGuiThread);
    QVERIFY(!runs->ranOffTheGuiThread);
  }
};

QTEST_MAIN(LatestOnlyJobTest)
#include "latest_only_job_test.moc"
