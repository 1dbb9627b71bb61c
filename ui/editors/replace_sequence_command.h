#pragma once

// Undoable change of both tables at once: paste, adding or removing time steps and columns, CSV
// import. It keeps the whole before and after text of both tables, which is simple and exact;
// sequences are small enough for that. The models belong to the sequence editor, which owns the
// undo stack, so the pointers outlive the command.

#include <QUndoCommand>

#include "editors/sequence_table_model.h"

class ReplaceSequenceCommand : public QUndoCommand {
 public:
  struct Tables {
    SequenceTableModel::CellGrid inputs;
    int inputColumns = 0;
    SequenceTableModel::CellGrid targets;
    int targetColumns = 0;
  };

  ReplaceSequenceCommand(const QString& text, SequenceTableModel* inputs,
                         SequenceTableModel* targets, Tables before, Tables after);

  void undo() override;
  void redo() override;

  static Tables capture(const SequenceTableModel& inputs, const SequenceTableModel& targets);

 private:
  void apply(const Tables& tables);

  SequenceTableModel* m_inputs;
  SequenceTableModel* m_targets;
  Tables m_before;
  Tables m_after;
};
