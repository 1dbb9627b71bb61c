// TrainingController through its public API only: commands in, snapshots and signals out, the
// worker thread behind it. Verdicts wait with QTRY_* (generous timeouts, so the same test passes
// under ThreadSanitizer); the few fixed waits only let time pass before something is measured.

#include "training/pace_limiter.h"
#include "training/training_controller.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

#include "rnnlab/iteration_trace.h"
#include "rnnlab/loss_rise_guard.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"

namespace {

constexpr int Timeout = 60000;         // ms; only reached when something is broken
constexpr long Endless = 100'000'000;  // a run that will not finish during a test

rnnlab::Session endlessExample() {
  rnnlab::Session session = rnnlab::builtinExample();
  session.training.iterations = Endless;
  return session;
}

// What the core alone computes for the same session: the GUI must show exactly these numbers.
struct Reference {
  explicit Reference(const rnnlab::Session& session)
      : trainer(session.makeModel(), session.data, session.training) {}
  rnnlab::IterationReport step() {
    rnnlab::IterationReport report = trainer.step();
    if (report.status == rnnlab::IterationReport::Status::Ok) {
      losses.push_back(report.loss);
    }
    return report;
  }
  rnnlab::Trainer trainer;
  std::vector<double> losses;
};

double mean(const std::vector<double>& values, std::size_t first, std::size_t count) {
  return std::accumulate(values.begin() + static_cast<long>(first),
                         values.begin() + static_cast<long>(first + count), 0.0) /
         static_cast<double>(count);
}

bool allFinite(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

class TrainingControllerTest : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup();

  void startsIdleWithTheBuiltinExample();
  void playRunsToTheTargetAndFinishes();
  void playAtTheTargetExtendsIt();
  void stepAdvancesExactlyOneIteration();
  void pauseStopsTheAdvance();
  void stopFinishesAndPlayContinues();
  void resetReturnsToTheInitialWeights();
  void resetUsesTheSessionsOwnWeights();
  void settingsChangeAppliesMidRun();
  void setSessionStopsTheRun();
  void snapshotsAreRateLimited();
  void divergenceRestoresFiniteWeights();
  void speedLimitPacesTheRun();
  void watchPaceSpreadsTheRunByItsLength();
  void deletingMidTrainingReturnsPromptly();

  void pausedSnapshotTracesTheIterationStepRunsNext();
  void clipStatisticsCountWhereClippingActed();
  void historyViewShowsTheRecordedWeights();
  void branchKeepsTheOriginalRunAndStartsANewOne();
  void resetArchivesTheRun();
  void anotherCellKeepsTheRunLabelledWithItsCell();
  void whatIfChangesThePassesButNotTheTrainedModel();
  void appliedWhatIfBecomesTheModel();

  void resetMidRunArchivesEveryLoss();
  void resetBeforeAnyLossArrivedStillArchivesTheRun();
  void risingLossPausesWithOneExplanation();
  void everyCommandKindIsAnsweredInOrder();
  void lossesSignalWhatChanged();

 private:
  long iteration() const { return m_controller->latestSnapshot()->iteration; }
  long playsAtMost(double perSecond);
  // Steps `count` times and waits for the paused answer at `iteration() + count`.
  void stepTimes(long count) {
    const long target = iteration() + count;
    for (long k = 0; k < count; ++k) {
      m_controller->step();
    }
    QTRY_COMPARE_WITH_TIMEOUT(iteration(), target, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->trace, Timeout);
  }

  std::unique_ptr<TrainingController> m_controller;
};

void TrainingControllerTest::init() {
  // A warning from Qt here means misuse across threads (timers, parents) or lost losses.
  QTest::failOnWarning(QRegularExpression(".*"));
  m_controller = std::make_unique<TrainingController>();
}

void TrainingControllerTest::cleanup() { m_controller.reset(); }

void TrainingControllerTest::startsIdleWithTheBuiltinExample() {
  const TrainingSnapshotPtr snapshot = m_controller->latestSnapshot();
  QVERIFY(snapshot);
  QCOMPARE(m_controller->state(), TrainingState::Idle);
  QCOMPARE(snapshot->iteration, 0L);
  QCOMPARE(snapshot->targetIteration, 1000L);
  QVERIFY(m_controller->lossHistory().empty());
  QVERIFY(snapshot->model == rnnlab::builtinExample().makeModel());
  // The Idle picture already shows the initial model's passes.
  QCOMPARE(snapshot->forward.hidden.cols(), rnnlab::Index{5});
  QVERIFY(snapshot->forward.hidden.allFinite());
}

void TrainingControllerTest::playRunsToTheTargetAndFinishes() {
  QSignalSpy states(m_controller.get(), &TrainingController::stateChanged);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);

  const std::vector<double> history = m_controller->lossHistory().values();
  QCOMPARE(history.size(), std::size_t{1000});
  QCOMPARE(iteration(), 1000L);
  QVERIFY(!states.isEmpty());
  QCOMPARE(states.last().at(0).value<TrainingState>(), TrainingState::Finished);

