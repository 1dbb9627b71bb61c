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
// A stack (spec v3 §1) has a row of cells per layer and direction (DiagramLayout): each layer
// reads the one below at the same step (a bidirectional layer's two cells framed together: their
// output [h→ ; h←] is what the layer above reads), the output layer reads the top. A reverse cell
// runs right to left: its recurrent arrows point left and its initial state stands in an extra
// column after t = T. Nodes fill in and gradients spread in the order the stepper's phases go;
// the bars show ‖δh_t‖ of the cell the backward pass is in.
//
// Columns shrink to MinimumColumnWidth; beyond that a horizontal scroll bar appears and follows
// the current step. setTrace() builds every node's picture once; paintEvent only draws them
// (unrolled_network_diagram_paint.cpp).

#include <QImage>
#include <QLineF>
#include <QWidget>
#include <memory>
#include <vector>

#include "inspection/diagram_layout.h"
#include "rnnlab/iteration_trace.h"

class QPainter;
class QScrollBar;

class UnrolledNetworkDiagram : public QWidget {
  Q_OBJECT

 public:
  static constexpr int MinimumColumnWidth = 46;
  static constexpr int MaximumColumnWidth = 120;

  enum class Row { Output, Hidden, Input };
  static constexpr int StripLimit = 16;  // up to this many elements a node is one strip of cells

  explicit UnrolledNetworkDiagram(QWidget* parent = nullptr);

  // Shares the immutable trace; nullptr clears the diagram.
  void setTrace(std::shared_ptr<const rnnlab::IterationTrace> trace);
  void setPhase(rnnlab::IterationPhase phase);
  const std::shared_ptr<const rnnlab::IterationTrace>& trace() const { return m_trace; }
  rnnlab::IterationPhase phase() const { return m_phase; }

  // The step column drawn highlighted (0 is t = 1), or −1 (loss, clip and update phases).
  int highlightedStep() const;
  // The column of step `step` in widget coordinates (−1 is h_0's column; T, after the last step,
  // the reverse cells' initial states); empty without a trace.
  QRect columnRect(int step) const;
  // Where the node of `row` at `step` is drawn (h_0 is Row::Hidden at step −1). Row::Hidden is
  // the cell of layer 0's forward direction.
  QRect nodeRect(Row row, int step) const;
  // The cell rows: L·D (1 for one cell), and where cell (layer, direction)'s node at `step` is
  // drawn (its initial state at −1 forward, at T reverse).
  int cellRowCount() const;
  QRect cellNodeRect(int layer, int direction, int step) const;
  // The recurrent edge into cell (layer, direction)'s node at `step` as the arrow is drawn, from
  // its tail to its head: left to right forward, right to left reverse (reversed again where the
  // backward pass has sent the gradient back along it).
  QLineF recurrentArrow(int layer, int direction, int step) const;
  int columnWidth() const;
  // Gated cells: where gate `gate` (PyTorch's order) of step `step` is drawn inside its hidden
  // node (of cell (layer, direction)), a strip of H cells on the fixed ±1 scale; empty for the
  // tanh cell.
  QRect gateRect(int step, int gate) const { return cellGateRect(0, 0, step, gate); }
  QRect cellGateRect(int layer, int direction, int step, int gate) const;
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
  // One cell row's pictures and gradient sizes, from that cell's passes.
  struct CellCache {
    std::vector<QImage> hiddenImages;             // [step + 1]: the initial state at 0
    std::vector<std::vector<QImage>> gateImages;  // [step][gate], one row of H pixels
    rnnlab::Vector hiddenGradNorms;               // ‖δh_t‖, from core
    rnnlab::Vector preActivationGradNorms;        // ‖δa_t‖, from core
    rnnlab::Vector cellGradNorms;                 // ‖δc_t‖ (lstm), from core
    double hiddenScale = 1.0;
  };
  using LayoutRow = DiagramLayout::Row;
  static constexpr int Margin = 6;
  static constexpr int NodePadding = 7;  // between a node and its column's edges
  // A stack's nodes leave room between them for the recurrent arrows to show their direction
  // outside the frames of a bidirectional layer.
  static constexpr int StackNodePadding = 12;
  static constexpr int FrameMargin = 3;
  static constexpr int StripHeight = 18;
  static constexpr int FoldedHeight = 36;
  static constexpr int BarAreaHeight = 44;  // the ‖δh_t‖ bars under the columns
  static constexpr int GateStrip = 6;       // a gate's strip inside a gated cell's node, + 1 px gap

  void rebuildCache();
  void updateLayout();
  void updateScrollBar();
  void scrollToCurrent();
  int labelWidth() const;
  int headerHeight() const;
  int barTop() const;
  int gateBandHeight() const;  // room for the gate strips in a hidden node (0 for rnn)
  int contentHeight() const;
  int nodePadding() const;
  // The legend's lines under the bars (a stack adds what its rows mean and its dropout).
  QStringList legendLines() const;
  int stepCount() const;
  int columnCount() const;  // steps, h_0's column, and (bidirectional) the reverse initial column
  bool stacked() const;
  int directions() const;
  const rnnlab::ForwardPass& cellForward(int layer, int direction) const;
  const CellCache& cellCache(int layer, int direction) const;
  QRect rowNodeRect(const LayoutRow& row, int step) const;
  // Whether the values of `row` at `step` exist yet in the current phase (forward computes them).
  bool computed(const LayoutRow& row, int step) const;
  // Whether the backward pass has reached `row` at `step` in the current phase.
  bool gradientReached(const LayoutRow& row, int step) const;
  // The cell whose ‖δh_t‖ the bars show: the backward pass's current one, else layer 0 forward.
  const LayoutRow& barRow() const;
  const rnnlab::Matrix* rowMatrix(Row row) const;
  // Painting (unrolled_network_diagram_paint.cpp).
  void paintEdges(QPainter& painter) const;
  void paintNodes(QPainter& painter) const;
  void paintBars(QPainter& painter) const;
  void paintLabels(QPainter& painter) const;
  QString cellToolTip(const LayoutRow& row, int step) const;

  std::shared_ptr<const rnnlab::IterationTrace> m_trace;
  rnnlab::IterationPhase m_phase{rnnlab::IterationPhase::Kind::Forward, 0};
  DiagramLayout m_layout;
  // Node pictures, one pixel per element: [step + 1] (index 0 unused).
  std::vector<QImage> m_outputImages;
  std::vector<QImage> m_inputImages;
  std::vector<CellCache> m_cells;    // g = layer·D + direction
  rnnlab::Vector m_outputGradNorms;  // ‖δy_t‖
  // The largest ‖δh‖, ‖δa‖ and ‖δc‖ of every cell, so that the layers compare on one scale.
  double m_maxHiddenGradNorm = 0.0;
  double m_maxPreActivationGradNorm = 0.0;
  double m_maxCellGradNorm = 0.0;
  double m_maxOutputGradNorm = 0.0;
  double m_inputScale = 1.0;
  double m_outputScale = 1.0;
  QScrollBar* m_scrollBar = nullptr;
};
