// The search by selection beside the neuron-over-text view, on a network built so that unit 0
// is on exactly at the letter q: a drag across a run of q's ranks unit 0 first and ticks it, the
// search lists every run of q's in the text searched and nothing else, and a click on a match
// shows it (the passage moves when it lies outside). On a trained model, the ranking and the
// matches are those of the core's functions on the view's own values.

#include "text/neuron_search_panel.h"

#include <QSpinBox>
#include <QTest>
#include <QTreeWidget>
#include <algorithm>

#include "rnnlab/neuron_search.h"
#include "text/colored_text_view.h"
#include "text/neuron_text_view.h"
#include "trained_text_model.h"

namespace {

// A text of a's with runs of q's, and an RNN whose unit 0 is tanh(3) ≈ 0.995 after reading a q
// and tanh(−3) after anything else; units 1–3 stay at 0 (off at a threshold of 0.3).
struct PlantedText {
  rnnlab::Model model;
  rnnlab::TextData text;
  std::vector<std::pair<long, long>> qRuns;  // [begin, end) of each run of q's
};

PlantedText plantedText() {
  PlantedText planted;
  std::string text;
  for (int k = 0; k < 120; ++k) {
    text += std::string(static_cast<std::size_t>(3 + k % 5), 'a');
    text += std::string(static_cast<std::size_t>(1 + k % 4), 'q');
  }
  text += "a";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == 'q' && (i == 0 || text[i - 1] != 'q')) {
      std::size_t end = i;
      while (text[end] == 'q') {
        ++end;
      }
      planted.qRuns.emplace_back(static_cast<long>(i), static_cast<long>(end));
    }
  }
  planted.text.text = text;
  planted.text.sequenceLength = 25;
  if (rnnlab::prepareText(planted.text)) {
    qFatal("the planted text does not prepare");
  }
  rnnlab::ModelConfig config{2, 4, 2, rnnlab::OutputMode::Sequence, rnnlab::LossKind::CrossEntropy};
  planted.model = rnnlab::Model::initialized(config, 1, 0.0);
  const int q = planted.text.indexOf(U'q');
  planted.model.params.Wxh()(0, q) = 3.0;
  planted.model.params.Wxh()(0, 1 - q) = -3.0;
  return planted;
}

// Drags across characters `first` … `last` of the view's text.
void drag(ColoredTextView* view, int first, int last) {
  const QPoint from = view->characterRect(first).center();
  const QPoint to = view->characterRect(last).center();
  QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
  QMouseEvent move(QEvent::MouseMove, QPointF(to), view->mapToGlobal(QPointF(to)), Qt::NoButton,
                   Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(view, &move);
  QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, to);
}

}  // namespace

class NeuronSearchPanelTest : public QObject {
  Q_OBJECT

 private slots:
  void findsThePlantedUnitAndEveryPlaceItFires() {
    const PlantedText planted = plantedText();
    NeuronTextView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showPassage(planted.model, planted.text, 0, 300, 7);
    NeuronSearchPanel* panel = view.searchPanel();
    panel->setSearchLength(800);
    // The third run of q's, as a user drags across it.
    const auto [begin, end] = planted.qRuns[2];
    QVERIFY(end - begin >= 2);
    drag(view.textView(), static_cast<int>(begin), static_cast<int>(end - 1));
    // A drag brings the search to the front (it runs only while it is shown).
    QVERIFY(panel->isVisible());
    QVERIFY(panel->selection().has_value());
    QCOMPARE(panel->selection()->first, begin);
    QCOMPARE(panel->selection()->second, end);
    QCOMPARE(panel->rankedUnits().front().unit, 0);
    QVERIFY(panel->rankedUnits().front().fits());
    QVERIFY(panel->patternUnits() == std::vector<int>{0});
    QCOMPARE(panel->unitsView()->topLevelItem(0)->checkState(0), Qt::Checked);
    QTRY_VERIFY(!panel->isSearching());
    // Every run of q's in the 800 characters searched (one at the end cut there), and nothing
    // else.
    std::vector<std::pair<long, long>> expected;
    for (const auto& run : planted.qRuns) {
      if (run.first < 800) {
        expected.emplace_back(run.first, std::min(run.second, 800L));
      }
    }
    std::vector<std::pair<long, long>> found;
    for (const NeuronSearchPanel::Match& match : panel->matches()) {
      found.emplace_back(match.begin, match.end);
    }
    QVERIFY(found == expected);
    QCOMPARE(panel->matchesView()->topLevelItemCount(), static_cast<int>(expected.size()));
    QVERIFY(panel->matchesView()->topLevelItem(1)->text(1).contains(QStringLiteral("[q")));
    QCOMPARE(panel->shortestMatch(), 1);  // half the 3 q's selected

    // Only the runs of at least three q's, when asked.
    panel->setShortestMatch(3);
    QTRY_VERIFY(!panel->isSearching());
    std::vector<std::pair<long, long>> longRuns;
    for (const auto& run : expected) {
      if (run.second - run.first >= 3) {
        longRuns.push_back(run);
      }
    }
    found.clear();
    for (const NeuronSearchPanel::Match& match : panel->matches()) {
      found.emplace_back(match.begin, match.end);
    }
    QVERIFY(found == longRuns);
    QVERIFY(longRuns.size() < expected.size());
    panel->setShortestMatch(1);
    QTRY_VERIFY(!panel->isSearching());
    QCOMPARE(panel->matches().size(), expected.size());

    // A match inside the passage is framed where it is; one beyond it moves the passage there.
    panel->showMatch(4);
    QCOMPARE(view.passageStart(), 0L);
    const ColoredTextView::Mark shown = view.textView()->marks().back();
    QCOMPARE(shown.begin, static_cast<int>(expected[4].first));
    QCOMPARE(shown.end, static_cast<int>(expected[4].second));
    const int last = static_cast<int>(expected.size()) - 1;
    QVERIFY(expected[static_cast<std::size_t>(last)].first > 300);
    panel->showMatch(last);
    QVERIFY(view.passageStart() > 0);
    QVERIFY(view.passageStart() <= expected[static_cast<std::size_t>(last)].first);
    const ColoredTextView::Mark moved = view.textView()->marks().back();
    QCOMPARE(moved.begin + view.passageStart(), expected[static_cast<std::size_t>(last)].first);
    // The selection is kept in the text, not in the view: still the third run.
    QCOMPARE(panel->selection()->first, begin);
    // Clicking a ranked unit colours the text by it.
    view.setUnit(2);
    QTest::mouseClick(
        panel->unitsView()->viewport(), Qt::LeftButton, Qt::NoModifier,
        panel->unitsView()->visualItemRect(panel->unitsView()->topLevelItem(0)).center());
    QCOMPARE(view.unit(), 0);
  }

