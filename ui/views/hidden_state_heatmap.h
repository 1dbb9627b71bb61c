#pragma once

// The hidden state h_t of every unit at every time step of the last forward pass, on the fixed
// scale [−1, 1] of tanh, so that saturation reads the same on every iteration. For gated cells a
// combo box switches to the LSTM's cell state c_t or to one gate's activations (units × steps):
// i, f, g, o or r, z, n. Gates are drawn on the same fixed [−1, 1] scale (σ lies in [0, 1], tanh
// in [−1, 1]), so a colour means the same value in every one of them; c_t is unbounded and gets
// a symmetric scale of its own, its largest |value|, stated in the title.

#include <QWidget>

#include "rnnlab/forward_pass.h"

class QComboBox;
class QLabel;
class HeatmapWidget;

class HiddenStateHeatmap : public QWidget {
  Q_OBJECT

 public:
  explicit HiddenStateHeatmap(QWidget* parent = nullptr);

  // Rows h1..hH, columns t = 1..T (pass.hidden's columns 1..T; h0 is not shown).
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

 private:
  void rebuildChoices(rnnlab::CellKind cell);
  void refresh();

  QComboBox* m_choice;
  QLabel* m_choiceLabel = nullptr;
  HeatmapWidget* m_heatmap;  // owned through the layout
  rnnlab::ForwardPass m_pass;
  bool m_hasPass = false;
  rnnlab::CellKind m_choicesCell = rnnlab::CellKind::Rnn;
  int m_labelledUnits = -1;  // the H the row labels were made for
  QStringList m_characters;
  QStringList m_columnLabels;  // as last handed to the heatmap
};
