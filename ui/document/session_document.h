#pragma once

// The session being edited, as a document: its file, whether it differs from what was last
// loaded or saved, the recent files, and the model being trained beside it.
//
// Three sessions are kept apart on purpose:
//  - session(): what the user edits and what Save writes;
//  - applied(): what training runs. Live settings reach it at once (acceptLiveSettings); a
//    different model (size, mode, loss, seed, init scale, weights) waits for a reset, so a run
//    never mixes two models: resetPending() says so and resetReason() says what changed;
//  - the clean copy: the last session loaded or saved; isModified() compares with it.
//
// Settings edits go through an undo stack (setUndoStack; the sequence editor's, so that one
// Ctrl+Z undoes settings and cell edits in the order they were made). Loading and saving use the
// core's atomic rnnlab::loadSession/saveSession.

#include <QObject>
#include <QStringList>

#include "document/app_support.h"
#include "rnnlab/sequence_generators.h"
#include "rnnlab/session.h"

class QUndoStack;

class SessionDocument : public QObject {
  Q_OBJECT

 public:
  static constexpr int MaxRecentFiles = 8;

  explicit SessionDocument(QObject* parent = nullptr);

  const rnnlab::Session& session() const { return m_session; }
  const rnnlab::Session& applied() const { return m_applied; }
  QString filePath() const { return m_filePath; }
  QString title() const { return m_title; }
  // The preset's description (empty for a file), shown when the document opens.
  QString description() const { return m_description; }
  bool isModified() const { return !(m_session == m_clean); }
  // True when the edited model differs from the one being trained.
  bool resetPending() const;
  // What differs, e.g. "hidden size 4 → 7, seed"; empty when no reset is pending.
  QString resetReason() const;

  // Opening replaces the document (not undoable; the undo stack is cleared by the editor that
  // shows the new data). Failures leave everything unchanged and put the message in *error.
  bool openFile(const QString& path, QString* error);
  // The end of openFile for a session already read from `path` (by a SessionLoader, off the
  // GUI thread): the document becomes that file's.
  void openLoaded(const rnnlab::Session& session, const QString& path);
  bool openPreset(const QString& name, QString* error);
  // A plain UTF-8 text file (.txt) or pasted text as a new, unsaved text session with
  // min-char-rnn's settings (textSession()). Invalid UTF-8, or a text too short for the sequence
  // length, changes nothing and puts one message in *error.
  bool openTextFile(const QString& path, QString* error);
  bool newTextSession(const QString& text, const QString& title, QString* error);
  // A text session for `utf8` with min-char-rnn's settings (TextModelSize::Small). Throws
  // rnnlab::SessionError with the first problem of the text.
  static rnnlab::Session textSession(const std::string& utf8);
  // One label per input column when the columns are characters (a text session's vocabulary, or
  // a preset's "characters"), else empty. Control characters are shown by name (↵, ␣, ⇥).
  QStringList columnLabels() const;
  // A character as the views show it: a visible stand-in for whitespace and control characters.
  static QString displayCharacter(char32_t codePoint);
  void openBuiltinExample();
  void setSession(const rnnlab::Session& session, const QString& path, const QString& title,
                  const QString& description = QString());
  bool saveFile(const QString& path, QString* error);
  // Saves with a trained run: when the edited model is the one being trained (no reset
  // pending) and it has trained (state->iteration > 0), the file gets `trained`'s weights and
  // `state` as its training_state, so opening it continues the run exactly; otherwise as
  // saveFile(path, error). The document's own session (and isModified()) are as after any save.
  bool saveFile(const QString& path, QString* error, const rnnlab::Model* trained,
                const rnnlab::TrainingState* state);
  // Writes what saveFile would write to another file (an autosave), leaving the document's file,
  // title and modified state as they are.
  bool writeCopy(const QString& path, QString* error, const rnnlab::Model* trained,
                 const rnnlab::TrainingState* state) const;
  // Opens an autosaved copy as the document of `originalPath` (empty: never saved) under
  // `title`, marked modified: what it holds is not in any file the user chose.
  bool restoreCopy(const QString& copyPath, const QString& originalPath, const QString& title,
                   QString* error);

