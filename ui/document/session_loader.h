#pragma once

// Reads and parses a session file in the background (BackgroundFileJob), so that the window keeps
// running while a large file (H = 2048: ~100 MB of JSON, seconds of parsing) opens, shows how far
// it got and can be cancelled. Errors are the core's messages, word for word
// (rnnlab::loadSession's).

#include <QObject>
#include <QString>

#include "document/background_file_job.h"
#include "rnnlab/session.h"

class SessionLoader : public QObject {
  Q_OBJECT

 public:
  using Phase = BackgroundFileJob::Phase;  // Processing: parsing the JSON
  using Progress = BackgroundFileJob::Progress;

  explicit SessionLoader(QObject* parent = nullptr);

  // Starts loading `path`; a load already under way for this loader is cancelled first. Later,
  // on this object's thread, exactly one of finished() or failed(), unless cancelled.
  void start(const QString& path);
  // Stops waiting: nothing more is emitted for the current load. Reading stops at its next
  // chunk; a parse under way runs to its end in the background and its result is dropped.
  void cancel() { m_job.cancel(); }
  bool isLoading() const { return m_job.isRunning(); }
  QString path() const { return m_job.path(); }
  Progress progress() const { return m_job.progress(); }
  const BackgroundFileJob& job() const { return m_job; }

  // Across all background file jobs (BackgroundFileJob's).
  static long droppedCount() { return BackgroundFileJob::droppedCount(); }
  static bool workerBusy() { return BackgroundFileJob::workerBusy(); }

 signals:
  // The parsed session (copy it to keep it); `path` as given to start().
  void finished(const QString& path, const rnnlab::Session& session);
  void failed(const QString& path, const QString& message);

 private:
  BackgroundFileJob m_job;
};
