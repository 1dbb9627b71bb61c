// NeuronTextView colours each character by one hidden unit's value and ranks the units by their
// correlation with simple features of the text.

#include "text/neuron_text_view.h"

#include <QComboBox>
#include <QSpinBox>
#include <QTest>
#include <QTreeWidget>
#include <cmath>

#include "../stack_cells.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/text_model.h"
#include "text/colored_text_view.h"
#include "trained_text_model.h"
#include "widgets/cell_choice.h"
#include "widgets/color_scale.h"
#include "widgets/layer_picker.h"

namespace {

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const auto n = static_cast<double>(a.size());
  double ma = 0.0;
  double mb = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  double ab = 0.0;
  double aa = 0.0;
  double bb = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) * (a[i] - ma);
    bb += (b[i] - mb) * (b[i] - mb);
  }
  return ab / std::sqrt(aa * bb);
}

}  // namespace

class NeuronTextViewTest : public QObject {
  Q_OBJECT

  TrainedText m_sonnets;

 private slots:
  void initTestCase() { m_sonnets = trainedText("sonnets.rnnlab.json", 300); }

  void coloursAreTheUnitsValue() {
    NeuronTextView view;
    view.showPassage(m_sonnets.model, m_sonnets.text, 0, 200, 300);
    QCOMPARE(view.findChild<QSpinBox*>()->maximum(), 99);
    view.setUnit(17);
    rnnlab::ForwardPass pass;
    const std::vector<int> inputs(m_sonnets.text.indices.begin(),
                                  m_sonnets.text.indices.begin() + 200);
    const std::vector<int> targets(m_sonnets.text.indices.begin() + 1,
                                   m_sonnets.text.indices.begin() + 201);
    rnnlab::forwardIndexed(m_sonnets.model, inputs, targets, m_sonnets.model.h0, rnnlab::Vector(),
                           pass);
    double low = 1.0;
    double high = -1.0;
    for (int t = 0; t < 200; ++t) {
      const double h = pass.hidden(17, t + 1);
      QCOMPARE(view.activation(17, t), h);
      QCOMPARE(view.textView()->characterColor(t), divergingColor(h, 1.0));
      low = std::min(low, h);
      high = std::max(high, h);
    }
    QVERIFY(low < 0.0 && high > 0.0);  // the scale's both sides are in use
    view.resize(900, 450);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.textView()->grab().toImage();
    const QRect r = view.textView()->characterRect(5);
    QCOMPARE(image.pixelColor(r.left(), r.top()), divergingColor(pass.hidden(17, 6), 1.0));
    saveScreenshot(view, QStringLiteral("neuron_sonnets"));
  }

  void theChosenStartIsKeptAcrossModels() {
    NeuronTextView view;
    view.showModel(m_sonnets.model, m_sonnets.text, 300, 100);
    QCOMPARE(view.passageStart(), 0L);
    // "from character" (the search panel has spin boxes of its own).
    QSpinBox* start = nullptr;
    for (QSpinBox* spin : view.findChildren<QSpinBox*>()) {
      if (spin->toolTip().startsWith(QStringLiteral("Where the passage starts"))) {
        start = spin;
      }
    }
    QVERIFY(start != nullptr);
    start->setValue(250);
    QCOMPARE(view.passageStart(), 250L);
    QCOMPARE(view.characterCount(), 100);
    view.showModel(m_sonnets.model, m_sonnets.text, 301, 100);
    QCOMPARE(view.passageStart(), 250L);
    rnnlab::ForwardPass pass;
    const std::vector<int> inputs(m_sonnets.text.indices.begin() + 250,
                                  m_sonnets.text.indices.begin() + 350);
    const std::vector<int> targets(m_sonnets.text.indices.begin() + 251,
                                   m_sonnets.text.indices.begin() + 351);
    rnnlab::forwardIndexed(m_sonnets.model, inputs, targets, m_sonnets.model.h0, rnnlab::Vector(),
                           pass);
    QCOMPARE(view.activation(3, 10), pass.hidden(3, 11));
  }

