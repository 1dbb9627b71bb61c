// KStepPredictionView draws the core's numbers: its horizon series are kStepAheadPredictions',
// its free run is generateSequence's, its targets the sequence's, and the check boxes show and
// hide the horizons.

#include "views/k_step_prediction_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QValueAxis>
#include <QtTest>
#include <array>
#include <cmath>

#include "rnnlab/forward_pass.h"
#include "rnnlab/prediction.h"
#include "rnnlab/sequence_generators.h"
#include "rnnlab/text_model.h"

namespace {

rnnlab::Model sineModel(int hidden, rnnlab::CellKind cell = rnnlab::CellKind::Rnn) {
  rnnlab::ModelConfig config;
  config.inputSize = 1;
  config.outputSize = 1;
  config.hiddenSize = hidden;
  config.cell = cell;
  return rnnlab::Model::initialized(config, 7, 0.5);
}

rnnlab::SequenceData sine(int steps) {
  rnnlab::Rng rng(3);
  return rnnlab::sineSequence(steps, 20.0, 0.05, 0.4, rng);
}

// The series' points must be (x_i, y_i) exactly.
void compareSeries(const QLineSeries* series, const QList<QPointF>& expected) {
  const QList<QPointF> points = series->points();
  QCOMPARE(points.size(), expected.size());
  for (qsizetype i = 0; i < points.size(); ++i) {
    QCOMPARE(points[i].x(), expected[i].x());
    QVERIFY2(
        std::abs(points[i].y() - expected[i].y()) <= 1e-12,
        qPrintable(
            QStringLiteral("point %1: %2 vs %3").arg(i).arg(points[i].y()).arg(expected[i].y())));
  }
}

// Horizon k as the view should place it: row s − 1 predicts step s + k − 1, up to step T.
QList<QPointF> expectedHorizon(const rnnlab::Model& model, const rnnlab::SequenceData& data,
                               int k) {
  const rnnlab::Matrix p = rnnlab::kStepAheadPredictions(model, data.inputs, k);
  QList<QPointF> points;
  for (int s = 1; s + k - 1 <= data.steps(); ++s) {
    points.append(QPointF(s + k - 1, p(s - 1, 0)));
  }
  return points;
}

}  // namespace

class KStepPredictionViewTest : public QObject {
  Q_OBJECT

 private slots:
  void seriesAreTheCoresNumbers() {
    const rnnlab::Model model = sineModel(8);
    const rnnlab::SequenceData data = sine(100);
    KStepPredictionView view;
    view.resize(700, 400);
    view.show();
    view.setPrediction(model, data);
    QVERIFY(view.multiStep());
    for (int k : KStepPredictionView::Horizons) {
      QVERIFY(view.horizonSeries(k)->isVisible());
      compareSeries(view.horizonSeries(k), expectedHorizon(model, data, k));
    }
    QCOMPARE(view.horizonSeries(64)->count(), 100 - 63);
    QList<QPointF> targets;
    for (int t = 1; t <= 100; ++t) {
      targets.append(QPointF(t, data.targets(t - 1, 0)));
    }
    compareSeries(view.targetSeries(), targets);

    view.setStartStep(40);
    const rnnlab::Matrix run = rnnlab::generateSequence(model, data.inputs.topRows(40), 61);
    QList<QPointF> freeRun;
    for (int j = 0; j < 61; ++j) {
      freeRun.append(QPointF(40 + j, run(j, 0)));
    }
    compareSeries(view.freeRunSeries(), freeRun);
    // Step 40's free-run prediction is the one-step prediction of step 40.
    QCOMPARE(view.freeRunSeries()->at(0).y(), view.horizonSeries(1)->at(39).y());
  }

  void captionReportsEachHorizonsError() {
    const rnnlab::Model model = sineModel(8);
    const rnnlab::SequenceData data = sine(80);
    KStepPredictionView view;
    view.show();
    view.setPrediction(model, data);
    const rnnlab::Matrix p = rnnlab::kStepAheadPredictions(model, data.inputs, 4);
    double sum = 0.0;
    for (int s = 1; s + 3 <= 80; ++s) {
      const double e = p(s - 1, 0) - data.targets(s + 2, 0);
      sum += e * e;
    }
    const QString mse = QString::number(sum / (80 - 3), 'g', 3).replace(u'-', QChar(0x2212));
    QVERIFY2(view.captionText().contains(QStringLiteral("4 steps ahead: ") + mse),
             qPrintable(view.captionText() + QStringLiteral(" / ") + mse));
  }

  void horizonsToggleSeries() {
    const rnnlab::Model model = sineModel(6, rnnlab::CellKind::Gru);
    const rnnlab::SequenceData data = sine(60);
    KStepPredictionView view;
    view.show();
    view.setHorizonVisible(16, false);
    view.setPrediction(model, data);
    QVERIFY(!view.horizonSeries(16)->isVisible());
    QCOMPARE(view.horizonSeries(16)->count(), 0);
    QVERIFY(!view.captionText().contains(QStringLiteral("16 steps")));
    // The check box is what the user clicks.
    QCheckBox* check = nullptr;
    for (QCheckBox* box : view.findChildren<QCheckBox*>()) {
      if (box->text() == QStringLiteral("16")) {
        check = box;
      }
    }
    QVERIFY(check != nullptr);
    QVERIFY(!check->isChecked());
    check->click();
    QVERIFY(view.isHorizonVisible(16));
    QVERIFY(view.horizonSeries(16)->isVisible());
    compareSeries(view.horizonSeries(16), expectedHorizon(model, data, 16));
    QVERIFY(view.captionText().contains(QStringLiteral("16 steps ahead")));
    view.setHorizonVisible(1, false);
    QVERIFY(!view.horizonSeries(1)->isVisible());
    QVERIFY(view.horizonSeries(4)->isVisible());
    view.setFreeRunVisible(false);
    QVERIFY(!view.freeRunSeries()->isVisible());
  }

