#pragma once

// Keeps a copy of the session being worked on, so that a crash or a kill loses at most the last
// interval's work. While the document differs from its file (edits, or training beyond what the
// file holds) the copy is rewritten every interval, atomically, to
// <folder>/autosave-<pid>-<start time>.rnnlab.json with the trained weights and the exact training
// state; once nothing is unsaved any more the copy is removed, and a clean exit removes it too.
//
// Each running app holds a lock file beside its copy. A copy whose lock nobody holds belongs to
// an app that died: the next start finds it with findOrphans() and offers to restore it.

#include <QDateTime>
#include <QList>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>

class SessionDocument;
class TrainingController;

class SessionAutosave : public QObject {
  Q_OBJECT

 public:
  static constexpr int DefaultIntervalMs = 30'000;

  // A copy left behind by an app that did not exit cleanly.
  struct Orphan {
    QString sessionPath;   // the autosaved session
    QString originalPath;  // the file it was opened from or saved to; empty if never saved
    QString title;
    QDateTime savedAt;
    long iteration = 0;  // how far its run had trained
    long runStart = -1;  // where that run began and where it was to end (-1: not recorded)
    long target = -1;
  };

  // `folder` empty: the app's data folder (QStandardPaths::AppDataLocation)/autosave.
  SessionAutosave(SessionDocument* document, const TrainingController* training,
                  const QString& folder = QString(), QObject* parent = nullptr);
  ~SessionAutosave() override;

  static QString defaultFolder();
  QString folder() const { return m_folder; }
  QString filePath() const;
  void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }

  // Takes this app's lock and starts the timer; false (with *error) when the folder cannot be
  // written, in which case nothing is autosaved.
  bool start(QString* error = nullptr);
  // True while something would be lost if the app died now.
  bool hasUnsavedWork() const;
  // Writes the copy now if there is unsaved work, removes it otherwise. Called by the timer.
  bool saveNow(QString* error = nullptr);
  // A clean exit: the copy is no longer needed.
  void discard();

  // Copies in `folder` whose app is gone. Taking one's lock marks it as being handled.
  static QList<Orphan> findOrphans(const QString& folder);
  static void removeOrphan(const Orphan& orphan);

 signals:
  // A write failed (disk full, folder removed): said once until a write succeeds again.
  void failed(const QString& message);

 private:
  long runIteration() const;
  void rememberCleanIteration();

  SessionDocument* m_document;
  const TrainingController* m_training;
  QString m_folder;
  QString m_id;
  QTimer m_timer;
  std::unique_ptr<QLockFile> m_lock;
  long m_cleanIteration = 0;  // the iteration the document's file holds
  bool m_failing = false;
};
