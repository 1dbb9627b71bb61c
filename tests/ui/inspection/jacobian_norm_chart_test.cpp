// JacobianNormChart draws the core's step and product Jacobian norms on a log scale and says
// what they are.

#include "inspection/jacobian_norm_chart.h"

#include <QTest>
#include <cmath>

#include "rnnlab/forward_pass.h"

class JacobianNormChartTest : public QObject {
  Q_OBJECT

 private slots:
  void drawsTheCoresNormsForAGatedCell() {
    rnnlab::ModelConfig config{1, 3, 1};
    config.cell = rnnlab::CellKind::Lstm;
    const rnnlab::Model model = rnnlab::Model::initialized(config, 5, 0.8);
    rnnlab::SequenceData data;
    data.inputs = rnnlab::Matrix::Random(10, 1);
    data.targets = rnnlab::Matrix::Random(10, 1);
    rnnlab::ForwardPass pass;
    rnnlab::forward(model, data, pass);
    JacobianNormChart chart;
    chart.resize(500, 300);
    chart.setModelAndPass(model, pass);
    const rnnlab::RecurrentJacobianNorms expected = rnnlab::recurrentJacobianNorms(model, pass);
    QCOMPARE(chart.norms().stepNorms, expected.stepNorms);
    QCOMPARE(chart.norms().productNorms, expected.productNorms);
    QVERIFY(chart.caption().contains(QStringLiteral("‖∂h_t/∂h_{t−1}‖₂")));
    QVERIFY(chart.caption().contains(QStringLiteral("s = (h, c)")));
    // On a log scale: a ratio of ten between two points is the same height everywhere.
    const double y0 = chart.pointOf(1, 0).y();
    const double y1 = chart.pointOf(1, 1).y();
    const double logRatio = std::log10(expected.productNorms(1) / expected.productNorms(0));
    const double y2 = chart.pointOf(0, 0).y();
    const double y3 = chart.pointOf(0, 1).y();
    const double logRatio2 = std::log10(expected.stepNorms(1) / expected.stepNorms(0));
    // The model is chosen so that both series change between their first two points: without
    // that the check below would compare nothing.
    QVERIFY2(std::abs(logRatio) > 1e-3 && std::abs(logRatio2) > 1e-3,
             qPrintable(QStringLiteral("%1 %2").arg(logRatio).arg(logRatio2)));
    QVERIFY(std::abs((y1 - y0) / logRatio - (y3 - y2) / logRatio2) < 1e-6);
    // The stroke of the product series passes through its first point.
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QImage image = chart.grab().toImage();
    const QPoint p = chart.pointOf(1, 3).toPoint();
    bool red = false;
    for (int dy = -2; dy <= 2; ++dy) {
      const QColor c = image.pixelColor(p + QPoint(0, dy));
      red = red || (c.red() > 150 && c.green() < 90);
    }
    QVERIFY(red);
  }

  // Snapshots arrive ~30 times a second: the chart computes at most MaxUpdatesPerSecond times and
  // then shows the latest pass.
  void computesAtMostFourTimesASecondAndKeepsTheLatest() {
    rnnlab::ModelConfig config{1, 3, 1};
    config.cell = rnnlab::CellKind::Gru;
    rnnlab::SequenceData data;
    data.inputs = rnnlab::Matrix::Random(6, 1);
    data.targets = rnnlab::Matrix::Random(6, 1);
    JacobianNormChart chart;
    rnnlab::RecurrentJacobianNorms last;
    for (int k = 0; k < 5; ++k) {
      const rnnlab::Model model = rnnlab::Model::initialized(config, 10 + k, 0.8);
      rnnlab::ForwardPass pass;
      rnnlab::forward(model, data, pass);
      chart.setModelAndPass(model, pass);
      last = rnnlab::recurrentJacobianNorms(model, pass);
      QCOMPARE(chart.hasPending(), k > 0);
    }
    QVERIFY(chart.norms().stepNorms != last.stepNorms);  // the first one, not yet the latest
    QTRY_VERIFY_WITH_TIMEOUT(!chart.hasPending(), 1000);
    QCOMPARE(chart.norms().stepNorms, last.stepNorms);
  }

  void saysWhenTheModelIsTooLargeToComputeHere() {
    rnnlab::ModelConfig config{1, 200, 1};
    config.cell = rnnlab::CellKind::Lstm;
    const rnnlab::Model model = rnnlab::Model::initialized(config, 1, 0.1);
    rnnlab::SequenceData data;
    data.inputs = rnnlab::Matrix::Zero(50, 1);
    data.targets = rnnlab::Matrix::Zero(50, 1);
    rnnlab::ForwardPass pass;
    rnnlab::forward(model, data, pass);
    JacobianNormChart chart;
    chart.setModelAndPass(model, pass);
    QCOMPARE(chart.norms().stepNorms.size(), 0);
    QVERIFY(chart.caption().startsWith(QStringLiteral("Not computed here")));
  }
};

QTEST_MAIN(JacobianNormChartTest)
#include "jacobian_norm_chart_test.moc"
