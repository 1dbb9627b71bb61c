// ViewedModel: what a rewind or a what-if puts into a snapshot (checked against the core's own
// passes and trace), retracing with new settings, and handing a what-if over.

#include "training/viewed_model.h"

#include <QTest>

#include "rnnlab/forward_pass.h"
#include "rnnlab/iteration_trace.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "training/training_snapshot.h"

class ViewedModelTest : public QObject {
  Q_OBJECT

 private slots:
  void liveLeavesTheSnapshotAlone();
  void historyShowsTheKeptWeightsOnTheLiveData();
  void whatIfShowsTheEditAndHandsItOver();
  void retraceUsesTheNewSettings();
};

namespace {

rnnlab::Model edited(const rnnlab::Session& session) {
  rnnlab::Model model = session.makeModel();
  model.params.Whh()(0, 1) = 0.75;
  return model;
}

}  // namespace

void ViewedModelTest::liveLeavesTheSnapshotAlone() {
  ViewedModel viewed;
  QVERIFY(viewed.isLive());
  TrainingSnapshot snapshot;
  snapshot.viewedIteration = -1;
  snapshot.model = rnnlab::builtinExample().makeModel();
  viewed.fill(snapshot);
  QVERIFY(!snapshot.isHistoryView && !snapshot.isWhatIf && !snapshot.trace);
  QVERIFY(snapshot.model == rnnlab::builtinExample().makeModel());
  QVERIFY(!viewed.takeWhatIf());
}

void ViewedModelTest::historyShowsTheKeptWeightsOnTheLiveData() {
  const rnnlab::Session session = rnnlab::builtinExample();
  const rnnlab::Model kept = edited(session);
  ViewedModel viewed;
  viewed.showHistory(kept, session.data, 7, session.training);
  QCOMPARE(viewed.kind(), ViewedModel::Kind::History);

  TrainingSnapshot snapshot;
  snapshot.iteration = 40;
  viewed.fill(snapshot);
  QVERIFY(snapshot.isHistoryView && !snapshot.isWhatIf);
  QCOMPARE(snapshot.viewedIteration, 7L);
  QCOMPARE(snapshot.iteration, 40L);  // the live run's, untouched
  QVERIFY(snapshot.model == kept);
  rnnlab::ForwardPass expected;
  rnnlab::forward(kept, session.data, expected);
  QCOMPARE(snapshot.forward.loss, expected.loss);
  QVERIFY(snapshot.trace);
  QCOMPARE(snapshot.trace->report.iteration, 7L);  // numbered as the kept iteration's next
  QVERIFY(snapshot.trace->before == kept);

  QVERIFY(!viewed.takeWhatIf());  // a rewind is not an edit
  viewed.leave();
  QVERIFY(viewed.isLive());
}

void ViewedModelTest::whatIfShowsTheEditAndHandsItOver() {
  const rnnlab::Session session = rnnlab::builtinExample();
  rnnlab::SequenceData data = session.data;
  data.inputs(2, 1) = -1.0;
  ViewedModel viewed;
  viewed.showWhatIf(edited(session), data, 3, session.training);
  TrainingSnapshot snapshot;
  viewed.fill(snapshot);
  QVERIFY(snapshot.isWhatIf && !snapshot.isHistoryView);
  QCOMPARE(snapshot.viewedIteration, -1L);
  rnnlab::Trainer trainer(edited(session), data, session.training);
  trainer.restart(edited(session), 3);
  const rnnlab::IterationTrace expected = rnnlab::traceIteration(trainer);
  QCOMPARE(snapshot.trace->report.iteration, 3L);
  QCOMPARE(snapshot.trace->report.loss, expected.report.loss);
  QVERIFY(snapshot.trace->after == expected.after);

  auto edit = viewed.takeWhatIf();
  QVERIFY(edit);
  QVERIFY(edit->first == edited(session));
  QVERIFY(edit->second == data);
  QVERIFY(viewed.isLive());
}

void ViewedModelTest::retraceUsesTheNewSettings() {
  const rnnlab::Session session = rnnlab::builtinExample();
  ViewedModel viewed;
  viewed.showHistory(session.makeModel(), session.data, 0, session.training);
  rnnlab::TrainingSettings frozen = session.training;
  frozen.learningRate = 0.0;
  viewed.retrace(frozen, session.data);
  TrainingSnapshot snapshot;
  viewed.fill(snapshot);
  // η = 0: the traced update leaves the weights as they are.
  QVERIFY(snapshot.trace->after == session.makeModel().params);
}

QTEST_GUILESS_MAIN(ViewedModelTest)
#include "viewed_model_test.moc"
