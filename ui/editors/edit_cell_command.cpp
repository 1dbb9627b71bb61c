#include "editors/edit_cell_command.h"

#include <QCoreApplication>

#include "editors/sequence_table_model.h"

EditCellCommand::EditCellCommand(SequenceTableModel* model, int row, int column, QString oldText,
                                 QString newText)
    : m_model(model),
      m_row(row),
      m_column(column),
      m_oldText(std::move(oldText)),
      m_newText(std::move(newText)) {
  setText(QCoreApplication::translate("EditCellCommand", "Edit %1 cell (t=%2, column %3)")
              .arg(model->name())
              .arg(row + 1)
              .arg(column + 1));
}

void EditCellCommand::undo() { m_model->setCellText(m_row, m_column, m_oldText); }

void EditCellCommand::redo() { m_model->setCellText(m_row, m_column, m_newText); }
