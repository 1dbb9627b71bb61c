#pragma once

// Reads and parses a session file on a background thread, so that the window keeps running
// while a large file (H = 2048: ~100 MB of JSON, seconds of parsing) opens, shows how far it got
// and can be cancelled.
//
// One worker thread serves every loader in the process, one file at a time: at most one parse
// runs, so a cancelled parse that is still finishing (the core's JSON parse cannot be stopped
// half-way; reading can, between chunks) is the only job ever abandoned, and a newer open waits
// for it rather than running beside it. The thread holds only its shared state, never a loader:
// a loader (or the whole app) that goes away does not wait for it, and its result is dropped.
// Errors are the core's messages, word for word (rnnlab::loadSession's).

#include <QObject>
#include <QString>
#include <memory>

#include "rnnlab/session.h"

class SessionLoader : public QObject {
  Q_OBJECT

 public:
  enum class Phase { Waiting, Reading, Parsing };
  struct Progress {
    Phase phase = Phase::Waiting;
    qint64 bytesRead = 0;
    qint64 bytesTotal = 0;  // 0 until the file's size is known
  };

  explicit SessionLoader(QObject* parent = nullptr);
  // Abandons a load under way (never waits for it).
  ~SessionLoader() override;

  // Starts loading `path`; a load already under way for this loader is cancelled first. Later,
  // on this object's thread, exactly one of finished() or failed(), unless cancelled.
  void start(const QString& path);
  // Stops waiting: nothing more is emitted for the current load. Reading stops at its next
  // chunk; a parse under way runs to its end in the background and its result is dropped.
  void cancel();
  bool isLoading() const { return m_job != nullptr; }
  QString path() const { return m_path; }
  Progress progress() const;

  // Across all loaders: loads whose result was dropped because they were cancelled, and whether
  // the worker thread is busy (for tests: an abandoned parse still finishing counts).
  static long droppedCount();
  static bool workerBusy();

  struct Job;  // the state one load shares with the worker thread

 signals:
  // The parsed session (copy it to keep it); `path` as given to start().
  void finished(const QString& path, const rnnlab::Session& session);
  void failed(const QString& path, const QString& message);

 private:
  void deliver(const std::shared_ptr<Job>& job);

  std::shared_ptr<Job> m_job;
  QString m_path;
};
