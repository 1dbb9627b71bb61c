// One training iteration (forward, loss, BPTT, clipping, SGD update), double precision, one
// thread, at the four sizes, and for the LSTM and GRU cells at S2's size; and a plain
// H×H matrix-vector product as the ceiling for the recurrent part. FLOP/s counts
// 6·(G·H·I + G·H·H + O·H)·T per iteration (2 for each multiply-add in the forward pass, 4 in the
// backward pass; G = 1 for rnn, 4 for lstm, 3 for gru).

#include <benchmark/benchmark.h>

#include "rnnlab/rng.h"
#include "rnnlab/text_model.h"
#include "rnnlab/trainer.h"

using namespace rnnlab;

namespace {

struct Size {
  int I, H, O, T;
  bool oneHotCrossEntropy;
  CellKind cell = CellKind::Rnn;
};

constexpr Size S0{3, 4, 2, 4, false};
constexpr Size S1{65, 100, 65, 25, true};
constexpr Size S2{32, 256, 32, 100, false};
constexpr Size S3{64, 1024, 64, 100, false};
constexpr Size S2Lstm{32, 256, 32, 100, false, CellKind::Lstm};
constexpr Size S2Gru{32, 256, 32, 100, false, CellKind::Gru};

Matrix normalMatrix(Rng& rng, Index rows, Index cols) {
  Matrix m(rows, cols);
  for (Index r = 0; r < rows; ++r) {
    for (Index c = 0; c < cols; ++c) {
      m(r, c) = rng.normal();
    }
  }
  return m;
}

Trainer makeTrainer(const Size& size) {
  ModelConfig config{size.I, size.H, size.O, OutputMode::Sequence,
                     size.oneHotCrossEntropy ? LossKind::CrossEntropy : LossKind::Mse};
  config.cell = size.cell;
  Rng rng(99);
  SequenceData data;
  if (size.oneHotCrossEntropy) {
    data.inputs = Matrix::Zero(size.T, size.I);
    data.targets = Matrix::Zero(size.T, size.O);
    for (int t = 0; t < size.T; ++t) {
      data.inputs(t, static_cast<Index>(rng.nextU64() % size.I)) = 1.0;
      data.targets(t, static_cast<Index>(rng.nextU64() % size.O)) = 1.0;
    }
  } else {
    data.inputs = normalMatrix(rng, size.T, size.I);
    data.targets = normalMatrix(rng, size.T, size.O);
  }
  TrainingSettings settings;
  settings.learningRate = 1e-3;  // small: the weights stay in a realistic range for long runs
  return Trainer(Model::initialized(config, 1, 0.01), data, settings);
}

void trainingIteration(benchmark::State& state, Size size) {
  Trainer trainer = makeTrainer(size);
  for (auto _ : state) {
    benchmark::DoNotOptimize(trainer.step().loss);
  }
  const double gates = gateCount(size.cell);
  const double flops =
      6.0 *
      (gates * size.H * size.I + gates * size.H * size.H + static_cast<double>(size.O) * size.H) *
      size.T;
  state.counters["GFLOP"] =
      benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void matrixVector(benchmark::State& state) {
  const Index H = state.range(0);
  Rng rng(5);
  const Matrix W = normalMatrix(rng, H, H);
  Vector x = normalMatrix(rng, H, 1);
  Vector y(H);
  for (auto _ : state) {
    y.noalias() = W * x;
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.counters["GFLOP"] = benchmark::Counter(2.0 * static_cast<double>(H) * H * 1e-9,
                                               benchmark::Counter::kIsIterationInvariantRate);
}

// A text of `length` characters drawn uniformly from a vocabulary of V printable code points.
TextData randomText(int V, int length, int sequenceLength) {
  TextData text;
  Rng rng(42);
  for (int k = 0; k < length; ++k) {
    text.text += static_cast<char>(' ' + rng.nextU64() % static_cast<std::uint64_t>(V));
  }
  text.sequenceLength = sequenceLength;
  prepareText(text);
  return text;
}

// Text mode at S1's size (V = 65, H = 100, L = 25; min-char-rnn's loop with Adagrad): one-hot
// inputs as column gathers and scatter-adds. Reported as characters per second (L per
// iteration), the figure tests/bench/numpy_min_char_rnn.py prints.
void textIteration(benchmark::State& state, CellKind cell) {
  const TextData text = randomText(65, 100000, 25);
  ModelConfig config{text.vocabularySize(), 100, text.vocabularySize(), OutputMode::Sequence,
                     LossKind::CrossEntropy};
  config.cell = cell;
  TrainingSettings settings;
  settings.optimizer = OptimizerKind::Adagrad;
  settings.learningRate = 0.1;
  settings.clipValue = 5.0;
  Trainer trainer(Model::initialized(config, 1, 0.01), text, settings);
  for (auto _ : state) {
    benchmark::DoNotOptimize(trainer.step().loss);
  }
  state.counters["chars/s"] =
      benchmark::Counter(text.sequenceLength, benchmark::Counter::kIsIterationInvariantRate);
}

// Sampling 200 characters (τ = 1) after a one-character prime at H = 512, V = 65.
void sampleText(benchmark::State& state, CellKind cell) {
  ModelConfig config{65, 512, 65, OutputMode::Sequence, LossKind::CrossEntropy};
  config.cell = cell;
  const Model model = Model::initialized(config, 1, 0.05);
  SampleSettings settings;
  settings.length = 200;
  const std::vector<int> prime = {0};
  for (auto _ : state) {
    benchmark::DoNotOptimize(sampleIndices(model, prime, settings).data());
    ++settings.seed;
  }
}

}  // namespace

BENCHMARK_CAPTURE(textIteration, S1_text_rnn_65_100_25, CellKind::Rnn)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(textIteration, S1_text_lstm_65_100_25, CellKind::Lstm)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(sampleText, H512_200_chars_rnn, CellKind::Rnn)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(sampleText, H512_200_chars_lstm, CellKind::Lstm)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(sampleText, H512_200_chars_gru, CellKind::Gru)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(trainingIteration, S0_3_4_2_4, S0)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(trainingIteration, S1_65_100_65_25, S1)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(trainingIteration, S2_32_256_32_100, S2)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(trainingIteration, S3_64_1024_64_100, S3)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(trainingIteration, S2_lstm_32_256_32_100, S2Lstm)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(trainingIteration, S2_gru_32_256_32_100, S2Gru)->Unit(benchmark::kMicrosecond);
BENCHMARK(matrixVector)->Arg(256)->Arg(1024)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
