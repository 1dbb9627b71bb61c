#include "document/session_edit_command.h"

#include <utility>

SessionEditCommand::SessionEditCommand(const QString& text, const void* owner, Restore restore,
                                       rnnlab::Session before, rnnlab::Session after,
                                       bool mergeable)
    : QUndoCommand(text),
      m_owner(owner),
      m_restore(std::move(restore)),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_mergeable(mergeable) {}

void SessionEditCommand::undo() { m_restore(m_before); }

void SessionEditCommand::redo() { m_restore(m_after); }

bool SessionEditCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = static_cast<const SessionEditCommand*>(other);
  if (next->text() != text() || next->m_owner != m_owner) {
    return false;
  }
  m_after = next->m_after;
  // An edit typed back to where it started leaves nothing to undo.
  setObsolete(m_after == m_before);
  return true;
}
