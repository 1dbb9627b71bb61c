// A training step must not allocate: counts calls to malloc (which Eigen and operator new both
// use) while iterations run. glibc lets a program interpose malloc; sanitizer builds replace
// malloc themselves, so the count is skipped there.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

#include "rnnlab/rng.h"
#include "rnnlab/sequence_set.h"
#include "rnnlab/text_data.h"
#include "rnnlab/trainer.h"
#include "test_models.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RNNLAB_COUNT_MALLOC 0
#else
#define RNNLAB_COUNT_MALLOC 1
#endif

#if RNNLAB_COUNT_MALLOC
namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);

void* malloc(std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
  }
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
  }
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
  }
  return __libc_realloc(pointer, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
  }
  return __libc_memalign(alignment, size);
}
}
#endif

using namespace rnnlab;

namespace {

long allocationsDuringSteps(const ModelConfig& cfg, Index steps, OptimizerKind optimizer) {
#if RNNLAB_COUNT_MALLOC
  TrainingSettings settings;
  settings.optimizer = optimizer;
  settings.learningRate = 1e-3;
  settings.clipNorm = 1.0;
  settings.lrDecay = 0.9;  // η_k is computed in the step
  settings.lrDecayEvery = 3;
  Trainer trainer(testing_support::randomModel(cfg, 1), testing_support::randomData(cfg, steps, 1),
                  settings);
  trainer.step();  // sizes Eigen's internals, if any
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 20; ++i) {
    trainer.step();
  }
  g_counting = false;
  return g_allocations.load();
#else
  (void)cfg;
  (void)steps;
  (void)optimizer;
  return 0;
#endif
}

long allocationsDuringSetSteps(const ModelConfig& cfg, const std::vector<Index>& lengths,
                               int batchSize) {
#if RNNLAB_COUNT_MALLOC
  TrainingSettings settings;
  settings.optimizer = OptimizerKind::Adam;
  settings.learningRate = 1e-3;
  settings.clipNorm = 1.0;
  SequenceSet set;
  for (std::size_t k = 0; k < lengths.size(); ++k) {
    set.train.push_back(testing_support::randomData(cfg, lengths[k], k + 1));
  }
  set.validation = set.train;
  set.batchSize = batchSize;
  set.shuffle = true;
  Trainer trainer(testing_support::randomModel(cfg, 1), set, settings);
  trainer.step();
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 20; ++i) {  // several epochs: reshuffles and batches of other lengths
    trainer.step();
    trainer.validationLoss();
  }
  g_counting = false;
  return g_allocations.load();
#else
  (void)cfg;
  (void)lengths;
  (void)batchSize;
  return 0;
#endif
}

}  // namespace

// Sanitizer builds replace malloc themselves: nothing can be counted there, and a test that
// passed without counting would say what it did not check.
#if RNNLAB_COUNT_MALLOC
#define RNNLAB_SKIP_WITHOUT_COUNTER() (void)0
#else
#define RNNLAB_SKIP_WITHOUT_COUNTER() GTEST_SKIP() << "sanitizers own malloc: nothing is counted"
#endif

TEST(NoAllocation, DataSetStepsDoNotAllocate) {
  RNNLAB_SKIP_WITHOUT_COUNTER();
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    for (OutputMode mode : {OutputMode::Sequence, OutputMode::Last}) {
      ModelConfig cfg{3, 4, 2, mode, LossKind::Mse};
      cfg.cell = cell;
      EXPECT_EQ(allocationsDuringSetSteps(cfg, {5, 2, 7, 5, 1, 3, 6}, 3), 0)
          << toString(cell) << " " << toString(mode);
    }
  }
  // v3 §1: stacked, bidirectional, with dropout.
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    ModelConfig cfg{3, 4, 2, OutputMode::Last, LossKind::Mse};
    cfg.cell = cell;
    cfg.layers = 3;
    cfg.bidirectional = true;
    cfg.dropout = 0.3;
    EXPECT_EQ(allocationsDuringSetSteps(cfg, {5, 2, 7, 5, 1, 3, 6}, 3), 0)
        << toString(cell) << " stacked";
  }
  // The benchmark's size: H = 128, batches of 64 sequences of 50 steps.
  ModelConfig large{1, 128, 1, OutputMode::Sequence, LossKind::Mse};
  EXPECT_EQ(allocationsDuringSetSteps(large, std::vector<Index>(128, 50), 64), 0);
}

TEST(NoAllocation, CounterSeesAnAllocation) {
#if RNNLAB_COUNT_MALLOC
  g_allocations = 0;
  g_counting = true;
  Vector v(1000);  // must be counted, or the tests below prove nothing
  g_counting = false;
  v.setZero();
  EXPECT_GE(g_allocations.load(), 1);
#else
  GTEST_SKIP() << "sanitizers own malloc";
#endif
}

TEST(NoAllocation, BlogSizeStepDoesNotAllocate) {
  RNNLAB_SKIP_WITHOUT_COUNTER();
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adagrad,
                             OptimizerKind::Adam, OptimizerKind::Rmsprop}) {
    for (LossKind loss : {LossKind::Mse, LossKind::CrossEntropy}) {
      for (OutputMode mode : {OutputMode::Sequence, OutputMode::Last}) {
        EXPECT_EQ(allocationsDuringSteps(ModelConfig{3, 4, 2, mode, loss}, 4, kind), 0)
            << toString(kind) << " " << toString(loss) << " " << toString(mode);
      }
    }
  }
}

