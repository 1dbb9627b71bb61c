#pragma once

// The parameter blocks (rnn: Wxh, Whh, Why, bh, by; lstm/gru: W_ih, W_hh, b_ih, b_hh, Why, by) as
// heatmaps on ONE colour scale shared by all, with one legend, so that "this weight is bigger than
// that one" holds across blocks. A toggle switches to the gradients of the last iteration (dWxh,
// ...), on their own shared scale. The gate-stacked blocks of a gated cell have their gate blocks
// separated by lines and labelled by gate (i1.., f1.., or r1.., z1.., n1..).
//
// Arranged so that shared indices line up (weight_block_layout.h): a row per cell of a stack,
// labelled by name (W_ih_l1, W_hh_l0_reverse); a picker shows one layer of a deep stack.

#include <QFutureWatcher>
#include <QSize>
#include <QStringList>
#include <QWidget>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "rnnlab/model.h"
#include "views/weight_block_layout.h"

class QCheckBox;
class QComboBox;
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
  // The same without copies: the view keeps the (immutable) blocks alive while it shows them,
  // so a training snapshot's millions of weights are drawn from where they are. Null: empty.
  // Parameters of BackgroundWork numbers or more are pooled (and their scale found) on a
  // worker thread: the heatmaps show them a moment later, when prepared() is emitted, and the
  // GUI thread only colours the pooled images. Newer parameters replace any still waiting.
  void setParameters(std::shared_ptr<const rnnlab::Parameters> weights,
                     std::shared_ptr<const rnnlab::Gradients> grads);
  static constexpr long BackgroundWork = 1L << 20;
  // Parameters given are still being prepared off the GUI thread (the heatmaps show older ones).
  bool isPreparing() const { return m_preparing; }
  // The CPU time spent preparing off the GUI thread since the last call, in milliseconds: the
  // redraw budget counts it as drawing.
  double takeBackgroundCpuMs();

  // One label per vocabulary character (empty for numeric sessions): W_xh's columns and W_hy's
  // rows are then labelled with the character they read or predict instead of x1.., y1...
  void setCharacters(const QStringList& characters);

  void setShowGradients(bool show);
  bool showGradients() const { return m_showGradients; }
  // The layer whose cells are shown (0-based), or −1 for all; the output layer always shows.
  void setShownLayer(int layer);
  int shownLayer() const { return m_shownLayer; }
  // Where each shown block sits (the others are hidden).
  const std::vector<WeightBlockPlace>& places() const { return m_places; }

  // The scale shared by all blocks (shown or not): the largest |value| over all of them.
  double sharedScale() const;
  // In the shown cell's block order (Parameters::blockNames).
  HeatmapWidget* heatmap(int block) const { return m_heatmaps.at(block); }
  rnnlab::CellKind cell() const { return m_weights->cell(); }

 signals:
  void showGradientsChanged(bool show);
  // Parameters prepared off the GUI thread are now shown.
  void prepared();
  // A weight cell was double-clicked: `block` in the cell's block order.
  void cellDoubleClicked(int block, int row, int column);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  // One cell size for all shown blocks (the largest that fits every one), so that equal sizes
  // mean equal counts and the rows of Wxh, Whh and bh line up.
  void updateCellSizes();
  // What the worker thread makes of large parameters: each shown block pooled as the heatmap
  // would pool it, and the scale.
  struct Preparation {
    std::uint64_t request = 0;
    std::shared_ptr<const rnnlab::Parameters> weights;
    std::shared_ptr<const rnnlab::Gradients> gradients;
    bool showGradients = false;
    std::vector<rnnlab::Matrix> strongest;
    std::vector<QSize> blocks;
    double largest = 0.0;
    double cpuMs = 0.0;
  };
  static std::shared_ptr<Preparation> prepare(std::shared_ptr<Preparation> preparation);
  void startPreparing();
  void onPrepared();
  // Shows the parameters: `preparation` (its pooling moved into the heatmaps) when it was made
  // for what is shown now, else pooled here.
  void refresh(Preparation* preparation = nullptr);
  void updateLabels(const rnnlab::Parameters& shown);
  void placeBlocks(const rnnlab::Parameters& shown);
  void updateLayerChoice(int layers);

  std::shared_ptr<const rnnlab::Parameters> m_weights;  // never null
  std::shared_ptr<const rnnlab::Gradients> m_gradients;
  // Large parameters: the latest given (waiting while an older one is prepared), the request
  // counter (a result applies only if no newer parameters came meanwhile) and the job.
  std::shared_ptr<Preparation> m_waiting;
  std::uint64_t m_request = 0;
  bool m_preparing = false;
  double m_backgroundCpuMs = 0.0;
  QFutureWatcher<std::shared_ptr<Preparation>>* m_watcher = nullptr;
  bool m_showGradients = false;
  std::array<HeatmapWidget*, rnnlab::Parameters::MaxBlockCount> m_heatmaps{};  // owned as children
  ColorLegend* m_legend = nullptr;
  QCheckBox* m_toggle = nullptr;
  QComboBox* m_layerChoice = nullptr;
  int m_shownLayer = -1;
  std::vector<WeightBlockPlace> m_places;
  QLabel* m_caption = nullptr;
  QGridLayout* m_grid = nullptr;
  QStringList m_characters;
  // What the titles and labels were made for (H, I, O, gradients?, cell, L, D, shown layer), to
  // redo them only then.
  std::array<long, 8> m_labelledShape{-1, -1, -1, -1, -1, -1, -1, -2};
  QStringList m_labelledCharacters;
};
