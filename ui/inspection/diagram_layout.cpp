#include "inspection/diagram_layout.h"

#include <algorithm>

void DiagramLayout::setShape(const Shape& shape) {
  m_shape = shape;
  m_rows.clear();
  int top = shape.top;
  const auto add = [&](Row::Kind kind, int layer, int direction, int height) {
    m_rows.push_back({kind, layer, direction, top, height});
    top += height;
  };
  add(Row::Kind::Output, 0, 0, shape.outputHeight);
  for (int layer = shape.layers - 1; layer >= 0; --layer) {
    for (int direction = shape.directions - 1; direction >= 0; --direction) {
      top += direction + 1 == shape.directions ? EdgeGap : PairGap;
      add(Row::Kind::Cell, layer, direction, shape.cellHeight);
    }
  }
  top += EdgeGap;
  add(Row::Kind::Input, 0, 0, shape.inputHeight);
}

int DiagramLayout::cellRowIndex(int layer, int direction) const {
  // Row 0 is the output; then the layers from the top, each reverse (if any) before forward.
  const int fromTop =
      (m_shape.layers - 1 - layer) * m_shape.directions + (m_shape.directions - 1 - direction);
  return 1 + fromTop;
}

const DiagramLayout::Row& DiagramLayout::cellRow(int layer, int direction) const {
  return m_rows.at(static_cast<std::size_t>(cellRowIndex(layer, direction)));
}

int DiagramLayout::layerTop(int layer) const { return cellRow(layer, m_shape.directions - 1).top; }

int DiagramLayout::layerBottom(int layer) const {
  const Row& lowest = cellRow(layer, 0);
  return lowest.top + lowest.height;
}

int DiagramLayout::bottom() const { return m_rows.back().top + m_rows.back().height; }
