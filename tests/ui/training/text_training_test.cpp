// The app's training of a character-level language model (a text session): the worker trains
// it with the core's text trainer (the same losses as rnnlab::Trainer, bit for bit), publishes
// the chunk with its dense one-hot inputs, measures the validation loss now and then into the
// loss history's second series, and a run saved mid-way continues exactly.

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <numeric>

#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "rnnlab/validation_schedule.h"
#include "training/training_controller.h"
#include "training/training_worker.h"

namespace {

constexpr int Timeout = 60000;  // ms; only reached when something is broken

rnnlab::Session sonnets() {
  return rnnlab::loadSession(RNNLAB_SOURCE_DIR "/resources/presets/text/sonnets.rnnlab.json");
}

double mean(const std::vector<double>& values, std::size_t from, std::size_t count) {
  return std::accumulate(values.begin() + static_cast<long>(from),
                         values.begin() + static_cast<long>(from + count), 0.0) /
         static_cast<double>(count);
}

}  // namespace

class TextTrainingTest : public QObject {
  Q_OBJECT

 private slots:
  void init() { QTest::failOnWarning(QRegularExpression(".*")); }

  void trainsLikeTheCoreAndTheLossDrops() {
    rnnlab::Session session = sonnets();
    session.training.iterations = 1500;
    TrainingController controller;
    controller.setSession(session);
    controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
    const TrainingSnapshotPtr last = controller.latestSnapshot();
    QCOMPARE(last->iteration, 1500L);

    // The same losses and weights as the core's trainer on its own.
    rnnlab::Trainer trainer(session.makeModel(), *session.text, session.training);
    std::vector<double> losses;
    for (int k = 0; k < 1500; ++k) {
      losses.push_back(trainer.step().loss);
    }
    QCOMPARE(controller.lossHistory().size(), std::size_t{1500});
    QVERIFY(controller.lossHistory() == losses);
    QVERIFY(last->model == trainer.model());

    // Per character, the last 200 iterations are clearly below the first 200 (ln 60 ≈ 4.1).
    const double L = session.text->sequenceLength;
    const double early = mean(losses, 0, 200) / L;
    const double late = mean(losses, 1300, 200) / L;
    QVERIFY2(late < 0.8 * early, qPrintable(QStringLiteral("%1 → %2").arg(early).arg(late)));
  }

  void validationLossesAreASecondSeries() {
    rnnlab::Session session = sonnets();
    session.training.iterations = 400;
    TrainingController controller;
    QSignalSpy changed(&controller.losses(), &LossHistory::validationChanged);
    controller.setSession(session);
    controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
    // At fixed iterations, the same on every machine: the start, every `interval` updates, the
    // target.
    const std::vector<LossHistory::Point>& points = controller.losses().validation();
    QVERIFY(changed.count() >= 1);
    const long interval =
        rnnlab::ValidationSchedule(400, rnnlab::ValidationSchedule::costsOf(*session.text))
            .interval();
    QVERIFY2(interval < 400, qPrintable(QString::number(interval)));  // a curve, not two ends
    std::vector<long> expected;
    for (long k = 0; k < 400; k += interval) {
      expected.push_back(k);
    }
    expected.push_back(400);
    QCOMPARE(static_cast<long>(points.size()), static_cast<long>(expected.size()));
    // Each value is the core's validation loss of the weights after that many updates.
    rnnlab::Trainer trainer(session.makeModel(), *session.text, session.training);
    for (std::size_t k = 0; k < points.size(); ++k) {
      QCOMPARE(points[k].iteration, expected[k]);
      while (trainer.iteration() < expected[k]) {
        trainer.step();
      }
      QCOMPARE(points[k].value, *trainer.validationLoss());
    }
    QVERIFY(points.back().value < points.front().value);

    // A reset empties it along with the losses.
    controller.reset();
    QTRY_VERIFY(controller.losses().validation().size() <= 1);
  }

  void snapshotsCarryTheChunk() {
    rnnlab::Session session = sonnets();
    session.training.iterations = 3;
    TrainingController controller;
    controller.setSession(session);
    // Idle: the next chunk, starting at 0, with its characters as indices and as one-hot columns.
    TrainingSnapshotPtr idle = controller.latestSnapshot();
    QVERIFY(idle->text != nullptr);
    QCOMPARE(idle->chunkStart, 0L);
    const int L = session.text->sequenceLength;
    const int V = session.text->vocabularySize();
    QCOMPARE(idle->forward.inputIndices.size(), L);
    QCOMPARE(idle->forward.inputs.rows(), V);
    QCOMPARE(idle->forward.inputs.cols(), L);
    for (int t = 0; t < L; ++t) {
      QCOMPARE(idle->forward.inputIndices(t), session.text->indices[static_cast<std::size_t>(t)]);
      QCOMPARE(idle->forward.inputs(idle->forward.inputIndices(t), t), 1.0);
      QCOMPARE(idle->forward.inputs.col(t).sum(), 1.0);
      QCOMPARE(idle->forward.targets(idle->forward.targetIndices(t), t), 1.0);
    }
    QVERIFY(idle->trace != nullptr);
    QCOMPARE(idle->trace->forward.inputs.rows(), V);

    controller.step();
    controller.step();
    QTRY_COMPARE_WITH_TIMEOUT(controller.latestSnapshot()->iteration, 2L, Timeout);
    // Paused after two steps: `forward` is the second chunk (the last iteration's); the trace,
    // which the views show, is the next one (the third), from the carried state.
    const TrainingSnapshotPtr paused = controller.latestSnapshot();
    QCOMPARE(paused->chunkStart, 1L * L);
    QCOMPARE(paused->trace->report.chunkStart, 2L * L);
    QCOMPARE(paused->traceChunkStart, 2L * L);
    QCOMPARE(paused->trainingState.textPosition.value_or(-1), 2L * L);
    QVERIFY(paused->trainingState.carriedH.has_value());
    QVERIFY(paused->trace->forward.hidden.col(0) == *paused->trainingState.carriedH);
  }

