// phaseValues() lists exactly the trace's numbers under stable keys, for every phase.

#include "inspection/phase_values.h"

#include <QtTest>

#include "rnnlab/session.h"
#include "rnnlab/step_inspection.h"
#include "rnnlab/trainer.h"

using rnnlab::IterationPhase;
using rnnlab::Matrix;
using Kind = IterationPhase::Kind;

namespace {

const PhaseValue* find(const QList<PhaseValue>& values, const QString& key) {
  for (const PhaseValue& v : values) {
    if (v.key == key) {
      return &v;
    }
  }
  return nullptr;
}

bool same(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
}

}  // namespace

class PhaseValuesTest : public QObject {
  Q_OBJECT

 private:
  rnnlab::IterationTrace m_trace;

 private slots:
  void initTestCase() {
    const rnnlab::Session session = rnnlab::builtinExample();
    rnnlab::Trainer trainer(session.makeModel(), session.data, session.training);
    trainer.step();
    m_trace = rnnlab::traceIteration(trainer);
  }

  void forwardStepInDisplayOrder() {
    const QList<PhaseValue> values = phaseValues(m_trace, {Kind::Forward, 2});
    QStringList keys;
    for (const PhaseValue& v : values) {
      keys << v.key;
    }
    QCOMPARE(keys, (QStringList{"x", "h_prev", "a", "h", "y", "d", "step_loss"}));
    QVERIFY(same(find(values, "h_prev")->values, m_trace.forward.hidden.col(2)));
    QVERIFY(same(find(values, "h")->values, m_trace.forward.hidden.col(3)));
    QCOMPARE(find(values, "step_loss")->values(0, 0), m_trace.forward.stepLoss(2));
  }

  void backwardHasEveryBlocksStepAndSum() {
    const QList<PhaseValue> values = phaseValues(m_trace, {Kind::Backward, 1});
    const rnnlab::Parameters step = rnnlab::stepContribution(m_trace.forward, m_trace.backward, 1);
    QVERIFY(same(find(values, "dWhh_step")->values, step.Whh()));
    QVERIFY(same(find(values, "dbh_step")->values, Matrix(step.bh())));
    QVERIFY(find(values, "dby_sum") != nullptr);
  }

  void updateShowsBeforeChangeAfter() {
    const QList<PhaseValue> values = phaseValues(m_trace, {Kind::Update, -1});
    QVERIFY(same(find(values, "Wxh_before")->values, m_trace.before.params.Wxh()));
    QVERIFY(same(find(values, "Wxh_after")->values, m_trace.after.Wxh()));
    QVERIFY(same(find(values, "Wxh_change")->values,
                 m_trace.after.Wxh() - m_trace.before.params.Wxh()));
  }

  void clipListsBothVersionsOfEveryBlock() {
    const QList<PhaseValue> values = phaseValues(m_trace, {Kind::Clip, -1});
    QVERIFY(same(find(values, "Why_unclipped")->values, m_trace.backward.grads.Why()));
    QVERIFY(same(find(values, "Why_clipped")->values, m_trace.clipped.Why()));
  }

  void labelsAndTargets() {
    QCOMPARE(phaseLabel({Kind::Forward, 1}, 4), QStringLiteral("Forward t = 2 of 4"));
    QCOMPARE(phaseLabel({Kind::Update, -1}, 4), QStringLiteral("Update"));
    QVERIFY(!phaseExplanation({Kind::Clip, -1}, 4).isEmpty());
    // The example trains in sequence mode: every step has its own target column.
    QVERIFY(stepHasTarget(m_trace, 0));
    QCOMPARE(targetColumn(m_trace, 3), 3);
    QVERIFY(!stepHasTarget(m_trace, 4));
  }
};

QTEST_MAIN(PhaseValuesTest)
#include "phase_values_test.moc"
