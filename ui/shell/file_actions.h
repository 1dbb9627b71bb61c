#pragma once

// New, Open, Open Recent, Presets, Save and Save As, with their dialogs and questions ("save
// your changes first?"), on top of a SessionDocument that does the work. In scripted runs no
// dialog waits for a user: errors go to the caller instead.

#include <QObject>

class QMenu;
class QWidget;
class SessionDocument;
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
  // A new text session learning `text` (as pasted); on failure as openFile.
  bool newTextSession(const QString& text, QString* error = nullptr);
  bool openPreset(const QString& name, QString* error = nullptr);
  bool saveFile(const QString& path, QString* error = nullptr);
  // True while closing would lose something: edits, or training beyond the iteration the file
  // holds (minutes of work, though no setting changed).
  bool hasUnsavedWork() const;
  // Asks before unsaved work is lost; false = the user cancelled.
  bool maybeDiscard();

 public slots:
  void newSession();
  void open();
  void pasteText();  // asks for a text to paste, then newTextSession()
  bool save();
  bool saveAs();

 private:
  void updateRecentMenu();
  void updatePresetsMenu();
  void report(const QString& title, const QString& message, QString* error);
  long runIteration() const;
  void rememberCleanIteration();

  SessionDocument* m_document;
  QWidget* m_parent;
  QMenu* m_recent = nullptr;
  QMenu* m_presets = nullptr;
  bool m_scripted = false;
  const TrainingController* m_training = nullptr;
  long m_cleanIteration = 0;  // the iteration of the run the document's file holds
};
