// Training with the main window open, at size S2 (I/H/O/T 32/256/32/100): iterations per second
// against a plain core training loop (what rnnlab-cli train runs), and how quickly the GUI
// thread's event loop answers meanwhile. A helper thread posts a timestamped call to the GUI
// thread every 5 ms; the delay until it runs is the event loop's latency.
//
// The same for a text session (the sonnets preset: min-char-rnn's S1 size, H = 100, sequence
// length 25, 60 characters) in characters per second (iterations × sequence length): the GUI
// also computes the validation loss twice a second there, and the Text dock samples.
//
// The same for a data set at the minibatch size of rnnlab_dataset_bench (coreDataSetLoop,
// guiDataSetTraining: 1/128/1, T = 50, batches of 64, 64 validation sequences).
//
// At the documented limits (guiTrainingAtSize: H = 2048, the most weights, I = O = 4096,
// T = 100,000; arguments input/output size, hidden size, steps): how long the window takes to show
// the session, the iterations per second, the event loop's latency while training and the process's
// peak memory.
//
// Run it on an otherwise idle machine: both figures compete for the same cores. On a loaded one,
// the CPU time per iteration (worker_cpu_us_per_iteration against the core loop's
// cpu_us_per_iteration) says more than the rates.

#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "document/preset_library.h"
#include "document/session_document.h"
#include "rnnlab/rng.h"
#include "rnnlab/sequence_set.h"
#include "rnnlab/trainer.h"
#include "shell/dock_layout.h"
#include "shell/main_window.h"
#include "shell/snapshot_presenter.h"
#include "training/training_controller.h"

using namespace rnnlab;

namespace {

using Clock = std::chrono::steady_clock;
constexpr double Seconds = 4.0;

Session sessionOfSize(int io, int hidden, int steps) {
  Session s;
  s.model = ModelConfig{io, hidden, io, OutputMode::Sequence, LossKind::Mse};
  s.training.learningRate = 1e-3;
  s.training.iterations = 1'000'000;  // never reached: the benchmark stops it
  Rng rng(99);
  s.data.inputs.resize(steps, io);
  s.data.targets.resize(steps, io);
  for (Index r = 0; r < steps; ++r) {
    for (Index c = 0; c < io; ++c) {
      s.data.inputs(r, c) = rng.normal();
      s.data.targets(r, c) = rng.normal();
    }
  }
  return s;
}

Session sessionS2() { return sessionOfSize(32, 256, 100); }

// CPU seconds of this thread, and of every thread of the process but this one (read from
// /proc): on a loaded machine wall-clock rates say more about the neighbours than about us, CPU
// time per iteration does not.
double threadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

double otherThreadsCpuSeconds() {
  const long ticks = sysconf(_SC_CLK_TCK);
  const pid_t self = static_cast<pid_t>(syscall(SYS_gettid));
  double total = 0.0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) {
    if (entry.path().filename().string() == std::to_string(self)) {
      continue;
    }
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    // Fields after the command name (which ends with ')'): utime and stime are the 12th and
    // 13th of them.
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string field;
    double utime = 0.0;
    double stime = 0.0;
    for (int k = 1; k <= 13 && fields >> field; ++k) {
      if (k == 12) {
        utime = std::stod(field);
      } else if (k == 13) {
        stime = std::stod(field);
      }
    }
    total += (utime + stime) / static_cast<double>(ticks);
  }
  return total;
}

