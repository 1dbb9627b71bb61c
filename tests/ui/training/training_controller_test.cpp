// TrainingController through its public API only: commands in, snapshots and signals out, the
// worker thread behind it. Verdicts wait with QTRY_* (generous timeouts, so the same test passes
// under ThreadSanitizer); the few fixed waits only let time pass before something is measured.

#include "training/training_controller.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

#include "rnnlab/iteration_trace.h"
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
  void deletingMidTrainingReturnsPromptly();

  void pausedSnapshotTracesTheIterationStepRunsNext();
  void clipStatisticsCountWhereClippingActed();
  void historyViewShowsTheRecordedWeights();
  void branchKeepsTheOriginalRunAndStartsANewOne();
  void resetArchivesTheRun();
  void whatIfChangesThePassesButNotTheTrainedModel();
  void appliedWhatIfBecomesTheModel();

 private:
  long iteration() const { return m_controller->latestSnapshot()->iteration; }
  // Steps `count` times and waits for the paused answer at `iteration() + count`.
  void stepTimes(long count) {
    const long target = iteration() + count;
    for (long k = 0; k < count; ++k) {
      m_controller->step();
    }
    QTRY_COMPARE_WITH_TIMEOUT(iteration(), target, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->nextIteration, Timeout);
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

  const std::vector<double>& history = m_controller->lossHistory();
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
  QVERIFY(allFinite(m_controller->lossHistory()));
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

void TrainingControllerTest::speedLimitPacesTheRun() {
  m_controller->setSession(endlessExample());
  m_controller->setSpeed(20);
  QCOMPARE(m_controller->speed(), 20);
  QElapsedTimer wall;
  wall.start();
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() >= 3, Timeout);
  QTest::qWait(std::max(0, 600 - static_cast<int>(wall.elapsed())));
  const long done = iteration();
  const double seconds = static_cast<double>(wall.elapsed()) / 1000.0;
  // Full speed would be hundreds of thousands by now.
  QVERIFY2(done <= 20.0 * seconds + 5,
           qPrintable(QStringLiteral("%1 iterations in %2 s").arg(done).arg(seconds)));
  QCOMPARE(m_controller->state(), TrainingState::Running);

  m_controller->setSpeed(0);  // and back to full speed
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > done + 5000, Timeout);
  m_controller->pause();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Paused, Timeout);
  QCOMPARE(m_controller->lossHistory().size(), static_cast<std::size_t>(iteration()));
}

void TrainingControllerTest::deletingMidTrainingReturnsPromptly() {
  rnnlab::Session session = endlessExample();
  session.model.hiddenSize = 64;  // slower iterations, so a chunk is really in progress
  m_controller->setSession(session);
  m_controller->play();
  QTRY_VERIFY_WITH_TIMEOUT(iteration() > 10, Timeout);
  m_controller->step();  // and commands still queued
  m_controller->play();

  QElapsedTimer wall;
  wall.start();
  m_controller.reset();
  QVERIFY2(wall.elapsed() < 2000, qPrintable(QString::number(wall.elapsed())));

  // Paced (the worker waiting on its timer) is no different.
  m_controller = std::make_unique<TrainingController>();
  m_controller->setSession(endlessExample());
  m_controller->setSpeed(5);
  m_controller->play();
  QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), TrainingState::Running, Timeout);
  wall.restart();
  m_controller.reset();
  QVERIFY2(wall.elapsed() < 2000, qPrintable(QString::number(wall.elapsed())));
}

void TrainingControllerTest::pausedSnapshotTracesTheIterationStepRunsNext() {
  // The Idle picture already has the first iteration's trace.
  QVERIFY(m_controller->latestSnapshot()->nextIteration);
  QCOMPARE(m_controller->latestSnapshot()->nextIteration->report.iteration, 0L);

  stepTimes(3);
  Reference reference(rnnlab::builtinExample());
  for (int i = 0; i < 3; ++i) {
    reference.step();
  }
  const rnnlab::IterationTrace expected = rnnlab::traceIteration(reference.trainer);
  const auto trace = m_controller->latestSnapshot()->nextIteration;
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
  QVERIFY(!m_controller->latestSnapshot()->nextIteration);
  m_controller->pause();
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->state == TrainingState::Paused &&
                               m_controller->latestSnapshot()->nextIteration,
                           Timeout);
  QCOMPARE(m_controller->latestSnapshot()->nextIteration->report.iteration, iteration());
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
  QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->command == 0 ||
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
    QVERIFY(view->nextIteration);
    QVERIFY(view->nextIteration->before == weights[static_cast<std::size_t>(k)]);
    if (k < 10) {
      // Its passes are the ones the run computed at that iteration.
      QCOMPARE(view->forward.loss, reference.losses[static_cast<std::size_t>(k)]);
      QVERIFY(view->nextIteration->after == weights[static_cast<std::size_t>(k) + 1].params);
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
  const std::vector<double> original = m_controller->lossHistory();
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

void TrainingControllerTest::resetArchivesTheRun() {
  QSignalSpy runs(m_controller.get(), &TrainingController::runsChanged);
  m_controller->reset();  // nothing run: nothing archived
  QCOMPARE(runs.count(), 0);
  stepTimes(3);
  const std::vector<double> losses = m_controller->lossHistory();
  m_controller->reset();
  QCOMPARE(runs.count(), 1);
  QCOMPARE(m_controller->previousRuns().size(), std::size_t{1});
  QVERIFY(m_controller->previousRuns().back().losses == losses);
  QVERIFY(m_controller->previousRuns().back().label.startsWith(QStringLiteral("run 1: sgd")));
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
  QVERIFY(whatIf->nextIteration && whatIf->nextIteration->before == edited);
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

QTEST_GUILESS_MAIN(TrainingControllerTest)
#include "training_controller_test.moc"
