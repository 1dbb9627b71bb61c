// rnnlab-cli: the headless tool. Argument parsing and the one place where errors become a single
// stderr line and an exit code; the commands themselves live in cli_commands.cpp.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <string_view>

#include "cli_commands.h"
#include "rnnlab/gradient_check.h"
#include "rnnlab/limits.h"
#include "rnnlab/session.h"

#ifndef RNNLAB_VERSION
#define RNNLAB_VERSION "unknown"
#endif

namespace {

using namespace rnnlab::cli;

constexpr std::string_view ProgramName = "rnnlab-cli";
constexpr std::array<std::string_view, 7> CommandNames = {
    "train", "grads", "gradcheck", "sample", "translate", "export", "import"};

static_assert(rnnlab::GradientCheckResult::Tolerance == 1e-5,
              "the help text below quotes the gradient check's tolerance");

constexpr const char* TrainDetails =
    "Prints 'iteration <i> loss <L>' every K iterations (i counted from 0; L is the loss of that\n"
    "iteration's forward pass, before its update), then 'final loss <L>', the loss of the trained\n"
    "weights. Numbers are the shortest decimal that reads back as the same double.\n"
    "Text sessions (data.kind text) and sessions with validation text append\n"
    "' validation <V>' (the mean per-character loss over the validation text, with the same\n"
    "weights as the line's loss). Data sets (data.kind sequences): each iteration is one\n"
    "minibatch in epoch order and L its mean loss; with validation sequences the lines append\n"
    "' validation <V>', the mean loss over them.\n"
    "--out writes the trained weights and training_state (iteration, optimizer step and slots);\n"
    "training a file with a training_state continues exactly where it stopped, numbering the\n"
    "iterations on from training_state.iteration.";
// More hypotheses than that cost time and change nothing a teacher would show.
constexpr long MaxBeamWidth = 1000;
constexpr const char* TranslateDetails =
    "Pairs sessions (data.kind pairs) only. Greedy: from <bos>, the largest logit but <bos>'s\n"
    "each step, until <eos> or data.max_output_length characters. --beam K: beam search of width\n"
    "K (scores are sums of log-softmax, no length normalization; ties go to the\n"
    "lexicographically smaller token sequence). Prints the output as UTF-8, or with --attention\n"
    "the JSON {\"output\": ..., \"tokens\": [...], \"attention\": [[...]]}: tokens the output's\n"
    "indices (+1, <eos>, when produced), one attention row per token over the source's\n"
    "characters ([] for attention none). A character of TEXT outside the vocabulary is refused.";
constexpr const char* SampleDetails =
    "Text sessions: feeds the prime (default: the text's first character) from h0, then picks\n"
    "N characters from softmax(y/T), one Rng(S).uniform() draw per character (T = 0: always\n"
    "the likeliest), feeding each back. Prints the prime and the N characters as UTF-8, then a\n"
    "newline. Numeric sessions (output_mode sequence, output_size = input_size): feeds the\n"
    "inputs (of a data set: its first training sequence), then each prediction back; prints the\n"
    "N predictions, one row per line.";
constexpr const char* GradsDetails =
    "One forward and backward pass: no update, no clipping. Prints one JSON object:\n"
    "  loss; outputs (T×O, y_t for every step, also in last mode); hidden (T×H, h_1..h_T);\n"
    "  grads: the parameter blocks in order (arrays of rows, biases as arrays): rnn Wxh, Whh,\n"
    "  Why, bh, by; lstm and gru W_ih, W_hh, b_ih, b_hh, Why, by; for lstm and gru also gates\n"
    "  (T×H each: i, f, g, o and the cell state c for lstm; r, z, n for gru).\n"
    "A text session runs its first chunk; a data set its first batch (loss and grads are the\n"
    "batch mean's; outputs, hidden and gates are those of the batch's first sequence).\n"
    "Numbers have 17 significant digits, enough to round-trip a double.";
constexpr const char* GradcheckDetails =
    "Compares backward()'s gradients with central finite differences (step 1e-05) and prints the\n"
    "largest relative error of each parameter block (in the cell's order), then 'passed' or\n"
    "'FAILED' with the tolerance. Exit code 1 when an error is above the tolerance (1e-05).\n"
    "A text session is checked on its first chunk, a data set on its first batch.";

constexpr const char* ExportDetails =
    "The names are those of a PyTorch module with rnn = nn.RNN/nn.LSTM/nn.GRU(I, H) and\n"
    "fc = nn.Linear(H, O): rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0,\n"
    "fc.weight, fc.bias (for the rnn cell bias_ih_l0 = bh and bias_hh_l0 = zeros; import folds a\n"
    "non-zero bias_hh_l0 into bh). __metadata__: cell, input_size, hidden_size, output_size,\n"
    "output_mode, loss. A file whose names or shapes do not fit is refused (exit 2).";

constexpr const char* ExportOnnxDetails =
    "--format onnx writes an ONNX model (opset 14) with ONNX's RNN, LSTM or GRU operator, then\n"
    "MatMul and Add for the output layer: input x (T x 1 x I), optional inputs initial_h and\n"
    "initial_c (1 x 1 x H, default the session's h0 and c0), outputs y (T x 1 x O, grads's\n"
    "outputs), hidden (T x 1 x H), final_h and final_c. Metadata as above, plus vocabulary for\n"
    "text sessions. ONNX Runtime has no f64 recurrent operators: use --dtype f32 for it.";

constexpr const char* Footer =
    "Exit codes:\n"
    "  0  success\n"
    "  1  gradcheck: a relative error above the tolerance (1e-05)\n"
    "  2  bad input: command line, session file (missing, not JSON, wrong sizes, non-finite\n"
    "     numbers, settings out of range) or --out path (no such folder); no --out file is\n"
    "     created or changed. Also when --out or standard output cannot be written.\n"
    "  3  training diverged (the loss or gradients became non-finite; --out is not written),\n"
    "     or a session's numbers overflowed in grads/gradcheck\n"
    "  4  internal error (a bug; please report it)\n"
    "Errors are one line on stderr starting with 'rnnlab-cli: '.";

// Every error is exactly one line, however the message was built.
void printError(std::string message) {
  std::replace(message.begin(), message.end(), '\n', ' ');
  std::replace(message.begin(), message.end(), '\r', ' ');
  std::cerr << ProgramName << ": " << message << std::endl;
}

bool isCommand(std::string_view word) {
  return std::find(CommandNames.begin(), CommandNames.end(), word) != CommandNames.end();
}

int run(int argc, char** argv) {
  // Checked before CLI11 so that these common mistakes get a message that says what to do
  // (CLI11 would answer "A subcommand is required").
  if (argc < 2) {
    throw CliError(
        "no command given; usage: rnnlab-cli train [SESSION] | grads SESSION | "
        "gradcheck SESSION | sample SESSION | translate SESSION TEXT | export SESSION --out FILE | import FILE --session "
        "BASE --out NEW (see rnnlab-cli --help)");
  }
  const std::string_view first = argv[1];
  const bool helpOrVersion = first == "-h" || first == "--help" || first == "--version";
  if (first.starts_with('-') && !helpOrVersion) {
    throw CliError("unknown option '" + std::string(first) +
                   "'; options follow the command: train, grads, gradcheck, sample, translate, export or "
                   "import (see rnnlab-cli --help)");
  }
  if (!first.starts_with('-') && !isCommand(first)) {
    throw CliError("unknown command '" + std::string(first) +
                   "'; expected train, grads, gradcheck, sample, translate, export or import (see "
                   "rnnlab-cli --help)");
  }

  CLI::App app{
      "RNN Lab's headless tool: trains a session (rnn, lstm or gru; sequence or text data), "
      "prints its gradients, checks them against finite differences or samples from it.",
      std::string(ProgramName)};
  app.set_version_flag("--version", std::string(ProgramName) + " " + RNNLAB_VERSION);
  app.require_subcommand(1);
  app.footer(Footer);

  TrainOptions trainOptions;
  std::string trainSession;
  std::string iterationsText;
  std::string printEveryText;
  std::string outText;
  CLI::App* train = app.add_subcommand(
      "train", "Train SESSION (the built-in example when absent) and print the loss");
  train->add_option("SESSION", trainSession, "Session file (.rnnlab.json)")->type_name("FILE");
  train
      ->add_option("--iterations", iterationsText,
                   "Number of iterations (overrides training.iterations; 0 to 1000000000)")
      ->type_name("N");
  train
      ->add_option("--print-every", printEveryText,
                   "Print the loss every K iterations (default 100)")
      ->type_name("K");
  train
      ->add_option("--out", outText,
                   "Write the session with the trained weights to FILE (atomically; not "
                   "written if training diverges)")
      ->type_name("FILE");
  train->footer(std::string(TrainDetails) + "\n\n" + Footer);

  std::string gradsSession;
  CLI::App* grads = app.add_subcommand(
      "grads", "Print one forward and backward pass of SESSION as a JSON object");
  grads->add_option("SESSION", gradsSession, "Session file (.rnnlab.json)")
      ->type_name("FILE")
      ->required();
  grads->footer(std::string(GradsDetails) + "\n\n" + Footer);

  std::string gradcheckSession;
  CLI::App* gradcheck = app.add_subcommand(
      "gradcheck", "Check SESSION's analytic gradients against finite differences");
  gradcheck->add_option("SESSION", gradcheckSession, "Session file (.rnnlab.json)")
      ->type_name("FILE")
      ->required();
  gradcheck->footer(std::string(GradcheckDetails) + "\n\n" + Footer);

  SampleOptions sampleOptions;
  std::string sampleSession;
  std::string lengthText;
  std::string temperatureText;
  std::string primeText;
  std::string seedText;
  CLI::App* sample = app.add_subcommand(
      "sample", "Generate text (or a free-running sequence) from SESSION's weights");
  sample->add_option("SESSION", sampleSession, "Session file (.rnnlab.json)")
      ->type_name("FILE")
      ->required();
  sample->add_option("--length", lengthText, "Characters to generate (default 200)")
      ->type_name("N");
  sample
      ->add_option("--temperature", temperatureText,
                   "Softmax temperature, >= 0 (default 1; 0 is greedy)")
      ->type_name("T");
  sample
      ->add_option("--prime", primeText,
                   "Text fed in first (default: the text's first "
                   "character)")
      ->type_name("TEXT");
  sample->add_option("--seed", seedText, "Generator seed (default: training.seed)")->type_name("S");
  sample->footer(std::string(SampleDetails) + "\n\n" + Footer);

  TranslateOptions translateOptions;
  std::string translateSession;
  std::string beamText;
  CLI::App* translate = app.add_subcommand(
      "translate", "Translate TEXT with a pairs SESSION's model (greedy, or beam search)");
  translate->add_option("SESSION", translateSession, "Session file (.rnnlab.json), data.kind pairs")
      ->type_name("FILE")
      ->required();
  translate->add_option("TEXT", translateOptions.text, "The source to translate")
      ->type_name("TEXT")
      ->required();
  translate->add_option("--beam", beamText, "Beam search with width K (default: greedy)")
      ->type_name("K");
  translate->add_flag("--attention", translateOptions.attention,
                      "Print JSON: the output, its tokens and the attention weights");
  translate->footer(std::string(TranslateDetails) + "\n\n" + Footer);

  std::string exportSession;
  std::string exportOut;
  std::string exportDtype = "f64";
  std::string exportFormat;
  CLI::App* exportCommand = app.add_subcommand(
      "export", "Write SESSION's weights as safetensors with PyTorch's names, or as ONNX");
  exportCommand->add_option("SESSION", exportSession, "Session file (.rnnlab.json)")
      ->type_name("FILE")
      ->required();
  exportCommand
      ->add_option("--out", exportOut, "The .safetensors or .onnx file to write (atomically)")
      ->type_name("FILE")
      ->required();
  exportCommand->add_option("--dtype", exportDtype, "f64 (default, exact) or f32")
      ->type_name("f64|f32");
  exportCommand
      ->add_option("--format", exportFormat,
                   "safetensors (default) or onnx (the default when FILE ends in .onnx)")
      ->type_name("safetensors|onnx");
  exportCommand->footer(std::string(ExportDetails) + "\n" + ExportOnnxDetails + "\n\n" + Footer);

  std::string importWeights;
  std::string importBase;
  std::string importOut;
  CLI::App* importCommand = app.add_subcommand(
      "import", "Write a session with the weights of a safetensors file (PyTorch's names)");
  importCommand->add_option("FILE", importWeights, "The .safetensors file")
      ->type_name("FILE")
      ->required();
  importCommand
      ->add_option("--session", importBase, "The session whose settings and data the new one keeps")
      ->type_name("BASE")
      ->required();
  importCommand->add_option("--out", importOut, "The session file to write (atomically)")
      ->type_name("NEW")
      ->required();
  importCommand->footer(std::string(ExportDetails) + "\n\n" + Footer);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) {  // --help or --version
      return app.exit(error, std::cout, std::cerr);
    }
    const std::string context = isCommand(first) ? std::string(first) + ": " : std::string();
    throw CliError(context + error.what());
  }

  if (train->parsed()) {
    if (!trainSession.empty()) {
      trainOptions.session = trainSession;
    }
    if (train->count("--iterations") > 0) {
      trainOptions.iterations =
          parseCount("--iterations", iterationsText, 0, rnnlab::limits::MaxIterations);
    }
    if (train->count("--print-every") > 0) {
      trainOptions.printEvery =
          parseCount("--print-every", printEveryText, 1, rnnlab::limits::MaxIterations);
    }
    if (train->count("--out") > 0) {
      trainOptions.out = outText;
    }
    return runTrain(trainOptions, std::cout);
  }
  if (grads->parsed()) {
    return runGrads(gradsSession, std::cout);
  }
  if (sample->parsed()) {
    sampleOptions.session = sampleSession;
    if (sample->count("--length") > 0) {
      sampleOptions.length = parseCount("--length", lengthText, 0, 10'000'000L);
    }
    if (sample->count("--temperature") > 0) {
      sampleOptions.temperature = parseTemperature(temperatureText);
    }
    if (sample->count("--prime") > 0) {
      sampleOptions.prime = primeText;
    }
    if (sample->count("--seed") > 0) {
      sampleOptions.seed = parseSeed(seedText);
    }
    return runSample(sampleOptions, std::cout);
  }
  if (gradcheck->parsed()) {
    return runGradcheck(gradcheckSession, std::cout);
  }
  if (translate->parsed()) {
    translateOptions.session = translateSession;
    if (translate->count("--beam") > 0) {
      translateOptions.beam = static_cast<int>(parseCount("--beam", beamText, 1, MaxBeamWidth));
    }
    return runTranslate(translateOptions, std::cout);
  }
  if (exportCommand->parsed()) {
    return runExport(exportSession, exportOut, exportDtype,
                     parseExportFormat(exportFormat, exportOut), std::cout);
  }
  if (importCommand->parsed()) {
    return runImport(importWeights, importBase, importOut, std::cout);
  }
  throw CliError("no command given (see rnnlab-cli --help)");
}

}  // namespace

int main(int argc, char** argv) {
  // Every exception ends here as one stderr line and a documented exit code: never a crash.
  try {
    const int exitCode = run(argc, argv);
    // A full disk or a closed pipe must not pass for success: a script would read a cut-off
    // JSON object.
    if (!std::cout.flush()) {
      throw CliError("could not write to standard output");
    }
    return exitCode;
  } catch (const CliError& error) {
    printError(error.what());
    return ExitBadInput;
  } catch (const rnnlab::SessionError& error) {
    printError(error.what());
    return ExitBadInput;
  } catch (const NonFiniteError& error) {
    printError(error.what());
    return ExitNonFinite;
  } catch (const std::bad_alloc&) {
    printError("internal error: out of memory");
    return ExitInternalError;
  } catch (const std::exception& error) {
    printError(std::string("internal error: ") + error.what());
    return ExitInternalError;
  } catch (...) {
    printError("internal error: unknown exception");
    return ExitInternalError;
  }
}