  // Edits: each emits edited(). Training and model edits are undo steps when a stack is set.
  void editTraining(const rnnlab::TrainingSettings& settings);
  // A changed output mode reshapes the targets (dataReshaped()): one undo step that also puts
  // the targets back exactly as they were.
  void editModel(const rnnlab::ModelConfig& model, const rnnlab::TrainingSettings& settings);
  // The single sequence (not for a data set: its sequences change through replaceSequenceSet).
  void editData(const rnnlab::SequenceData& data);
  // A text session's data settings (sequence length, streams, carry on/off, the validation text):
  // an undo step. The text is prepared again (prepareText) and the model's input and output sizes
  // follow the vocabulary; a text the core refuses (prepareText, or validate: e.g. too short for
  // its streams) changes nothing and puts the core's message in *error.
  bool editText(const rnnlab::TextData& text, QString* error);
  // `text` with its last 10% (in characters) as the validation text (`split`), or with the
  // validation text appended to the text again (!split). Not prepared.
  static rnnlab::TextData withValidationSplit(const rnnlab::TextData& text, bool split);
  // Replaces the edited session's weights with those of a safetensors file with PyTorch's names
  // (rnnlab-cli export's format). The run then waits for a reset like any new weights. A file
  // that does not fit the model changes nothing and puts the message in *error.
  bool importWeights(const QString& path, QString* error);
  // A data set session's sequences (training, validation, batch size, shuffle) replaced as one
  // undo step named `description` (e.g. "Add sequence"; empty: "Edit data set"). The model's
  // input and output sizes follow the sequences' widths (weights of another shape are dropped;
  // the run then waits for a reset). A set the core refuses (validateSequenceSet), or a session
  // that is not a data set, changes nothing: false, with the message in *error and editRefused().
  bool replaceSequenceSet(rnnlab::SequenceSet set, const QString& description, QString* error);
  void replaceSequenceSet(rnnlab::SequenceSet set, const QString& description);
  // A generated task (the data set panel's generator): its set, and its input and output sizes,
  // output mode and loss for the model (cell, hidden size and training settings stay), as one
  // undo step. A new shape or loss waits for a reset like any model edit. False (changing
  // nothing, message in *error and editRefused()) for a session that is not a data set or a
  // task the core refuses.
  bool replaceTask(rnnlab::GeneratedTask task, const QString& description, QString* error);
  void replaceTask(rnnlab::GeneratedTask task, const QString& description);
  // Whether this session can become a data set (convertToTask, convertToSequenceSet): every
  // numeric session can, a text session cannot (`why` then says so, for a tooltip).
  bool canBecomeDataSet(QString* why = nullptr) const;
  // Makes the session a data set of `task`'s sequences (the task's input and output sizes,
  // output mode and loss for the model, as replaceTask) or of `set` (the model's sizes follow the
  // sequences' widths, as replaceSequenceSet), as ONE undo step named `description`. Weights that
  // no longer fit are dropped (the model then waits for a reset); the blog's bugs, which only
  // exist for one sequence, are turned off. The single sequence stays in session().data, unused
  // while the session is a data set and not saved with it, so that Undo brings the session back
  // exactly. An existing data set is replaced as replaceTask / replaceSequenceSet do. False
  // (changing nothing, message in *error and editRefused()) for a text session or a set the core
  // refuses.
  bool convertToTask(rnnlab::GeneratedTask task, const QString& description, QString* error);
  bool convertToSequenceSet(rnnlab::SequenceSet set, const QString& description, QString* error);
  // The single sequence as the only training sequence (no validation, batch of one), model and
  // weights kept: one undo step. False (message in *error) for a text session or a data set.
  bool convertSequenceToDataSet(QString* error);
  // A data set's batch size (0: all sequences) and shuffle: undo steps ("Change batch size";
  // successive changes merge). Nothing for other sessions.
  void editBatchSize(int batchSize);
  void editShuffle(bool shuffle);
  void setUndoStack(QUndoStack* stack) { m_undoStack = stack; }
  // Sets how many iterations Play runs, without making the document modified: for scripts.
  void setIterations(long iterations);

  // The trained session follows: all of it (after a reset), or only its live settings or data.
  void markApplied() { m_applied = m_session; }
  // The edited live settings with the applied seed and init scale (these wait for a reset);
  // true when they differ from the applied ones and are valid, and were taken.
  bool acceptLiveSettings();
  void setAppliedData(const rnnlab::SequenceData& data) { m_applied.data = data; }

  QStringList recentFiles() const { return m_recentFiles; }
  void clearRecentFiles();

  // Used by the undo command: puts back a model and settings (with the weights that went with
  // them) without a new undo step.
  void restore(const rnnlab::Session& session);
  // The same, and the single sequence too (an output mode change, which reshaped the targets).
  void restoreWithData(const rnnlab::Session& session);

 signals:
  // A new document (opened, new, saved under a new name): everything may have changed.
  void loaded();
  // The edited session changed.
  void edited();
  // The targets changed shape with the output mode: the table editor must show the new data.
  void dataReshaped();
  void titleChanged();
  // The session was written to its file (saveFile): nothing is unsaved any more.
  void saved();
  void recentFilesChanged();
  // An edit was refused (replaceSequenceSet): why, in one line.
  void editRefused(const QString& message);

 private:
  void replace(const rnnlab::Session& session, const QString& path, const QString& title,
               const QString& description, const QString& characters);
  void addRecentFile(const QString& path);
  void pushOrApply(const rnnlab::Session& after, const QString& text);  // "Change <text>"
  void pushStep(const rnnlab::Session& after, const QString& text, bool mergeable,
                bool withData = false);
  // canBecomeDataSet() for a conversion: the reason into *error and, when `announce`, as
  // editRefused().
  bool convertible(QString* error, bool announce);
  // The bodies of replaceTask / replaceSequenceSet, for a data set or a session becoming one.
  bool pushTask(rnnlab::GeneratedTask task, const QString& text, QString* error);
  bool pushSequenceSet(rnnlab::SequenceSet set, const QString& text, QString* error);
  // `after` without what only a single sequence has (the blog's bugs).
  static void leaveSingleSequence(rnnlab::Session& after);
  // Validates `set` against `after`'s model (refusing with editRefused), puts it in, drops the
  // saved epoch state and, unless `keepWeights`, the weights, and pushes one undo step.
  bool pushDataSet(rnnlab::Session after, rnnlab::SequenceSet set, bool keepWeights,
                   const QString& text, QString* error);

  rnnlab::Session m_session;
  rnnlab::Session m_applied;
  rnnlab::Session m_clean;
  QString m_filePath;
  QString m_title;
  QString m_description;
  QString m_presetCharacters;  // a preset's "characters": its one-hot columns' characters
  QStringList m_recentFiles;
  QUndoStack* m_undoStack = nullptr;
};
