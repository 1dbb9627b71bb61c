#pragma once

// The table behind OutputsView: one row per time step t, and per output unit k the columns
// y_k (and p_k = softmax for cross-entropy) next to the target d_k, then the step's loss.
// The output (or probability) cell is coloured by the core's δy_t = ∂L/∂y_t, which is y − d for
// mse and p − d for cross-entropy: red when too high, blue when too low, white when right.
// Only visible cells are ever formatted, so long sequences cost nothing per update.

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

#include "rnnlab/forward_pass.h"

class OutputsTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  explicit OutputsTableModel(QObject* parent = nullptr);

  void setForwardPass(const rnnlab::ForwardPass& pass, rnnlab::OutputMode mode,
                      rnnlab::LossKind loss);
  // The characters of the one-hot units (empty: numbers). With them the rows say which
  // character each step reads, two leading columns give the most likely next character with its
  // probability and the target character, and the units' columns are named by character.
  void setCharacters(const QStringList& characters);
  const QStringList& characters() const { return m_characters; }
  // Columns before the units' (with characters: the likeliest and the target character and the
  // step's loss, so that the loss is not 3·V columns away; else 0, the loss coming last).
  int leadingColumns() const { return m_characters.isEmpty() ? 0 : 3; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // The magnitude of δy that gets the fullest colour: max(1, largest |d|).
  double errorScale() const { return m_errorScale; }

 private:
  enum class Kind { Output, Probability, Target, StepLoss, Predicted, TargetCharacter };
  struct Column {
    Kind kind;
    int unit;  // k, 0-based; unused for StepLoss
  };
  Column column(int section) const;
  int columnsPerUnit() const;
  // The column of `targets` holding step `step`'s target, or -1 when the step has none.
  long targetColumn(long step) const;
  // The unit with the largest probability (or output) at a step, or −1.
  int predictedUnit(int row) const;
  QVariant characterData(int row, Kind kind, int role) const;
  // The value shown in a cell, NaN when there is none.
  double value(int row, const Column& column) const;

  rnnlab::Matrix m_outputs;        // O×T
  rnnlab::Matrix m_targets;        // O×T or O×1
  rnnlab::Matrix m_probabilities;  // O×T or empty
  rnnlab::Matrix m_outputGrad;     // O×T
  rnnlab::Vector m_stepLoss;       // T
  rnnlab::OutputMode m_mode = rnnlab::OutputMode::Sequence;
  rnnlab::LossKind m_loss = rnnlab::LossKind::Mse;
  double m_errorScale = 1.0;
  QStringList m_characters;
  std::vector<int> m_inputIndex;   // per step: the character read, or −1
  std::vector<int> m_targetIndex;  // per step: the target character, or −1
};
