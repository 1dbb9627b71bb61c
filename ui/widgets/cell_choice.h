#pragma once

// Which cell of a stacked model (spec v3 §1: layer 0 … L − 1, forward or reverse direction) the
// views that show "a layer" show. One choice is shared by all of them (the shell hands the same
// one to each), so they always show the same cell; a view on its own keeps its own.
//
// It knows the model's shape and keeps the choice inside it: the same shape keeps it (a reset, a
// new snapshot, retraining), fewer layers move it down to the new top layer, a model without a
// reverse direction moves it to the forward one. There is a choice only when L·D > 1.

#include <QObject>
#include <QString>

namespace rnnlab {
struct ModelConfig;
}

class CellChoice : public QObject {
  Q_OBJECT

 public:
  explicit CellChoice(QObject* parent = nullptr);

  void setShape(int layers, int directions);
  void setShape(const rnnlab::ModelConfig& config);
  int layers() const { return m_layers; }
  int directions() const { return m_directions; }
  // Whether the model has more than one cell to choose from.
  bool hasChoice() const { return m_layers * m_directions > 1; }

  int layer() const { return m_layer; }
  int direction() const { return m_direction; }  // 0 forward, 1 reverse
  // Clamped into the shape.
  void choose(int layer, int direction);

  // "layer 1 (l1)": numbered from 0 as everywhere in the app, with the suffix of its blocks.
  static QString layerLabel(int layer);
  static QString directionLabel(int direction);  // "forward", "reverse"
  // The chosen cell for a title ("layer 1 (l1), reverse"); empty when there is no choice.
  QString label() const;

 signals:
  // The shape or the chosen cell changed.
  void changed();

 private:
  int m_layers = 1;
  int m_directions = 1;
  int m_layer = 0;
  int m_direction = 0;
};