  // Every loss arrived once, in order: exactly the core's own run of the same session.
  Reference reference(rnnlab::builtinExample());
  for (int i = 0; i < 1000; ++i) {
    reference.step();
  }
  QVERIFY(history == reference.losses);
  QVERIFY(m_controller->latestSnapshot()->model == reference.trainer.model());
  QCOMPARE(m_controller->latestSnapshot()->loss, history.back());

  // And it learns.
  QVERIFY(allFinite(history));
  QVERIFY2(mean(history, 950, 50) < 0.8 * mean(history, 0, 50),
           qPrintable(QStringLiteral("first %1, last %2")
                          .arg(mean(history, 0, 50))
                          .arg(mean(history, 950, 50))));
}

void TrainingControllerTest::playAtTheTargetExtendsIt() {
  rnnlab::Session session = rnnlab::builtinExample();
  session.training.iterations = 300;
  m_controller->setSession(session);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);
  QCOMPARE(iteration(), 300L);

  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->latestSnapshot()->targetIteration, 600L, Timeout);
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);
  QCOMPARE(iteration(), 600L);
  QCOMPARE(m_controller->lossHistory().size(), std::size_t{600});
}

void TrainingControllerTest::stepAdvancesExactlyOneIteration() {
  Reference reference(rnnlab::builtinExample());
  for (long k = 1; k <= 5; ++k) {
    m_controller->step();
    reference.step();
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(iteration(), k, Timeout);
    QCOMPARE(m_controller->lossHistory().size(), static_cast<std::size_t>(k));
    QVERIFY(m_controller->lossHistory() == reference.losses);
    QVERIFY(m_controller->latestSnapshot()->model == reference.trainer.model());
    // The passes are those of the iteration just done.
    QCOMPARE(m_controller->latestSnapshot()->forward.loss, reference.losses.back());
  }
}

void TrainingControllerTest::pauseStopsTheAdvance() {
  m_controller->setSession(endlessExample());
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > 1000, Timeout);
  QCOMPARE(m_controller->state(), TrainingState::Running);

  m_controller->pause();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
  const long paused = iteration();
  QTest::qWait(300);  // time in which a running worker would do thousands of iterations
  QCOMPARE(iteration(), paused);
  QCOMPARE(m_controller->lossHistory().size(), static_cast<std::size_t>(paused));
  QCOMPARE(m_controller->latestSnapshot()->iterationsPerSecond, 0.0);
  QVERIFY(m_controller->latestSnapshot()->elapsedSeconds > 0.0);
}

void TrainingControllerTest::stopFinishesAndPlayContinues() {
  m_controller->setSession(endlessExample());
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > 100, Timeout);
  m_controller->stop();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);
  const long stopped = iteration();
  QTest::qWait(100);
  QCOMPARE(iteration(), stopped);
  QVERIFY(!m_controller->latestSnapshot()->message.isEmpty());

  m_controller->play();  // not at the target: continues from the current weights
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > stopped, Timeout);
  QCOMPARE(m_controller->latestSnapshot()->targetIteration, Endless);
  m_controller->pause();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
  QCOMPARE(m_controller->lossHistory().size(), static_cast<std::size_t>(iteration()));
}

void TrainingControllerTest::resetReturnsToTheInitialWeights() {
  const rnnlab::Session session = endlessExample();
  m_controller->setSession(session);
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > 500, Timeout);

  QSignalSpy snapshots(m_controller.get(), &TrainingController::snapshotReady);
  m_controller->reset();
  // At once, without waiting for the worker.
  QCOMPARE(m_controller->state(), TrainingState::Idle);
  QCOMPARE(iteration(), 0L);
  QVERIFY(m_controller->lossHistory().empty());
  QVERIFY(m_controller->latestSnapshot()->model == session.makeModel());
  QVERIFY(snapshots.count() >= 1);

  // Nothing from before the reset trickles in afterwards...
  QTest::qWait(200);
  QCOMPARE(m_controller->state(), TrainingState::Idle);
  QCOMPARE(iteration(), 0L);
  QVERIFY(m_controller->lossHistory().empty());
  QVERIFY(m_controller->latestSnapshot()->model == session.makeModel());

  // ...and the worker started over too: its first step is the first step of a fresh run.
  Reference reference(session);
  reference.step();
  m_controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 1L, Timeout);
  QVERIFY(m_controller->lossHistory() == reference.losses);
  QVERIFY(m_controller->latestSnapshot()->model == reference.trainer.model());
}

void TrainingControllerTest::resetUsesTheSessionsOwnWeights() {
  rnnlab::Session session = rnnlab::builtinExample();
  rnnlab::Model model = rnnlab::Model::initialized(session.model, 77, 0.5);
  session.setModel(model);
  m_controller->setSession(session);
  QVERIFY(m_controller->latestSnapshot()->model.params == model.params);
  m_controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 1L, Timeout);
  QVERIFY(!(m_controller->latestSnapshot()->model.params == model.params));
  m_controller->reset();
  QVERIFY(m_controller->latestSnapshot()->model.params == model.params);
  m_controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 1L, Timeout);
  Reference reference(session);
  reference.step();
  QVERIFY(m_controller->latestSnapshot()->model == reference.trainer.model());
}

