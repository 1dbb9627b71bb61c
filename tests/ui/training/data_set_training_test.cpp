// The app's training of a data set session (data.kind sequences): the worker trains it with the
// core's minibatch trainer (the same losses and weights as rnnlab::Trainer and `rnnlab-cli
// train`, bit for bit), publishes the epoch and the shown sequence's passes, measures the
// validation loss into the loss history's second series, and saving, branching and resuming a
// run keep its epoch order exactly.

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "rnnlab/forward_pass.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "rnnlab/validation_schedule.h"
#include "training/training_controller.h"
#include "training/training_worker.h"

namespace {

constexpr int Timeout = 60000;  // ms; only reached when something is broken

rnnlab::Session preset(const char* name) {
  return rnnlab::loadSession(
      QStringLiteral(RNNLAB_SOURCE_DIR "/resources/presets/sequences/%1.rnnlab.json")
          .arg(QLatin1String(name))
          .toStdString());
}

void trainToTarget(TrainingController& controller) {
  controller.play();
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
}

}  // namespace

class DataSetTrainingTest : public QObject {
  Q_OBJECT

 private slots:
  void init() { QTest::failOnWarning(QRegularExpression(".*")); }

  void trainsLikeTheCoreAndTheCli() {
    for (const char* name : {"noisy-sine", "adding", "echo-delay"}) {
      rnnlab::Session session = preset(name);
      session.training.iterations = 40;
      TrainingController controller;
      controller.setSession(session);
      trainToTarget(controller);
      const TrainingSnapshotPtr last = controller.latestSnapshot();
      QCOMPARE(last->iteration, 40L);

      rnnlab::Trainer trainer(session.makeModel(), *session.sequences, session.training);
      std::vector<double> losses;
      for (int k = 0; k < 40; ++k) {
        losses.push_back(trainer.step().loss);
      }
      QVERIFY2(controller.lossHistory() == losses, name);
      QVERIFY2(last->model == trainer.model(), name);
      QVERIFY2(last->trainingState == trainer.trainingState(), name);

#ifdef RNNLAB_CLI_PATH
      // The CLI prints every iteration's loss as the shortest decimal that reads back the same.
      QTemporaryDir dir;
      const QString out = dir.filePath(QStringLiteral("trained.rnnlab.json"));
      QProcess cli;
      cli.start(QStringLiteral(RNNLAB_CLI_PATH),
                {QStringLiteral("train"), QStringLiteral("--iterations"), QStringLiteral("40"),
                 QStringLiteral("--print-every"), QStringLiteral("1"), QStringLiteral("--out"), out,
                 QStringLiteral(RNNLAB_SOURCE_DIR "/resources/presets/sequences/%1.rnnlab.json")
                     .arg(QLatin1String(name))});
      QVERIFY(cli.waitForFinished(Timeout));
      QCOMPARE(cli.exitCode(), 0);
      std::vector<double> cliLosses;
      const QRegularExpression line(QStringLiteral("^iteration (\\d+) loss (\\S+)"),
                                    QRegularExpression::MultilineOption);
      auto matches = line.globalMatch(QString::fromUtf8(cli.readAllStandardOutput()));
      while (matches.hasNext()) {
        cliLosses.push_back(matches.next().captured(2).toDouble());
      }
      QVERIFY2(cliLosses == controller.lossHistory(), name);
      const rnnlab::Session trained = rnnlab::loadSession(out.toStdString());
      QVERIFY2(trained.makeModel() == last->model, name);
      QVERIFY2(trained.trainingState == last->trainingState, name);
#endif
    }
  }