  void featuresAreWhatTheyName() {
    const std::u32string text = U"ab \"cd\"\nea";
    // Targets: the next character's vocabulary index; here the vocabulary is the text itself.
    std::vector<int> targets;
    for (std::size_t i = 1; i < text.size(); ++i) {
      targets.push_back(static_cast<int>(i));
    }
    const std::u32string characters = text.substr(0, text.size() - 1);  // a b ␠ " c d " ↵ e
    using F = NeuronTextView;
    const auto values = [&](F::Feature f) {
      return F::featureValues(f, characters, targets, text);
    };
    QCOMPARE(values(F::InsideQuotes), (std::vector<double>{0, 0, 0, 1, 1, 1, 0, 0, 0}));
    QCOMPARE(values(F::EndOfLine), (std::vector<double>{0, 0, 0, 0, 0, 0, 1, 0, 0}));
    QCOMPARE(values(F::PositionInLine), (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 0}));
    QCOMPARE(values(F::Vowel), (std::vector<double>{1, 0, 0, 0, 0, 0, 0, 0, 1}));
    QCOMPARE(values(F::Space), (std::vector<double>{0, 0, 1, 0, 0, 0, 0, 0, 0}));
  }

  void findUnitsRanksByCorrelationAndSelectsOnClick() {
    NeuronTextView view;
    const int length = 400;
    view.showPassage(m_sonnets.model, m_sonnets.text, 0, length, 300);
    std::u32string characters;
    std::vector<int> targets;
    for (int t = 0; t < length; ++t) {
      characters.push_back(m_sonnets.text.vocabulary[static_cast<std::size_t>(
          m_sonnets.text.indices[static_cast<std::size_t>(t)])]);
      targets.push_back(m_sonnets.text.indices[static_cast<std::size_t>(t + 1)]);
    }
    const std::vector<double> feature = NeuronTextView::featureValues(
        NeuronTextView::EndOfLine, characters, targets, m_sonnets.text.vocabulary);
    // The best unit by brute force.
    int bestUnit = -1;
    double best = -1.0;
    for (int u = 0; u < 100; ++u) {
      std::vector<double> activations;
      for (int t = 0; t < length; ++t) {
        activations.push_back(view.activation(u, t));
      }
      const double r = correlation(activations, feature);
      if (std::abs(r) > best) {
        best = std::abs(r);
        bestUnit = u;
      }
    }
    const auto ranked = view.rankUnits(NeuronTextView::EndOfLine, 5);
    QCOMPARE(ranked.size(), std::size_t{5});
    QCOMPARE(ranked.front().unit, bestUnit);
    QVERIFY(std::abs(std::abs(ranked.front().correlation) - best) < 1e-9);
    for (std::size_t k = 1; k < ranked.size(); ++k) {
      QVERIFY(std::abs(ranked[k - 1].correlation) >= std::abs(ranked[k].correlation));
    }
    // The sonnets have no quotes: that feature says so instead of ranking noise.
    QVERIFY(view.rankUnits(NeuronTextView::InsideQuotes, 5).empty());

    // The list shows the ranking; clicking a unit colours the text by it.
    QTreeWidget* tree = view.rankingView();
    QCOMPARE(tree->topLevelItemCount(), static_cast<int>(NeuronTextView::FeatureCount));
    QTreeWidgetItem* endOfLine = tree->topLevelItem(NeuronTextView::EndOfLine);
    QCOMPARE(endOfLine->childCount(), 5);
    QTreeWidgetItem* first = endOfLine->child(0);
    QCOMPARE(first->text(0), QStringLiteral("unit %1").arg(bestUnit));
    QCOMPARE(first->text(1), QString::number(ranked.front().correlation, 'f', 2));
    view.resize(900, 450);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setUnit(bestUnit == 0 ? 1 : 0);
    tree->scrollToItem(first);
    const QRect itemRect = tree->visualItemRect(first);
    QVERIFY(tree->viewport()->rect().contains(itemRect.center()));
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, itemRect.center());
    QCOMPARE(view.unit(), bestUnit);
    QCOMPARE(view.textView()->characterColor(3), divergingColor(view.activation(bestUnit, 3), 1.0));
    QCOMPARE(tree->topLevelItem(NeuronTextView::InsideQuotes)->childCount(), 1);
    QVERIFY(tree->topLevelItem(NeuronTextView::InsideQuotes)->child(0)->isDisabled());
    saveScreenshot(view, QStringLiteral("neuron_sonnets_end_of_line"));
  }

  // A 2-layer text model: the picker offers its layers, and each shows the units of that layer,
  // exactly as the cells run one by one as one-cell models give them (layer 1 reading layer 0's
  // h_t). The one-layer model shows no picker.
  void aStackedModelShowsTheChosenLayer() {
    NeuronTextView view;
    view.showPassage(m_sonnets.model, m_sonnets.text, 0, 60, 300);
    QVERIFY(view.layerPicker()->isHidden());

    rnnlab::ModelConfig config = m_sonnets.model.config;
    config.layers = 2;
    config.hiddenSize = 12;
    const rnnlab::Model model = rnnlab::Model::initialized(config, 8, 0.4);
    view.showPassage(model, m_sonnets.text, 10, 60, 0);
    QVERIFY(!view.layerPicker()->isHidden());
    QVERIFY(view.layerPicker()->directionBox()->isHidden());
    const int V = m_sonnets.text.vocabularySize();
    rnnlab::Matrix oneHot = rnnlab::Matrix::Zero(60, V);
    for (int t = 0; t < 60; ++t) {
      oneHot(t, m_sonnets.text.indices[static_cast<std::size_t>(10 + t)]) = 1.0;
    }
    const auto cells = stack_cells::allCells(model, oneHot);
    QVERIFY(!cells[0][0].hidden.isApprox(cells[1][0].hidden));
    for (int layer : {0, 1, 0}) {
      QComboBox* box = view.layerPicker()->layerBox();
      box->setCurrentIndex(layer);
      emit box->activated(layer);
      QCOMPARE(view.layerPicker()->choice()->layer(), layer);
      const rnnlab::Matrix& h = cells[static_cast<std::size_t>(layer)][0].hidden;
      for (int unit = 0; unit < 12; ++unit) {
        for (int t = 0; t < 60; ++t) {
          QVERIFY2(std::abs(view.activation(unit, t) - h(unit, t + 1)) < 1e-12,
                   qPrintable(QStringLiteral("layer %1 unit %2 t %3").arg(layer).arg(unit).arg(t)));
        }
      }
    }
  }
};

QTEST_MAIN(NeuronTextViewTest)
#include "neuron_text_view_test.moc"