void TrainingControllerTest::settingsChangeAppliesMidRun() {
  m_controller->setSession(endlessExample());
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > 100, Timeout);

  rnnlab::TrainingSettings frozen = m_controller->session().training;
  frozen.learningRate = 0.0;  // SGD with η = 0: θ ← θ − 0·g leaves every weight as it is
  m_controller->setSettings(frozen);
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->latestSnapshot()->settings.learningRate, 0.0, Timeout);
  // Every snapshot from the one carrying the new settings on has the same weights.
  const rnnlab::Model weights = m_controller->latestSnapshot()->model;
  const long since = iteration();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > since + 1000, Timeout);
  QCOMPARE(m_controller->state(), TrainingState::Running);
  QVERIFY(m_controller->latestSnapshot()->model == weights);

  // And back: learning again, for a run whose end is set while paused (while running, the
  // worker is ahead of the last snapshot, so an end set from it could already be behind).
  m_controller->pause();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
  QVERIFY(m_controller->latestSnapshot()->model == weights);
  rnnlab::TrainingSettings learning = frozen;
  learning.learningRate = 0.1;
  learning.iterations = iteration() + 3000;  // counted from 0, where this run began
  m_controller->setSettings(learning);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);
  QVERIFY(!(m_controller->latestSnapshot()->model == weights));
  QCOMPARE(m_controller->latestSnapshot()->targetIteration, learning.iterations);
  QCOMPARE(iteration(), learning.iterations);
  QCOMPARE(m_controller->session().training.iterations, learning.iterations);
}

void TrainingControllerTest::setSessionStopsTheRun() {
  m_controller->setSession(endlessExample());
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Running, Timeout);

  rnnlab::Session other = rnnlab::builtinExample();
  other.model.hiddenSize = 7;
  other.training.seed = 5;
  QVERIFY(!rnnlab::validate(other));
  m_controller->setSession(other);
  QCOMPARE(m_controller->state(), TrainingState::Idle);
  QTest::qWait(200);
  QCOMPARE(m_controller->state(), TrainingState::Idle);
  QCOMPARE(iteration(), 0L);
  QVERIFY(m_controller->lossHistory().empty());
  QCOMPARE(m_controller->latestSnapshot()->model.config.hiddenSize, 7);
  QVERIFY(m_controller->latestSnapshot()->model == other.makeModel());

  m_controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 1L, Timeout);
  QCOMPARE(m_controller->latestSnapshot()->model.params.Whh().rows(), 7);
}

void TrainingControllerTest::snapshotsAreRateLimited() {
  // A tiny model at full speed: hundreds of thousands of iterations per second, yet at most
  // ~30 snapshots per second, plus one answer per command.
  m_controller->setSession(endlessExample());
  QSignalSpy snapshots(m_controller.get(), &TrainingController::snapshotReady);
  QElapsedTimer wall;
  wall.start();
  m_controller->play();
  QTest::qWait(800);  // let it run; the verdict below uses the measured time
  m_controller->pause();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
  const double seconds = static_cast<double>(wall.elapsed()) / 1000.0;
  const int commands = 2;
  const double bound = 35.0 * seconds + commands + 2;
  QVERIFY2(snapshots.count() <= bound,
           qPrintable(QStringLiteral("%1 snapshots in %2 s").arg(snapshots.count()).arg(seconds)));
  QVERIFY(snapshots.count() >= 3);  // and they did come while running
  // Rate-limited, but nothing lost.
  QVERIFY(iteration() > 1000);
  QCOMPARE(m_controller->lossHistory().size(), static_cast<std::size_t>(iteration()));
  QVERIFY(allFinite(m_controller->lossHistory().values()));
}

void TrainingControllerTest::divergenceRestoresFiniteWeights() {
  rnnlab::Session session = endlessExample();
  session.training.learningRate = 1e6;
  session.training.clipValue = 0.0;
  session.training.clipNorm = 0.0;
  QVERIFY(!rnnlab::validate(session));

  Reference reference(session);
  rnnlab::IterationReport report;
  for (int i = 0; i < 100000; ++i) {
    report = reference.step();
    if (report.status == rnnlab::IterationReport::Status::Diverged) {
      break;
    }
  }
  QVERIFY(report.status == rnnlab::IterationReport::Status::Diverged);

  m_controller->setSession(session);
  QSignalSpy diverged(m_controller.get(), &TrainingController::diverged);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Diverged, Timeout);
  QTRY_COMPARE_WITH_TIMEOUT(diverged.count(), 1, Timeout);

  const TrainingSnapshotPtr snapshot = m_controller->latestSnapshot();
  QVERIFY(snapshot->model.params.allFinite());
  QVERIFY(snapshot->model == reference.trainer.model());
  QCOMPARE(snapshot->iteration, reference.trainer.iteration());
  QVERIFY(snapshot->forward.hidden.allFinite());
  QVERIFY(m_controller->lossHistory() ==
          std::vector<double>(reference.losses.begin(),
                              reference.losses.begin() + reference.trainer.iteration()));

  const QString message = diverged.at(0).at(0).toString();
  QCOMPARE(message, snapshot->message);
  QVERIFY2(message.contains(QStringLiteral("iteration %1").arg(report.iteration)),
           qPrintable(message));
  QVERIFY2(message.contains(QStringLiteral("1e+06")), qPrintable(message));
  QVERIFY2(message.contains(QStringLiteral("clipping is off")), qPrintable(message));

  // Stays put: no more iterations, no second signal.
  QTest::qWait(100);
  QCOMPARE(m_controller->latestSnapshot()->iteration, reference.trainer.iteration());
  QCOMPARE(diverged.count(), 1);
}

