#include "inspection/gradient_flow_strip.h"

#include <QtTest>
#include <cmath>
#include <limits>

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/session.h"
#include "rnnlab/step_inspection.h"
#include "rnnlab/trainer.h"

namespace {

// The ‖δh_t‖ bars' blue (#2166ac), antialiased edges included.
bool bluish(const QColor& c) { return c.blue() > c.red() + 60; }

// A backward pass whose step t has ‖δh_t‖ = hidden[t] and ‖δa_t‖ = pre[t] (one non-zero row).
rnnlab::BackwardPass passWithNorms(const std::vector<double>& hidden,
                                   const std::vector<double>& pre) {
  rnnlab::BackwardPass pass;
  const auto steps = static_cast<rnnlab::Index>(hidden.size());
  pass.hiddenGrad = rnnlab::Matrix::Zero(3, steps);
  pass.preActivationGrad = rnnlab::Matrix::Zero(3, steps);
  for (rnnlab::Index t = 0; t < steps; ++t) {
    pass.hiddenGrad(1, t) = hidden[static_cast<std::size_t>(t)];
    pass.preActivationGrad(2, t) = pre[static_cast<std::size_t>(t)];
  }
  return pass;
}

}  // namespace

class GradientFlowStripTest : public QObject {
  Q_OBJECT

 private slots:
  void showsTheCoresNormsForEveryStep() {
    const rnnlab::Session example = rnnlab::builtinExample();
    rnnlab::Trainer trainer(example.makeModel(), example.data, example.training);
    for (int i = 0; i < 10; ++i) {
      trainer.step();
    }
    const rnnlab::BackwardPass& back = trainer.lastBackward();
    const rnnlab::Vector hidden = rnnlab::hiddenGradientNorms(back);
    const rnnlab::Vector pre = rnnlab::preActivationGradientNorms(back);

    GradientFlowStrip strip;
    strip.resize(560, 280);
    strip.setBackwardPass(back);
    QCOMPARE(strip.barCount(), static_cast<int>(example.data.steps()));
    for (int t = 0; t < strip.barCount(); ++t) {
      QCOMPARE(strip.hiddenNorms()[static_cast<std::size_t>(t)], hidden(t));  // exact
      QCOMPARE(strip.preActivationNorms()[static_cast<std::size_t>(t)], pre(t));
      const QRect bar = strip.barRect(t);
      QVERIFY(!bar.isEmpty());
      QCOMPARE(strip.stepAt(bar.center()), t);
      const QString tip = strip.toolTipTextAt(bar.center());
      QVERIFY2(tip.contains(QStringLiteral("t = %1 of 4").arg(t + 1)), qPrintable(tip));
      QVERIFY2(tip.contains(QString::number(hidden(t), 'g', 17)), qPrintable(tip));
      QVERIFY2(tip.contains(QString::number(pre(t), 'g', 17)), qPrintable(tip));
    }
    QVERIFY(strip.lowDecade() <= std::floor(std::log10(hidden.minCoeff())));
    QVERIFY(strip.highDecade() >= std::ceil(std::log10(hidden.maxCoeff())));
  }

