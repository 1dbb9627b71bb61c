// WeightHistory: the kept weights around core ModelHistory: a budget changed mid-run thins what
// is kept, a new model starts afresh, an applied edit replaces the tail.

#include "training/weight_history.h"

#include <QTest>

namespace {

const rnnlab::ModelConfig Config{2, 3, 1, rnnlab::OutputMode::Sequence, rnnlab::LossKind::Mse};

rnnlab::Parameters marked(long iteration) {
  rnnlab::Parameters params = rnnlab::Parameters::zeros(Config);
  params.Wxh().setConstant(static_cast<double>(iteration));
  return params;
}

std::size_t bytesFor(std::size_t entries) {
  return entries * rnnlab::ModelHistory::entryBytes(marked(0), 0);
}

}  // namespace

class WeightHistoryTest : public QObject {
  Q_OBJECT

 private slots:
  void aSmallerBudgetThinsWhatIsKept();
  void startOverForgetsTheOldModel();
  void replaceFromDropsTheTail();
};

void WeightHistoryTest::aSmallerBudgetThinsWhatIsKept() {
  WeightHistory history;
  QCOMPARE(history.budget(), rnnlab::ModelHistory::DefaultByteBudget);
  history.startOver(0, marked(0));
  for (long i = 1; i <= 100; ++i) {
    history.record(i, marked(i));
  }
  QCOMPARE(history.size(), std::size_t{101});
  history.setBudget(bytesFor(10));
  QCOMPARE(history.budget(), bytesFor(10));
  QVERIFY(history.size() <= 10);
  QCOMPARE(history.atOrBefore(0)->iteration, 0L);  // the start always stays
  const rnnlab::ModelHistory::Entry* late = history.atOrBefore(100);
  QVERIFY(late && late->iteration > 50);
  QCOMPARE(late->params.Wxh()(0, 0), static_cast<double>(late->iteration));
}

void WeightHistoryTest::startOverForgetsTheOldModel() {
  WeightHistory history;
  history.startOver(0, marked(0));
  history.record(1, marked(1));
  const rnnlab::ModelConfig wider{2, 5, 1, rnnlab::OutputMode::Sequence, rnnlab::LossKind::Mse};
  history.startOver(0, rnnlab::Parameters::zeros(wider));
  QCOMPARE(history.size(), std::size_t{1});
  QCOMPARE(history.atOrBefore(1)->params.Whh().rows(), 5);
}

void WeightHistoryTest::replaceFromDropsTheTail() {
  WeightHistory history;
  history.startOver(0, marked(0));
  for (long i = 1; i <= 5; ++i) {
    history.record(i, marked(i));
  }
  history.replaceFrom(3, marked(30));
  QCOMPARE(history.size(), std::size_t{4});
  QCOMPARE(history.atOrBefore(5)->iteration, 3L);
  QCOMPARE(history.atOrBefore(5)->params.Wxh()(0, 0), 30.0);
  QCOMPARE(history.atOrBefore(2)->params.Wxh()(0, 0), 2.0);
}

QTEST_GUILESS_MAIN(WeightHistoryTest)
#include "weight_history_test.moc"
