#include "widgets/background_release.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace {

class ReleaseThread {
 public:
  ReleaseThread() : m_thread([this] { run(); }) {}
  ~ReleaseThread() {
    {
      const std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
  }
  ReleaseThread(const ReleaseThread&) = delete;
  ReleaseThread& operator=(const ReleaseThread&) = delete;

  void push(std::shared_ptr<const void> reference) {
    {
      const std::lock_guard lock(m_mutex);
      m_queue.push_back(std::move(reference));
      ++m_pushed;
    }
    m_wake.notify_one();
  }

  void wait() {
    std::unique_lock lock(m_mutex);
    const unsigned long target = m_pushed;
    m_done.wait(lock, [&] { return m_released >= target; });
  }

 private:
  void run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
      m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      if (m_queue.empty()) {
        return;  // stopping, nothing left
      }
      std::vector<std::shared_ptr<const void>> batch;
      batch.swap(m_queue);
      lock.unlock();
      // The destructors run here, outside the lock.
      const auto count = static_cast<unsigned long>(batch.size());
      batch.clear();
      lock.lock();
      m_released += count;
      m_done.notify_all();
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_done;
  std::vector<std::shared_ptr<const void>> m_queue;
  unsigned long m_pushed = 0;
  unsigned long m_released = 0;
  bool m_stopping = false;
  std::thread m_thread;  // last: started once the members it uses exist
};

ReleaseThread& releaseThread() {
  static ReleaseThread thread;
  return thread;
}

}  // namespace

void releaseInBackground(std::shared_ptr<const void> reference) {
  // use_count() is only a hint between threads: a count above 1 may drop to 1 meanwhile, so the
  // rare last reference is then freed here, which is correct, only slower.
  if (!reference || reference.use_count() > 1) {
    return;
  }
  releaseThread().push(std::move(reference));
}

void waitForBackgroundRelease() { releaseThread().wait(); }
