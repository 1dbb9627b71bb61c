#include "widgets/cell_choice.h"

#include <algorithm>

#include "rnnlab/model.h"

CellChoice::CellChoice(QObject* parent) : QObject(parent) {}

void CellChoice::setShape(int layers, int directions) {
  layers = std::max(layers, 1);
  directions = std::clamp(directions, 1, 2);
  const int layer = std::min(m_layer, layers - 1);
  const int direction = std::min(m_direction, directions - 1);
  if (layers == m_layers && directions == m_directions && layer == m_layer &&
      direction == m_direction) {
    return;
  }
  m_layers = layers;
  m_directions = directions;
  m_layer = layer;
  m_direction = direction;
  emit changed();
}

void CellChoice::setShape(const rnnlab::ModelConfig& config) {
  setShape(config.layers, config.directions());
}

void CellChoice::choose(int layer, int direction) {
  layer = std::clamp(layer, 0, m_layers - 1);
  direction = std::clamp(direction, 0, m_directions - 1);
  if (layer == m_layer && direction == m_direction) {
    return;
  }
  m_layer = layer;
  m_direction = direction;
  emit changed();
}

QString CellChoice::layerLabel(int layer) { return tr("layer %1 (l%1)").arg(layer); }

QString CellChoice::directionLabel(int direction) {
  return direction == 0 ? tr("forward") : tr("reverse");
}

QString CellChoice::label() const {
  if (!hasChoice()) {
    return {};
  }
  if (m_directions == 1) {
    return layerLabel(m_layer);
  }
  return tr("%1, %2").arg(layerLabel(m_layer), directionLabel(m_direction));
}