// The teaching switch keeps the promise too (the blog's passes work in the same buffers).
TEST(NoAllocation, BlogBugStepsDoNotAllocate) {
#if RNNLAB_COUNT_MALLOC
  const ModelConfig cfg{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  TrainingSettings settings;
  for (int mask = 1; mask < 16; ++mask) {
    settings.blogBugs = {(mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0};
    Trainer trainer(testing_support::randomModel(cfg, 1), testing_support::randomData(cfg, 4, 1),
                    settings);
    trainer.step();
    g_allocations = 0;
    g_counting = true;
    for (int i = 0; i < 20; ++i) {
      trainer.step();
    }
    g_counting = false;
    EXPECT_EQ(g_allocations.load(), 0) << "bugs mask " << mask;
  }
#else
  GTEST_SKIP() << "sanitizers own malloc";
#endif
}

TEST(NoAllocation, MinCharRnnSizeStepDoesNotAllocate) {
  RNNLAB_SKIP_WITHOUT_COUNTER();
  EXPECT_EQ(
      allocationsDuringSteps(ModelConfig{65, 100, 65, OutputMode::Sequence, LossKind::CrossEntropy},
                             25, OptimizerKind::Sgd),
      0);
}

TEST(NoAllocation, GatedCellStepsDoNotAllocate) {
  RNNLAB_SKIP_WITHOUT_COUNTER();
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru}) {
    for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Adam}) {
      for (LossKind loss : {LossKind::Mse, LossKind::CrossEntropy}) {
        for (OutputMode mode : {OutputMode::Sequence, OutputMode::Last}) {
          ModelConfig cfg{3, 4, 2, mode, loss};
          cfg.cell = cell;
          EXPECT_EQ(allocationsDuringSteps(cfg, 5, kind), 0)
              << toString(cell) << " " << toString(kind) << " " << toString(loss) << " "
              << toString(mode);
        }
      }
    }
    // The benchmark's size: 32 inputs, 256 units, 32 outputs, 100 steps.
    ModelConfig large{32, 256, 32, OutputMode::Sequence, LossKind::Mse};
    large.cell = cell;
    EXPECT_EQ(allocationsDuringSteps(large, 100, OptimizerKind::Sgd), 0) << toString(cell);
  }
  ModelConfig rnn{32, 256, 32, OutputMode::Sequence, LossKind::Mse};
  EXPECT_EQ(allocationsDuringSteps(rnn, 100, OptimizerKind::Sgd), 0) << "rnn";
}

namespace {

// A text trainer over a random text of V characters; the steps run across several resets of
// the position (N = 6·L), with and without the carried state.
long allocationsDuringTextSteps(CellKind cell, int V, int H, int L, bool carry,
                                OptimizerKind optimizer, int layers = 1, int streams = 1) {
#if RNNLAB_COUNT_MALLOC
  TextData text;
  Rng rng(7);
  for (int k = 0; k < 6 * L; ++k) {
    text.text += static_cast<char>('a' + rng.nextU64() % static_cast<std::uint64_t>(V));
  }
  for (int k = 6 * L; k < 6 * L * streams; ++k) {
    text.text += static_cast<char>('a' + rng.nextU64() % static_cast<std::uint64_t>(V));
  }
  text.sequenceLength = L;
  text.carryHidden = carry;
  text.streams = streams;
  EXPECT_FALSE(prepareText(text));
  ModelConfig cfg{text.vocabularySize(), H, text.vocabularySize(), OutputMode::Sequence,
                  LossKind::CrossEntropy};
  cfg.cell = cell;
  cfg.layers = layers;
  cfg.dropout = layers > 1 ? 0.25 : 0.0;
  TrainingSettings settings;
  settings.optimizer = optimizer;
  settings.learningRate = 1e-2;
  Trainer trainer(Model::initialized(cfg, 1, 0.1), text, settings);
  trainer.step();
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 20; ++i) {
    trainer.step();
  }
  g_counting = false;
  return g_allocations.load();
#else
  (void)cell, (void)V, (void)H, (void)L, (void)carry, (void)optimizer, (void)layers, (void)streams;
  return 0;
#endif
}

}  // namespace

TEST(NoAllocation, TextStepsDoNotAllocate) {
  RNNLAB_SKIP_WITHOUT_COUNTER();
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    for (bool carry : {true, false}) {
      EXPECT_EQ(allocationsDuringTextSteps(cell, 20, 16, 7, carry, OptimizerKind::Adagrad), 0)
          << toString(cell) << " carry " << carry;
    }
  }
  // v3 §2: a stack with dropout in streams, every cell.
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    EXPECT_EQ(allocationsDuringTextSteps(cell, 20, 16, 7, true, OptimizerKind::Adam, 2, 3), 0)
        << toString(cell) << " 2 layers, 3 streams";
  }
  // min-char-rnn's size.
  EXPECT_EQ(allocationsDuringTextSteps(CellKind::Rnn, 26, 100, 25, true, OptimizerKind::Adagrad),
            0);
}
