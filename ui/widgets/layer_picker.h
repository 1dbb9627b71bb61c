#pragma once

// "[layer 1 (l1)] [reverse]": the control with which a view's user picks the cell of a
// stacked model it shows (a CellChoice). The direction box shows only for a bidirectional model,
// and the whole picker only when there is something to pick (L·D > 1), so a one-cell model's
// views look as they always did. It keeps a choice of its own until setChoice() gives it the
// shared one.

#include <QPointer>
#include <QWidget>

class CellChoice;
class QComboBox;

class LayerPicker : public QWidget {
  Q_OBJECT

 public:
  explicit LayerPicker(QWidget* parent = nullptr);

  CellChoice* choice() const;
  // Shows and edits `choice` (not owned) instead of the current one.
  void setChoice(CellChoice* choice);

  QComboBox* layerBox() const { return m_layers; }
  QComboBox* directionBox() const { return m_directions; }

 signals:
  // The choice shown changed (its cell or its shape), whoever changed it.
  void cellChanged();

 private:
  void follow(CellChoice* choice);
  void sync();

  CellChoice* m_own;              // until setChoice() gives another
  QPointer<CellChoice> m_shared;  // the one given, while it lives
  QComboBox* m_layers;
  QComboBox* m_directions;
};
