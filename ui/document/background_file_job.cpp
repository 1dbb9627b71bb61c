#include "document/background_file_job.h"

#include <QMetaObject>
#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

struct BackgroundFileJob::Job {
  std::filesystem::path path;
  QObject* owner = nullptr;  // guarded by the worker's mutex; null once cancelled or delivered
  std::atomic<bool> cancelled{false};
  std::atomic<int> phase{static_cast<int>(Phase::Waiting)};
  std::atomic<qint64> bytesRead{0};
  std::atomic<qint64> bytesTotal{0};
  std::atomic<int> processedPerMille{-1};
  Process process;
  Deliver deliver;
};

namespace {

using Job = BackgroundFileJob::Job;

// Reading in chunks is what lets a cancel stop a job early and lets the dialog count bytes;
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

void setPhase(Job& job, BackgroundFileJob::Phase phase) {
  job.phase.store(static_cast<int>(phase));
}

// Reads the whole file unless cancelled; false when it could not be read here (the processing
// step then says why, in its own words).
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
  setPhase(job, BackgroundFileJob::Phase::Reading);
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
  setPhase(job, BackgroundFileJob::Phase::Processing);
  const BackgroundFileJob::Control control{
      job.cancelled, [&job](int perMille) { job.processedPerMille.store(perMille); }};
  job.process(read ? &bytes : nullptr, control);
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
      // Posted under the mutex: the owner cannot cancel in between (its cancel takes the mutex),
      // and Qt discards events still queued for an object that is deleted. The receiving side
      // takes the mutex too before it reads the job: that, not Qt's queue (whose futexes
      // ThreadSanitizer cannot see), is what orders the worker's writes before it.
      QMetaObject::invokeMethod(
          job->owner,
          [job] {
            {
              const std::lock_guard handOver(worker()->mutex);
              if (job->owner == nullptr) {
                return;  // cancelled after it was posted
              }
              job->owner = nullptr;
            }
            job->deliver();
          },
          Qt::QueuedConnection);
    } else {
      ++state->dropped;
      // A dropped result can be ~100 MB (the largest session): freed outside the lock.
      lock.unlock();
      job.reset();
      lock.lock();
    }
  }
  state->running = false;
}

}  // namespace

BackgroundFileJob::BackgroundFileJob(QObject* owner) : m_owner(owner) {}

BackgroundFileJob::~BackgroundFileJob() { cancel(); }

void BackgroundFileJob::start(const QString& path, Process process, Deliver deliver) {
  cancel();
  auto job = std::make_shared<Job>();
  job->path = std::filesystem::path(path.toStdString());
  job->owner = m_owner;
  job->process = std::move(process);
  // The job forgets itself before the owner hears of the result, so that the owner may start
  // the next job from its handler.
  job->deliver = [this, deliver = std::move(deliver), raw = job.get()] {
    if (m_job.get() == raw) {
      m_job.reset();
      deliver();
    }
  };
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

void BackgroundFileJob::cancel() {
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

BackgroundFileJob::Progress BackgroundFileJob::progress() const {
  if (!m_job) {
    return {};
  }
  return {static_cast<Phase>(m_job->phase.load()), m_job->bytesRead.load(),
          m_job->bytesTotal.load(), m_job->processedPerMille.load()};
}

long BackgroundFileJob::droppedCount() {
  const std::lock_guard lock(worker()->mutex);
  return worker()->dropped;
}

bool BackgroundFileJob::workerBusy() {
  const std::lock_guard lock(worker()->mutex);
  return worker()->running;
}
