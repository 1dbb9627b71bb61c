// TextChunkView colours each character by −log p(true next character) and lists the network's
// five likeliest next characters on hover.

#include "text/text_chunk_view.h"

#include <QTest>
#include <QToolTip>
#include <cmath>

#include "rnnlab/forward_pass.h"
#include "rnnlab/text_model.h"
#include "text/colored_text_view.h"
#include "trained_text_model.h"
#include "widgets/color_scale.h"

class TextChunkViewTest : public QObject {
  Q_OBJECT

  TrainedText m_sonnets;

 private slots:
  void initTestCase() { m_sonnets = trainedText("sonnets.rnnlab.json", 300); }

  void coloursAreTheLossOfTheTrueNextCharacter() {
    TextChunkView view;
    const long start = 40;
    const int length = 120;
    view.showPassage(m_sonnets.model, m_sonnets.text, start, length, 300);
    QCOMPARE(view.characterCount(), length);
    // Independently: the softmax of the model's outputs, read from h0, one step at a time.
    rnnlab::Vector h = m_sonnets.model.h0;
    const auto& p = m_sonnets.model.params;
    const double scale = std::log(static_cast<double>(m_sonnets.text.vocabularySize()));
    QCOMPARE(view.lossScale(), scale);
    double largest = 0.0;
    double smallest = 1e9;
    int worst = 0;
    int best = 0;
    for (int t = 0; t < length; ++t) {
      const int input = m_sonnets.text.indices[static_cast<std::size_t>(start + t)];
      const int target = m_sonnets.text.indices[static_cast<std::size_t>(start + t + 1)];
      h = (p.Wxh().col(input) + p.Whh() * h + p.bh()).array().tanh().matrix();
      const rnnlab::Vector y = p.Why() * h + p.by();
      const double logSum = y.maxCoeff() + std::log((y.array() - y.maxCoeff()).exp().sum());
      const double loss = logSum - y(target);
      QVERIFY2(std::abs(view.characterLoss(t) - loss) < 1e-9, qPrintable(QString::number(t)));
      QCOMPARE(view.textView()->characterColor(t), divergingColor(view.characterLoss(t), scale));
      if (loss > largest) {
        largest = loss;
        worst = t;
      }
      if (loss < smallest) {
        smallest = loss;
        best = t;
      }
    }
    // A surprising character is redder (less green) than a well-predicted one.
    QVERIFY(smallest < 0.5 * largest);
    QVERIFY(view.textView()->characterColor(worst).green() <
            view.textView()->characterColor(best).green());

    // What is painted: the edge of each character's cell has its colour.
    view.resize(700, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.textView()->grab().toImage();
    for (const int t : {best, worst, 0, length - 1}) {
      const QRect r = view.textView()->characterRect(t);
      QVERIFY(!r.isEmpty());
      QCOMPARE(image.pixelColor(r.left(), r.top()), view.textView()->characterColor(t));
    }
    saveScreenshot(view, QStringLiteral("chunk_sonnets"));
  }

  void hoverListsTheFiveLikeliestNextCharacters() {
    TextChunkView view;
    view.showPassage(m_sonnets.model, m_sonnets.text, 0, 60, 300);
    rnnlab::ForwardPass pass;
    const std::vector<int> inputs(m_sonnets.text.indices.begin(),
                                  m_sonnets.text.indices.begin() + 60);
    const std::vector<int> targets(m_sonnets.text.indices.begin() + 1,
                                   m_sonnets.text.indices.begin() + 61);
    rnnlab::forwardIndexed(m_sonnets.model, inputs, targets, m_sonnets.model.h0,
                           rnnlab::initialCellState(m_sonnets.model), pass);
    for (int t = 0; t < 60; ++t) {
      const auto top = view.topPredictions(t);
      QCOMPARE(top.size(), std::size_t{5});
      double sum = 0.0;
      for (std::size_t k = 0; k < top.size(); ++k) {
        const int index = m_sonnets.text.indexOf(top[k].character);
        QCOMPARE(top[k].probability, pass.probabilities(index, t));
        if (k > 0) {
          QVERIFY(top[k - 1].probability >= top[k].probability);
        }
        sum += top[k].probability;
      }
      QVERIFY(sum <= 1.0 + 1e-12);
      // Nothing outside the five is likelier than the fifth.
      int above = 0;
      for (rnnlab::Index k = 0; k < pass.probabilities.rows(); ++k) {
        above += pass.probabilities(k, t) > top.back().probability ? 1 : 0;
      }
      QVERIFY(above <= 4);
    }
    // The tooltip shown on hover names the five with their probabilities.
    view.resize(700, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int t = 7;
    const QString tip = view.textView()->characterToolTip(t);
    for (const CharacterPrediction& prediction : view.topPredictions(t)) {
      QVERIFY2(tip.contains(QString::number(prediction.probability, 'f', 3)), qPrintable(tip));
    }
    const QPoint at = view.textView()->characterRect(t).center();
    QHelpEvent help(QEvent::ToolTip, at, view.textView()->mapToGlobal(at));
    QApplication::sendEvent(view.textView(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), tip);
  }

  void aChosenPassageIsReadFromH0AndKept() {
    TextChunkView view;
    const rnnlab::Vector h = rnnlab::Vector::Constant(100, 0.3);
    view.showPassage(m_sonnets.model, m_sonnets.text, 500, 50, 300, h);
    QVERIFY(view.followsTraining());
    QCOMPARE(view.passageStart(), 500L);
    const double carried = view.characterLoss(0);
    view.choosePassage(500);
    QVERIFY(!view.followsTraining());
    QVERIFY(view.characterLoss(0) != carried);  // from h0 now
    TextChunkView fresh;
    fresh.showPassage(m_sonnets.model, m_sonnets.text, 500, 50, 300);
    QCOMPARE(view.characterLoss(0), fresh.characterLoss(0));
    // Training moves on; the chosen passage stays.
    view.showPassage(m_sonnets.model, m_sonnets.text, 525, 50, 301, h);
    QCOMPARE(view.passageStart(), 500L);
    view.setFollowsTraining(true);
    QCOMPARE(view.passageStart(), 525L);
  }

  void chineseRendersAndUsesTheCarriedState() {
    const TrainedText tang = trainedText("tang_poems.rnnlab.json", 150);
    TextChunkView view;
    view.showPassage(tang.model, tang.text, 0, 90, tang.iteration);
    QCOMPARE(view.characterCount(), 90);
    // From another state the losses differ (the state is used, not h0).
    const double fromH0 = view.characterLoss(0);
    const rnnlab::Vector h = rnnlab::Vector::Constant(tang.model.config.hiddenSize, 0.5);
    const rnnlab::Vector c = rnnlab::Vector::Constant(tang.model.config.hiddenSize, 0.5);
    view.showPassage(tang.model, tang.text, 0, 90, tang.iteration, h, c);
    QVERIFY(view.characterLoss(0) != fromH0);
    view.showPassage(tang.model, tang.text, 0, 90, tang.iteration);
    view.resize(700, 320);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    saveScreenshot(view, QStringLiteral("chunk_tang"));
  }
};

QTEST_MAIN(TextChunkViewTest)
#include "text_chunk_view_test.moc"