// Watch: a run of 150 iterations is paced at 150 / 15 = 10 per second (an upper bound that holds
// on any machine; at full speed the run would be over at once).
void TrainingControllerTest::watchPaceSpreadsTheRunByItsLength() {
  rnnlab::Session session = rnnlab::builtinExample();
  session.training.iterations = 150;
  m_controller->setSession(session);
  m_controller->setSpeed(PaceLimiter::Watch);
  QCOMPARE(m_controller->speed(), PaceLimiter::Watch);
  QCOMPARE(PaceLimiter::watchSpeed(150), 10);
  playsAtMost(10.0);
  m_controller->setSpeed(0);  // full speed finishes it
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);
  QCOMPARE(iteration(), 150L);
}

void TrainingControllerTest::speedLimitPacesTheRun() {
  m_controller->setSession(endlessExample());
  m_controller->setSpeed(20);
  QCOMPARE(m_controller->speed(), 20);
  // Full speed would be hundreds of thousands by now.
  const long done = playsAtMost(20.0);

  m_controller->setSpeed(0);  // and back to full speed
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > done + 5000, Timeout);
  m_controller->pause();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
  QCOMPARE(m_controller->lossHistory().size(), static_cast<std::size_t>(iteration()));
}

// Plays for at least 0.6 s and checks it ran no faster than `perSecond` (an upper bound, which a
// slow or loaded machine only makes easier to keep); returns the iterations done. Still running.
long TrainingControllerTest::playsAtMost(double perSecond) {
  QElapsedTimer wall;
  wall.start();
  m_controller->play();
  [&] { QTRY_VERIFY_WITH_TIMEOUT(iteration() >= 3, Timeout); }();
  QTest::qWait(std::max(0, 600 - static_cast<int>(wall.elapsed())));
  const long done = iteration();
  const double seconds = static_cast<double>(wall.elapsed()) / 1000.0;
  [&] {
    QVERIFY2(done <= perSecond * seconds + 5,
             qPrintable(QStringLiteral("%1 iterations in %2 s").arg(done).arg(seconds)));
    QCOMPARE(m_controller->state(), TrainingState::Running);
  }();
  return done;
}

void TrainingControllerTest::deletingMidTrainingReturnsPromptly() {
  rnnlab::Session session = endlessExample();
  session.model.hiddenSize = 64;  // slower iterations, so a chunk is really in progress
  m_controller->setSession(session);
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > 10, Timeout);
  m_controller->step();  // and commands still queued
  m_controller->play();

  // An endless run: a controller that waited for it would never return (the test would time
  // out); how long the return takes is the machine's business.
  const long before = iteration();
  m_controller.reset();
  QVERIFY(before < endlessExample().training.iterations);

  // Paced (the worker waiting on its timer) is no different.
  m_controller = std::make_unique<TrainingController>();
  m_controller->setSession(endlessExample());
  m_controller->setSpeed(5);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Running, Timeout);
  m_controller.reset();
}

void TrainingControllerTest::pausedSnapshotTracesTheIterationStepRunsNext() {
  // The Idle picture already has the first iteration's trace.
  QVERIFY(m_controller->latestSnapshot()->trace);
  QCOMPARE(m_controller->latestSnapshot()->trace->report.iteration, 0L);

  stepTimes(3);
  Reference reference(rnnlab::builtinExample());
  for (int i = 0; i < 3; ++i) {
    reference.step();
  }
  const rnnlab::IterationTrace expected = rnnlab::traceIteration(reference.trainer);
  const auto trace = m_controller->latestSnapshot()->trace;
  QVERIFY(trace);
  QCOMPARE(trace->report.iteration, 3L);
  QCOMPARE(trace->report.loss, expected.report.loss);
  QVERIFY(trace->before == expected.before);
  QVERIFY(trace->after == expected.after);
  QVERIFY(trace->backward.grads == expected.backward.grads);
  QVERIFY(trace->clipped == expected.clipped);
  QVERIFY(trace->forward.hidden == expected.forward.hidden);

  // Step then produces exactly the traced update.
  m_controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 4L, Timeout);
  QVERIFY(m_controller->latestSnapshot()->model.params == trace->after);
  QCOMPARE(m_controller->lossHistory().back(), trace->report.loss);

  // Never traced while running.
  m_controller->setSession(endlessExample());
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(
      m_controller->latestSnapshot()->state == TrainingState::Running && iteration() > 0, Timeout);
  QVERIFY(!m_controller->latestSnapshot()->trace);
  m_controller->pause();
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->state == TrainingState::Paused &&
                               m_controller->latestSnapshot()->trace,
                           Timeout);
  QCOMPARE(m_controller->latestSnapshot()->trace->report.iteration, iteration());
}

