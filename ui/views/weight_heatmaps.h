#pragma once

// The parameter blocks (rnn: Wxh, Whh, Why, bh, by; lstm/gru: W_ih, W_hh, b_ih, b_hh, Why, by) as
// heatmaps on ONE colour scale shared by all, with one legend, so that "this weight is bigger than
// that one" holds across blocks. A toggle switches to the gradients of the last iteration (dWxh,
// ...), on their own shared scale. The gate-stacked blocks of a gated cell have their gate blocks
// separated by lines and labelled by gate (i1.., f1.., or r1.., z1.., n1..).
//
// Arranged so that shared indices line up: Whh and Why both have one column per hidden unit.
//     Wxh  Whh  bh                 W_ih  W_hh  b_ih  b_hh
//          Why  by                       Why   by

#include <QStringList>
#include <QWidget>
#include <array>

#include "rnnlab/model.h"

class QCheckBox;
class QGridLayout;
class QLabel;
class ColorLegend;
class HeatmapWidget;

class WeightHeatmaps : public QWidget {
  Q_OBJECT

 public:
  explicit WeightHeatmaps(QWidget* parent = nullptr);

  // Copies both (cheap at teaching sizes); the toggle decides which one is shown. Gradients may
  // be empty (before the first iteration): then the gradient view says "no data".
  void setParameters(const rnnlab::Parameters& weights, const rnnlab::Gradients& grads);

  // One label per vocabulary character (empty for numeric sessions): W_xh's columns and W_hy's
  // rows are then labelled with the character they read or predict instead of x1.., y1...
  void setCharacters(const QStringList& characters);

  void setShowGradients(bool show);
  bool showGradients() const { return m_showGradients; }

  // The scale shared by the five heatmaps on display: the largest |value| over all of them.
  double sharedScale() const;
  // In the shown cell's block order (Parameters::blockNames).
  HeatmapWidget* heatmap(int block) const { return m_heatmaps.at(block); }
  rnnlab::CellKind cell() const { return m_weights.cell(); }

 signals:
  void showGradientsChanged(bool show);
  // A weight cell was double-clicked: `block` in the cell's block order.
  void cellDoubleClicked(int block, int row, int column);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  // One cell size for all five (the largest that fits every one), so that equal sizes mean
  // equal counts and the rows of Wxh, Whh and bh line up.
  void updateCellSizes();
  void refresh();
  void updateLabels(const rnnlab::Parameters& shown);
  void placeBlocks(rnnlab::CellKind cell);

  rnnlab::Parameters m_weights;
  rnnlab::Gradients m_gradients;
  bool m_showGradients = false;
  std::array<HeatmapWidget*, rnnlab::Parameters::MaxBlockCount> m_heatmaps{};  // owned as children
  ColorLegend* m_legend = nullptr;
  QCheckBox* m_toggle = nullptr;
  QLabel* m_caption = nullptr;
  QGridLayout* m_grid = nullptr;
  QStringList m_characters;
  // The shape the titles and labels were made for (H, I, O, gradients?), to redo them only then.
  std::array<long, 5> m_labelledShape{-1, -1, -1, -1, -1};
  QStringList m_labelledCharacters;
};
