// 1,000 random commands to TrainingController in a seeded order, with the event loop run only
// now and then, so that commands pile up, cross snapshots in flight and arrive mid-chunk. Run
// under ThreadSanitizer and LeakSanitizer by .ci/run-tsan.sh.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "rnnlab/session.h"
#include "training/training_controller.h"

namespace {

constexpr int Timeout = 60000;  // ms; only reached when something is broken

std::vector<rnnlab::Session> sessions() {
  std::vector<rnnlab::Session> result;
  result.push_back(rnnlab::builtinExample());

  rnnlab::Session wider = rnnlab::builtinExample();
  wider.model.hiddenSize = 9;
  wider.training.seed = 3;
  wider.training.iterations = 5000;
  result.push_back(wider);

  // Many-to-one with cross-entropy and weights of its own.
  rnnlab::Session last = rnnlab::builtinExample();
  last.model.outputMode = rnnlab::OutputMode::Last;
  last.model.loss = rnnlab::LossKind::CrossEntropy;
  last.data.targets.resize(1, 2);
  last.data.targets << 0.0, 1.0;
  last.setModel(rnnlab::Model::initialized(last.model, 11, 0.3));
  result.push_back(last);
  return result;
}

rnnlab::TrainingSettings randomSettings(std::mt19937& random) {
  rnnlab::TrainingSettings settings;
  const std::vector<rnnlab::OptimizerKind> optimizers = {
      rnnlab::OptimizerKind::Sgd, rnnlab::OptimizerKind::Momentum, rnnlab::OptimizerKind::Adagrad,
      rnnlab::OptimizerKind::Adam};
  const std::vector<double> rates = {0.1, 0.01, 0.0, 1e6};  // 1e6 without clipping diverges
  const std::vector<long> iterations = {0, 1, 10, 1000, 100000};
  settings.optimizer = optimizers[random() % optimizers.size()];
  settings.learningRate = rates[random() % rates.size()];
  settings.clipValue = random() % 2 == 0 ? 0.0 : 5.0;
  settings.clipNorm = random() % 3 == 0 ? 1.0 : 0.0;
  settings.iterations = iterations[random() % iterations.size()];
  if (settings.learningRate > 1.0 && random() % 2 == 0) {
    settings.clipValue = 0.0;  // diverges within ~50 iterations
    settings.clipNorm = 0.0;
    settings.iterations = 100000;
  }
  return settings;
}

}  // namespace

class TrainingStressTest : public QObject {
  Q_OBJECT

 private slots:
  void randomCommandsLeaveAWorkingController();
};

void TrainingStressTest::randomCommandsLeaveAWorkingController() {
  // A warning from Qt means misuse across threads; from the controller, lost losses.
  QTest::failOnWarning(QRegularExpression(".*"));
  const std::vector<rnnlab::Session> choices = sessions();
  for (const rnnlab::Session& session : choices) {
    QVERIFY(!rnnlab::validate(session));
  }

  auto controller = std::make_unique<TrainingController>();
  std::mt19937 random(20240611);
  const std::vector<int> speeds = {0, 0, 5, 200, 5000};
  int diverged = 0;
  long mostIterations = 0;
  std::set<int> statesSeen;
  QObject::connect(controller.get(), &TrainingController::diverged,
                   [&diverged](const QString&) { ++diverged; });

  for (int i = 0; i < 1000; ++i) {
    switch (random() % 20) {
      case 0:
      case 1:
      case 10:
      case 11:
      case 12:
      case 13:
        controller->play();
        break;
      case 2:
        controller->pause();
        break;
      case 3:
      case 4:
        controller->step();
        break;
      case 5:
        controller->stop();
        break;
      case 6:
        controller->reset();
        break;
      case 7:
        controller->setSettings(randomSettings(random));
        break;
      case 8:
        controller->setSpeed(speeds[random() % speeds.size()]);
        break;
      case 9:
        controller->setSession(choices[random() % choices.size()]);
        break;
      // Inspection: rewinds, branches and what-ifs in between, at any state.
      case 14:
        controller->showHistory(static_cast<long>(
            random() % static_cast<unsigned>(controller->latestSnapshot()->iteration + 1)));
        break;
      case 15:
        controller->leaveHistory();
        break;
      case 16:
        controller->branchFromHistory(
            static_cast<long>(random() %
                              static_cast<unsigned>(controller->latestSnapshot()->iteration + 1)),
            randomSettings(random));
        break;
      case 17: {
        rnnlab::Model edited = controller->latestSnapshot()->model;
        edited.params.Whh()(0, 0) += 0.25;
        controller->setWhatIf(edited, controller->session().data);
        break;
      }
      case 18:
        controller->clearWhatIf();
        break;
      case 19:
        controller->applyWhatIf();
        break;
    }
    if (random() % 4 == 0) {
      QCoreApplication::processEvents();
    }
    if (random() % 25 == 0) {
      QTest::qWait(3);  // let a few chunks and snapshots happen
    }
    // Whatever has arrived so far is consistent: one loss per iteration done.
    const TrainingSnapshotPtr latest = controller->latestSnapshot();
    QVERIFY(latest);
    QCOMPARE(controller->lossHistory().size(), static_cast<std::size_t>(latest->iteration));
    QVERIFY(latest->model.params.allFinite());
    mostIterations = std::max(mostIterations, latest->iteration);
    statesSeen.insert(static_cast<int>(controller->state()));
  }

  // Still answers: a clean learning rate, one step, Paused.
  rnnlab::TrainingSettings sane;
  sane.learningRate = 0.01;
  controller->setSettings(sane);
  controller->setSpeed(0);
  const long before = controller->latestSnapshot()->iteration;
  controller->step();
  QTRY_COMPARE_WITH_TIMEOUT(controller->state(), TrainingState::Paused, Timeout);
  const TrainingSnapshotPtr latest = controller->latestSnapshot();
  QVERIFY(latest->iteration >= 1);
  QCOMPARE(controller->lossHistory().size(), static_cast<std::size_t>(latest->iteration));
  const std::vector<double> losses = controller->lossHistory().values();
  QVERIFY(std::all_of(losses.begin(), losses.end(),
                      [](double loss) { return std::isfinite(loss); }));
  QCOMPARE(latest->settings.learningRate, 0.01);
  qInfo(
      "iteration %ld (was %ld before the last step); on the way: %d divergences, %zu "
      "different states, up to %ld iterations",
      latest->iteration, before, diverged, statesSeen.size(), mostIterations);

  // And goes away without deadlock, also while running.
  // (A deadlock would hang here until the test's timeout: no wall-clock bound is needed.)
  controller->play();
  controller.reset();
  QVERIFY(controller == nullptr);
}

QTEST_GUILESS_MAIN(TrainingStressTest)
#include "training_stress_test.moc"