void TrainingControllerTest::clipStatisticsCountWhereClippingActed() {
  rnnlab::Session session = rnnlab::builtinExample();
  session.training.clipValue = 0.05;  // small enough to act on some iterations
  m_controller->setSession(session);
  Reference reference(session);
  long acted = 0;
  rnnlab::ClipReport last;
  for (int i = 0; i < 30; ++i) {
    last = reference.step().clip;
    acted += last.acted() ? 1 : 0;
  }
  QVERIFY(acted > 0);
  stepTimes(30);
  const TrainingSnapshotPtr snapshot = m_controller->latestSnapshot();
  QCOMPARE(snapshot->clippedIterations, acted);
  QCOMPARE(snapshot->clipCountedIterations, 30L);
  QCOMPARE(snapshot->lastNormBefore, last.normBefore);
  QCOMPARE(snapshot->lastNormAfter, last.normAfter);

  m_controller->reset();
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->handledCommandId == 0 ||
                               m_controller->latestSnapshot()->clipCountedIterations == 0,
                           Timeout);
  QCOMPARE(m_controller->latestSnapshot()->clippedIterations, 0L);
}

void TrainingControllerTest::historyViewShowsTheRecordedWeights() {
  rnnlab::Session session = rnnlab::builtinExample();
  session.training.iterations = 10;
  m_controller->setSession(session);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);

  Reference reference(session);
  std::vector<rnnlab::Model> weights{reference.trainer.model()};
  for (int i = 0; i < 10; ++i) {
    reference.step();
    weights.push_back(reference.trainer.model());
  }
  for (long k : {0L, 4L, 10L}) {
    m_controller->showHistory(k);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->isHistoryView &&
                                 m_controller->latestSnapshot()->viewedIteration == k,
                             Timeout);
    const TrainingSnapshotPtr view = m_controller->latestSnapshot();
    QVERIFY(view->model == weights[static_cast<std::size_t>(k)]);
    QCOMPARE(view->iteration, 10L);  // the live run is where it was
    QVERIFY(view->trace);
    QVERIFY(view->trace->before == weights[static_cast<std::size_t>(k)]);
    if (k < 10) {
      // Its passes are the ones the run computed at that iteration.
      QCOMPARE(view->forward.loss, reference.losses[static_cast<std::size_t>(k)]);
      QVERIFY(view->trace->after == weights[static_cast<std::size_t>(k) + 1].params);
    }
  }
  m_controller->leaveHistory();
  QTRY_VERIFY_WITH_TIMEOUT(!m_controller->latestSnapshot()->isHistoryView, Timeout);
  QVERIFY(m_controller->latestSnapshot()->model == weights.back());
  QCOMPARE(m_controller->lossHistory().size(), std::size_t{10});

  // A rewind does not touch the trainer: the next step continues the live run.
  m_controller->showHistory(2);
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->isHistoryView, Timeout);
  m_controller->step();
  reference.step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 11L, Timeout);
  QTRY_VERIFY_WITH_TIMEOUT(!m_controller->latestSnapshot()->isHistoryView, Timeout);
  QVERIFY(m_controller->latestSnapshot()->model == reference.trainer.model());
  QVERIFY(m_controller->lossHistory() == reference.losses);
}

void TrainingControllerTest::branchKeepsTheOriginalRunAndStartsANewOne() {
  rnnlab::Session session = rnnlab::builtinExample();
  session.training.iterations = 20;
  m_controller->setSession(session);
  QSignalSpy runs(m_controller.get(), &TrainingController::runsChanged);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);
  const std::vector<double> original = m_controller->lossHistory().values();
  QCOMPARE(original.size(), std::size_t{20});

  Reference reference(session);
  for (int i = 0; i < 5; ++i) {
    reference.step();
  }
  rnnlab::TrainingSettings changed = session.training;
  changed.learningRate = 0.05;
  m_controller->branchFromHistory(5, changed);
  QTRY_COMPARE_WITH_TIMEOUT(runs.count(), 1, Timeout);
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);

  QCOMPARE(m_controller->previousRuns().size(), std::size_t{1});
  const TrainingController::RunRecord& old = m_controller->previousRuns().back();
  QVERIFY(old.losses == original);
  QCOMPARE(old.settings.learningRate, 0.1);
  QVERIFY2(old.label.contains(QStringLiteral("η=0.1")), qPrintable(old.label));

  const TrainingSnapshotPtr start = m_controller->latestSnapshot();
  QCOMPARE(start->iteration, 5L);
  QCOMPARE(start->settings.learningRate, 0.05);
  QVERIFY(start->model == reference.trainer.model());
  QVERIFY(m_controller->lossHistory() ==
          std::vector<double>(original.begin(), original.begin() + 5));

  // The new run trains from the kept weights with the new settings and a fresh optimizer.
  rnnlab::Trainer branched(reference.trainer.model(), session.data, changed);
  branched.restart(reference.trainer.model(), 5);
  const rnnlab::IterationReport expected = branched.step();
  m_controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 6L, Timeout);
  QCOMPARE(m_controller->lossHistory().back(), expected.loss);
  QVERIFY(m_controller->latestSnapshot()->model == branched.model());
  QCOMPARE(m_controller->previousRuns().back().losses.size(), std::size_t{20});  // unchanged

  // The history beyond the branch is gone: iteration 6 is now the new run's.
  m_controller->showHistory(6);
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->isHistoryView, Timeout);
  QVERIFY(m_controller->latestSnapshot()->model == branched.model());

  m_controller->clearPreviousRuns();
  QVERIFY(m_controller->previousRuns().empty());
  QCOMPARE(runs.count(), 2);
}

