#pragma once

// The hidden state h_t of every unit at every time step of the last forward pass, on the fixed
// scale [−1, 1] of tanh, so that saturation reads the same on every iteration.

#include <QWidget>

#include "rnnlab/forward_pass.h"

class HeatmapWidget;

class HiddenStateHeatmap : public QWidget {
  Q_OBJECT

 public:
  explicit HiddenStateHeatmap(QWidget* parent = nullptr);

  // Rows h1..hH, columns t = 1..T (pass.hidden's columns 1..T; h0 is not shown).
  void setForwardPass(const rnnlab::ForwardPass& pass);
  void clear();

  HeatmapWidget* heatmap() const { return m_heatmap; }

 private:
  HeatmapWidget* m_heatmap;  // owned through the layout
  int m_labelledUnits = -1;  // the H the row labels were made for
};