// The peak resident memory of the whole process so far, in MiB (it never goes down: run one
// size per process to read it per size).
double peakMemoryMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Steps `trainer` for `Seconds` as rnnlab-cli train does and fills the counters; a text run
// also counts characters (`charactersPerIteration` > 0).
void stepAlone(benchmark::State& state, Trainer& trainer, int charactersPerIteration = 0) {
  const auto start = Clock::now();
  const double cpuStart = threadCpuSeconds();
  long iterations = 0;
  while (std::chrono::duration<double>(Clock::now() - start).count() < Seconds) {
    trainer.step();
    ++iterations;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  state.SetIterationTime(elapsed);
  state.counters["iterations_per_s"] = iterations / elapsed;
  if (charactersPerIteration > 0) {
    state.counters["characters_per_s"] = iterations * charactersPerIteration / elapsed;
  }
  state.counters["cpu_us_per_iteration"] = 1e6 * (threadCpuSeconds() - cpuStart) / iterations;
}

void coreLoop(benchmark::State& state) {
  const Session s = sessionS2();
  for (auto _ : state) {
    Trainer trainer(s.makeModel(), s.data, s.training);
    stepAlone(state, trainer);
  }
}

// Trains `session` in a shown main window for `seconds` and fills the counters: iterations per
// second, the event loop's latency (a probe posted every 5 ms), the worker's CPU time per
// iteration and the GUI thread's share of a core.
void trainInWindow(benchmark::State& state, const Session& session, double seconds,
                   std::size_t historyMiB) {
  MainWindow window;
  if (historyMiB > 0) {
    window.controller()->setHistoryBudget(historyMiB << 20);
  }
  window.setScripted(true);
  window.resize(1440, 900);
  window.show();
  QElapsedTimer opening;
  opening.start();
  window.document()->setSession(session, QString(), QStringLiteral("bench"));
  TrainingController* controller = window.controller();
  // The window shows the session once the controller has its first snapshot of it.
  while (!controller->latestSnapshot() ||
         !(controller->latestSnapshot()->model.config == session.model)) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  }
  QCoreApplication::processEvents();
  const double openSeconds = opening.elapsed() / 1000.0;

  std::vector<double> latenciesMs;
  std::atomic<bool> probing{true};
  std::thread prober([&] {
    while (probing.load()) {
      const auto sent = Clock::now();
      QMetaObject::invokeMethod(
          qApp,
          [&latenciesMs, sent] {
            latenciesMs.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
          },
          Qt::QueuedConnection);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });

  QElapsedTimer timer;
  timer.start();
  const double guiCpuStart = threadCpuSeconds();
  const double otherCpuStart = otherThreadsCpuSeconds();
  const long start = controller->latestSnapshot()->iteration;
  controller->play();
  QEventLoop loop;
  QTimer::singleShot(static_cast<int>(seconds * 1000), &loop, &QEventLoop::quit);
  loop.exec();
  const long trained = controller->latestSnapshot()->iteration - start;
  const double elapsed = timer.elapsed() / 1000.0;
  const double otherCpu = otherThreadsCpuSeconds() - otherCpuStart;
  const double guiCpu = threadCpuSeconds() - guiCpuStart;
  controller->pause();
  probing = false;
  prober.join();
  QCoreApplication::processEvents();

  std::sort(latenciesMs.begin(), latenciesMs.end());
  const auto percentile = [&](double p) {
    return latenciesMs.empty()
               ? 0.0
               : latenciesMs[static_cast<std::size_t>(p * (latenciesMs.size() - 1))];
  };
  state.SetIterationTime(elapsed);
  state.counters["open_s"] = openSeconds;
  state.counters["iterations_per_s"] = trained / elapsed;
  state.counters["latency_p50_ms"] = percentile(0.50);
  state.counters["latency_p99_ms"] = percentile(0.99);
  state.counters["latency_max_ms"] = latenciesMs.empty() ? 0.0 : latenciesMs.back();
  // The worker (and Qt's few helper threads) per iteration, and the GUI thread per second.
  state.counters["worker_cpu_us_per_iteration"] =
      trained > 0 ? 1e6 * otherCpu / static_cast<double>(trained) : 0.0;
  state.counters["gui_thread_cpu_share"] = guiCpu / elapsed;
  state.counters["peak_memory_mib"] = peakMemoryMiB();
  // The redraw rate the GUI thread's budget settled on, and what a redraw cost.
  state.counters["redraw_interval_ms"] = window.presenter()->intervalMs();
  state.counters["redraw_cost_ms"] = window.presenter()->redrawCostMs();
}

void guiTraining(benchmark::State& state) {
  for (auto _ : state) {
    trainInWindow(state, sessionS2(), Seconds, static_cast<std::size_t>(state.range(0)));
  }
}

// A data set at the size of rnnlab_dataset_bench's minibatch and torch_batch_bench.py
// (1/128/1, T = 50, batches of 64, shuffled), with 256 training and 64 validation sequences: the
// window also computes the validation loss as it trains.
Session dataSetSession() {
  Session s;
  s.model = ModelConfig{1, 128, 1, OutputMode::Sequence, LossKind::Mse};
  s.training.learningRate = 1e-3;
  s.training.iterations = 1'000'000;  // never reached: the benchmark stops it
  s.training.initScale = 1.0 / std::sqrt(128.0);
  Rng rng(7);
  SequenceSet set;
  for (int k = 0; k < 320; ++k) {
    SequenceData sequence;
    sequence.inputs.resize(50, 1);
    sequence.targets.resize(50, 1);
    for (Index t = 0; t < 50; ++t) {
      sequence.inputs(t, 0) = rng.normal();
      sequence.targets(t, 0) = rng.normal();
    }
    (k < 256 ? set.train : set.validation).push_back(std::move(sequence));
  }
  set.batchSize = 64;
  set.shuffle = true;
  s.sequences = std::move(set);
  return s;
}

void coreDataSetLoop(benchmark::State& state) {
  const Session s = dataSetSession();
  for (auto _ : state) {
    Trainer trainer(s.makeModel(), *s.sequences, s.training);
    stepAlone(state, trainer);
  }
}

void guiDataSetTraining(benchmark::State& state) {
  for (auto _ : state) {
    trainInWindow(state, dataSetSession(), Seconds, 0);
  }
}

// Arguments: input and output size, hidden size, steps. Longer than S2: an iteration at the
// limits takes up to seconds.
void guiTrainingAtSize(benchmark::State& state) {
  const Session session =
      sessionOfSize(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)),
                    static_cast<int>(state.range(2)));
  for (auto _ : state) {
    trainInWindow(state, session, 3 * Seconds, 0);
  }
}

