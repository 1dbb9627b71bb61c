// Inputs the fuzz targets (tests/fuzz) found, each refused cleanly now: with the parser's own
// error type, and without first allocating room for sizes the input does not hold. The largest
// single allocation is measured by interposing malloc (Eigen and operator new both use it);
// sanitizer builds replace malloc themselves, so there only the refusal is checked.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "rnnlab/csv.h"
#include "rnnlab/pytorch_weights.h"
#include "rnnlab/safetensors.h"
#include "rnnlab/session.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RNNLAB_MEASURE_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RNNLAB_MEASURE_MALLOC 0
#else
#define RNNLAB_MEASURE_MALLOC 1
#endif
#else
#define RNNLAB_MEASURE_MALLOC 1
#endif

namespace {
std::atomic<bool> g_measuring{false};
std::atomic<std::size_t> g_largest{0};

// Unused in sanitizer builds, where malloc is not interposed.
[[maybe_unused]] void record(std::size_t size) {
  if (g_measuring.load(std::memory_order_relaxed)) {
    std::size_t seen = g_largest.load(std::memory_order_relaxed);
    while (size > seen && !g_largest.compare_exchange_weak(seen, size)) {
    }
  }
}
}  // namespace

#if RNNLAB_MEASURE_MALLOC
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);

void* malloc(std::size_t size) {
  record(size);
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  record(count * size);
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, std::size_t size) {
  record(size);
  return __libc_realloc(pointer, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) {
  record(size);
  return __libc_memalign(alignment, size);
}
}
#endif

using namespace rnnlab;

namespace {

// No single allocation above this while refusing an input of a few kilobytes.
constexpr std::size_t MaxAllocation = 16u << 20;

// Runs `parse`, which must throw Error with `inMessage` in its text, and returns the largest
// single allocation it made.
template <class Error>
std::size_t expectRefused(const std::function<void()>& parse, const std::string& inMessage) {
  g_largest = 0;
  g_measuring = true;
  try {
    parse();
    g_measuring = false;
    ADD_FAILURE() << "accepted; expected a message with " << inMessage;
  } catch (const Error& error) {
    g_measuring = false;
    EXPECT_NE(std::string(error.what()).find(inMessage), std::string::npos) << error.what();
  }
  g_measuring = false;
  return g_largest;
}

void expectSmallAllocations(std::size_t largest) {
#if RNNLAB_MEASURE_MALLOC
  EXPECT_LT(largest, MaxAllocation)
      << "the parser allocated " << largest << " bytes at once before refusing a small input";
#else
  (void)largest;
#endif
}

std::string repeat(const std::string& text, int count, const std::string& separator) {
  std::string out;
  for (int k = 0; k < count; ++k) {
    if (k > 0) {
      out += separator;
    }
    out += text;
  }
  return out;
}

// Input and output size `size`, hidden size `hidden` (the largest models the limits allow).
std::string sessionHead(const std::string& cell, int size, int hidden) {
  const std::string n = std::to_string(size);
  return R"({"format": "rnnlab-session", "version": 2, "model": {"input_size": )" + n +
         R"(, "hidden_size": )" + std::to_string(hidden) + R"(, "output_size": )" + n +
         R"(, "cell": ")" + cell + R"(", "output_mode": "sequence", "loss": "mse")";
}

}  // namespace

TEST(ParserFuzzRegression, MeasuringWorks) {
#if RNNLAB_MEASURE_MALLOC
  g_largest = 0;
  g_measuring = true;
  Matrix big(1024, 1024);
  g_measuring = false;
  EXPECT_GE(g_largest.load(), 1024u * 1024u * sizeof(double));
#else
  GTEST_SKIP() << "malloc is the sanitizer's here";
#endif
}

// A data row of "[]" (3 bytes) must not allocate room for input_size numbers: 2000 of them at
// input_size 4096 asked for 65 MB (16,000 rows for 500 MB) before row 1 was refused.
TEST(ParserFuzzRegression, DataRowsAreCheckedBeforeTheMatrixIsAllocated) {
  const std::string json = sessionHead("rnn", 4096, 16) + R"(}, "data": {"inputs": [)" +
                           repeat("[]", 2000, ",") + R"(], "targets": []}})";
  expectSmallAllocations(expectRefused<SessionError>(
      [&] { parseSession(json); },
      "data.inputs: row 1 has 0 numbers, expected 4096 (model.input_size)"));
}

// Likewise a weight matrix's rows: 4096 rows of "[]" asked for 128 MB (at H = 4096, before the
// hidden size was limited to 2048; 16 MB now).
TEST(ParserFuzzRegression, WeightRowsAreCheckedBeforeTheMatrixIsAllocated) {
  const std::string json = sessionHead("rnn", 1024, 2048) + R"(, "weights": {"Wxh": [)" +
                           repeat("[]", 2048, ",") + R"(]}}, "data": {}})";
  expectSmallAllocations(expectRefused<SessionError>(
      [&] { parseSession(json); }, "model.weights.Wxh: expected 2048 rows of 1024 numbers, row 1"));
}

// "weights": {} at the largest lstm allocated all its blocks (1.2 GB) before naming the
// missing W_ih.
TEST(ParserFuzzRegression, MissingWeightsAreRefusedWithoutAllocatingTheBlocks) {
  const std::string json = sessionHead("lstm", 512, 1024) + R"(, "weights": {}}, "data": {}})";
  expectSmallAllocations(
      expectRefused<SessionError>([&] { parseSession(json); }, "model.weights.W_ih: missing"));
}

