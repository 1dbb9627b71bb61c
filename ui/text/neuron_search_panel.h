#pragma once

// "Search by selection" beside the neuron-over-text view, as LSTMVis offers it: drag across a
// stretch of the passage, set a threshold, and see the units that are on (h > threshold) all
// through the stretch and off on either side of it, ranked (rnnlab::rankSelectionUnits over the
// passage the view shows). The units that fit are ticked; every other place in the next
// characters of the text where the ticked units are all on together is listed
// (rnnlab::findPatternMatches, at least half as long as the selection unless set otherwise), and
// clicking a match shows it in the view.
//
// The match search reads the text from the passage's start (from h0, as the view does) with the
// model of the moment it ran, on the thread pool (LatestOnlyJob): only when the selection, the
// ticked units, the threshold or the length change, or "Search again" is pressed; not on every
// training step, so that its list holds still while it is read.

#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/neuron_search.h"
#include "rnnlab/text_data.h"
#include "widgets/latest_only_job.h"

class ColoredTextView;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;

class NeuronSearchPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int ShownUnits = 10;
  static constexpr int DefaultSearchLength = 10000;

  // Brushes `view` (the passage's characters) and frames the selection and matches there.
  explicit NeuronSearchPanel(ColoredTextView* view, QWidget* parent = nullptr);

  // The passage the view shows: characters passageStart … of `text`, `activations` the viewed
  // cell's states (H × characters, column t after reading character t) under `model`.
  void setPassage(const rnnlab::Model& model, const rnnlab::TextData& text, long passageStart,
                  const Eigen::Ref<const rnnlab::Matrix>& activations, int layer, int direction,
                  long iteration);
  void clear();

  // The selected stretch [begin, end) in text positions, as a drag in the view selects it.
  void select(long begin, long end);
  std::optional<std::pair<long, long>> selection() const { return m_selection; }
  double threshold() const;
  void setThreshold(double threshold);
  void setSearchLength(int characters);
  // Matches shorter than this are not listed; a new selection sets it to half its length, so
  // that the matches are stretches like the one selected, not single characters.
  int shortestMatch() const;
  void setShortestMatch(int characters);
  // The ranked units shown (at most ShownUnits), and the ticked ones, the pattern searched for.
  const std::vector<rnnlab::SelectionUnit>& rankedUnits() const { return m_ranked; }
  std::vector<int> patternUnits() const { return m_units; }
  void setPatternUnits(std::vector<int> units);
  // The matches of the last search, in text positions, in order.
  struct Match {
    long begin = 0;
    long end = 0;
  };
  const std::vector<Match>& matches() const { return m_matches; }
  bool isSearching() const { return m_job.isBusy(); }
  // Shows match k in the view (moving the passage when it lies outside it).
  void showMatch(int k);
  QTreeWidget* unitsView() const { return m_unitsTree; }
  QTreeWidget* matchesView() const { return m_matchesTree; }

 signals:
  // The view should show the passage from `start` (a match lies outside the one shown).
  void passageStartRequested(long start);
  // The view should colour the text by this unit.
  void unitPicked(int unit);

 private:
  struct SearchInput {
    std::shared_ptr<const rnnlab::Model> model;
    std::shared_ptr<const std::vector<int>> indices;
    long begin = 0;
    long count = 0;
    int layer = 0;
    int direction = 0;
    std::vector<int> units;
    double threshold = 0.0;
    int shortest = 1;
    long iteration = 0;
  };
  struct SearchResult {
    std::vector<Match> matches;
  };

  void rank();
  void fillUnits();
  void requestSearch();
  void applySearch(const SearchInput& input, SearchResult result);
  void fillMatches();
  void updateMarks();
  void reveal(long position);
  void updateHint();

  ColoredTextView* m_view;
  QLabel* m_hint;
  QDoubleSpinBox* m_threshold;
  QSpinBox* m_context;
  QSpinBox* m_searchLength;
  QSpinBox* m_shortest;
  QTreeWidget* m_unitsTree;
  QPushButton* m_searchAgain;
  QLabel* m_status;
  QTreeWidget* m_matchesTree;

  std::shared_ptr<const rnnlab::Model> m_model;
  std::shared_ptr<const std::vector<int>> m_indices;
  std::u32string m_vocabulary;
  long m_passageStart = 0;
  rnnlab::Matrix m_activations;
  int m_layer = 0;
  int m_direction = 0;
  long m_iteration = 0;

  std::optional<std::pair<long, long>> m_selection;
  long m_searchBegin = 0;
  std::vector<rnnlab::SelectionUnit> m_ranked;
  std::vector<int> m_units;
  std::vector<Match> m_matches;
  long m_matchesIteration = 0;
  long m_searchedCount = 0;
  int m_shownMatch = -1;
  long m_pendingReveal = -1;
  LatestOnlyJob<SearchInput, SearchResult> m_job;
};
