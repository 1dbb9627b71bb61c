#pragma once

// The network's outputs against the targets, one row per time step: y_k next to d_k (and the
// softmax p_k for cross-entropy), the compared cell coloured by the error δy = ∂L/∂y from core.
// A table rather than a chart: exact numbers and "which step is wrong" both read from the back
// of a room. In `last` mode only step T has a target; the other rows show "—".

#include <QWidget>

#include "rnnlab/forward_pass.h"

class QLabel;
class QTableView;
class OutputsTableModel;

class OutputsView : public QWidget {
  Q_OBJECT

 public:
  explicit OutputsView(QWidget* parent = nullptr);

  void setForwardPass(const rnnlab::ForwardPass& pass, rnnlab::OutputMode mode,
                      rnnlab::LossKind loss);
  // See OutputsTableModel::setCharacters.
  void setCharacters(const QStringList& characters);
  void clear();

  OutputsTableModel* model() const { return m_model; }
  QTableView* table() const { return m_table; }

 protected:
  // A new font (a presentation scales the application's) sizes the fixed columns anew.
  void changeEvent(QEvent* event) override;

 private:
  void fixSectionSizes();

  OutputsTableModel* m_model;  // child QObject
  QTableView* m_table;         // child widget
  QLabel* m_caption;
};