// Comparing cells means training one session after the other: a new session keeps the run so far
// in the comparison, labelled with the cell it trained.
void TrainingControllerTest::anotherCellKeepsTheRunLabelledWithItsCell() {
  QSignalSpy runs(m_controller.get(), &TrainingController::runsChanged);
  stepTimes(3);
  rnnlab::Session lstm = m_controller->session();
  lstm.model.cell = rnnlab::CellKind::Lstm;
  lstm.model.hiddenSize = 5;
  lstm.weights.reset();
  lstm.h0.reset();
  m_controller->setSession(lstm);
  QCOMPARE(runs.count(), 1);
  QCOMPARE(m_controller->previousRuns().size(), std::size_t{1});
  QVERIFY2(m_controller->previousRuns().back().label.startsWith(
               QStringLiteral("run 1: tanh RNN H=4 · sgd")),
           qPrintable(m_controller->previousRuns().back().label));
  QVERIFY2(m_controller->liveRunLabel().startsWith(QStringLiteral("run 2: LSTM H=5 · ")),
           qPrintable(m_controller->liveRunLabel()));
}

void TrainingControllerTest::resetArchivesTheRun() {
  QSignalSpy runs(m_controller.get(), &TrainingController::runsChanged);
  m_controller->reset();  // nothing run: nothing archived
  QCOMPARE(runs.count(), 0);
  stepTimes(3);
  const std::vector<double> losses = m_controller->lossHistory().values();
  m_controller->reset();
  QCOMPARE(runs.count(), 1);
  QCOMPARE(m_controller->previousRuns().size(), std::size_t{1});
  QVERIFY(m_controller->previousRuns().back().losses == losses);
  QVERIFY(m_controller->previousRuns().back().label.startsWith(
      QStringLiteral("run 1: tanh RNN H=4 · sgd")));
  QVERIFY(m_controller->lossHistory().empty());
}

void TrainingControllerTest::whatIfChangesThePassesButNotTheTrainedModel() {
  stepTimes(2);
  const rnnlab::Session session = rnnlab::builtinExample();
  rnnlab::Model edited = m_controller->latestSnapshot()->model;
  edited.params.Whh()(0, 0) += 0.5;
  rnnlab::SequenceData data = session.data;
  data.inputs(1, 0) += 1.0;
  m_controller->setWhatIf(edited, data);
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->isWhatIf, Timeout);

  rnnlab::ForwardPass expected;
  rnnlab::forward(edited, data, expected);
  const TrainingSnapshotPtr whatIf = m_controller->latestSnapshot();
  QVERIFY(whatIf->model == edited);
  QCOMPARE(whatIf->forward.loss, expected.loss);
  QVERIFY(whatIf->forward.hidden == expected.hidden);
  QVERIFY(whatIf->trace && whatIf->trace->before == edited);
  QCOMPARE(whatIf->iteration, 2L);
  QCOMPARE(m_controller->lossHistory().size(), std::size_t{2});

  // Step trains the unedited model and ends the what-if.
  Reference reference(session);
  for (int i = 0; i < 3; ++i) {
    reference.step();
  }
  m_controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 3L, Timeout);
  QVERIFY(!m_controller->latestSnapshot()->isWhatIf);
  QVERIFY(m_controller->latestSnapshot()->model == reference.trainer.model());
  QVERIFY(m_controller->lossHistory() == reference.losses);

  // clearWhatIf() returns to the live picture.
  m_controller->setWhatIf(edited, data);
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->isWhatIf, Timeout);
  m_controller->clearWhatIf();
  QTRY_VERIFY_WITH_TIMEOUT(!m_controller->latestSnapshot()->isWhatIf, Timeout);
  QVERIFY(m_controller->latestSnapshot()->model == reference.trainer.model());
}

