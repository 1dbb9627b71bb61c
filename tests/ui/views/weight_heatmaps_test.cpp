// WeightHeatmaps puts all five blocks on one colour scale and toggles to the gradients.

#include "views/weight_heatmaps.h"

#include <QSignalSpy>
#include <QTest>

#include "widgets/heatmap_widget.h"

namespace {

rnnlab::Parameters filled(double value, double biggest) {
  rnnlab::Parameters p = rnnlab::Parameters::zeros(rnnlab::ModelConfig{3, 4, 2});
  p.Wxh() = rnnlab::Matrix::Constant(4, 3, value);
  p.Whh() = rnnlab::Matrix::Constant(4, 4, value);
  p.Why() = rnnlab::Matrix::Constant(2, 4, value);
  p.bh() = rnnlab::Vector::Constant(4, value);
  p.by() = rnnlab::Vector::Constant(2, value);
  p.by()(1) = -biggest;  // the largest magnitude sits in the smallest block
  return p;
}

}  // namespace

class WeightHeatmapsTest : public QObject {
  Q_OBJECT

 private slots:
  void oneScaleForAllFive() {
    WeightHeatmaps view;
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    QCOMPARE(view.sharedScale(), 2.5);
    for (int block = 0; block < rnnlab::Parameters::BlockCount; ++block) {
      QCOMPARE(view.heatmap(block)->scale(), 2.5);
    }
    QCOMPARE(view.heatmap(0)->matrix().rows(), 4);
    QCOMPARE(view.heatmap(3)->matrix().cols(), 1);  // bh as a column
  }

  void toggleShowsGradients() {
    WeightHeatmaps view;
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    QSignalSpy spy(&view, &WeightHeatmaps::showGradientsChanged);
    view.setShowGradients(true);
    QVERIFY(view.showGradients());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(view.sharedScale(), 0.05);
    QCOMPARE(view.heatmap(0)->matrix()(0, 0), 0.01);
    view.setShowGradients(true);  // no change, no signal
    QCOMPARE(spy.size(), 1);
  }

  void emptyGradientsDoNotCrash() {
    WeightHeatmaps view;
    view.setParameters(filled(0.1, 1.0), rnnlab::Gradients());
    view.setShowGradients(true);
    view.resize(700, 400);
    QVERIFY(!view.grab().isNull());
    QCOMPARE(view.heatmap(0)->matrix().size(), 0);
  }
};

QTEST_MAIN(WeightHeatmapsTest)
#include "weight_heatmaps_test.moc"
