// Stacked and bidirectional training (spec v3 §1–2) at the sizes of
// tests/bench/torch_charrnn_bench.py: char-rnn's default model (a 2-layer LSTM of 128 units,
// V = 65, 50 streams of 50 characters) and a 2-layer bidirectional GRU on 64 sequences of 50 steps
// (1/128/1). float64, one thread, value clipping at 5, an SGD step. The counter is char-rnn's
// 3.07 GFLOP per iteration (one-hot input as a gather) over the time.

#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

#include "rnnlab/rng.h"
#include "rnnlab/trainer.h"

using namespace rnnlab;

namespace {

void charRnn(benchmark::State& state) {
  const int V = 65, H = 128, B = 50, L = 50;
  Rng rng(3);
  TextData text;
  // Characters drawn at random: the time does not depend on the text.
  for (int k = 0; k < 200000; ++k) {
    text.text += static_cast<char>(' ' + static_cast<int>(rng.uniform() * V));
  }
  if (auto problem = prepareText(text)) {
    state.SkipWithError(problem->c_str());
    return;
  }
  text.sequenceLength = L;
  text.streams = B;
  ModelConfig config{text.vocabularySize(), H, text.vocabularySize(), OutputMode::Sequence,
                     LossKind::CrossEntropy, CellKind::Lstm};
  config.layers = 2;
  TrainingSettings settings;
  settings.learningRate = 2e-3;
  settings.clipValue = 5.0;
  Trainer trainer(Model::initialized(config, 1, 0.08), std::move(text), settings);
  for (auto _ : state) {
    benchmark::DoNotOptimize(trainer.step().loss);
  }
  state.counters["GFLOP/s"] =
      benchmark::Counter(3.07, benchmark::Counter::kIsIterationInvariantRate);
}

void bidirectionalGru(benchmark::State& state) {
  const int H = 128, T = 50, B = 64;
  ModelConfig config{1, H, 1, OutputMode::Sequence, LossKind::Mse, CellKind::Gru};
  config.layers = 2;
  config.bidirectional = true;
  Rng rng(7);
  SequenceSet set;
  for (int k = 0; k < B; ++k) {
    SequenceData s;
    s.inputs.resize(T, 1);
    s.targets.resize(T, 1);
    for (int t = 0; t < T; ++t) {
      s.inputs(t, 0) = rng.normal();
      s.targets(t, 0) = rng.normal();
    }
    set.train.push_back(std::move(s));
  }
  set.batchSize = B;
  TrainingSettings settings;
  settings.learningRate = 1e-3;
  settings.clipValue = 5.0;
  Trainer trainer(Model::initialized(config, 1, 1.0 / std::sqrt(static_cast<double>(H))),
                  std::move(set), settings);
  for (auto _ : state) {
    benchmark::DoNotOptimize(trainer.step().loss);
  }
}

}  // namespace

BENCHMARK(charRnn)->Name("CharRnn_2x128_lstm_B50_L50")->Unit(benchmark::kMillisecond);
BENCHMARK(bidirectionalGru)->Name("BiGru_2x128_B64_T50")->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