void TrainingControllerTest::appliedWhatIfBecomesTheModel() {
  stepTimes(2);
  rnnlab::Model edited = m_controller->latestSnapshot()->model;
  edited.params.Wxh()(1, 2) = -0.75;
  rnnlab::SequenceData data = rnnlab::builtinExample().data;
  data.inputs(0, 1) = 0.25;
  m_controller->setWhatIf(edited, data);
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->isWhatIf, Timeout);
  m_controller->applyWhatIf();
  QTRY_VERIFY_WITH_TIMEOUT(!m_controller->latestSnapshot()->isWhatIf, Timeout);
  QVERIFY(m_controller->latestSnapshot()->model == edited);
  QVERIFY(m_controller->session().data == data);

  rnnlab::Trainer expected(edited, data, rnnlab::builtinExample().training);
  expected.restart(edited, 2);
  const double loss = expected.step().loss;
  m_controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(iteration(), 3L, Timeout);
  QCOMPARE(m_controller->lossHistory().back(), loss);
  QVERIFY(m_controller->latestSnapshot()->model == expected.model());
}

void TrainingControllerTest::resetMidRunArchivesEveryLoss() {
  const rnnlab::Session session = endlessExample();
  m_controller->setSession(session);
  QSignalSpy runs(m_controller.get(), &TrainingController::runsChanged);
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > 100, Timeout);
  // The GUI thread is busy for a while (no events): the worker trains on, its snapshots wait in
  // its outbox and its latest losses in its pending batch.
  QThread::msleep(100);
  const std::size_t received = m_controller->lossHistory().size();
  m_controller->reset();
  // At once: the run as received so far.
  QCOMPARE(runs.count(), 1);
  QCOMPARE(m_controller->previousRuns().size(), std::size_t{1});
  QCOMPARE(m_controller->previousRuns().back().losses.size(), received);

  // Then the losses that were on the way, including those the worker had not yet handed over.
  QTRY_VERIFY_WITH_TIMEOUT(runs.count() >= 2, Timeout);
  QTest::qWait(200);
  QCOMPARE(m_controller->previousRuns().size(), std::size_t{1});
  const std::vector<double> archived = m_controller->previousRuns().back().losses.values();
  QVERIFY2(
      archived.size() > received + 100,
      qPrintable(QStringLiteral("%1 archived, %2 at reset").arg(archived.size()).arg(received)));
  Reference reference(session);
  for (std::size_t i = 0; i < archived.size(); ++i) {
    reference.step();
  }
  QVERIFY(archived == reference.losses);
  // The live run is the new one, untouched by the old run's late losses.
  QVERIFY(m_controller->lossHistory().empty());
  QCOMPARE(iteration(), 0L);
  QCOMPARE(m_controller->state(), TrainingState::Idle);
}

void TrainingControllerTest::resetBeforeAnyLossArrivedStillArchivesTheRun() {
  const rnnlab::Session session = endlessExample();
  m_controller->setSession(session);
  QSignalSpy runs(m_controller.get(), &TrainingController::runsChanged);
  m_controller->play();
  QThread::msleep(100);  // the worker trains; nothing has reached the GUI thread yet
  QVERIFY(m_controller->lossHistory().empty());
  m_controller->reset();
  QCOMPARE(runs.count(), 0);
  QTRY_VERIFY_WITH_TIMEOUT(runs.count() >= 1, Timeout);
  QTest::qWait(200);
  QCOMPARE(m_controller->previousRuns().size(), std::size_t{1});
  const TrainingController::RunRecord& run = m_controller->previousRuns().back();
  QVERIFY2(run.label.startsWith(QStringLiteral("run 1: tanh RNN H=4 · sgd")),
           qPrintable(run.label));
  QVERIFY(!run.losses.empty());
  Reference reference(session);
  for (std::size_t i = 0; i < run.losses.size(); ++i) {
    reference.step();
  }
  QVERIFY(run.losses == reference.losses);
  QVERIFY2(m_controller->liveRunLabel().startsWith(QStringLiteral("run 2:")),
           qPrintable(m_controller->liveRunLabel()));
}

void TrainingControllerTest::risingLossPausesWithOneExplanation() {
  // The example preset at η = 10 (clip value 5 keeps it finite): the loss jumps from 2.0 to
  // between 1,487 and 228,667 and would oscillate there to the end of the run.
  rnnlab::Session session =
      rnnlab::loadSession(RNNLAB_SOURCE_DIR "/resources/presets/example.rnnlab.json");
  session.training.learningRate = 10.0;
  QVERIFY(!rnnlab::validate(session));
  m_controller->setSession(session);
  QSignalSpy rising(m_controller.get(), &TrainingController::lossRising);
  QSignalSpy diverged(m_controller.get(), &TrainingController::diverged);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(rising.count(), 1, Timeout);
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);

  // Paused right after the 50th risen loss: iterations 1..50 rose, iteration 0 was the best.
  const TrainingSnapshotPtr snapshot = m_controller->latestSnapshot();
  QCOMPARE(snapshot->iteration, rnnlab::LossRiseGuard::DefaultSustain + 1);
  QCOMPARE(snapshot->state, TrainingState::Paused);
  Reference reference(session);
  for (long i = 0; i < snapshot->iteration; ++i) {
    reference.step();
  }
  QVERIFY(m_controller->lossHistory() == reference.losses);
  QVERIFY(snapshot->model == reference.trainer.model());

  const QString explanation = rising.at(0).at(0).toString();
  QCOMPARE(explanation, snapshot->message);
  QVERIFY2(!explanation.contains(QLatin1Char('\n')), qPrintable(explanation));
  for (const QString& part :
       {QStringLiteral("iteration 50"), QStringLiteral("more than 10 times its best"),
        QStringLiteral("2.0141"), QStringLiteral("at iteration 0"),
        QStringLiteral("50 iterations in a row"), QStringLiteral("learning rate is too high (10)"),
        QStringLiteral("clip value 5")}) {
    QVERIFY2(explanation.contains(part),
             qPrintable(explanation + QStringLiteral(" lacks ") + part));
  }
  QCOMPARE(diverged.count(), 0);

  // Told once: Play goes on (the user's choice) to the target without another explanation.
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Finished, Timeout);
  QCOMPARE(iteration(), session.training.iterations);
  QCOMPARE(rising.count(), 1);
}