  void aSavedRunContinuesExactly() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Rnn, rnnlab::CellKind::Lstm}) {
      rnnlab::Session session = sonnets();
      session.model.cell = cell;
      session.model.hiddenSize = 16;
      session.training.iterations = 130;
      TrainingController controller;
      controller.setSession(session);
      controller.play();
      QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
      // What Save writes: the trained weights and the snapshot's training state.
      rnnlab::Session saved = session;
      saved.setModel(controller.latestSnapshot()->model);
      saved.trainingState = controller.latestSnapshot()->trainingState;
      saved.training.iterations = 70;
      const rnnlab::Session reread = rnnlab::parseSession(rnnlab::serializeSession(saved));

      TrainingController resumed;
      resumed.setSession(reread);
      resumed.play();
      QTRY_COMPARE_WITH_TIMEOUT(resumed.state(), TrainingState::Finished, Timeout);
      QCOMPARE(resumed.latestSnapshot()->iteration, 200L);

      rnnlab::Trainer straight(session.makeModel(), *session.text, session.training);
      for (int k = 0; k < 200; ++k) {
        straight.step();
      }
      QVERIFY2(resumed.latestSnapshot()->model == straight.model(), rnnlab::toString(cell).data());
    }
  }

  // Rewinds, what-ifs and "continue from here" show or train the current chunk of the text.
  void rewindWhatIfAndBranchWorkOnTheChunk() {
    rnnlab::Session session = sonnets();
    session.model.hiddenSize = 16;
    session.training.iterations = 30;
    TrainingController controller;
    controller.setSession(session);
    controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
    const int L = session.text->sequenceLength;

    controller.showHistory(10);
    QTRY_VERIFY_WITH_TIMEOUT(controller.latestSnapshot()->isHistoryView, Timeout);
    QCOMPARE(controller.latestSnapshot()->viewedIteration, 10L);
    QCOMPARE(controller.latestSnapshot()->forward.steps(), L);
    QVERIFY(controller.latestSnapshot()->trace != nullptr);
    // The next chunk of the live run (30 chunks of 25 in): its start, from h0.
    QCOMPARE(controller.latestSnapshot()->chunkStart, 30L * L);
    QCOMPARE(controller.latestSnapshot()->traceChunkStart, 30L * L);
    QVERIFY(controller.latestSnapshot()->forward.hidden.col(0) ==
            controller.latestSnapshot()->model.h0);
    controller.leaveHistory();

    rnnlab::Model edited = controller.latestSnapshot()->model;
    edited.params.Why().setZero();
    edited.params.by().setZero();
    controller.setWhatIf(edited, rnnlab::SequenceData());
    QTRY_VERIFY_WITH_TIMEOUT(controller.latestSnapshot()->isWhatIf, Timeout);
    // Zero output weights: every character equally likely, so each step costs ln V.
    const rnnlab::ForwardPass& pass = controller.latestSnapshot()->forward;
    QCOMPARE(pass.steps(), L);
    QVERIFY(std::abs(pass.loss - L * std::log(session.text->vocabularySize())) < 1e-9);
    controller.applyWhatIf();
    QTRY_VERIFY_WITH_TIMEOUT(!controller.latestSnapshot()->isWhatIf, Timeout);
    QVERIFY(controller.latestSnapshot()->model == edited);
    QVERIFY(controller.latestSnapshot()->text != nullptr);

    rnnlab::TrainingSettings settings = session.training;
    settings.iterations = 5;
    controller.branchFromHistory(20, settings);
    QTRY_COMPARE_WITH_TIMEOUT(controller.latestSnapshot()->iteration, 20L, Timeout);
    controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), TrainingState::Finished, Timeout);
    QCOMPARE(controller.latestSnapshot()->iteration, 25L);
    QCOMPARE(controller.lossHistory().size(), std::size_t{25});
    // The branch reads on where iteration 20 did, with the state it carried and Adagrad's
    // sums: the same losses and weights as 25 iterations straight, bit for bit.
    rnnlab::Trainer straight(session.makeModel(), *session.text, session.training);
    std::vector<double> losses;
    for (int k = 0; k < 25; ++k) {
      losses.push_back(straight.step().loss);
    }
    QVERIFY(controller.lossHistory() == losses);
    QVERIFY(controller.latestSnapshot()->model == straight.model());
  }
};

QTEST_MAIN(TextTrainingTest)
#include "text_training_test.moc"