  void snapshotsCountEpochs() {
    rnnlab::Session session = preset("noisy-sine");  // 48 sequences in batches of 16: 3 a epoch
    TrainingController controller;
    controller.setSession(session);
    QCOMPARE(controller.latestSnapshot()->epoch, 0L);
    QCOMPARE(controller.latestSnapshot()->batchesPerEpoch, 3L);
    for (int k = 0; k < 7; ++k) {
      controller.step();
    }
    QTRY_COMPARE_WITH_TIMEOUT(controller.latestSnapshot()->iteration, 7L, Timeout);
    const TrainingSnapshotPtr snapshot = controller.latestSnapshot();
    QCOMPARE(snapshot->epoch, 2L);
    QCOMPARE(snapshot->batchInEpoch, 1L);
    rnnlab::Trainer trainer(session.makeModel(), *session.sequences, session.training);
    for (int k = 0; k < 7; ++k) {
      trainer.step();
    }
    QCOMPARE(snapshot->epoch, trainer.epoch());
    QVERIFY(snapshot->trainingState.epochOrder == trainer.epochOrder());
    QCOMPARE(snapshot->trainingState.epochPosition.value_or(-1), trainer.epochPosition());
  }

  void validationLossesAreASecondSeries() {
    rnnlab::Session session = preset("noisy-sine");
    session.training.iterations = 300;
    TrainingController controller;
    QSignalSpy changed(&controller.losses(), &LossHistory::validationChanged);
    controller.setSession(session);
    trainToTarget(controller);
    const std::vector<LossHistory::Point>& points = controller.losses().validation();
    QVERIFY(points.size() >= 2);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(points.front().iteration, 0L);
    QCOMPARE(points.back().iteration, 300L);
    // Points at fixed iterations, the same on every machine: every `interval` updates and at the
    // target, at least 50 over the run (a time-based cadence drew only the two ends of this run on
    // a fast machine).
    const long interval =
        rnnlab::ValidationSchedule(300, rnnlab::ValidationSchedule::costsOf(*session.sequences))
            .interval();
    QVERIFY2(interval <= 300 / 50, qPrintable(QString::number(interval)));
    std::vector<long> expected;
    for (long k = 0; k < 300; k += interval) {
      expected.push_back(k);
    }
    expected.push_back(300);
    std::vector<long> iterations;
    for (const LossHistory::Point& point : points) {
      iterations.push_back(point.iteration);
    }
    QCOMPARE(iterations, expected);
    // Each value is the core's validation loss of the weights after that many updates.
    rnnlab::Trainer trainer(session.makeModel(), *session.sequences, session.training);
    std::size_t next = 0;
    for (long k = 0; k <= 300 && next < points.size(); ++k) {
      QVERIFY(points[next].iteration >= k);
      if (points[next].iteration == k) {
        QCOMPARE(points[next].value, *trainer.validationLoss());
        ++next;
      }
      trainer.step();
    }
    QCOMPARE(next, points.size());
    // The network generalizes: the held-out sequences' loss falls with the training loss.
    const QString change =
        QStringLiteral("%1 → %2").arg(points.front().value).arg(points.back().value);
    QVERIFY2(points.back().value < 0.2 * points.front().value, qPrintable(change));
  }

