// TrainingController through its public API only: commands in, snapshots and signals out, the
// worker thread behind it. Verdicts wait with QTRY_* (generous timeouts, so the same test passes
// under ThreadSanitizer); the few fixed waits only let time pass before something is measured.

#include "training_controller.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

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

 private:
  long iteration() const { return m_controller->latestSnapshot()->iteration; }

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
  QCOMPARE(m_controller->latestSnapshot()->model.params.Whh.rows(), 7);
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

QTEST_GUILESS_MAIN(TrainingControllerTest)
#include "training_controller_test.moc"
