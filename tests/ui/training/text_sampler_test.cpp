// TextSampler samples exactly as the core does, off the GUI thread, and drops what is stale.

#include "training/text_sampler.h"

#include <QSignalSpy>
#include <QTest>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace {

rnnlab::Model makeModel(rnnlab::CellKind cell, int hidden, std::uint64_t seed) {
  rnnlab::ModelConfig config{12, hidden, 12, rnnlab::OutputMode::Sequence,
                             rnnlab::LossKind::CrossEntropy};
  config.cell = cell;
  return rnnlab::Model::initialized(config, seed, 0.5);
}

TextSampleRequest makeRequest(const rnnlab::Model& model, int length, double temperature) {
  TextSampleRequest request;
  request.model = model;
  request.prime = {3, 1, 4};
  request.settings.length = length;
  request.settings.temperature = temperature;
  request.settings.seed = 7;
  request.iteration = 42;
  return request;
}

// Holds every sample until opened, so that "while a sample runs" is a fact of the test rather
// than a race against the machine's speed. Shared with the sampler's detached threads.
class Gate {
 public:
  void open() {
    const std::lock_guard lock(m_mutex);
    m_open = true;
    m_changed.notify_all();
  }
  void openAfter(std::chrono::seconds delay) {
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, delay, [this] { return m_open; });
    m_open = true;
    m_changed.notify_all();
  }
  void waitOpen() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_open; });
  }
  void finishedOne() { ++m_finished; }
  int finished() const { return m_finished.load(); }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_open = false;
  std::atomic<int> m_finished{0};
};

// The sampler's own work, held at `gate` first.
TextSampler::Compute gated(const std::shared_ptr<Gate>& gate) {
  return [gate](const TextSampleRequest& request, long generation) {
    gate->waitOpen();
    TextSampleResult result = TextSampler::sample(request, generation);
    gate->finishedOne();
    return result;
  };
}

}  // namespace

class TextSamplerTest : public QObject {
  Q_OBJECT

 private slots:
  void resultIsTheCoreSamplerAndItsGreedyLine() {
    for (const auto cell : {rnnlab::CellKind::Rnn, rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      TextSampler sampler;
      QSignalSpy spy(&sampler, &TextSampler::sampleReady);
      const rnnlab::Model model = makeModel(cell, 16, 3);
      const TextSampleRequest request = makeRequest(model, 60, 0.8);
      const long generation = sampler.request(request);
      QVERIFY(spy.wait(5000));
      const auto result = spy.takeFirst().at(0).value<TextSampleResult>();
      QCOMPARE(result.generation, generation);
      QCOMPARE(result.iteration, 42L);
      QCOMPARE(result.prime, request.prime);
      QCOMPARE(result.sampled, rnnlab::sampleIndices(model, request.prime, request.settings));
      rnnlab::SampleSettings greedy = request.settings;
      greedy.temperature = 0.0;
      QCOMPARE(result.greedy, rnnlab::sampleIndices(model, request.prime, greedy));
      QVERIFY(result.sampled != result.greedy);  // at τ = 0.8 the draws do matter here
    }
  }

  void aNewerRequestSupersedesAnOlderOne() {
    const auto gate = std::make_shared<Gate>();
    TextSampler sampler(nullptr, gated(gate));
    QSignalSpy spy(&sampler, &TextSampler::sampleReady);
    // The first is held at the gate, so the next two come while it runs: the first result is
    // dropped, the second never starts, only the third is delivered.
    const rnnlab::Model newest = makeModel(rnnlab::CellKind::Rnn, 8, 2);
    sampler.request(makeRequest(makeModel(rnnlab::CellKind::Lstm, 16, 1), 30, 1.0));
    QTRY_COMPARE_WITH_TIMEOUT(sampler.startedCount(), 1L, 5000);
    sampler.request(makeRequest(makeModel(rnnlab::CellKind::Rnn, 8, 5), 30, 1.0));
    TextSampleRequest last = makeRequest(newest, 30, 1.0);
    last.iteration = 99;
    const long generation = sampler.request(last);
    QCOMPARE(sampler.startedCount(), 1L);
    gate->open();
    QVERIFY(spy.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!sampler.isBusy(), 10000);
    QCoreApplication::processEvents();  // anything else queued would arrive now
    QCOMPARE(spy.count(), 1);
    const auto result = spy.at(0).at(0).value<TextSampleResult>();
    QCOMPARE(result.generation, generation);
    QCOMPARE(result.iteration, 99L);
    QCOMPARE(result.sampled, rnnlab::sampleIndices(newest, last.prime, last.settings));
    QCOMPARE(sampler.startedCount(), 2L);
    QCOMPARE(sampler.droppedCount(), 1L);
    QCOMPARE(gate->finished(), 2);
  }

  void cancelDropsTheRunningSample() {
    const auto gate = std::make_shared<Gate>();
    TextSampler sampler(nullptr, gated(gate));
    QSignalSpy spy(&sampler, &TextSampler::sampleReady);
    sampler.request(makeRequest(makeModel(rnnlab::CellKind::Lstm, 16, 1), 30, 1.0));
    QTRY_COMPARE_WITH_TIMEOUT(sampler.startedCount(), 1L, 5000);
    sampler.cancel();
    gate->open();
    QTRY_VERIFY_WITH_TIMEOUT(!sampler.isBusy(), 10000);
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 0);
    QCOMPARE(sampler.droppedCount(), 1L);
    QCOMPARE(gate->finished(), 1);
  }

  // The sample is held at the gate while the sampler is destroyed. Had the destructor waited for
  // it, only the watchdog (after 60 s) would open the gate, and the sample would have finished by
  // the time the destructor returned.
  void destructionDoesNotWaitForARunningSample() {
    const auto gate = std::make_shared<Gate>();
    auto sampler = std::make_unique<TextSampler>(nullptr, gated(gate));
    sampler->request(makeRequest(makeModel(rnnlab::CellKind::Lstm, 16, 1), 30, 1.0));
    QTRY_COMPARE_WITH_TIMEOUT(sampler->startedCount(), 1L, 5000);
    QVERIFY(sampler->isBusy());
    std::thread watchdog([gate] { gate->openAfter(std::chrono::seconds(60)); });
    sampler.reset();
    const int finishedWhenDestroyed = gate->finished();
    gate->open();
    watchdog.join();
    QCOMPARE(finishedWhenDestroyed, 0);
    QTRY_COMPARE_WITH_TIMEOUT(gate->finished(), 1, 10000);  // it ends later, finding no owner
  }
};

QTEST_MAIN(TextSamplerTest)
#include "text_sampler_test.moc"
