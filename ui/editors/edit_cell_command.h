#pragma once

// Undoable change of one cell's text. The model is owned by the sequence editor, which also owns
// the undo stack holding this command, so the pointer outlives the command.

#include <QString>
#include <QUndoCommand>

class SequenceTableModel;

class EditCellCommand : public QUndoCommand {
 public:
  EditCellCommand(SequenceTableModel* model, int row, int column, QString oldText, QString newText);

  void undo() override;
  void redo() override;

 private:
  SequenceTableModel* m_model;
  int m_row;
  int m_column;
  QString m_oldText;
  QString m_newText;
};
