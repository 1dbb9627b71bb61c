// The iteration limit tried: what a run of 10^9 iterations costs the app in memory and time.
//
//   rnnlab_long_run_bench history [N]   (default 10^9)
//     Drives the app's loss stores through N iterations as the window receives them: the
//     controller's LossHistory and the loss chart's copy take batches of 200,000 losses (one
//     snapshot of a fast run), the chart redraws every 10^7 iterations and the run comparison
//     chart copies the live run every 10^8. No training: this isolates the per-iteration cost.
//   rnnlab_long_run_bench window [N]    (default 10^8)
//     The real app path: a shown MainWindow trains a 1/1/1, T = 1 tanh RNN (the smallest model,
//     so the most iterations per second) to N iterations at full speed, and the resident memory
//     is sampled every 5 s. A third argument sets the weight history's budget in MiB (default
//     64).
//
// Both print the peak resident memory (getrusage), the time, and the bytes each loss record
// holds against its bound. Run with QT_QPA_PLATFORM=offscreen.

#include <sys/resource.h>
#include <unistd.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "document/session_document.h"
#include "rnnlab/rng.h"
#include "shell/main_window.h"
#include "training/loss_history.h"
#include "training/training_controller.h"
#include "views/loss_chart.h"
#include "views/run_comparison_chart.h"

using namespace rnnlab;

namespace {

double peakMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double residentMiB() {
  std::ifstream statm("/proc/self/statm");
  long size = 0;
  long resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

double mib(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

// A falling loss with noise and a spike every 10^8 iterations (plus one at 123,456,789).
double lossOf(std::size_t k) {
  const double x = static_cast<double>(k);
  double loss =
      1.0 / (1.0 + 1e-7 * x) + 0.01 * static_cast<double>((k * 2654435761u) % 1000) / 1000;
  if (k % 100'000'000 == 50'000'000 || k == 123'456'789) {
    loss += 5.0;
  }
  return loss;
}

int history(std::size_t total) {
  LossHistory losses;
  LossChart chart;
  RunComparisonChart runs;
  chart.resize(800, 300);
  chart.show();
  const int live = runs.addRun(QStringLiteral("live"), std::vector<double>{});
  const std::size_t batchSize = 200'000;
  std::vector<double> batch(batchSize);
  double expectedMax = -1.0;
  const double startPeak = peakMiB();
  QElapsedTimer timer;
  timer.start();
  for (std::size_t first = 0; first < total; first += batchSize) {
    const std::size_t count = std::min(batchSize, total - first);
    batch.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
      batch[k] = lossOf(first + k);
      expectedMax = std::max(expectedMax, batch[k]);
    }
    losses.update(first, batch, first + count);
    chart.appendLosses(static_cast<long>(first), batch);
    const std::size_t end = first + count;
    if (end % 10'000'000 == 0 || end == total) {
      chart.refresh();
    }
    if (end % 100'000'000 == 0 || end == total) {
      runs.updateRun(live, losses.losses());
      runs.refresh();
      std::printf("%12zu iterations  %7.1f s  rss %7.1f MiB  peak %7.1f MiB\n", end,
                  static_cast<double>(timer.elapsed()) / 1000.0, residentMiB(), peakMiB());
      std::fflush(stdout);
    }
  }
  const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
  const LossRecord& record = losses.losses();
  const LossRecord::Summary all = record.summarize(0, total - 1);
  std::printf("history: %zu iterations in %.1f s (%.1f ns per iteration for both copies)\n",
              total, seconds, 1e9 * seconds / static_cast<double>(total));
  std::printf("peak memory %.1f MiB (%.1f MiB before the run)\n", peakMiB(), startPeak);
  std::printf("LossHistory record %.2f MiB of at most %.2f; chart %.2f MiB; comparison %.2f MiB\n",
              mib(record.byteSize()), mib(record.maxBytes()), mib(chart.history().byteSize()),
              mib(runs.runLosses(live)->byteSize()));
  std::printf("exact from iteration %zu; older ones in buckets of %zu iterations\n",
              record.exactBegin(), record.bucketWidth());
  std::printf("whole-run max %.6g (expected %.6g), chart points %d\n", all.max, expectedMax,
              chart.displayedPointCount());
  return all.max == expectedMax ? 0 : 1;
}

Session tinySession(long iterations) {
  Session s;
  s.model = ModelConfig{1, 1, 1, OutputMode::Sequence, LossKind::Mse};
  s.training.learningRate = 1e-3;
  s.training.iterations = iterations;
  Rng rng(7);
  s.data.inputs.resize(1, 1);
  s.data.targets.resize(1, 1);
  s.data.inputs(0, 0) = rng.normal();
  s.data.targets(0, 0) = 0.5;
  return s;
}

int window(long total, long historyMiB) {
  MainWindow window;
  if (historyMiB >= 0) {
    window.controller()->setHistoryBudget(static_cast<std::size_t>(historyMiB) << 20);
  }
  window.setScripted(true);
  window.resize(1440, 900);
  window.show();
  window.document()->setSession(tinySession(total), QString(), QStringLiteral("long run"));
  TrainingController* controller = window.controller();
  while (!controller->latestSnapshot() ||
         !(controller->latestSnapshot()->model.config == ModelConfig{1, 1, 1, OutputMode::Sequence,
                                                                     LossKind::Mse})) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  }
  QCoreApplication::processEvents();
  const double openPeak = peakMiB();
  QElapsedTimer timer;
  timer.start();
  controller->play();
  QTimer report;
  QObject::connect(&report, &QTimer::timeout, [&] {
    const long done = controller->latestSnapshot()->iteration;
    std::printf("%12ld iterations  %7.1f s  rss %7.1f MiB  peak %7.1f MiB  loss record %.1f MiB\n",
                done, static_cast<double>(timer.elapsed()) / 1000.0, residentMiB(), peakMiB(),
                mib(controller->lossHistory().byteSize()));
    std::fflush(stdout);
  });
  report.start(5000);
  QEventLoop loop;
  QObject::connect(controller, &TrainingController::stateChanged, &loop, [&](::TrainingState state) {
    if (state != ::TrainingState::Running) {
      loop.quit();
    }
  });
  loop.exec();
  report.stop();
  const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
  const long done = controller->latestSnapshot()->iteration;
  std::printf("window: %ld iterations in %.1f s (%.0f it/s), state %d\n", done, seconds,
              static_cast<double>(done) / seconds, static_cast<int>(controller->state()));
  std::printf("peak memory %.1f MiB (%.1f MiB once the session was shown)\n", peakMiB(),
              openPeak);
  std::printf("loss history %zu iterations, %.2f MiB of at most %.2f, exact from %zu\n",
              controller->lossHistory().size(), mib(controller->lossHistory().byteSize()),
              mib(controller->lossHistory().maxBytes()), controller->lossHistory().exactBegin());
  std::printf("validation points %zu\n", controller->losses().validation().size());
  return done == total ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const std::string mode = argc > 1 ? argv[1] : "history";
  if (mode == "history") {
    return history(argc > 2 ? std::stoull(argv[2]) : 1'000'000'000ULL);
  }
  if (mode == "window") {
    return window(argc > 2 ? std::stol(argv[2]) : 100'000'000L,
                  argc > 3 ? std::stol(argv[3]) : -1);
  }
  std::fprintf(stderr, "usage: rnnlab_long_run_bench history|window [iterations]\n");
  return 2;
}
