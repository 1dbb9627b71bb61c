#include "cli_commands.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli_export_onnx.h"
#include "cli_session.h"
#include "rnnlab/backward_pass.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/blog_backward.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/gradient_check.h"
#include "rnnlab/model.h"
#include "rnnlab/pytorch_weights.h"
#include "rnnlab/safetensors.h"
#include "rnnlab/sequence_set.h"
#include "rnnlab/session.h"
#include "rnnlab/text_model.h"
#include "rnnlab/trainer.h"
#include "rnnlab/utf8.h"

namespace rnnlab::cli {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// Refuses an --out path whose folder does not exist (or that names a folder) before training
// starts, so that such a mistake costs nothing and prints nothing on stdout. Other write errors
// (permissions, a full disk) surface from saveSession's atomic write, which leaves no file behind.
void checkOutputPath(const fs::path& out) {
  if (out.empty()) {
    throw CliError("--out: the file name is empty");
  }
  std::error_code error;
  if (fs::is_directory(out, error)) {
    throw CliError("--out " + quoted(out) + ": is a folder, expected a file name");
  }
  const fs::path folder = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  if (!fs::is_directory(folder, error)) {
    throw CliError("--out " + quoted(out) + ": the folder " + quoted(folder) + " does not exist");
  }
}

Trainer makeTrainer(const Session& session) {
  if (session.text) {
    return Trainer(session.makeModel(), *session.text, session.training);
  }
  if (session.sequences) {
    return Trainer(session.makeModel(), *session.sequences, session.training);
  }
  return Trainer(session.makeModel(), session.data, session.training);
}

// " validation <V>" when the trainer has validation text, else nothing.
std::string validationSuffix(Trainer& trainer) {
  const std::optional<double> loss = trainer.validationLoss();
  return loss ? " validation " + formatShortest(*loss) : std::string();
}

std::string divergenceMessage(const IterationReport& report, bool outRequested) {
  const std::string notWritten = outRequested ? "; --out was not written" : "";
  if (report.iteration == 0) {  // no update yet: the starting weights are the problem
    return "training stopped at iteration 0: the starting weights give a non-finite loss or "
           "gradients (loss " +
           formatShortest(report.loss) + "); the weights or the inputs are too large" + notWritten;
  }
  std::string message =
      "training diverged at iteration " + std::to_string(report.iteration) + ": the " +
      (std::isfinite(report.loss) ? std::string("gradients became non-finite")
                                  : "loss became " + formatShortest(report.loss)) +
      "; the weights are the last finite ones; the learning rate is probably "
      "too high or gradient clipping is off (training.clip_value, "
      "training.clip_norm)";
  return message + notWritten;
}

// What this rnnlab-cli does not do yet with a sequence-to-sequence model (v3 §3): one message,
// nothing written, rather than numbers computed as if it were another model.
void refusePairs(const Session& session, const std::string& command) {
  if (session.pairs) {
    throw CliError(command + ": not available yet for a pairs session (sequence to sequence, "
                             "data.kind pairs); grads and train are");
  }
}

}  // namespace

