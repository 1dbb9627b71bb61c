#pragma once

// Samples a character-level model off the GUI thread with latest-value semantics: a request
// supersedes every earlier one that has not finished, and a result is delivered only if no
// newer request (and no cancel) came after it. Work runs on a detached thread that owns its
// copy of the model, so neither a pending sample nor this object's destruction ever makes the
// GUI (or the application's exit) wait.

#include <QObject>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/text_model.h"

struct TextSampleRequest {
  rnnlab::Model model;     // a copy: the trainer goes on with its own
  std::vector<int> prime;  // vocabulary indices, not empty
  rnnlab::SampleSettings settings;
  long iteration = 0;   // the model's iteration, handed back with the result
  bool greedy = true;   // also compute the τ = 0 continuation (same prime and length)
};

struct TextSampleResult {
  long generation = 0;  // what request() returned for it
  long iteration = 0;
  std::vector<int> prime;
  rnnlab::SampleSettings settings;  // the request's
  std::vector<int> sampled;  // sampleIndices(model, prime, settings)
  std::vector<int> greedy;   // sampleIndices at τ = 0; empty unless asked for
};

class TextSampler : public QObject {
  Q_OBJECT

 public:
  // What a request computes: sample() unless a test gives a function that, say, waits for a
  // signal first, so that "while a sample runs" does not depend on the machine's speed.
  using Compute = std::function<TextSampleResult(const TextSampleRequest&, long generation)>;
  // The core's samples for `request` (and the greedy line if asked), as `generation`.
  static TextSampleResult sample(const TextSampleRequest& request, long generation);

  explicit TextSampler(QObject* parent = nullptr, Compute compute = &TextSampler::sample);
  // Drops whatever is pending or running without waiting for it.
  ~TextSampler() override;

  // Queues a sample; returns its generation (increasing). A request still waiting is replaced.
  long request(TextSampleRequest request);
  // Drops the pending request and the result of the running one.
  void cancel();
  // A request is waiting or running.
  bool isBusy() const;
  // Samples begun, and those computed but dropped because something newer (or a cancel) came
  // first; for tests and tuning.
  long startedCount() const;
  long droppedCount() const;

 signals:
  void sampleReady(const TextSampleResult& result);

 private:
  struct State;
  std::shared_ptr<State> m_state;
};

Q_DECLARE_METATYPE(TextSampleResult)
