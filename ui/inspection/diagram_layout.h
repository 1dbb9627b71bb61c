#pragma once

// Where the unrolled network diagram puts its rows, top to bottom: the output y_t, the cells of
// the stack (the top layer first; in a bidirectional layer the reverse cell above the forward
// one, close together, since together they make the layer's output), then the input x_t. One cell
// is the case L = D = 1: output, hidden, input, as the diagram always drew it. Pure geometry: no
// widget, no trace.

#include <vector>

class DiagramLayout {
 public:
  static constexpr int EdgeGap = 30;  // between the output, each layer and the input
  static constexpr int PairGap = 14;  // between a layer's two directions (room for c_t's path)

  struct Row {
    enum class Kind { Output, Cell, Input };
    Kind kind = Kind::Output;
    int layer = 0;      // a cell's layer, 0 at the bottom
    int direction = 0;  // a cell's direction: 0 forward, 1 reverse
    int top = 0;
    int height = 0;  // the node's height; a gated cell's includes its gate band
  };

  struct Shape {
    int layers = 1;
    int directions = 1;
    int top = 0;  // the output row's top
    int outputHeight = 0;
    int cellHeight = 0;  // with the gate band
    int inputHeight = 0;
  };

  void setShape(const Shape& shape);
  const Shape& shape() const { return m_shape; }

  const std::vector<Row>& rows() const { return m_rows; }
  const Row& outputRow() const { return m_rows.front(); }
  const Row& inputRow() const { return m_rows.back(); }
  const Row& cellRow(int layer, int direction) const;
  // The rows' index of cell (layer, direction).
  int cellRowIndex(int layer, int direction) const;
  // From the top of layer `layer`'s highest row to the bottom of its lowest (top, bottom).
  int layerTop(int layer) const;
  int layerBottom(int layer) const;
  // Below the input row.
  int bottom() const;

 private:
  Shape m_shape;
  std::vector<Row> m_rows;
};
