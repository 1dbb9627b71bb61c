#pragma once

// The five parameter blocks (Wxh, Whh, Why, bh, by) as heatmaps on ONE colour scale shared by all
// five, with one legend, so that "this weight is bigger than that one" holds across blocks.
// A toggle switches to the gradients of the last iteration (dWxh, ...), on their own shared scale.
//
// Arranged so that shared indices line up: Whh and Why both have one column per hidden unit.
//     Wxh  Whh  bh
//          Why  by

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

  void setShowGradients(bool show);
  bool showGradients() const { return m_showGradients; }

  // The scale shared by the five heatmaps on display: the largest |value| over all of them.
  double sharedScale() const;
  // In Parameters::BlockNames order: Wxh, Whh, Why, bh, by.
  HeatmapWidget* heatmap(int block) const { return m_heatmaps.at(block); }

 signals:
  void showGradientsChanged(bool show);
  // A weight cell was double-clicked: `block` in Parameters::BlockNames order.
  void cellDoubleClicked(int block, int row, int column);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  // One cell size for all five (the largest that fits every one), so that equal sizes mean
  // equal counts and the rows of Wxh, Whh and bh line up.
  void updateCellSizes();
  void refresh();
  void updateLabels(const rnnlab::Parameters& shown);

  rnnlab::Parameters m_weights;
  rnnlab::Gradients m_gradients;
  bool m_showGradients = false;
  std::array<HeatmapWidget*, rnnlab::Parameters::BlockCount> m_heatmaps{};  // owned as children
  ColorLegend* m_legend = nullptr;
  QCheckBox* m_toggle = nullptr;
  QLabel* m_caption = nullptr;
  QGridLayout* m_grid = nullptr;
  // The shape the titles and labels were made for (H, I, O, gradients?), to redo them only then.
  std::array<long, 4> m_labelledShape{-1, -1, -1, -1};
};
