#pragma once

// The three commands of rnnlab-cli, kept apart from argument parsing so that each one reads as
// "load, compute, print". Every command writes its normal output to `out` and returns the process
// exit code. Problems are thrown, and main() prints each as one line on stderr: bad input as
// rnnlab::SessionError or CliError (always before anything is printed on `out`), numbers that
// became non-finite as NonFiniteError.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>

namespace rnnlab::cli {

// Exit codes, documented in --help.
constexpr int ExitOk = 0;
constexpr int ExitGradientCheckFailed = 1;  // gradcheck: an error above the tolerance
constexpr int ExitBadInput = 2;             // command line, session file or --out path refused
constexpr int ExitNonFinite = 3;            // training diverged, or the numbers overflowed
constexpr int ExitInternalError = 4;        // an unexpected exception: a bug

// A refused command line value (the session file's problems are rnnlab::SessionError).
class CliError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Training diverged, or a valid session's numbers overflowed (exit code ExitNonFinite).
class NonFiniteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TrainOptions {
  std::optional<std::filesystem::path> session;  // absent: the built-in example
  std::optional<long> iterations;                // absent: the session's training.iterations
  long printEvery = 100;                         // > 0
  std::optional<std::filesystem::path> out;      // where to write the trained session
};

struct SampleOptions {
  std::filesystem::path session;
  long length = 200;                  // N ≥ 0
  double temperature = 1.0;           // τ ≥ 0
  std::optional<std::string> prime;   // UTF-8; absent: the text's first character
  std::optional<std::uint64_t> seed;  // absent: the session's training.seed
};

// Parses a command line count: a plain decimal integer in [minimum, maximum]. Throws CliError
// naming `option`.
long parseCount(const std::string& option, const std::string& text, long minimum, long maximum);

// `train`: prints "iteration <i> loss <L>" every printEvery iterations and "final loss <L>"
// (each with " validation <V>" when the session has validation text).
int runTrain(const TrainOptions& options, std::ostream& out);

// Parses --temperature: a finite number ≥ 0. Throws CliError.
double parseTemperature(const std::string& text);
// Parses --seed: a whole number from 0 to 2^64 − 1. Throws CliError.
std::uint64_t parseSeed(const std::string& text);

// `sample`: text sessions print the prime and N sampled characters; numeric sessions in
// sequence mode with O = I print N free-running predictions, one row per line.
int runSample(const SampleOptions& options, std::ostream& out);

// `grads`: one forward and backward pass, printed as the spec's JSON object.
int runGrads(const std::filesystem::path& sessionPath, std::ostream& out);

// `gradcheck`: the largest relative error per parameter block, then passed or FAILED.
int runGradcheck(const std::filesystem::path& sessionPath, std::ostream& out);

enum class ExportFormat { Safetensors, Onnx };

// Parses --format: "safetensors" or "onnx"; without it, onnx when --out ends in ".onnx".
// Throws CliError.
ExportFormat parseExportFormat(const std::string& text, const std::filesystem::path& out);

// `export`: the session's weights (from the file, or drawn from its seed) as a safetensors file
// with PyTorch's names, or as an ONNX model (cli_export_onnx.h); elements F64 or F32 (`dtype`
// "f64" or "f32").
int runExport(const std::filesystem::path& sessionPath, const std::filesystem::path& out,
              const std::string& dtype, ExportFormat format, std::ostream& out_stream);

// `import`: the session BASE with its weights replaced by those of a safetensors file (PyTorch's
// names), written to `out`. Its training_state is dropped: it belongs to other weights.
int runImport(const std::filesystem::path& weightsPath, const std::filesystem::path& basePath,
              const std::filesystem::path& out, std::ostream& out_stream);

struct TranslateOptions {
  std::filesystem::path session;
  std::string text;          // UTF-8, the source
  std::optional<int> beam;   // K ≥ 1; absent: greedy
  bool attention = false;    // print JSON with the tokens and attention weights
};

// `translate` (cli_translate.cpp): a pairs session's output for TEXT, greedy or beam search
// (v3 §3), or with `attention` the JSON {"output", "tokens", "attention"}.
int runTranslate(const TranslateOptions& options, std::ostream& out);

// The shortest decimal that reads back as the same double (std::to_chars without precision).
std::string formatShortest(double value);
// 17 significant digits ("%.17g"), enough to round-trip any double.
std::string formatRoundTrip(double value);

}  // namespace rnnlab::cli