  void theShownSequenceIsThePickedOne() {
    rnnlab::Session session = preset("noisy-sine");
    session.training.iterations = 20;
    TrainingController controller;
    controller.setSession(session);
    // Training #0 by default.
    QCOMPARE(controller.latestSnapshot()->shownIndex, 0);
    QVERIFY(!controller.latestSnapshot()->shownValidation);
    rnnlab::ForwardPass pass;
    rnnlab::forward(session.makeModel(), session.sequences->train[0], pass);
    QVERIFY(controller.latestSnapshot()->forward.hidden == pass.hidden);

    trainToTarget(controller);
    controller.showSequence(true, 3);
    QTRY_VERIFY_WITH_TIMEOUT(controller.latestSnapshot()->shownValidation, Timeout);
    const TrainingSnapshotPtr shown = controller.latestSnapshot();
    QCOMPARE(shown->shownIndex, 3);
    rnnlab::forward(shown->model, session.sequences->validation[3], pass);
    QVERIFY(shown->forward.hidden == pass.hidden);
    QVERIFY(shown->forward.loss == pass.loss);
    // The stepper's trace is of that sequence too.
    QVERIFY(shown->trace != nullptr);
    QVERIFY(shown->trace->forward.hidden == pass.hidden);

    // Out of range is clamped; a reset keeps the choice.
    controller.showSequence(false, 1000);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.latestSnapshot()->shownValidation, Timeout);
    QCOMPARE(controller.latestSnapshot()->shownIndex, 47);
    controller.reset();
    QCOMPARE(controller.latestSnapshot()->shownIndex, 47);
    rnnlab::forward(session.makeModel(), session.sequences->train[47], pass);
    QVERIFY(controller.latestSnapshot()->forward.hidden == pass.hidden);
  }

  void aSavedRunContinuesExactly() {
    rnnlab::Session session = preset("noisy-sine");
    session.training.iterations = 130;
    TrainingController controller;
    controller.setSession(session);
    trainToTarget(controller);
    rnnlab::Session saved = session;
    saved.setModel(controller.latestSnapshot()->model);
    saved.trainingState = controller.latestSnapshot()->trainingState;
    saved.training.iterations = 70;
    const rnnlab::Session reread = rnnlab::parseSession(rnnlab::serializeSession(saved));

    TrainingController resumed;
    resumed.setSession(reread);
    trainToTarget(resumed);
    QCOMPARE(resumed.latestSnapshot()->iteration, 200L);
    rnnlab::Trainer straight(session.makeModel(), *session.sequences, session.training);
    for (int k = 0; k < 200; ++k) {
      straight.step();
    }
    QVERIFY(resumed.latestSnapshot()->model == straight.model());
    QCOMPARE(resumed.latestSnapshot()->epoch, straight.epoch());
  }

  // "Continue from here" takes the kept weights, optimizer state and the epoch order of that
  // iteration: continuing from 30 to 60 gives the run that never went back.
  void continueFromHereIsExact() {
    rnnlab::Session session = preset("noisy-sine");
    session.training.iterations = 60;
    TrainingController controller;
    controller.setSession(session);
    trainToTarget(controller);
    rnnlab::TrainingSettings settings = session.training;
    settings.iterations = 30;
    controller.branchFromHistory(31, settings);  // iteration 31 is kept (every one is, here)
    QTRY_COMPARE_WITH_TIMEOUT(controller.latestSnapshot()->iteration, 31L, Timeout);
    trainToTarget(controller);
    QCOMPARE(controller.latestSnapshot()->iteration, 61L);
    rnnlab::Trainer straight(session.makeModel(), *session.sequences, session.training);
    std::vector<double> losses;
    for (int k = 0; k < 61; ++k) {
      losses.push_back(straight.step().loss);
    }
    QVERIFY(controller.latestSnapshot()->model == straight.model());
    QVERIFY(controller.lossHistory() == losses);

    // A what-if of the weights is shown on the shown sequence; applying it continues the epoch.
    rnnlab::Model edited = controller.latestSnapshot()->model;
    edited.params.Why().setZero();
    edited.params.by().setZero();
    QVERIFY(controller.setWhatIf(edited, rnnlab::SequenceData()));
    QTRY_VERIFY_WITH_TIMEOUT(controller.latestSnapshot()->isWhatIf, Timeout);
    rnnlab::ForwardPass pass;
    rnnlab::forward(edited, session.sequences->train[0], pass);
    QVERIFY(controller.latestSnapshot()->forward.hidden == pass.hidden);
    QCOMPARE(controller.latestSnapshot()->forward.loss, pass.loss);
    QVERIFY(controller.applyWhatIf());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.latestSnapshot()->isWhatIf, Timeout);
    QVERIFY(controller.latestSnapshot()->model == edited);
    QCOMPARE(controller.latestSnapshot()->epoch, straight.epoch());
    QVERIFY(controller.latestSnapshot()->trainingState.epochOrder == straight.epochOrder());

    // A rewind shows the kept weights on the shown sequence.
    controller.showHistory(10);
    QTRY_VERIFY_WITH_TIMEOUT(controller.latestSnapshot()->isHistoryView, Timeout);
    QCOMPARE(controller.latestSnapshot()->forward.steps(),
             session.sequences->train[0].inputs.rows());
  }
};

QTEST_MAIN(DataSetTrainingTest)
#include "data_set_training_test.moc"