  // Another cell of the same text (a layer picked): the selection stays and its units are that
  // cell's.
  void anotherCellKeepsTheSelection() {
    const PlantedText planted = plantedText();
    ColoredTextView view;
    NeuronSearchPanel panel(&view);
    rnnlab::Matrix layer0 = rnnlab::Matrix::Constant(4, 60, -0.5);
    layer0.row(1).segment(10, 5).setConstant(0.9);
    panel.setPassage(planted.model, planted.text, 0, layer0, 0, 0, 7);
    panel.select(10, 15);
    QVERIFY(panel.patternUnits() == std::vector<int>{1});
    rnnlab::Matrix layer1 = rnnlab::Matrix::Constant(4, 60, -0.5);
    layer1.row(3).segment(10, 5).setConstant(0.9);
    panel.setPassage(planted.model, planted.text, 0, layer1, 1, 0, 7);
    QVERIFY(panel.selection().has_value());
    QCOMPARE(panel.selection()->first, 10L);
    QCOMPARE(panel.rankedUnits().front().unit, 3);
    QVERIFY(panel.patternUnits() == std::vector<int>{3});
    // Another text: nothing of the old selection is left.
    rnnlab::TextData other = planted.text;
    other.text += "q";
    QVERIFY(!rnnlab::prepareText(other));
    panel.setPassage(planted.model, other, 0, layer1, 1, 0, 7);
    QVERIFY(!panel.selection().has_value());
    QVERIFY(panel.patternUnits().empty());
  }

  // A drag that does not leave its character selects nothing; a higher threshold than any value
  // leaves no unit ticked and searches nothing.
  void nothingFitsNothingIsSearched() {
    const PlantedText planted = plantedText();
    NeuronTextView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showPassage(planted.model, planted.text, 0, 300, 7);
    NeuronSearchPanel* panel = view.searchPanel();
    drag(view.textView(), 5, 5);
    QVERIFY(!panel->selection().has_value());
    panel->setThreshold(0.999);
    const auto [begin, end] = planted.qRuns[1];  // two q's
    drag(view.textView(), static_cast<int>(begin), static_cast<int>(end - 1));
    QVERIFY(panel->selection().has_value());
    QVERIFY(panel->patternUnits().empty());
    QTRY_VERIFY(!panel->isSearching());
    QVERIFY(panel->matches().empty());
  }

  // A trained network: the ranking is rankSelectionUnits of the values the view shows, and the
  // matches in the passage are findPatternMatches of them (the search reads the text again, in
  // chunks, through the batched pass).
  void agreesWithTheCoreOnATrainedModel() {
    const TrainedText sonnets = trainedText("sonnets.rnnlab.json", 300);
    NeuronTextView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showPassage(sonnets.model, sonnets.text, 40, 200, 300);
    NeuronSearchPanel* panel = view.searchPanel();
    panel->setSearchLength(200);
    panel->setThreshold(0.2);
    drag(view.textView(), 10, 16);
    const int units = sonnets.model.config.hiddenSize;
    rnnlab::Matrix values(units, 200);
    for (int u = 0; u < units; ++u) {
      for (int t = 0; t < 200; ++t) {
        values(u, t) = view.activation(u, t);
      }
    }
    const std::vector<rnnlab::SelectionUnit> expected =
        rnnlab::rankSelectionUnits(values, 10, 17, 0.2, 3);
    QCOMPARE(panel->rankedUnits().size(), expected.size());
    for (std::size_t k = 0; k < NeuronSearchPanel::ShownUnits; ++k) {
      QCOMPARE(panel->rankedUnits()[k].unit, expected[k].unit);
    }
    // Search for the best two, whether or not they fit.
    const std::vector<int> pattern = {std::min(expected[0].unit, expected[1].unit),
                                      std::max(expected[0].unit, expected[1].unit)};
    panel->setPatternUnits(pattern);
    QTRY_VERIFY(!panel->isSearching());
    std::vector<std::pair<long, long>> want;
    QCOMPARE(panel->shortestMatch(), 3);  // half the 7 characters selected
    for (const rnnlab::PatternMatch& match : rnnlab::findPatternMatches(values, pattern, 0.2, 3)) {
      want.emplace_back(40 + match.begin, 40 + match.end);
    }
    std::vector<std::pair<long, long>> found;
    for (const NeuronSearchPanel::Match& match : panel->matches()) {
      found.emplace_back(match.begin, match.end);
    }
    QVERIFY(found == want);
    saveScreenshot(view, QStringLiteral("neuron_search"));
  }
};

QTEST_MAIN(NeuronSearchPanelTest)
#include "neuron_search_panel_test.moc"
