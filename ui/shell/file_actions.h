#pragma once

// New, Open, Open Recent, Presets, Save and Save As, with their dialogs and questions ("save
// your changes first?"), on top of a SessionDocument that does the work. In scripted runs no
// dialog waits for a user: errors go to the caller instead.

#include <QObject>
#include <QProgressDialog>
#include <memory>

#include "rnnlab/session.h"
#include "rnnlab/text_data.h"

class FileJobProgress;
class QInputDialog;
class QMenu;
class QWidget;
class SessionDocument;
class SessionLoader;
class TextFileLoader;
class TrainingController;

class FileActions : public QObject {
  Q_OBJECT

 public:
  FileActions(SessionDocument* document, QWidget* dialogParent);

  void setScripted(bool scripted) { m_scripted = scripted; }
  // Save writes this controller's trained weights and training state with the session, so that
  // opening the file continues the run exactly (when no reset is pending).
  // A run that has trained beyond what the file holds is unsaved work as well.
  void setTrainingSource(const TrainingController* controller);
  // Keeps these menus filled with the recent files and the presets.
  void setMenus(QMenu* recent, QMenu* presets);
  // Opens a file or preset; on failure shows the message (unless scripted) and returns false.
  // A plain text file (.txt, or any file that does not start like JSON) becomes a new text
  // session (SessionDocument::openTextFile).
  bool openFile(const QString& path, QString* error = nullptr);
  // Opens a file as openFile does, but without blocking the window (File → Open, the recent
  // files, a dropped file, the command line): a session file is read and parsed on a background
  // thread (SessionLoader) while the event loop runs; if that takes more than progressDelayMs() a
  // window-modal progress dialog shows the bytes read and the phase, and its Cancel stops
  // waiting and leaves the current session as it is. A plain text file opens at once. A failure
  // shows openFile's message (unless `reportFailure` is false or scripted). Ends with
  // openFinished(), also when cancelled; a newer startOpen() replaces one under way.
  void startOpen(const QString& path, bool reportFailure = true);
  // File → New text session from a file, after its questions: reads `path` in the background
  // (TextFileLoader) with the progress dialog startOpen() has, then asks which model to start
  // with (TextModelDialog, window-modal; scripted: the one it proposes) and opens a new, unsaved
  // text session learning the file. Cancel in either dialog, or a text that cannot be learnt
  // from (one message), leaves the current session as it is. Ends with openFinished().
  void startTextRead(const QString& path);
  // Stops waiting for startOpen's or startTextRead's file (openFinished(false, "")); nothing
  // changes.
  void cancelOpen();
  bool isOpening() const;
  // The progress dialog while it is shown, else null.
  QProgressDialog* openProgress() const;
  // How long an open runs before its progress dialog shows (300 ms; tests that need the dialog
  // shorten it, so that they do not depend on how fast this machine parses).
  int progressDelayMs() const;
  void setProgressDelayMs(int ms);
  // A new text session learning `text` (as pasted); on failure as openFile.
  bool newTextSession(const QString& text, QString* error = nullptr);
  bool openPreset(const QString& name, QString* error = nullptr);
  bool saveFile(const QString& path, QString* error = nullptr);
  // True while closing would lose something: edits, or training beyond the iteration the file
  // holds (minutes of work, though no setting changed).
  bool hasUnsavedWork() const;
  // Asks before unsaved work is lost; false = the user cancelled.
  bool maybeDiscard();
  // The same, asked only when something was edited: switching presets after a bit of training
  // (the run alone, on data the preset gives again) went through the question every time.
  bool maybeDiscardEdits();
  // The dialog File → New text session asks with (long lines wrap).
  static std::unique_ptr<QInputDialog> pasteTextDialog(QWidget* parent);

 signals:
  // The end of startOpen(): `opened`, or why not (`error` empty when cancelled).
  void openFinished(bool opened, const QString& error);

 public slots:
  void newSession();
  void open();
  void pasteText();  // asks for a text to paste, then newTextSession()
  void newTextSessionFromFile();  // asks for a text file, then startTextRead()
  bool save();
  bool saveAs();

 private:
  void updateRecentMenu();
  void updatePresetsMenu();
  void report(const QString& title, const QString& message, QString* error);
  long runIteration() const;
  void rememberCleanIteration();
  void onLoaded(const QString& path, const rnnlab::Session& session);
  void onLoadFailed(const QString& path, const QString& message);
  void onTextLoaded(const QString& path, const rnnlab::TextData& text);
  void onTextLoadFailed(const QString& path, const QString& message);

  SessionDocument* m_document;
  QWidget* m_parent;
  QMenu* m_recent = nullptr;
  QMenu* m_presets = nullptr;
  bool m_scripted = false;
  const TrainingController* m_training = nullptr;
  long m_cleanIteration = 0;  // the iteration of the run the document's file holds
  SessionLoader* m_loader;
  TextFileLoader* m_textLoader;
  FileJobProgress* m_progress;
  bool m_reportOpenFailure = true;
};