// The same for an optimizer slot of training_state (the slots of a gru at 4096: 0.9 GB each).
TEST(ParserFuzzRegression, MissingSlotBlocksAreRefusedWithoutAllocatingTheSlot) {
  // Built with += : GCC 12 gives a false -Wrestrict for "literal" + std::string.
  std::string zeros = "[";
  zeros += repeat("0", 1024, ",");
  zeros += ']';
  const std::string json = sessionHead("gru", 1024, 1024) +
                           R"(}, "training": {"optimizer": "momentum"}, "data": {"inputs": [)" +
                           zeros + R"(], "targets": [)" + zeros +
                           R"(]}, "training_state": {"iteration": 1, "optimizer": {"v": {}}}})";
  expectSmallAllocations(expectRefused<SessionError>([&] { parseSession(json); },
                                                     "training_state.optimizer.v.W_ih: missing"));
}

// A CSV header of 4096 input columns followed by rows of one number asked for rows × 4096
// numbers (2000 rows: 65 MB) before line 2 was refused.
TEST(ParserFuzzRegression, CsvRowsAreCountedBeforeTheMatrixIsAllocated) {
  std::string csv;
  for (int k = 1; k <= 4096; ++k) {
    csv += 'x';
    csv += std::to_string(k);
    csv += ',';
  }
  csv += "y1\n" + repeat("1", 2000, "\n") + "\n";
  expectSmallAllocations(
      expectRefused<SessionError>([&] { parseCsv(csv); }, "line 2: expected 4097 values, found 1"));
}

// A weights file without the tensors, for the largest lstm: the parameters (1.2 GB) were
// allocated before the first missing tensor was named.
TEST(ParserFuzzRegression, PytorchImportChecksTheTensorsBeforeAllocating) {
  const SafetensorsFile file = decodeSafetensors(std::string("\x08\0\0\0\0\0\0\0{}      ", 16));
  ModelConfig config{4096, 4096, 4096, OutputMode::Sequence, LossKind::Mse, CellKind::Lstm};
  expectSmallAllocations(expectRefused<SafetensorsError>(
      [&] { importPytorchWeights(file, config); }, "tensor 'rnn.weight_ih_l0': missing"));
}

// A text_file naming a device was read until memory ran out (/dev/zero never ends).
TEST(ParserFuzzRegression, TextFileMustBeARegularFile) {
  if (!std::filesystem::exists("/dev/zero")) {
    GTEST_SKIP() << "no /dev/zero here";
  }
  const std::string json =
      R"({"format": "rnnlab-session", "version": 2, "model": {"hidden_size": 2,
          "output_mode": "sequence", "loss": "cross_entropy"},
          "data": {"kind": "text", "text_file": "/dev/zero"}})";
  expectRefused<SessionError>([&] { parseSession(json); },
                              "data.text_file: /dev/zero: not a regular file");
  expectRefused<SessionError>([&] { loadCsv("/dev/zero"); }, "/dev/zero: not a regular file");
}

// Brackets nested a million deep in an unknown key of "model": the reader copied the object
// (a recursive copy) and overflowed the stack. 24,000 levels (48 KB) already did under ASan.
TEST(ParserFuzzRegression, DeepNestingInModelDoesNotOverflowTheStack) {
  const std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
  const std::string json = sessionHead("rnn", 2, 2) + R"(, "note": )" + deep +
                           R"(}, "data": {"inputs": [], "targets": []}})";
  expectRefused<SessionError>([&] { parseSession(json); }, "data.inputs: expected at least 1 row");
}

// A safetensors header with brackets nested a million deep: the JSON library's ordered object
// copies its values recursively when it grows, and the messages quoted values with dump(), which
// recurses too; both overflowed the stack. A header nests 3 levels; more than 64 are refused.
TEST(ParserFuzzRegression, DeepNestingInSafetensorsHeaderDoesNotOverflowTheStack) {
  const auto withLength = [](const std::string& header) {
    std::string bytes;
    for (int k = 0; k < 8; ++k) {
      bytes += static_cast<char>((header.size() >> (8 * k)) & 0xFF);
    }
    return bytes + header;
  };
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  for (const int depth : {1'000'000, 60}) {
    const std::string deep = nested(depth);
    const std::string expected = depth > 64
                                     ? "the header nests arrays or objects more than 64 levels deep"
                                     : "got an array of 1 item";
    for (const std::string& header :
         {R"({"x": {"dtype": "F64", "shape": [0], "data_offsets": [)" + deep + ", 0]}}",
          R"({"x": {"dtype": "F64", "shape": [)" + deep + R"(], "data_offsets": [0, 0]}})",
          R"({"__metadata__": {"a": )" + deep + "}}"}) {
      expectRefused<SafetensorsError>([&] { decodeSafetensors(withLength(header)); }, expected);
    }
  }
  // Brackets inside strings do not count.
  const std::string name(100, '[');
  const SafetensorsFile file =
      decodeSafetensors(withLength(R"({"__metadata__": {")" + name + R"(": "]\"["}})"));
  ASSERT_EQ(file.metadata.size(), 1u);
  EXPECT_EQ(file.metadata[0].first, name);
}

// forget_bias on a gru (or rnn) was read but not written, so saving and reading the session back
// gave another session (forget_bias 0).
TEST(ParserFuzzRegression, ForgetBiasOfAnotherCellRoundTrips) {
  for (const std::string cell : {"gru", "rnn"}) {
    const std::string json = sessionHead(cell, 2, 2) + R"(, "forget_bias": 1.5}, "data": {"inputs":
        [[1, 2]], "targets": [[0, 1]]}})";
    const Session session = parseSession(json);
    EXPECT_EQ(session.model.forgetBias, 1.5);
    const std::string text = serializeSession(session);
    EXPECT_NE(text.find(R"("forget_bias": 1.5)"), std::string::npos) << text;
    EXPECT_EQ(parseSession(text), session) << cell;
  }
}
