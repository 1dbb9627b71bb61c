#pragma once

// One undoable edit of a session's model or training settings: it keeps the session before and
// after, so undo and redo put back exactly what was there (weights included). It lives on the
// same stack as the table edits, so the order of Ctrl+Z follows the order of the edits.

#include <QUndoCommand>

#include "rnnlab/session.h"

class SessionDocument;

class SessionEditCommand : public QUndoCommand {
 public:
  SessionEditCommand(const QString& text, SessionDocument* document, rnnlab::Session before,
                     rnnlab::Session after);

  void undo() override;
  void redo() override;
  int id() const override { return Id; }
  // Successive changes of the same setting (typing 0.05 into a spin box is several edits) are one
  // undo step.
  bool mergeWith(const QUndoCommand* other) override;

 private:
  static constexpr int Id = 0x5e77;

  SessionDocument* m_document;
  rnnlab::Session m_before;
  rnnlab::Session m_after;
};