  // An LSTM adds the cell-state line ‖∂L/∂c_t‖ (the core's cellGradientNorms), drawn in green
  // at its value; a GRU has none.
  void anLstmShowsTheCellStateGradient() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      rnnlab::ModelConfig config{1, 3, 1};
      config.cell = cell;
      const rnnlab::Model model = rnnlab::Model::initialized(config, 2, 0.6);
      rnnlab::SequenceData data;
      data.inputs = rnnlab::Matrix::Random(6, 1);
      data.targets = rnnlab::Matrix::Random(6, 1);
      rnnlab::ForwardPass forward;
      rnnlab::BackwardPass backward;
      rnnlab::forward(model, data, forward);
      rnnlab::backward(model, forward, backward);
      GradientFlowStrip strip;
      strip.resize(600, 300);
      strip.setBackwardPass(backward);
      const rnnlab::Vector expected = rnnlab::cellGradientNorms(backward);
      QCOMPARE(strip.cellNorms().size(), static_cast<std::size_t>(expected.size()));
      if (cell == rnnlab::CellKind::Gru) {
        QVERIFY(strip.cellLinePoint(0).isNull());
        continue;
      }
      for (int t = 0; t < 6; ++t) {
        QCOMPARE(strip.cellNorms()[static_cast<std::size_t>(t)], expected(t));
      }
      strip.show();
      QVERIFY(QTest::qWaitForWindowExposed(&strip));
      const QImage image = strip.grab().toImage();
      const QPoint p = strip.cellLinePoint(2).toPoint();
      bool green = false;
      for (int dy = -2; dy <= 2; ++dy) {
        const QColor c = image.pixelColor(p + QPoint(0, dy));
        green = green || (c.green() > 120 && c.red() < 80);
      }
      QVERIFY(green);
      QVERIFY(strip.toolTipTextAt(strip.barRect(2).center()).contains(QStringLiteral("‖∂L/∂c_t‖")));
    }
  }

  void logScaleBarsFollowTheValues() {
    // Fading by 10× per step backwards: each bar is one decade (the same height) shorter.
    std::vector<double> values;
    for (int t = 0; t < 8; ++t) {
      values.push_back(std::pow(10.0, t - 8));
    }
    GradientFlowStrip strip;
    strip.resize(500, 260);
    strip.setBackwardPass(passWithNorms(values, values));
    QCOMPARE(strip.lowDecade(), -8);
    QCOMPARE(strip.highDecade(), -1);
    int previousHeight = -1;
    for (int t = 0; t < 8; ++t) {
      const QRect bar = strip.barRect(t);
      QVERIFY(bar.height() > previousHeight);
      if (t > 1) {
        const int step = bar.height() - strip.barRect(t - 1).height();
        const int previousStep = strip.barRect(t - 1).height() - strip.barRect(t - 2).height();
        QVERIFY(std::abs(step - previousStep) <= 1);  // straight on a log scale
      }
      previousHeight = bar.height();
    }
  }

  void zerosAndNonFiniteValuesAreShownApart() {
    const double inf = std::numeric_limits<double>::infinity();
    GradientFlowStrip strip;
    strip.resize(500, 260);
    strip.setBackwardPass(passWithNorms({0.0, 1e-3, 1e-1, inf}, {0.0, 2e-3, 0.0, 1.0}));
    QCOMPARE(strip.barCount(), 4);
    QCOMPARE(strip.lowDecade(), -3);
    // The zero's marker lies below every real bar (in the zero band), the infinite bar is full.
    QVERIFY(strip.barRect(0).top() > strip.barRect(1).bottom());
    QVERIFY(strip.barRect(3).height() >= strip.barRect(2).height());
    const QString zeroTip = strip.toolTipTextAt(strip.barRect(0).center());
    QVERIFY2(zeroTip.contains(QStringLiteral("‖∂L/∂h_t‖ = 0 (exactly)")), qPrintable(zeroTip));
    QVERIFY(strip.toolTipTextAt(strip.barRect(3).center()).contains(QStringLiteral("inf")));
    // The real bars are painted in the ‖δh‖ blue where barRect() says.
    const QImage image = strip.grab().toImage();
    QVERIFY2(bluish(image.pixelColor(strip.barRect(2).center().x(), strip.barRect(2).bottom() - 1)),
             qPrintable(image.pixelColor(strip.barRect(2).center()).name()));

    // All zeros: a default axis, still drawable.
    strip.setBackwardPass(passWithNorms({0.0, 0.0}, {0.0, 0.0}));
    QVERIFY(strip.highDecade() > strip.lowDecade());
    QVERIFY(strip.barRect(0).top() > strip.barRect(1).top() - 1);  // both in the zero band
  }

  void staysReadableFromOneToManySteps() {
    for (const int steps : {1, 2, 17, 100, 250}) {
      std::vector<double> values(static_cast<std::size_t>(steps));
      for (int t = 0; t < steps; ++t) {
        values[static_cast<std::size_t>(t)] = std::exp(-0.1 * (steps - 1 - t));
      }
      GradientFlowStrip strip;
      strip.resize(560, 280);
      strip.setBackwardPass(passWithNorms(values, values));
      QCOMPARE(strip.barCount(), steps);
      int previousRight = -1;
      for (int t = 0; t < steps; ++t) {
        const QRect bar = strip.barRect(t);
        QVERIFY(strip.rect().contains(bar));
        QVERIFY(bar.width() >= 1);
        QVERIFY(bar.left() >= previousRight);  // bars never overlap, in time order
        previousRight = bar.right();
        QCOMPARE(strip.stepAt(bar.center()), t);
      }
      QVERIFY(strip.barRect(0).width() <= 36);  // one step is not one huge block
      // The tallest (last) bar is painted where it is said to be (with one step it is the
      // axis' only value and sits on the bottom line, under the ‖δa‖ line).
      if (steps > 1) {
        const QImage image = strip.grab().toImage();
        const QRect last = strip.barRect(steps - 1);
        const QColor c = image.pixelColor(last.center().x(), last.bottom() - 1);
        QVERIFY2(bluish(c), qPrintable(QStringLiteral("%1 steps: %2").arg(steps).arg(c.name())));
      }
    }
  }

  void saysHowOftenAndHowHardClippingActed() {
    GradientFlowStrip strip;
    QVERIFY(strip.clipStatisticsText().contains(QStringLiteral("no iterations")));
    strip.setClipStatistics(3, 12, 10.0, 5.0);
    const QString text = strip.clipStatisticsText();
    QVERIFY2(text.contains(QStringLiteral("3 of 12 iterations (25.0 %)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("10 → 5")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("×0.5")), qPrintable(text));
    strip.setClipStatistics(0, 12, 0.25, 0.25);
    QVERIFY(strip.clipStatisticsText().contains(QStringLiteral("not clipped")));
    strip.resize(260, 170);
    // Even this small, the footer (the clipping statistics) is drawn: text pixels at the bottom.
    const QImage image = strip.grab().toImage();
    int dark = 0;
    for (int y = image.height() - 2 * strip.fontMetrics().height(); y < image.height(); ++y) {
      for (int x = 0; x < image.width(); ++x) {
        dark += image.pixelColor(x, y).lightness() < 110 ? 1 : 0;
      }
    }
    QVERIFY(dark > 20);
  }

  void highlightsAStep() {
    GradientFlowStrip strip;
    strip.setBackwardPass(passWithNorms({1.0, 2.0, 3.0}, {1.0, 2.0, 3.0}));
    strip.setHighlightedStep(1);
    QCOMPARE(strip.highlightedStep(), 1);
    strip.setHighlightedStep(7);
    QCOMPARE(strip.highlightedStep(), -1);
    strip.clear();
    QCOMPARE(strip.barCount(), 0);
    QVERIFY(strip.toolTipTextAt(QPoint(100, 100)).isEmpty());
  }
};

QTEST_MAIN(GradientFlowStripTest)
#include "gradient_flow_strip_test.moc"
