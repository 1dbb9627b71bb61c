#pragma once

// "Neuron over text": a passage with each character coloured by one hidden unit's value after
// the network has read it (blue −1, white 0, red +1), and a ranking of the units whose values
// follow simple features of the text most closely (Pearson correlation over the passage):
// inside quotes, end of line, position in line, vowel, space. Clicking a ranked unit shows it.
// It only draws what it is given. A stacked model shows the units of the layer its LayerPicker
// chose (layer 0 at first). Beside the ranking, a search by selection (NeuronSearchPanel)
// brushes the passage.

#include <QWidget>
#include <optional>
#include <string>
#include <vector>

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"
#include "rnnlab/text_data.h"
#include "text/text_passage.h"

class ColoredTextView;
class NeuronSearchPanel;
class LayerPicker;
class QLabel;
class QSpinBox;
class QTreeWidget;

struct UnitCorrelation {
  int unit = 0;
  double correlation = 0.0;
};

class NeuronTextView : public QWidget {
  Q_OBJECT

 public:
  enum Feature { InsideQuotes, EndOfLine, PositionInLine, Vowel, Space, FeatureCount };

  explicit NeuronTextView(QWidget* parent = nullptr);

  // Characters start .. start+length−1 of `text` run through `model` from h0 (and c0).
  void showPassage(const rnnlab::Model& model, const rnnlab::TextData& text, long start,
                   int length, long iteration);
  // The same from the passage start the user chose ("from character", 0 at first).
  void showModel(const rnnlab::Model& model, const rnnlab::TextData& text, long iteration,
                 int length);
  long passageStart() const { return m_passage.start; }
  void clear();

  int unit() const;
  void setUnit(int unit);
  int characterCount() const { return m_passage.size(); }
  // h_t[unit] after reading character `index` of the passage.
  double activation(int unit, int index) const;
  ColoredTextView* textView() const { return m_view; }
  LayerPicker* layerPicker() const { return m_picker; }
  QTreeWidget* rankingView() const { return m_ranking; }
  NeuronSearchPanel* searchPanel() const { return m_search; }

  static QString featureName(Feature feature);
  static QString featureToolTip(Feature feature);
  // The feature's value at each character of `characters` (1/0, or the column for position).
  static std::vector<double> featureValues(Feature feature, const std::u32string& characters,
                                           const std::vector<int>& targets,
                                           const std::u32string& vocabulary);
  // The units ranked by |correlation| with the feature over the passage, at most `count`; empty
  // when the feature does not vary in the passage.
  std::vector<UnitCorrelation> rankUnits(Feature feature, int count) const;

 signals:
  void unitChanged(int unit);

 private:
  void run(long start);
  void showChosenCell();
  void recolor();
  void fillRanking();

  LayerPicker* m_picker;
  QSpinBox* m_unit;
  QSpinBox* m_start;
  std::optional<rnnlab::Model> m_model;
  rnnlab::TextData m_text;
  int m_length = 0;
  QLabel* m_caption;
  ColoredTextView* m_view;
  QTreeWidget* m_ranking;
  NeuronSearchPanel* m_search;
  rnnlab::ForwardPass m_pass;
  TextPassage m_passage;
  std::u32string m_vocabulary;
  long m_iteration = 0;
};
