#pragma once

// The network unrolled over time: one column per step (x_t → h_t → y_t, with h_{t−1} → h_t
// recurrent edges and h_0 at the left), the current step highlighted. A gated cell's hidden node
// also holds one strip per gate (i f g o / r z n, on the fixed ±1 scale), and an LSTM's cell
// state c_{t−1} → c_t is its own green edge above the nodes (as wide as ‖δc_t‖ in backward). Each
// node is a small raster of its vector's values in the heatmap colours (folded into a square when
// long). In the backward phase the recurrent edges the gradient has already crossed are coloured
// and thickened by ‖δa_t‖ (core's preActivationGradientNorms), the output edges by ‖δy_t‖, and a
// bar under each column shows ‖δh_t‖ (core's hiddenGradientNorms), so vanishing gradients are
// visible.
//
// Columns shrink to MinimumColumnWidth; beyond that a horizontal scroll bar appears and follows
// the current step. setTrace() builds every node's picture once; paintEvent only draws them.

#include <QImage>
#include <QWidget>
#include <memory>
#include <vector>

#include "rnnlab/iteration_trace.h"

class QScrollBar;

class UnrolledNetworkDiagram : public QWidget {
  Q_OBJECT

 public:
  static constexpr int MinimumColumnWidth = 46;
  static constexpr int MaximumColumnWidth = 120;

  enum class Row { Output, Hidden, Input };

  explicit UnrolledNetworkDiagram(QWidget* parent = nullptr);

  // Shares the immutable trace; nullptr clears the diagram.
  void setTrace(std::shared_ptr<const rnnlab::IterationTrace> trace);
  void setPhase(rnnlab::IterationPhase phase);
  const std::shared_ptr<const rnnlab::IterationTrace>& trace() const { return m_trace; }
  rnnlab::IterationPhase phase() const { return m_phase; }

  // The step column drawn highlighted (0 is t = 1), or −1 (loss, clip and update phases).
  int highlightedStep() const;
  // The column of step `step` in widget coordinates (−1 is h_0's column); empty without a trace.
  QRect columnRect(int step) const;
  // Where the node of `row` at `step` is drawn (h_0 is Row::Hidden at step −1).
  QRect nodeRect(Row row, int step) const;
  int columnWidth() const;
  // Gated cells: where gate `gate` (PyTorch's order) of step `step` is drawn inside its hidden
  // node, a strip of H cells on the fixed ±1 scale; empty for the tanh cell.
  QRect gateRect(int step, int gate) const;
  // Whether the LSTM's cell-state path c_{t−1} → c_t is drawn (its own edge above the nodes).
  bool hasCellPath() const;
  bool isScrollable() const;
  // What the tooltip says at a widget position (empty away from the nodes).
  QString toolTipTextAt(const QPoint& position) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  struct RowGeometry {
    int top = 0;
    int height = 0;
  };

  void rebuildCache();
  void updateScrollBar();
  void scrollToCurrent();
  int labelWidth() const;
  int headerHeight() const;
  RowGeometry rowGeometry(Row row) const;
  int barTop() const;
  int gateBandHeight() const;  // room for the gate strips in a hidden node (0 for rnn)
  int contentHeight() const;
  int stepCount() const;
  // Whether the values of step `step` exist yet in the current phase (forward computes them).
  bool computed(int step) const;
  // Whether the backward pass has reached step `step` in the current phase.
  bool gradientReached(int step) const;
  const rnnlab::Matrix* rowMatrix(Row row) const;

  std::shared_ptr<const rnnlab::IterationTrace> m_trace;
  rnnlab::IterationPhase m_phase{rnnlab::IterationPhase::Kind::Forward, 0};
  // Node pictures, one pixel per element: [row][step + 1] (hidden has h_0 at index 0).
  std::vector<QImage> m_outputImages;
  std::vector<QImage> m_hiddenImages;
  std::vector<QImage> m_inputImages;
  std::vector<std::vector<QImage>> m_gateImages;  // [step][gate], one row of H pixels
  rnnlab::Vector m_cellGradNorms;                 // ‖δc_t‖ (lstm), from core
  double m_maxCellGradNorm = 0.0;
  rnnlab::Vector m_hiddenGradNorms;         // ‖δh_t‖, from core
  rnnlab::Vector m_preActivationGradNorms;  // ‖δa_t‖, from core
  rnnlab::Vector m_outputGradNorms;         // ‖δy_t‖
  double m_maxHiddenGradNorm = 0.0;
  double m_maxPreActivationGradNorm = 0.0;
  double m_maxOutputGradNorm = 0.0;
  double m_inputScale = 1.0;
  double m_hiddenScale = 1.0;
  double m_outputScale = 1.0;
  QScrollBar* m_scrollBar = nullptr;
};