  void otherTasksShowOnlyOneStep() {
    rnnlab::AddingOptions options;
    options.counts = {2, 0, 1};
    options.length = 12;
    const rnnlab::GeneratedTask task = rnnlab::generateAdding(options);
    const rnnlab::Model model = rnnlab::Model::initialized(task.config, 2, 0.5);
    KStepPredictionView view;
    view.show();
    view.setPrediction(model, task.set.train[0]);
    QVERIFY(!view.multiStep());
    rnnlab::ForwardPass pass;
    rnnlab::forward(model, task.set.train[0], pass);
    QList<QPointF> oneStep;
    for (int t = 1; t <= 12; ++t) {
      oneStep.append(QPointF(t, pass.outputs(0, t - 1)));
    }
    compareSeries(view.horizonSeries(1), oneStep);
    QCOMPARE(view.horizonSeries(4)->count(), 0);
    QCOMPARE(view.freeRunSeries()->count(), 0);
    QCOMPARE(view.targetSeries()->count(), 1);  // `last` mode: step T only
    QCOMPARE(view.targetSeries()->at(0), QPointF(12, task.set.train[0].targets(0, 0)));
    QVERIFY(view.captionText().contains(QStringLiteral("2 inputs and 1 outputs")));
  }

  void theColumnPickerChoosesTheOutput() {
    rnnlab::ModelConfig config;
    config.inputSize = 2;
    config.outputSize = 2;
    config.hiddenSize = 5;
    const rnnlab::Model model = rnnlab::Model::initialized(config, 3, 0.4);
    rnnlab::SequenceData data{rnnlab::Matrix::Random(20, 2), rnnlab::Matrix::Random(20, 2)};
    KStepPredictionView view;
    view.show();
    view.setPrediction(model, data);
    auto* picker = view.findChild<QComboBox*>();
    QVERIFY(picker->isVisible());
    QCOMPARE(picker->count(), 2);
    view.setColumn(1);
    const rnnlab::Matrix p = rnnlab::kStepAheadPredictions(model, data.inputs, 4);
    QList<QPointF> expected;
    for (int s = 1; s + 3 <= 20; ++s) {
      expected.append(QPointF(s + 3, p(s - 1, 1)));
    }
    compareSeries(view.horizonSeries(4), expected);
    QCOMPARE(view.targetSeries()->at(0).y(), data.targets(0, 1));
  }

  // Steps are whole numbers: no two ticks of a short sequence read the same ("0 0 1 1 2").
  void shortSequencesGetOneTickPerStepAtMost() {
    KStepPredictionView view;
    view.resize(480, 300);
    view.show();
    for (const int steps : {2, 3, 7, 40}) {
      view.setPrediction(sineModel(4), sine(steps));
      const QValueAxis* axis = nullptr;
      for (QAbstractAxis* each : view.horizonSeries(1)->attachedAxes()) {
        if (each->orientation() == Qt::Horizontal) {
          axis = qobject_cast<const QValueAxis*>(each);
        }
      }
      QVERIFY(axis != nullptr);
      const double span = axis->max() - axis->min();
      QVERIFY2(axis->tickCount() - 1 <= std::lround(span),
               qPrintable(QStringLiteral("%1 ticks over %2 steps").arg(axis->tickCount()).arg(span)));
      if (steps == 40) {
        QVERIFY(axis->tickCount() >= 3);  // a long sequence keeps its ticks
      }
    }
  }

  void aHiddenViewComputesWhenShown() {
    KStepPredictionView view;
    view.setPrediction(sineModel(4), sine(30));
    QCOMPARE(view.horizonSeries(1)->count(), 0);
    view.show();
    QCOMPARE(view.horizonSeries(1)->count(), 30);
  }

  // Updates at the size the view is meant for (T = 200), two models in turn as training changes
  // the weights between updates: every update shows the model it was given, for every cell.
  // (What an update costs depends on the machine: no test asserts it.)
  void everyUpdateShowsTheModelItWasGiven() {
    const rnnlab::SequenceData data = sine(200);
    KStepPredictionView view;
    view.resize(700, 400);
    view.show();
    for (auto [hidden, cell] : {std::pair{16, rnnlab::CellKind::Rnn},
                                std::pair{64, rnnlab::CellKind::Lstm},
                                std::pair{32, rnnlab::CellKind::Gru}}) {
      const std::array<rnnlab::Model, 2> models{
          sineModel(hidden, cell),
          rnnlab::Model::initialized(sineModel(hidden, cell).config, 8, 0.5)};
      for (int i = 0; i < 3; ++i) {
        const rnnlab::Model& model = models[static_cast<std::size_t>(i % 2)];
        view.setPrediction(model, data);
        view.grab();  // the repaint a visible view does
        compareSeries(view.horizonSeries(1), expectedHorizon(model, data, 1));
        if (QTest::currentTestFailed()) {
          return;
        }
      }
    }
  }
};

QTEST_MAIN(KStepPredictionViewTest)
#include "k_step_prediction_view_test.moc"
