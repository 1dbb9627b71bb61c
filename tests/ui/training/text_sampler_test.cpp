// TextSampler samples exactly as the core does, off the GUI thread, and drops what is stale.

#include "training/text_sampler.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <memory>

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
    TextSampler sampler;
    QSignalSpy spy(&sampler, &TextSampler::sampleReady);
    // The first is slow (H = 512 LSTM, 1500 characters), so the next two come while it runs:
    // the first result is dropped, the second never starts, only the third is delivered.
    const rnnlab::Model slow = makeModel(rnnlab::CellKind::Lstm, 512, 1);
    const rnnlab::Model newest = makeModel(rnnlab::CellKind::Rnn, 8, 2);
    sampler.request(makeRequest(slow, 1500, 1.0));
    QTRY_COMPARE_WITH_TIMEOUT(sampler.startedCount(), 1L, 5000);
    sampler.request(makeRequest(makeModel(rnnlab::CellKind::Rnn, 8, 5), 30, 1.0));
    TextSampleRequest last = makeRequest(newest, 30, 1.0);
    last.iteration = 99;
    const long generation = sampler.request(last);
    QVERIFY(spy.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!sampler.isBusy(), 10000);
    QTest::qWait(50);  // anything else queued would arrive now
    QCOMPARE(spy.count(), 1);
    const auto result = spy.at(0).at(0).value<TextSampleResult>();
    QCOMPARE(result.generation, generation);
    QCOMPARE(result.iteration, 99L);
    QCOMPARE(result.sampled, rnnlab::sampleIndices(newest, last.prime, last.settings));
    QCOMPARE(sampler.startedCount(), 2L);
    QCOMPARE(sampler.droppedCount(), 1L);
  }

  void cancelDropsTheRunningSample() {
    TextSampler sampler;
    QSignalSpy spy(&sampler, &TextSampler::sampleReady);
    sampler.request(makeRequest(makeModel(rnnlab::CellKind::Lstm, 512, 1), 1500, 1.0));
    QTRY_COMPARE_WITH_TIMEOUT(sampler.startedCount(), 1L, 5000);
    sampler.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!sampler.isBusy(), 10000);
    QTest::qWait(50);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(sampler.droppedCount(), 1L);
  }

  void destructionDoesNotWaitForARunningSample() {
    auto sampler = std::make_unique<TextSampler>();
    // About a second of work (H = 512 LSTM, 4000 characters at ~0.12 ms each).
    sampler->request(makeRequest(makeModel(rnnlab::CellKind::Lstm, 512, 1), 4000, 1.0));
    QTest::qWait(20);
    QVERIFY(sampler->isBusy());
    QElapsedTimer clock;
    clock.start();
    sampler.reset();
    QVERIFY2(clock.elapsed() < 100, qPrintable(QString::number(clock.elapsed())));
    QTest::qWait(50);  // the detached thread finishes later and finds no owner
  }
};

QTEST_MAIN(TextSamplerTest)
#include "text_sampler_test.moc"