void TrainingControllerTest::everyCommandKindIsAnsweredInOrder() {
  // One command of each kind, in turn: the worker answers each with a snapshot carrying its id
  // (numbered from 1, the constructor's setSession first) that shows the kind's effect.
  std::uint64_t id = 1;
  const auto answered = [&] {
    ++id;
    if (!QTest::qWaitFor([&] { return m_controller->latestSnapshot()->handledCommandId == id; },
                         Timeout)) {
      qWarning("command %llu was not answered", static_cast<unsigned long long>(id));  // fails
    }
    return m_controller->latestSnapshot();
  };
  rnnlab::Session session = rnnlab::builtinExample();
  session.training.iterations = 200;
  m_controller->setSession(session);
  QCOMPARE(answered()->targetIteration, 200L);
  m_controller->step();
  QCOMPARE(answered()->iteration, 1L);
  rnnlab::TrainingSettings settings = session.training;
  settings.learningRate = 0.05;
  m_controller->setSettings(settings);
  QCOMPARE(answered()->settings.learningRate, 0.05);
  m_controller->setSpeed(100);
  QCOMPARE(answered()->state, TrainingState::Paused);
  m_controller->setHistoryBudget(std::size_t{1} << 20);
  QCOMPARE(answered()->historyByteBudget, std::size_t{1} << 20);
  m_controller->play();
  QCOMPARE(answered()->state, TrainingState::Running);  // paced: 200 iterations take 2 s
  m_controller->pause();
  QCOMPARE(answered()->state, TrainingState::Paused);
  m_controller->stop();
  QCOMPARE(answered()->state, TrainingState::Finished);
  QVERIFY(m_controller->latestSnapshot()->message.startsWith(QStringLiteral("Stopped")));
  m_controller->showHistory(1);
  QCOMPARE(answered()->viewedIteration, 1L);
  m_controller->leaveHistory();
  QVERIFY(!answered()->isHistoryView);
  rnnlab::Model edited = m_controller->latestSnapshot()->model;
  edited.params.by()(0) = 0.5;
  m_controller->setWhatIf(edited, session.data);
  QVERIFY(answered()->isWhatIf);
  m_controller->clearWhatIf();
  QVERIFY(!answered()->isWhatIf);
  m_controller->setWhatIf(edited, session.data);
  QVERIFY(answered()->isWhatIf);
  m_controller->applyWhatIf();
  QVERIFY(answered()->model == edited);
  m_controller->branchFromHistory(0, session.training);
  const TrainingSnapshotPtr branched = answered();
  QVERIFY(branched->startsBranch);
  QCOMPARE(branched->iteration, 0L);
  m_controller->reset();
  QCOMPARE(answered()->state, TrainingState::Idle);
  QCOMPARE(id, std::uint64_t{17});  // 15 kinds, setSession and setWhatIf twice
}

void TrainingControllerTest::lossesSignalWhatChanged() {
  const LossHistory& losses = m_controller->losses();
  QSignalSpy grown(&losses, &LossHistory::grown);
  QSignalSpy cut(&losses, &LossHistory::cutBack);
  stepTimes(3);
  QCOMPARE(losses.size(), std::size_t{3});
  QVERIFY(&losses.losses() == &m_controller->lossHistory());
  QCOMPARE(grown.count(), 3);
  QCOMPARE(grown.at(2).at(0).value<std::size_t>(), std::size_t{2});
  QCOMPARE(cut.count(), 0);

  m_controller->branchFromHistory(1, m_controller->session().training);
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->startsBranch, Timeout);
  QCOMPARE(cut.count(), 1);
  QCOMPARE(cut.at(0).at(0).value<std::size_t>(), std::size_t{1});
  QCOMPARE(losses.size(), std::size_t{1});

  m_controller->reset();
  QCOMPARE(cut.count(), 2);
  QCOMPARE(cut.at(1).at(0).value<std::size_t>(), std::size_t{0});
  QVERIFY(losses.empty());
}

QTEST_GUILESS_MAIN(TrainingControllerTest)
#include "training_controller_test.moc"
