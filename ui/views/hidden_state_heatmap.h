#pragma once

// The hidden state h_t of every unit at every time step of the last forward pass, on the fixed
// scale [−1, 1] of tanh, so that saturation reads the same on every iteration. For gated cells a
// combo box switches to the LSTM's cell state c_t or to one gate's activations (units × steps):
// i, f, g, o or r, z, n. Gates are drawn on the same fixed [−1, 1] scale (σ lies in [0, 1], tanh
// in [−1, 1]), so a colour means the same value in every one of them; c_t is unbounded and gets
// a symmetric scale of its own, its largest |value|, stated in the title.
//
// A stacked model (spec v3 §1) shows the cell its LayerPicker chose (a layer, and a direction
// when bidirectional; by default layer 0, forward): that cell's h_t, c_t and gates, taken from
// the run the pass holds (rnnlab::viewCell), and the title names the cell.

#include <QWidget>
#include <vector>

#include "rnnlab/forward_pass.h"

class QComboBox;
class HeatmapWidget;
class LayerPicker;

class HiddenStateHeatmap : public QWidget {
  Q_OBJECT

 public:
  explicit HiddenStateHeatmap(QWidget* parent = nullptr);

  // Rows h1..hH, columns t = 1..T (pass.hidden's columns 1..T; h0 is not shown). A stack's pass
  // shows the chosen cell, whichever it showed.
  void setForwardPass(const rnnlab::ForwardPass& pass);
  // The characters of the one-hot input columns (empty: the inputs are numbers). With them the
  // steps are labelled with the character each one reads.
  void setInputCharacters(const QStringList& characters);
  void clear();

  // What is shown: "h", "c" (lstm) or a gate's name ("i", "f", "g", "o", "r", "z", "n"). An
  // unknown name or one the cell lacks shows h_t.
  void setQuantity(const QString& quantity);
  QString quantity() const;
  // The choices the combo offers for the current cell, in order.
  QStringList quantities() const;

  HeatmapWidget* heatmap() const { return m_heatmap; }
  // Which cell of a stack is shown (hidden for one cell).
  LayerPicker* layerPicker() const { return m_picker; }
  // The values shown: the pass as given, made to show the chosen cell.
  const rnnlab::ForwardPass& shownPass() const { return m_pass; }

 private:
  void rebuildChoices(rnnlab::CellKind cell);
  void showChosenCell();
  void refresh();

  QComboBox* m_choice;
  QWidget* m_choiceRow = nullptr;  // "Show" and m_choice
  HeatmapWidget* m_heatmap;  // owned through the layout
  LayerPicker* m_picker;
  rnnlab::ForwardPass m_pass;
  bool m_hasPass = false;
  rnnlab::CellKind m_choicesCell = rnnlab::CellKind::Rnn;
  int m_labelledUnits = -1;  // the H the row labels were made for
  QStringList m_characters;
  std::vector<int> m_inputIndices;  // what each step read (one_hot_columns::inputIndices)
  QStringList m_columnLabels;  // as last handed to the heatmap
};