std::string formatShortest(double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

std::string formatRoundTrip(double value) {
  std::array<char, 64> buffer{};
  const int length = std::snprintf(buffer.data(), buffer.size(), "%.17g", value);
  return std::string(buffer.data(), static_cast<std::size_t>(length));
}

long parseCount(const std::string& option, const std::string& text, long minimum, long maximum) {
  long value = 0;
  const char* const end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  const bool whole = result.ec == std::errc() && result.ptr == end && !text.empty();
  if (!whole || value < minimum || value > maximum) {
    throw CliError(option + ": expected a whole number from " + std::to_string(minimum) + " to " +
                   std::to_string(maximum) + ", got '" + text + "'");
  }
  return value;
}

namespace {

// One line saying that the session computes the blog's gradient on purpose, or nothing.
std::string blogBugsNote(const Session& session) {
  const std::vector<BlogBug> bugs = session.training.blogBugs.list();
  if (bugs.empty()) {
    return {};
  }
  std::string names;
  for (const BlogBug bug : bugs) {
    names += (names.empty() ? "" : ", ") + std::string(toString(bug));
  }
  return "teaching: training.blog_bugs is on (" + names +
         "): the gradient is computed the way the blog post does, wrong on purpose\n";
}

}  // namespace

int runTrain(const TrainOptions& options, std::ostream& out) {
  if (options.printEvery <= 0) {
    throw CliError("--print-every: expected a positive number, got " +
                   std::to_string(options.printEvery));
  }
  if (options.out) {
    checkOutputPath(*options.out);
  }
  Session session = loadSessionOrExample(options.session);
  if (options.iterations) {
    session.training.iterations = *options.iterations;
    requireValid(session);
  }
  if (session.pairs) {
    return runTrainPairs(session, options, out);
  }

  Trainer trainer = makeTrainer(session);
  out << blogBugsNote(session);
  if (session.trainingState) {
    // Numbers iterations on from the saved run, with its optimizer state: exactly as if the run
    // had not stopped.
    try {
      trainer.resume(*session.trainingState);
    } catch (const std::invalid_argument& error) {
      throw SessionError(std::string("training_state.") + error.what());
    }
  }
  const long printEvery = options.printEvery;
  IterationReport last;
  for (long k = 0; k < session.training.iterations; ++k) {
    // The validation loss of a printed line uses the same weights as its loss: before the update.
    const bool printed = trainer.iteration() % printEvery == 0;
    const std::string validation = printed ? validationSuffix(trainer) : std::string();
    last = trainer.step();
    if (last.status != IterationReport::Status::Ok) {
      break;
    }
    if (printed) {
      out << "iteration " << last.iteration << " loss " << formatShortest(last.loss) << validation
          << '\n';
    }
  }
  if (last.status == IterationReport::Status::Diverged) {
    out.flush();
    throw NonFiniteError(divergenceMessage(last, options.out.has_value()));
  }

  const double finalLoss = trainer.currentLoss();
  if (!std::isfinite(finalLoss)) {
    // The trainer only notices a non-finite loss in the next iteration's forward pass, so the
    // last update can leave finite weights whose loss overflows.
    out.flush();
    throw NonFiniteError("training diverged: the loss after the last update (iteration " +
                         std::to_string(trainer.iteration() - 1) + ") is " +
                         formatShortest(finalLoss) +
                         "; the learning rate is probably too high or gradient clipping is off "
                         "(training.clip_value, training.clip_norm)" +
                         (options.out ? "; --out was not written" : ""));
  }
  if (options.out) {
    session.setModel(trainer.model());
    session.trainingState = trainer.trainingState();
    saveSession(session, *options.out);
  }
  out << "final loss " << formatShortest(finalLoss) << validationSuffix(trainer) << '\n';
  return ExitOk;
}

double parseTemperature(const std::string& text) {
  double value = 0.0;
  const char* const end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (result.ec != std::errc() || result.ptr != end || text.empty() || !std::isfinite(value) ||
      value < 0.0) {
    throw CliError("--temperature: expected a number ≥ 0 (0 picks the likeliest character), got '" +
                   text + "'");
  }
  return value;
}

std::uint64_t parseSeed(const std::string& text) {
  std::uint64_t value = 0;
  const char* const end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (result.ec != std::errc() || result.ptr != end || text.empty()) {
    throw CliError("--seed: expected a whole number from 0 to 18446744073709551615, got '" + text +
                   "'");
  }
  return value;
}

int runSample(const SampleOptions& options, std::ostream& out) {
  const Session session = loadSessionOrExample(options.session);
  if (session.pairs) {
    throw CliError(
        "sample: a pairs session translates a source into a target and has no language model to "
        "sample from (v3 §3)");
  }
  const Model model = session.makeModel();
  const std::uint64_t seed = options.seed ? *options.seed : session.training.seed;
  if (!session.text) {
    if (options.prime) {
      throw CliError("--prime: only a text session (data.kind text) takes a prime");
    }
    if (session.model.bidirectional) {
      throw CliError(
          "sample: the model is bidirectional, and free-running generation cannot use a reverse "
          "direction: it reads each sequence from its end, and a generated sequence's later "
          "steps do not exist until they are generated (spec v3 §1). Sample a one-direction "
          "model");
    }
    if (session.model.outputMode != OutputMode::Sequence ||
        session.model.outputSize != session.model.inputSize) {
      throw CliError(
          "sample: a numeric session needs output_mode sequence and output_size = input_size "
          "(each prediction is fed back as the next input)");
    }
    // A data set is primed with its first training sequence.
    const Matrix& primeInputs =
        session.sequences ? session.sequences->train.front().inputs : session.data.inputs;
    const Matrix predictions =
        generateSequence(model, primeInputs, static_cast<int>(options.length));
    if (!predictions.allFinite()) {
      throw NonFiniteError("the predictions became non-finite: the weights are too large");
    }
    std::string text;
    for (Index n = 0; n < predictions.rows(); ++n) {
      for (Index k = 0; k < predictions.cols(); ++k) {
        if (k > 0) {
          text += ' ';
        }
        text += formatRoundTrip(predictions(n, k));
      }
      text += '\n';
    }
    out << text;
    return ExitOk;
  }

  const TextData& data = *session.text;
  std::u32string prime;
  if (options.prime) {
    if (const auto offset = decodeUtf8(*options.prime, prime)) {
      throw CliError("--prime: invalid UTF-8 at byte " + std::to_string(*offset));
    }
    if (prime.empty()) {
      throw CliError(
          "--prime: is empty; give at least one character (the default is the text's "
          "first)");
    }
  } else {
    prime = data.vocabulary.substr(static_cast<std::size_t>(data.indices.front()), 1);
  }
  std::vector<int> primeIndices;
  for (const char32_t c : prime) {
    const int index = data.indexOf(c);
    if (index < 0) {
      throw CliError("--prime: the character " + describeCodePoint(c) +
                     " is not in the session's vocabulary");
    }
    primeIndices.push_back(index);
  }
  SampleSettings settings;
  settings.length = static_cast<int>(options.length);
  settings.temperature = options.temperature;
  settings.seed = seed;
  const std::vector<int> sampled = sampleIndices(model, primeIndices, settings);
  std::string text = encodeUtf8(prime);
  for (const int index : sampled) {
    appendUtf8(text, data.vocabulary[static_cast<std::size_t>(index)]);
  }
  out << text << '\n';
  return ExitOk;
}

int runGradcheck(const fs::path& sessionPath, std::ostream& out) {
  const Session session = loadSessionOrExample(sessionPath);
  refusePairs(session, "gradcheck");
  const Model model = session.makeModel();
  // A text session is checked on its first chunk, as one-hot rows; a data set on its first batch.
  // Every element costs two forward passes, so blocks beyond SampledBlockSize are checked on a
  // fixed sample (the report says so): a text model's input and output blocks would otherwise
  // take hours.
  constexpr Index SampledBlockSize = 4096;
  GradientCheckOptions options;
  options.maxElementsPerBlock = SampledBlockSize;
  options.blogBugs = session.training.blogBugs;  // errors of order 1 are then the point
  GradientCheckResult result;
  if (session.sequences) {
    const SequenceSet& set = *session.sequences;
    const EpochState epoch = epochStateAt(set, session.training.seed, 0);
    result = gradientCheck(
        model, set.train,
        std::span<const long>(epoch.order).first(static_cast<std::size_t>(set.effectiveBatchSize())),
        options);
  } else {
    result = gradientCheck(
        model,
        session.text ? textChunkAsSequence(*session.text, 0, session.text->sequenceLength)
                     : session.data,
        options);
  }
  if (!std::isfinite(result.loss)) {
    throw NonFiniteError("the loss is " + formatShortest(result.loss) +
                         ": the weights or the inputs are too large to check gradients");
  }

  std::string report = blogBugsNote(session);
  std::array<char, 64> buffer{};
  const Parameters& params = model.params;
  for (int block = 0; block < result.blockCount; ++block) {
    std::snprintf(buffer.data(), buffer.size(), "%.2g",
                  result.maxRelativeError[static_cast<std::size_t>(block)]);
    report += std::string(params.blockName(block)) + " max relative error " + buffer.data();
    const Index size = params.flat(block).size();
    if (size > SampledBlockSize) {
      report += " (" + std::to_string(SampledBlockSize) + " of " + std::to_string(size) +
                " elements, sampled)";
    }
    report += '\n';
  }
  std::snprintf(buffer.data(), buffer.size(), "%g", GradientCheckResult::Tolerance);
  report +=
      std::string(result.passed() ? "passed" : "FAILED") + " (tolerance " + buffer.data() + ")\n";
  out << report;
  return result.passed() ? ExitOk : ExitGradientCheckFailed;
}

ExportFormat parseExportFormat(const std::string& text, const fs::path& out) {
  if (text.empty()) {
    return out.extension() == ".onnx" ? ExportFormat::Onnx : ExportFormat::Safetensors;
  }
  if (text == "safetensors") {
    return ExportFormat::Safetensors;
  }
  if (text == "onnx") {
    return ExportFormat::Onnx;
  }
  throw CliError("--format: expected safetensors or onnx, got '" + text + "'");
}

int runExport(const fs::path& sessionPath, const fs::path& out, const std::string& dtype,
              ExportFormat format, std::ostream& /*out_stream*/) {
  if (format == ExportFormat::Onnx && !haveOnnxExport()) {
    throw CliError(
        "ONNX export: this rnnlab-cli was built without ONNX support (libonnx-dev was not "
        "found when it was configured); --format safetensors works");
  }
  if (dtype != "f64" && dtype != "f32") {
    throw CliError("--dtype: expected f64 or f32, got '" + dtype + "'");
  }
  checkOutputPath(out);
  const Session session = loadSessionOrExample(sessionPath);
  if (session.pairs && format == ExportFormat::Onnx) {
    throw CliError("--format onnx: ONNX export of a sequence-to-sequence model (data.kind pairs) "
                   "is not supported; --format safetensors is the way to PyTorch");
  }
  refusePairs(session, "export");
  const TensorDtype tensorDtype = dtype == "f64" ? TensorDtype::F64 : TensorDtype::F32;
  if (format == ExportFormat::Onnx) {
    writeOnnxExport(session, tensorDtype, out);
    return ExitOk;
  }
  const std::string vocabulary = session.text ? encodeUtf8(session.text->vocabulary) : "";
  saveSafetensors(exportPytorchWeights(session.makeModel(), tensorDtype, vocabulary), out);
  return ExitOk;
}

int runImport(const fs::path& weightsPath, const fs::path& basePath, const fs::path& out,
              std::ostream& /*out_stream*/) {
  checkOutputPath(out);
  Session session = loadSessionOrExample(basePath);
  refusePairs(session, "import");
  Parameters weights;
  try {
    weights = importPytorchWeights(loadSafetensors(weightsPath), session.model);
  } catch (const SafetensorsError& error) {
    const std::string message = error.what();
    if (message.starts_with(weightsPath.string())) {
      throw;
    }
    throw SafetensorsError(weightsPath.string() + ": " + message);
  }
  session.weights = std::move(weights);
  session.weightsFile.reset();
  session.trainingState.reset();
  requireValid(session);
  saveSession(session, out);
  return ExitOk;
}

}  // namespace rnnlab::cli