Session sonnets() {
  Session s = PresetLibrary::load(QStringLiteral("sonnets"));
  s.training.iterations = 1'000'000;  // never reached: the benchmark stops it
  return s;
}

void coreTextLoop(benchmark::State& state) {
  const Session s = sonnets();
  for (auto _ : state) {
    Trainer trainer(s.makeModel(), *s.text, s.training);
    stepAlone(state, trainer, s.text->sequenceLength);
  }
}

void guiTextTraining(benchmark::State& state) {
  for (auto _ : state) {
    MainWindow window;
    window.setScripted(true);
    window.resize(1280, 720);
    window.show();
    const Session s = sonnets();
    window.document()->setSession(s, QString(), QStringLiteral("sonnets"));
    // The Text dock in front: its Samples tab samples once a second while training runs, as it
    // does for a class watching the samples.
    if (!window.docks()->raise(QStringLiteral("text"))) {
      state.SkipWithError("no Text dock");
      return;
    }
    TrainingController* controller = window.controller();
    QElapsedTimer timer;
    timer.start();
    const double guiCpuStart = threadCpuSeconds();
    const double otherCpuStart = otherThreadsCpuSeconds();
    const long start = controller->latestSnapshot()->iteration;
    controller->play();
    QEventLoop loop;
    QTimer::singleShot(static_cast<int>(Seconds * 1000), &loop, &QEventLoop::quit);
    loop.exec();
    const long trained = controller->latestSnapshot()->iteration - start;
    const double elapsed = timer.elapsed() / 1000.0;
    // The worker (and Qt's few helper threads) per iteration, and the GUI thread per second.
    state.counters["worker_cpu_us_per_iteration"] =
        1e6 * (otherThreadsCpuSeconds() - otherCpuStart) / static_cast<double>(trained);
    state.counters["gui_thread_cpu_share"] = (threadCpuSeconds() - guiCpuStart) / elapsed;
    controller->pause();
    QCoreApplication::processEvents();
    state.SetIterationTime(elapsed);
    state.counters["iterations_per_s"] = trained / elapsed;
    state.counters["characters_per_s"] = trained * s.text->sequenceLength / elapsed;
    state.counters["validation_points"] =
        static_cast<double>(controller->losses().validation().size());
  }
}

}  // namespace

BENCHMARK(coreTextLoop)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(guiTextTraining)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(coreDataSetLoop)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(guiDataSetTraining)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(coreLoop)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
// Argument: the history bound in MiB (0: the default, ModelHistory::DefaultByteBudget).
BENCHMARK(guiTraining)
    ->Arg(0)
    ->Arg(1)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
// The documented limits, one per process for its peak memory
// (--benchmark_filter=guiTrainingAtSize/32/4096/20$ and so on).
BENCHMARK(guiTrainingAtSize)
    ->Args({32, 2048, 20})    // the largest hidden size
    ->Args({1024, 2048, 20})  // the most weights (limits::MaxWeights)
    ->Args({4096, 64, 20})    // the largest input and output size
    ->Args({1, 16, 100000})   // the longest sequence
    ->Args({32, 1024, 20})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
