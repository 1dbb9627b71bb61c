#pragma once

// The one way the app reads a file in the background (a session to open, a text to learn):
// the window keeps running while a large file is read in chunks and then processed (parsed, or
// scanned for its characters), shows how far it got, and can be cancelled.
//
// One worker thread serves every job in the process, one file at a time: at most one processing
// step runs, so a cancelled one that is still finishing (a JSON parse cannot be stopped half-way;
// reading can, between chunks, and a processing step that polls the flag can) is the only work
// ever abandoned, and a newer job waits for it rather than running beside it. The thread holds
// only the job's shared state, never the owner: an owner (or the whole app) that goes away does
// not wait for it, and its result is dropped.

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

class BackgroundFileJob {
 public:
  enum class Phase { Waiting, Reading, Processing };
  struct Progress {
    Phase phase = Phase::Waiting;
    qint64 bytesRead = 0;
    qint64 bytesTotal = 0;       // 0 until the file's size is known
    int processedPerMille = -1;  // how far processing got, when the step says; −1 unknown
  };

  // What the processing step may use on the worker thread: the flag to poll, and how to say how
  // far it got (per mille; progress() then shows it).
  struct Control {
    const std::atomic<bool>& cancelled;
    std::function<void(int perMille)> reportProcessed;
  };
  // Runs on the worker thread once the file is read: `bytes` is the whole file, or null when it
  // could not be read here (the step then says why in its own words). It stores its outcome in
  // state it shares with its Deliver (which runs only after the step has returned).
  using Process = std::function<void(const std::string* bytes, const Control& control)>;
  // Runs on the owner's thread once the step is done, unless cancelled.
  using Deliver = std::function<void()>;

  // `owner` is the QObject whose thread receives the delivery; this job must be destroyed no
  // later than it (a member of it).
  explicit BackgroundFileJob(QObject* owner);
  // Abandons a job under way (never waits for it).
  ~BackgroundFileJob();
  BackgroundFileJob(const BackgroundFileJob&) = delete;
  BackgroundFileJob& operator=(const BackgroundFileJob&) = delete;

  // Starts reading `path` and then `process`; a job under way is cancelled first.
  void start(const QString& path, Process process, Deliver deliver);
  // Stops waiting: nothing is delivered for the current job. Reading stops at its next chunk;
  // a processing step under way runs until it polls the flag (or to its end), its result dropped.
  void cancel();
  bool isRunning() const { return m_job != nullptr; }
  QString path() const { return m_path; }
  Progress progress() const;

  // Across all jobs: those whose result was dropped because they were cancelled, and whether the
  // worker thread is busy (for tests: an abandoned step still finishing counts).
  static long droppedCount();
  static bool workerBusy();

  struct Job;  // the state one job shares with the worker thread

 private:
  QObject* m_owner;
  std::shared_ptr<Job> m_job;
  QString m_path;
};
