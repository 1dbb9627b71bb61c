#include "editors/replace_sequence_command.h"

ReplaceSequenceCommand::ReplaceSequenceCommand(const QString& text, SequenceTableModel* inputs,
                                               SequenceTableModel* targets, Tables before,
                                               Tables after)
    : QUndoCommand(text),
      m_inputs(inputs),
      m_targets(targets),
      m_before(std::move(before)),
      m_after(std::move(after)) {}

void ReplaceSequenceCommand::undo() { apply(m_before); }

void ReplaceSequenceCommand::redo() { apply(m_after); }

ReplaceSequenceCommand::Tables ReplaceSequenceCommand::capture(const SequenceTableModel& inputs,
                                                               const SequenceTableModel& targets) {
  return {inputs.cells(), inputs.columnCount(), targets.cells(), targets.columnCount()};
}

void ReplaceSequenceCommand::apply(const Tables& tables) {
  m_inputs->setCells(tables.inputs, tables.inputColumns);
  m_targets->setCells(tables.targets, tables.targetColumns);
}
