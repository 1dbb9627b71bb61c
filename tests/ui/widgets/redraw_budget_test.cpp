// RedrawBudget: the redraw interval keeps drawing within its share of a core, between the fastest
// and the slowest rate, and follows the cost up and down.
#include "widgets/redraw_budget.h"

#include <QtTest>

class RedrawBudgetTest : public QObject {
  Q_OBJECT

 private slots:
  void cheapRedrawsKeepTheFullRate() {
    RedrawBudget budget(33, 1000, 0.1);
    QCOMPARE(budget.intervalMs(), 33);
    for (int k = 0; k < 10; ++k) {
      budget.spent(2.0);  // 2 ms every 33 ms: 6% of a core
    }
    QCOMPARE(budget.intervalMs(), 33);
  }

  void costlyRedrawsComeLessOften() {
    RedrawBudget budget(33, 1000, 0.1);
    budget.spent(20.0);  // the first cost counts in full
    QCOMPARE(budget.intervalMs(), 200);
    for (int k = 0; k < 50; ++k) {
      budget.spent(30.0);
    }
    QCOMPARE(budget.intervalMs(), 300);  // 30 ms per 300 ms: 10%
    for (int k = 0; k < 50; ++k) {
      budget.spent(500.0);  // a 4096×4096 model on a slow machine
    }
    QCOMPARE(budget.intervalMs(), 1000);  // never slower than this
  }

  void oneSlowFrameIsSmoothed() {
    RedrawBudget budget(33, 1000, 0.1);
    for (int k = 0; k < 10; ++k) {
      budget.spent(1.0);
    }
    budget.spent(40.0);
    QVERIFY(budget.intervalMs() < 150);  // not 400
    for (int k = 0; k < 30; ++k) {
      budget.spent(1.0);
    }
    QCOMPARE(budget.intervalMs(), 33);  // back to the full rate
  }

  void nonsenseCostsAreIgnored() {
    RedrawBudget budget(33, 1000, 0.1);
    budget.spent(std::numeric_limits<double>::quiet_NaN());
    budget.spent(-5.0);
    QCOMPARE(budget.intervalMs(), 33);
  }
};

QTEST_MAIN(RedrawBudgetTest)
#include "redraw_budget_test.moc"
