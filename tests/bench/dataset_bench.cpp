// Minibatch training on data sets of many sequences (the batched pass of batch_pass.h), at the
// sizes of tests/bench/torch_batch_bench.py: nn.RNN(1, 128) + nn.Linear(128, 1), batch 64, T = 50,
// float64, one thread, value clipping at 5, an SGD step; and one epoch of 1,000 sequences of 50
// steps at H = 32. FLOP counts 6·(H·I + H·H + O·H)·T·B per minibatch (2 per multiply-add forward,
// 4 backward).

#include <benchmark/benchmark.h>

#include <cmath>

#include "rnnlab/rng.h"
#include "rnnlab/trainer.h"

using namespace rnnlab;

namespace {

Trainer makeTrainer(int H, int count, int T, int batch, CellKind cell) {
  ModelConfig config{1, H, 1, OutputMode::Sequence, LossKind::Mse};
  config.cell = cell;
  Rng rng(7);
  SequenceSet set;
  for (int k = 0; k < count; ++k) {
    SequenceData s;
    s.inputs.resize(T, 1);
    s.targets.resize(T, 1);
    for (int t = 0; t < T; ++t) {
      s.inputs(t, 0) = rng.normal();
      s.targets(t, 0) = rng.normal();
    }
    set.train.push_back(std::move(s));
  }
  set.batchSize = batch;
  set.shuffle = true;
  TrainingSettings settings;
  settings.learningRate = 1e-3;
  settings.clipValue = 5.0;
  return Trainer(Model::initialized(config, 1, 1.0 / std::sqrt(static_cast<double>(H))),
                 std::move(set), settings);
}

void minibatch(benchmark::State& state, CellKind cell) {
  const int H = 128, T = 50, B = 64;
  Trainer trainer = makeTrainer(H, B, T, B, cell);
  for (auto _ : state) {
    benchmark::DoNotOptimize(trainer.step().loss);
  }
  const double G = cell == CellKind::Rnn ? 1 : (cell == CellKind::Lstm ? 4 : 3);
  state.counters["GFLOP/s"] =
      benchmark::Counter(6.0 * (G * H * 1 + G * H * H + 1.0 * H) * T * B * 1e-9,
                         benchmark::Counter::kIsIterationInvariantRate);
}

void epoch(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  Trainer trainer = makeTrainer(32, 1000, 50, batch, CellKind::Rnn);
  const long perEpoch = trainer.sequenceSet()->batchesPerEpoch();
  for (auto _ : state) {
    for (long k = 0; k < perEpoch; ++k) {
      benchmark::DoNotOptimize(trainer.step().loss);
    }
  }
  state.counters["sequences/s"] =
      benchmark::Counter(1000.0, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK_CAPTURE(minibatch, rnn_1_128_1_T50_B64, CellKind::Rnn)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(minibatch, lstm_1_128_1_T50_B64, CellKind::Lstm)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(minibatch, gru_1_128_1_T50_B64, CellKind::Gru)->Unit(benchmark::kMillisecond);
BENCHMARK(epoch)->Arg(64)->Arg(16)->Arg(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
