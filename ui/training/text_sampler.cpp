#include "training/text_sampler.h"

#include <QMetaObject>
#include <mutex>
#include <optional>
#include <thread>

struct TextSampler::State {
  Compute compute;  // set once, before any thread starts
  std::mutex mutex;
  TextSampler* owner = nullptr;  // nulled (under the mutex) when the sampler goes away
  std::optional<TextSampleRequest> pending;
  long pendingGeneration = 0;
  long latestGeneration = 0;  // results of an older generation are dropped
  bool running = false;
  long started = 0;
  long dropped = 0;
};

TextSampleResult TextSampler::sample(const TextSampleRequest& request, long generation) {
  TextSampleResult result;
  result.generation = generation;
  result.iteration = request.iteration;
  result.prime = request.prime;
  result.settings = request.settings;
  result.sampled = rnnlab::sampleIndices(request.model, request.prime, request.settings);
  if (request.greedy) {
    rnnlab::SampleSettings greedy = request.settings;
    greedy.temperature = 0.0;
    result.greedy = rnnlab::sampleIndices(request.model, request.prime, greedy);
  }
  return result;
}

TextSampler::TextSampler(QObject* parent, Compute compute)
    : QObject(parent), m_state(std::make_shared<State>()) {
  qRegisterMetaType<TextSampleResult>();
  m_state->compute = std::move(compute);
  m_state->owner = this;
}

TextSampler::~TextSampler() {
  const std::lock_guard lock(m_state->mutex);
  m_state->owner = nullptr;
  m_state->pending.reset();
}

long TextSampler::request(TextSampleRequest request) {
  std::shared_ptr<State> state = m_state;
  const std::lock_guard lock(state->mutex);
  const long generation = ++state->latestGeneration;
  state->pending = std::move(request);
  state->pendingGeneration = generation;
  if (state->running) {
    return generation;  // the running thread picks the new request up when it is done
  }
  state->running = true;
  // The thread holds the state, not the sampler: it may outlive the sampler and simply finds
  // nobody to deliver to.
  std::thread([state] {
    std::unique_lock guard(state->mutex);
    while (state->pending && state->owner) {
      const TextSampleRequest next = std::move(*state->pending);
      const long nextGeneration = state->pendingGeneration;
      state->pending.reset();
      ++state->started;
      guard.unlock();
      TextSampleResult result = state->compute(next, nextGeneration);
      guard.lock();
      if (state->owner && nextGeneration == state->latestGeneration) {
        // Posting under the mutex: the owner cannot be destroyed in between, and Qt discards
        // events still queued for an object that is deleted.
        TextSampler* owner = state->owner;
        QMetaObject::invokeMethod(
            owner, [owner, result = std::move(result)] { emit owner->sampleReady(result); },
            Qt::QueuedConnection);
      } else {
        ++state->dropped;
      }
    }
    state->running = false;
  }).detach();
  return generation;
}

void TextSampler::cancel() {
  const std::lock_guard lock(m_state->mutex);
  m_state->pending.reset();
  ++m_state->latestGeneration;
}

bool TextSampler::isBusy() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->running || m_state->pending.has_value();
}

long TextSampler::startedCount() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->started;
}

long TextSampler::droppedCount() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->dropped;
}
