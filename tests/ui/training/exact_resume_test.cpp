// Exact resume in the app's training: a session saved mid-run continues from its training_state,
// and "Continue from here" (a branch from the history) keeps the optimizer state of the kept
// iteration, so both equal the run that never stopped, for momentum, Adagrad and Adam.

#include <QRegularExpression>
#include <QTest>

#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "training/training_controller.h"

namespace {

constexpr int Timeout = 60000;  // ms; only reached when something is broken

rnnlab::Session sessionWith(rnnlab::OptimizerKind optimizer, rnnlab::CellKind cell) {
  rnnlab::Session session = rnnlab::builtinExample();
  session.model.cell = cell;
  session.training.optimizer = optimizer;
  session.training.learningRate = 0.02;
  return session;
}

const rnnlab::OptimizerKind Stateful[] = {
    rnnlab::OptimizerKind::Momentum, rnnlab::OptimizerKind::Adagrad, rnnlab::OptimizerKind::Adam};

}  // namespace

class ExactResumeTest : public QObject {
  Q_OBJECT

 private slots:
  void init() { QTest::failOnWarning(QRegularExpression(".*")); }

  // Train 20, go back to iteration 7 and continue with the same settings: iteration 20 again
  // has exactly the weights of the first run (the optimizer state came back with the weights).
  void continueFromHereIsExactForEveryOptimizer() {
    for (const rnnlab::OptimizerKind optimizer : Stateful) {
      const rnnlab::Session session = sessionWith(optimizer, rnnlab::CellKind::Lstm);
      rnnlab::Session run = session;
      run.training.iterations = 20;
      TrainingController controller;
      controller.setSession(run);
      controller.play();
      QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
      QCOMPARE(controller.latestSnapshot()->iteration, 20L);
      const rnnlab::Model first = controller.latestSnapshot()->model;

      rnnlab::TrainingSettings settings = run.training;
      settings.iterations = 13;  // the branch's run ends at 7 + 13 = 20
      controller.branchFromHistory(7, settings);
      QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Paused, Timeout);
      QCOMPARE(controller.latestSnapshot()->iteration, 7L);
      controller.play();
      QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
      QCOMPARE(controller.latestSnapshot()->iteration, 20L);
      QVERIFY2(controller.latestSnapshot()->model == first, rnnlab::toString(optimizer).data());

      // What the old behaviour (a fresh optimizer at the branch) gives is different, so the
      // comparison above can fail.
      rnnlab::Trainer straight(session.makeModel(), session.data, run.training);
      straight.run(7, {});
      rnnlab::Trainer fresh(straight.model(), session.data, run.training);
      fresh.restart(straight.model(), 7);
      fresh.run(13, {});
      QVERIFY(!(fresh.model() == first));
    }
  }

  // A session with a training_state (as Save or `train --out` writes it) continues from that
  // iteration with that optimizer state: the same weights and losses as the straight run.
  void sessionWithTrainingStateContinuesExactly() {
    for (const rnnlab::OptimizerKind optimizer : Stateful) {
      const rnnlab::Session session = sessionWith(optimizer, rnnlab::CellKind::Gru);
      rnnlab::Trainer straight(session.makeModel(), session.data, session.training);
      straight.run(9, {});
      rnnlab::Session saved = session;
      saved.setModel(straight.model());
      saved.trainingState = straight.trainingState();
      saved.training.iterations = 6;
      saved = rnnlab::parseSession(rnnlab::serializeSession(saved));  // through the file format
      std::vector<double> expected;
      straight.run(6, [&](const rnnlab::IterationReport& report) {
        expected.push_back(report.loss);
        return true;
      });

      TrainingController controller;
      controller.setSession(saved);
      // Right away, in the controller's own picture, before the worker answers.
      QCOMPARE(controller.latestSnapshot()->iteration, 9L);
      QVERIFY(controller.latestSnapshot()->trainingState == *saved.trainingState);
      QCOMPARE(controller.latestSnapshot()->targetIteration, 15L);
      controller.play();
      QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
      QCOMPARE(controller.latestSnapshot()->iteration, 15L);
      QVERIFY2(controller.latestSnapshot()->model == straight.model(),
               rnnlab::toString(optimizer).data());
      const std::vector<double> losses = controller.lossHistory().values();
      QCOMPARE(losses.size(), std::size_t{15});
      QVERIFY(std::vector<double>(losses.begin() + 9, losses.end()) == expected);
      // What Save writes: the live trainer's state, equal to the straight run's.
      QVERIFY(controller.latestSnapshot()->trainingState == straight.trainingState());
      QVERIFY(!controller.latestSnapshot()->trainedModel);  // `model` is the live one

      // In a rewind, `model` is the kept one and the live weights travel beside it.
      controller.showHistory(10);
      QTRY_VERIFY_WITH_TIMEOUT(controller.latestSnapshot()->isHistoryView, Timeout);
      QVERIFY(controller.latestSnapshot()->trainedModel.has_value());
      QVERIFY(*controller.latestSnapshot()->trainedModel == straight.model());
      QVERIFY(!(controller.latestSnapshot()->model == straight.model()));
    }
  }
};

QTEST_GUILESS_MAIN(ExactResumeTest)
#include "exact_resume_test.moc"
