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
  void setTrainingSource(const TrainingController* controller) { m_training = controller; }
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
  // Asks before unsaved edits are lost; false = the user cancelled.
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

  SessionDocument* m_document;
  QWidget* m_parent;
  QMenu* m_recent = nullptr;
  QMenu* m_presets = nullptr;
  bool m_scripted = false;
  const TrainingController* m_training = nullptr;
};
