#pragma once

// One undoable edit of a session's model or training settings: it keeps the session before and
// after, so undo and redo put back exactly what was there (weights included). It lives on the
// same stack as the table edits, so the order of Ctrl+Z follows the order of the edits.

#include <QUndoCommand>
#include <functional>

#include "rnnlab/session.h"

class SessionEditCommand : public QUndoCommand {
 public:
  // `restore` puts a session's model and settings back (SessionDocument::restore); `owner`
  // identifies the document, so that only edits of the same one merge.
  using Restore = std::function<void(const rnnlab::Session&)>;
  // `mergeable` false: never merged with the next edit (each data set edit is its own step).
  SessionEditCommand(const QString& text, const void* owner, Restore restore,
                     rnnlab::Session before, rnnlab::Session after, bool mergeable = true);

  void undo() override;
  void redo() override;
  int id() const override { return m_mergeable ? Id : -1; }
  // Successive changes of the same setting (typing 0.05 into a spin box is several edits) are one
  // undo step.
  bool mergeWith(const QUndoCommand* other) override;

 private:
  static constexpr int Id = 0x5e77;

  const void* m_owner;
  Restore m_restore;
  rnnlab::Session m_before;
  rnnlab::Session m_after;
  bool m_mergeable = true;
};
