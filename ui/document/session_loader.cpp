#include "document/session_loader.h"

#include <QMetaObject>
#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

struct SessionLoader::Job {
  std::filesystem::path path;
  SessionLoader* owner = nullptr;  // guarded by the worker's mutex; null once cancelled
  std::atomic<bool> cancelled{false};
  std::atomic<int> phase{static_cast<int>(Phase::Waiting)};
  std::atomic<qint64> bytesRead{0};
  std::atomic<qint64> bytesTotal{0};
  // The outcome, written by the worker before the job is posted back.
  std::optional<rnnlab::Session> session;
  std::string error;
  // Run on the owner's thread with the job once it is done (set by start(): it may reach the
  // loader's private delivery).
  std::function<void(const std::shared_ptr<Job>&)> deliver;
};

namespace {

using Job = SessionLoader::Job;

// Reading in chunks is what lets a cancel stop a load early and lets the dialog count bytes;
// 1 MiB costs well under a millisecond from the page cache.
constexpr std::size_t ChunkBytes = std::size_t{1} << 20;

struct Worker {
  std::mutex mutex;
  std::deque<std::shared_ptr<Job>> queue;
  bool running = false;  // a thread exists and serves the queue
  long dropped = 0;
};

// Never destroyed: the detached thread may still use it while the process exits.
const std::shared_ptr<Worker>& worker() {
  static const auto* const instance = new std::shared_ptr<Worker>(std::make_shared<Worker>());
  return *instance;
}

void setPhase(Job& job, SessionLoader::Phase phase) { job.phase.store(static_cast<int>(phase)); }

// Reads the whole file unless cancelled; false when it could not be read here (the core then
// says why, in its own words).
bool readInChunks(Job& job, std::string& bytes) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(job.path, error)) {
    return false;
  }
  std::ifstream in(job.path, std::ios::binary);
  if (!in) {
    return false;
  }
  const auto size = std::filesystem::file_size(job.path, error);
  if (!error) {
    job.bytesTotal.store(static_cast<qint64>(size));
    bytes.reserve(size);
  }
  setPhase(job, SessionLoader::Phase::Reading);
  while (in && !job.cancelled.load()) {
    const std::size_t before = bytes.size();
    bytes.resize(before + ChunkBytes);
    in.read(bytes.data() + before, static_cast<std::streamsize>(ChunkBytes));
    bytes.resize(before + static_cast<std::size_t>(in.gcount()));
    job.bytesRead.store(static_cast<qint64>(bytes.size()));
  }
  return !in.bad();
}

void run(Job& job) {
  std::string bytes;
  const bool read = readInChunks(job, bytes);
  if (job.cancelled.load()) {
    return;
  }
  setPhase(job, SessionLoader::Phase::Parsing);
  try {
    if (!read) {
      job.session = rnnlab::loadSession(job.path);
      return;
    }
    const std::filesystem::path folder =
        job.path.has_parent_path() ? job.path.parent_path() : std::filesystem::path(".");
    job.session = rnnlab::parseSession(bytes, folder);
  } catch (const std::exception& e) {
    job.error = e.what();
  }
}

void serve(const std::shared_ptr<Worker>& state) {
  std::unique_lock lock(state->mutex);
  while (!state->queue.empty()) {
    std::shared_ptr<Job> job = std::move(state->queue.front());
    state->queue.pop_front();
    lock.unlock();
    run(*job);
    lock.lock();
    if (job->owner != nullptr && !job->cancelled.load()) {
      // Posted under the mutex: the owner cannot be destroyed in between (its cancel takes the
      // mutex), and Qt discards events still queued for an object that is deleted. The
      // receiving side takes the mutex too before it reads the job: that, not Qt's queue (whose
      // futexes ThreadSanitizer cannot see), is what orders the worker's writes before it.
      QMetaObject::invokeMethod(
          job->owner,
          [job] {
            { const std::lock_guard handOver(worker()->mutex); }
            job->deliver(job);
          },
          Qt::QueuedConnection);
    } else {
      ++state->dropped;
      // A dropped session of the largest size is ~100 MB: freed outside the lock.
      lock.unlock();
      job.reset();
      lock.lock();
    }
  }
  state->running = false;
}

}  // namespace

SessionLoader::SessionLoader(QObject* parent) : QObject(parent) {}

SessionLoader::~SessionLoader() { cancel(); }

void SessionLoader::start(const QString& path) {
  cancel();
  auto job = std::make_shared<Job>();
  job->path = std::filesystem::path(path.toStdString());
  job->owner = this;
  job->deliver = [this](const std::shared_ptr<Job>& done) { deliver(done); };
  m_job = job;
  m_path = path;
  const std::shared_ptr<Worker>& state = worker();
  const std::lock_guard lock(state->mutex);
  state->queue.push_back(std::move(job));
  if (!state->running) {
    state->running = true;
    std::thread(serve, state).detach();
  }
}

void SessionLoader::cancel() {
  if (!m_job) {
    return;
  }
  m_job->cancelled.store(true);
  {
    const std::shared_ptr<Worker>& state = worker();
    const std::lock_guard lock(state->mutex);
    m_job->owner = nullptr;
    const auto queued = std::find(state->queue.begin(), state->queue.end(), m_job);
    if (queued != state->queue.end()) {
      state->queue.erase(queued);
      ++state->dropped;
    }
  }
  m_job.reset();
}

SessionLoader::Progress SessionLoader::progress() const {
  if (!m_job) {
    return {};
  }
  return {static_cast<Phase>(m_job->phase.load()), m_job->bytesRead.load(),
          m_job->bytesTotal.load()};
}

long SessionLoader::droppedCount() {
  const std::lock_guard lock(worker()->mutex);
  return worker()->dropped;
}

bool SessionLoader::workerBusy() {
  const std::lock_guard lock(worker()->mutex);
  return worker()->running;
}

void SessionLoader::deliver(const std::shared_ptr<Job>& job) {
  if (job != m_job) {
    return;  // cancelled after the worker posted it
  }
  m_job.reset();
  const QString path = m_path;
  if (job->session) {
    emit finished(path, *job->session);
  } else {
    emit failed(path, QString::fromStdString(job->error));
  }
}
