// Session files: the built-in example, exact round trips, one test per class of bad input (each
// checks the one-line message the user sees), and the atomic write.

#include "rnnlab/session.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "rnnlab/limits.h"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>

#include <csignal>
#endif

namespace rnnlab {
namespace {

namespace fs = std::filesystem;

std::string exampleText() { return serializeSession(builtinExample()); }

// `text` with the first occurrence of `from` replaced by `to` (which must exist).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test setup: \"" << from << "\" not in the text";
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The example's text with one edit.
std::string exampleWith(const std::string& from, const std::string& to) {
  return replaced(exampleText(), from, to);
}

// The example with weights, so that weight errors can be provoked.
Session exampleWithWeights() {
  Session session = builtinExample();
  session.setModel(session.makeModel());
  return session;
}

std::string weightsTextWith(const std::string& from, const std::string& to) {
  return replaced(serializeSession(exampleWithWeights()), from, to);
}

// The message parseSession gives for `json`, or "(accepted)".
std::string errorOf(const std::string& json) {
  try {
    parseSession(json);
  } catch (const SessionError& error) {
    return error.what();
  }
  return "(accepted)";
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh folder per test, removed afterwards.
class SessionFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_folder = fs::temp_directory_path() /
               ("rnnlab_session_test_" + std::string(info->name()) + "_" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(m_folder);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(m_folder, ignored);
  }

  std::size_t filesInFolder() const {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(m_folder), fs::directory_iterator()));
  }

  fs::path m_folder;
};

// ---------------------------------------------------------------- the built-in example

TEST(BuiltinExample, MatchesTheSpec) {
  const Session session = builtinExample();
  EXPECT_EQ(session.model.inputSize, 3);
  EXPECT_EQ(session.model.hiddenSize, 4);
  EXPECT_EQ(session.model.outputSize, 2);
  EXPECT_EQ(session.model.outputMode, OutputMode::Sequence);
  EXPECT_EQ(session.model.loss, LossKind::Mse);
  EXPECT_FALSE(session.weights.has_value());
  EXPECT_FALSE(session.h0.has_value());
  EXPECT_EQ(session.training.optimizer, OptimizerKind::Sgd);
  EXPECT_EQ(session.training.learningRate, 0.1);
  EXPECT_EQ(session.training.clipValue, 5.0);
  EXPECT_EQ(session.training.clipNorm, 0.0);
  EXPECT_EQ(session.training.iterations, 1000);
  EXPECT_EQ(session.training.initScale, 0.01);
  EXPECT_EQ(session.training.seed, 1u);
  Matrix inputs(4, 3);
  inputs << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;
  Matrix targets(4, 2);
  targets << 0, 1, 1, 0, 0, 1, 1, 0;
  EXPECT_EQ(session.data.inputs, inputs);
  EXPECT_EQ(session.data.targets, targets);
  EXPECT_EQ(validate(session), std::nullopt);
}

TEST(BuiltinExample, PresetFileMatches) {
  const Session preset =
      loadSession(fs::path(RNNLAB_SOURCE_DIR) / "resources/presets/example.rnnlab.json");
  EXPECT_EQ(preset, builtinExample());
}

TEST(BuiltinExample, MakeModelWithoutWeightsDrawsFromTheSeed) {
  const Session session = builtinExample();
  EXPECT_EQ(session.makeModel(), Model::initialized(session.model, 1, 0.01));
}

TEST(BuiltinExample, SetModelStoresWeightsAndH0) {
  Session session = builtinExample();
  Model model = session.makeModel();
  model.h0(2) = 0.5;
  session.setModel(model);
  ASSERT_TRUE(session.weights.has_value());
  ASSERT_TRUE(session.h0.has_value());
  EXPECT_EQ(session.makeModel(), model);
}

TEST(BuiltinExample, MakeModelWithWeightsButNoH0StartsFromZeros) {
  Session session = exampleWithWeights();
  session.h0.reset();
  EXPECT_EQ(session.makeModel().h0, Vector::Zero(4));
}

// ---------------------------------------------------------------- round trips

TEST(SessionRoundTrip, BuiltinExample) { EXPECT_EQ(parseSession(exampleText()), builtinExample()); }

TEST(SessionRoundTrip, WithWeightsAndH0) {
  Session session = exampleWithWeights();
  session.h0 = Vector::LinSpaced(4, -0.5, 0.25);
  EXPECT_EQ(parseSession(serializeSession(session)), session);
}

TEST(SessionRoundTrip, AwkwardNumbersAreExact) {
  Session session = exampleWithWeights();
  const double awkward[] = {0.1,   1.0 / 3.0,   1e-300,    -2.5e17, 5e-324, 1.7976931348623157e308,
                            -1e15, 123456789.0, 2.0 / 3.0, -7e-5};
  int k = 0;
  for (auto block : session.weights->blocks()) {
    for (Index i = 0; i < block.size(); ++i) {
      block(i) = awkward[k++ % std::size(awkward)];
    }
  }
  session.h0 = Vector::Constant(4, -0.0);
  session.data.inputs(0, 0) = 1.0 / 3.0;
  session.data.targets(1, 1) = -2.5e17;
  session.training.learningRate = 1.0 / 3.0;
  session.training.epsilon = 1e-300;
  session.training.seed = std::numeric_limits<std::uint64_t>::max();
  session.training.iterations = limits::MaxIterations;

  const Session reloaded = parseSession(serializeSession(session));
  EXPECT_EQ(reloaded, session);
  // Bit for bit, including the sign of zero.
  EXPECT_TRUE(std::signbit(reloaded.h0->coeff(0)));
  EXPECT_EQ(reloaded.weights->Wxh()(1, 0), 1.0 / 3.0);
  EXPECT_EQ(reloaded.training.seed, std::numeric_limits<std::uint64_t>::max());
}

TEST(SessionRoundTrip, EveryModeLossAndOptimizer) {
  for (const OptimizerKind optimizer :
       {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adagrad, OptimizerKind::Adam}) {
    for (const LossKind loss : {LossKind::Mse, LossKind::CrossEntropy}) {
      for (const OutputMode mode : {OutputMode::Sequence, OutputMode::Last}) {
        Session session = builtinExample();
        session.model.loss = loss;
        session.model.outputMode = mode;
        session.training.optimizer = optimizer;
        session.training.momentum = 0.5;
        session.training.beta1 = 0.8;
        session.training.beta2 = 0.99;
        session.training.clipNorm = 1.5;
        if (mode == OutputMode::Last) {
          session.data.targets = session.data.targets.bottomRows(1).eval();
        }
        EXPECT_EQ(parseSession(serializeSession(session)), session)
            << toString(optimizer) << " " << toString(loss) << " " << toString(mode);
      }
    }
  }
}

TEST(SessionRoundTrip, FileSaveAndLoad) {
  const fs::path folder = fs::temp_directory_path();
  const fs::path path = folder / "rnnlab_session_round_trip.rnnlab.json";
  const Session session = exampleWithWeights();
  saveSession(session, path);
  EXPECT_EQ(loadSession(path), session);
  fs::remove(path);
}

TEST(SessionSerialize, SpecLayoutWithOneMatrixRowPerLine) {
  const std::string text = serializeSession(exampleWithWeights());
  EXPECT_TRUE(text.starts_with("{\n  \"format\": \"rnnlab-session\",\n  \"version\": 1,\n"));
  EXPECT_NE(text.find("\n      [1, 2, 3],\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\"activation\": \"tanh\""), std::string::npos);
  EXPECT_NE(text.find("\"bh\": [0, 0, 0, 0]"), std::string::npos);
  EXPECT_NE(text.find("\"h0\": [0, 0, 0, 0]"), std::string::npos);
  for (const char* key : {"optimizer", "learning_rate", "clip_value", "clip_norm", "momentum",
                          "beta1", "beta2", "epsilon", "iterations", "seed", "init_scale"}) {
    const std::string quotedKey = std::string("\"").append(key).append("\": ");
    EXPECT_NE(text.find(quotedKey), std::string::npos) << key;
  }
  EXPECT_EQ(exampleText().find("weights"), std::string::npos);
}

TEST(SessionSerialize, RefusesSessionsThatCouldNotBeRead) {
  Session session = exampleWithWeights();
  session.weights->Whh()(1, 2) = std::numeric_limits<double>::infinity();
  try {
    serializeSession(session);
    FAIL() << "no error";
  } catch (const SessionError& error) {
    EXPECT_STREQ(error.what(),
                 "cannot save the session: model.weights.Whh: row 2, column 3 is not a finite "
                 "number (inf)");
  }
}

// ---------------------------------------------------------------- accepted variations

TEST(SessionParse, MinimalFileUsesDefaults) {
  const std::string json = R"({
    "format": "rnnlab-session", "version": 1,
    "model": {"input_size": 1, "hidden_size": 2, "output_size": 1,
              "output_mode": "last", "loss": "cross_entropy"},
    "data": {"inputs": [[0.5], [1.5]], "targets": [[1]]}
  })";
  const Session session = parseSession(json);
  EXPECT_EQ(session.training, TrainingSettings{});
  EXPECT_EQ(session.model.outputMode, OutputMode::Last);
  EXPECT_EQ(session.model.loss, LossKind::CrossEntropy);
  EXPECT_EQ(session.data.targets.rows(), 1);
  EXPECT_FALSE(session.weights.has_value());
}

TEST(SessionParse, TrainingKeysAreEachOptional) {
  std::string text = exampleWith(R"("learning_rate": 0.1,)", R"("learning_rate": 0.25,)");
  const auto start = text.find("    \"clip_value\"");
  const auto end = text.find("    \"seed\"");
  text.erase(start, end - start);
  TrainingSettings expected;
  expected.learningRate = 0.25;
  EXPECT_EQ(parseSession(text).training, expected);

  std::string withoutTraining = exampleText();
  const auto training = withoutTraining.find("  \"training\"");
  withoutTraining.erase(training, withoutTraining.find("  \"data\"") - training);
  EXPECT_EQ(parseSession(withoutTraining), builtinExample());
}

TEST(SessionParse, UnknownKeysAreIgnored) {
  std::string text = exampleWith(R"("version": 1,)", R"("version": 1, "author": {"name": "x"},)");
  text = replaced(text, R"("loss": "mse")", R"("loss": "mse", "dropout": 0.5)");
  text = replaced(text, R"("seed": 1,)", R"("seed": 1, "schedule": [1, 2],)");
  EXPECT_EQ(parseSession(text), builtinExample());
}

TEST(SessionParse, WeightsWithoutH0) {
  const Session session = parseSession(weightsTextWith(",\n      \"h0\": [0, 0, 0, 0]", ""));
  ASSERT_TRUE(session.weights.has_value());
  EXPECT_FALSE(session.h0.has_value());
}

TEST(SessionParse, WholeNumbersWrittenAsFloats) {
  const Session session =
      parseSession(replaced(exampleWith(R"("hidden_size": 4)", R"("hidden_size": 4.0)"),
                            R"("iterations": 1000)", R"("iterations": 1e3)"));
  EXPECT_EQ(session.model.hiddenSize, 4);
  EXPECT_EQ(session.training.iterations, 1000);
}

TEST(SessionParse, LargestSeed) {
  const Session session =
      parseSession(exampleWith(R"("seed": 1,)", R"("seed": 18446744073709551615,)"));
  EXPECT_EQ(session.training.seed, std::numeric_limits<std::uint64_t>::max());
}

// ---------------------------------------------------------------- refused input

TEST(SessionLoad, MissingFileNamesThePath) {
  const fs::path path = fs::temp_directory_path() / "rnnlab_no_such_session.rnnlab.json";
  try {
    loadSession(path);
    FAIL() << "no error";
  } catch (const SessionError& error) {
    EXPECT_EQ(std::string(error.what()), path.string() + ": no such file");
  }
}

TEST(SessionLoad, FolderInsteadOfFile) {
  const std::string message = [] {
    try {
      loadSession(fs::temp_directory_path());
    } catch (const SessionError& error) {
      return std::string(error.what());
    }
    return std::string("(accepted)");
  }();
  EXPECT_EQ(message, fs::temp_directory_path().string() + ": is a folder, not a file");
}

TEST(SessionBadJson, SyntaxErrorGivesLineAndColumn) {
  EXPECT_EQ(errorOf("{\n  \"format\": \"rnnlab-session\",\n  \"version\": 1,,\n}"),
            "invalid JSON at line 3, column 16: syntax error while parsing object key - "
            "unexpected ','; expected string literal");
}

// A PNG opened as a session: its bytes are not text, and the message says so instead of quoting
// them ("last read: '\x89'" showed as '�').
TEST(SessionBadJson, BinaryFileIsNotText) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_EQ(errorOf(png),
            "not a session file: byte 1 is not UTF-8 text (is it an image or another binary "
            "file?)");
  EXPECT_EQ(errorOf(std::string("{\"format\": \"x\xff\"}")),
            "not a session file: byte 14 is not UTF-8 text (is it an image or another binary "
            "file?)");
}

TEST(SessionBadJson, EmptyAndTruncatedText) {
  EXPECT_TRUE(errorOf("").starts_with("invalid JSON at line 1, column 1:")) << errorOf("");
  const std::string text = exampleText();
  EXPECT_TRUE(errorOf(text.substr(0, text.size() / 2)).starts_with("invalid JSON at line "));
}

TEST(SessionBadJson, NotAnObject) {
  EXPECT_EQ(errorOf("[1, 2]"),
            "expected a JSON object with \"format\": \"rnnlab-session\" at the top level, got "
            "an array of 2 items");
}

TEST(SessionBadJson, NumberTooLargeForADouble) {
  // nlohmann refuses 1e999 rather than reading infinity; the message still says where.
  EXPECT_EQ(errorOf(exampleWith("[4, 5, 6]", "[4, 1e999, 6]")),
            "invalid JSON at line 28, column 11: the number 1e999 is too large (not a finite "
            "double)");
  EXPECT_TRUE(errorOf(exampleWith(R"("learning_rate": 0.1)", R"("learning_rate": -1e400)"))
                  .find("the number -1e400 is too large") != std::string::npos);
}

TEST(SessionFormat, MissingOrWrongFormat) {
  EXPECT_EQ(errorOf(exampleWith(R"("format": "rnnlab-session",)", "")),
            "format: missing (expected \"rnnlab-session\"; is this an RNN Lab session file?)");
  EXPECT_EQ(errorOf(exampleWith(R"("rnnlab-session")", R"("keras-model")")),
            "format: expected \"rnnlab-session\", got a string (\"keras-model\")");
}

TEST(SessionFormat, VersionTooHigh) {
  EXPECT_EQ(errorOf(exampleWith(R"("version": 1)", R"("version": 4)")),
            "version: this program reads versions 1 to 3, the file has version 4");
  EXPECT_EQ(errorOf(exampleWith(R"("version": 1)", R"("version": 0)")),
            "version: this program reads versions 1 to 3, the file has version 0");
  EXPECT_EQ(errorOf(exampleWith(R"("version": 1)", R"("version": "1")")),
            "version: expected a whole number, got a string (\"1\")");
  EXPECT_EQ(errorOf(exampleWith(R"("version": 1,)", "")),
            "version: missing (expected 1, 2 or 3)");
}

TEST(SessionWrongType, NamesTheKey) {
  EXPECT_EQ(errorOf(exampleWith(R"("hidden_size": 4)", R"("hidden_size": "4")")),
            "model.hidden_size: expected a whole number, got a string (\"4\")");
  EXPECT_EQ(errorOf(exampleWith(R"("learning_rate": 0.1)", R"("learning_rate": "abc")")),
            "training.learning_rate: expected a number, got a string (\"abc\")");
  EXPECT_EQ(errorOf(exampleWith("[4, 5, 6]", R"([4, "5", 6])")),
            "data.inputs: row 2, column 2: expected a number, got a string (\"5\")");
  EXPECT_EQ(errorOf(exampleWith("[4, 5, 6]", "[4, null, 6]")),
            "data.inputs: row 2, column 2: expected a number, got null");
  EXPECT_EQ(errorOf(exampleWith(R"("loss": "mse")", R"("loss": 3)")),
            "model.loss: expected a string, got the number 3");
  EXPECT_EQ(errorOf(exampleWith("\"training\": {", "\"training\": true, \"x\": {")),
            "training: expected an object, got true");
  EXPECT_EQ(errorOf(exampleWith("[4, 5, 6]", "4")),
            "data.inputs: row 2 is the number 4, expected an array of 3 numbers "
            "(model.input_size)");
  EXPECT_EQ(errorOf(weightsTextWith("\"bh\": [0, 0, 0, 0]", "\"bh\": {}")),
            "model.weights.bh: expected an array of 4 numbers, got an object");
  EXPECT_EQ(errorOf(weightsTextWith("\"by\": [0, 0]", "\"by\": [0, false]")),
            "model.weights.by: number 2: expected a number, got false");
  EXPECT_EQ(errorOf(exampleWith(R"("seed": 1,)", R"("seed": "abc",)")),
            "training.seed: must be a whole number between 0 and 18446744073709551615, got a "
            "string (\"abc\")");
}

TEST(SessionMissingKey, NamesTheKey) {
  EXPECT_EQ(errorOf(exampleWith(R"("output_size": 2,)", "")), "model.output_size: missing");
  EXPECT_EQ(errorOf(exampleWith(R"("loss": "mse")", R"("lost": "mse")")), "model.loss: missing");
  EXPECT_EQ(errorOf(weightsTextWith("\"Why\"", "\"Wyh\"")),
            "model.weights.Why: missing (weights must give Wxh, Whh, Why, bh and by)");
  EXPECT_EQ(errorOf(exampleWith("\"targets\"", "\"target\"")), "data.targets: missing");
}

TEST(SessionSizes, HiddenSizeZeroAndBeyondTheLimit) {
  EXPECT_EQ(errorOf(exampleWith(R"("hidden_size": 4)", R"("hidden_size": 0)")),
            "model.hidden_size: must be between 1 and 2048, got 0");
  EXPECT_EQ(errorOf(exampleWith(R"("hidden_size": 4)", R"("hidden_size": 4097)")),
            "model.hidden_size: must be between 1 and 2048, got 4097");
  EXPECT_EQ(errorOf(exampleWith(R"("hidden_size": 4)", R"("hidden_size": -3)")),
            "model.hidden_size: must be between 1 and 2048, got -3");
  EXPECT_EQ(errorOf(exampleWith(R"("hidden_size": 4)", R"("hidden_size": 2.5)")),
            "model.hidden_size: must be a whole number between 1 and 2048, got 2.5");
  EXPECT_EQ(errorOf(exampleWith(R"("hidden_size": 4)", R"("hidden_size": 1e30)")),
            "model.hidden_size: must be a whole number between 1 and 2048, got 1e+30");
  EXPECT_EQ(errorOf(exampleWith(R"("input_size": 3)", R"("input_size": 5000)")),
            "model.input_size: must be between 1 and 4096, got 5000");
  EXPECT_EQ(errorOf(exampleWith(R"("output_size": 2)", R"("output_size": 0)")),
            "model.output_size: must be between 1 and 4096, got 0");
}

// Each size may reach its bound, but not all at once: the weights together are limited too
// (limits::MaxWeights), in the file before its data is read and in a session built in code.
TEST(SessionSizes, WeightsTogetherAreLimited) {
  std::string json = exampleWith(R"("input_size": 3)", R"("input_size": 4096)");
  json = replaced(json, R"("hidden_size": 4)", R"("hidden_size": 2048)");
  EXPECT_EQ(errorOf(json),
            "model: at most 8388608 weights (gates × hidden_size × (input_size + hidden_size) + "
            "output_size × hidden_size), got 12587008 for a rnn cell with input_size 4096, "
            "hidden_size 2048 and output_size 2: make the model smaller");
  Session session = builtinExample();
  session.model.cell = CellKind::Lstm;
  session.model.hiddenSize = 1024;
  session.model.inputSize = 1024;
  EXPECT_NE(validate(session).value_or("").find("model: at most 8388608 weights"),
            std::string::npos);
  // The largest rnn the bound allows is a model like any other (its data do not fit here).
  session = builtinExample();
  session.model.hiddenSize = 2048;
  session.model.inputSize = 1024;
  session.model.outputSize = 1024;
  EXPECT_EQ(validate(session).value_or("").rfind("data.", 0), 0u) << *validate(session);
}

TEST(SessionWeightShapes, EveryMatrixAndVector) {
  const std::string text = serializeSession(exampleWithWeights());
  // Whh: drop the last number of row 2.
  const auto whh = text.find("\"Whh\"");
  const auto row2 = text.find('[', text.find("],", whh));
  const auto row2End = text.find(']', row2);
  const auto lastComma = text.rfind(',', row2End);
  std::string broken = text;
  broken.erase(lastComma, row2End - lastComma);
  EXPECT_EQ(errorOf(broken), "model.weights.Whh: expected 4 rows of 4 numbers, row 2 has 3");

  // Wxh: one row too few.
  const auto wxh = text.find("\"Wxh\"");
  const auto firstRow = text.find("\n", wxh) + 1;
  const auto secondRow = text.find("\n", firstRow) + 1;
  broken = text;
  broken.erase(firstRow, secondRow - firstRow);
  EXPECT_EQ(errorOf(broken), "model.weights.Wxh: expected 4 rows of 3 numbers, got 3 rows");

  // Why: one extra number in row 1.
  const auto why = text.find("\"Why\"");
  const auto whyRow1End = text.find(']', text.find('[', text.find('[', why) + 1));
  broken = text;
  broken.insert(whyRow1End, ", 7");
  EXPECT_EQ(errorOf(broken), "model.weights.Why: expected 2 rows of 4 numbers, row 1 has 5");

  EXPECT_EQ(errorOf(replaced(text, "\"bh\": [0, 0, 0, 0]", "\"bh\": [0, 0, 0]")),
            "model.weights.bh: expected an array of 4 numbers, got 3 numbers");
  EXPECT_EQ(errorOf(replaced(text, "\"by\": [0, 0]", "\"by\": [0, 0, 0]")),
            "model.weights.by: expected an array of 2 numbers, got 3 numbers");
  EXPECT_EQ(errorOf(replaced(text, "\"h0\": [0, 0, 0, 0]", "\"h0\": [0]")),
            "model.weights.h0: expected an array of 4 numbers, got 1 number");
  EXPECT_EQ(errorOf(replaced(text, "\"Wxh\": [", "\"Wxh\": 5, \"x\": [")),
            "model.weights.Wxh: expected 4 rows of 3 numbers, got the number 5");
}

TEST(SessionDataShapes, InputsAndTargets) {
  EXPECT_EQ(errorOf(exampleWith("[7, 8, 9]", "[7, 8]")),
            "data.inputs: row 3 has 2 numbers, expected 3 (model.input_size)");
  EXPECT_EQ(errorOf(exampleWith("[7, 8, 9]", "[7, 8, 9, 10]")),
            "data.inputs: row 3 has 4 numbers, expected 3 (model.input_size)");
  EXPECT_EQ(errorOf(exampleWith("      [0, 1],\n      [1, 0],\n", "")),
            "data.targets: expected 4 rows (one per input row, output_mode sequence), got 2");
  EXPECT_EQ(errorOf(exampleWith("[1, 0],", "[1],")),
            "data.targets: row 2 has 1 number, expected 2 (model.output_size)");
  EXPECT_EQ(errorOf(exampleWith(R"("output_mode": "sequence")", R"("output_mode": "last")")),
            "data.targets: expected 1 row (output_mode last), got 4");
}

TEST(SessionDataShapes, NoTimeSteps) {
  std::string text = replaced(
      exampleText(),
      "[\n      [1, 2, 3],\n      [4, 5, 6],\n      [7, 8, 9],\n      [10, 11, 12]\n    ]", "[]");
  text =
      replaced(text, "[\n      [0, 1],\n      [1, 0],\n      [0, 1],\n      [1, 0]\n    ]", "[]");
  EXPECT_EQ(errorOf(text), "data.inputs: expected at least 1 row (one per time step), got none");
}

TEST(SessionEnums, UnknownNames) {
  EXPECT_EQ(errorOf(exampleWith(R"("loss": "mse")", R"("loss": "foo")")),
            "model.loss: unknown loss \"foo\" (expected mse or cross_entropy)");
  EXPECT_EQ(errorOf(exampleWith(R"("output_mode": "sequence")", R"("output_mode": "all")")),
            "model.output_mode: unknown output mode \"all\" (expected sequence or last)");
  EXPECT_EQ(errorOf(exampleWith(R"("optimizer": "sgd")", R"("optimizer": "rprop")")),
            "training.optimizer: unknown optimizer \"rprop\" (expected sgd, momentum, adagrad, "
            "adam or rmsprop)");
  EXPECT_EQ(errorOf(exampleWith(R"("activation": "tanh")", R"("activation": "relu")")),
            "model.activation: unknown activation \"relu\" (expected tanh)");
}

TEST(SessionTraining, NegativeLearningRateAndOtherRanges) {
  const auto withTraining = [](const std::string& from, const std::string& to) {
    return errorOf(exampleWith(from, to));
  };
  EXPECT_EQ(withTraining(R"("learning_rate": 0.1)", R"("learning_rate": -0.1)"),
            "training.learning_rate: must be a positive number, got -0.1");
  EXPECT_EQ(withTraining(R"("learning_rate": 0.1)", R"("learning_rate": 0)"),
            "training.learning_rate: must be a positive number, got 0");
  EXPECT_EQ(withTraining(R"("clip_value": 5)", R"("clip_value": -1)"),
            "training.clip_value: must be a number >= 0 (0 turns it off), got -1");
  EXPECT_EQ(withTraining(R"("clip_norm": 0)", R"("clip_norm": -0.5)"),
            "training.clip_norm: must be a number >= 0 (0 turns it off), got -0.5");
  EXPECT_EQ(withTraining(R"("momentum": 0.9)", R"("momentum": 1)"),
            "training.momentum: must be at least 0 and below 1, got 1");
  EXPECT_EQ(withTraining(R"("beta1": 0.9)", R"("beta1": -0.1)"),
            "training.beta1: must be at least 0 and below 1, got -0.1");
  EXPECT_EQ(withTraining(R"("beta2": 0.999)", R"("beta2": 1.5)"),
            "training.beta2: must be at least 0 and below 1, got 1.5");
  EXPECT_EQ(withTraining(R"("epsilon": 1e-08)", R"("epsilon": 0)"),
            "training.epsilon: must be a positive number, got 0");
  EXPECT_EQ(withTraining(R"("init_scale": 0.01)", R"("init_scale": -1)"),
            "training.init_scale: must be a number >= 0, got -1");
  EXPECT_EQ(withTraining(R"("iterations": 1000)", R"("iterations": -1)"),
            "training.iterations: must be between 0 and 1000000000, got -1");
  EXPECT_EQ(withTraining(R"("iterations": 1000)", R"("iterations": 2000000000)"),
            "training.iterations: must be between 0 and 1000000000, got 2000000000");
  EXPECT_EQ(withTraining(R"("iterations": 1000)", R"("iterations": 10.5)"),
            "training.iterations: must be a whole number between 0 and 1000000000, got 10.5");
}

TEST(SessionTraining, SeedMustBeAnUnsigned64BitInteger) {
  const std::string range =
      "training.seed: must be a whole number between 0 and 18446744073709551615, got ";
  EXPECT_EQ(errorOf(exampleWith(R"("seed": 1,)", R"("seed": -1,)")), range + "-1");
  EXPECT_EQ(errorOf(exampleWith(R"("seed": 1,)", R"("seed": 1.5,)")), range + "1.5");
  EXPECT_EQ(errorOf(exampleWith(R"("seed": 1,)", R"("seed": 18446744073709551616,)")),
            range + "18446744073709551616");
}

TEST(SessionValidate, NonFiniteNumbersInMemory) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  Session session = builtinExample();
  session.data.inputs(2, 1) = nan;
  EXPECT_EQ(validate(session), "data.inputs: row 3, column 2 is not a finite number (nan)");
  session = builtinExample();
  session.data.targets(0, 0) = -inf;
  EXPECT_EQ(validate(session), "data.targets: row 1, column 1 is not a finite number (-inf)");
  session = exampleWithWeights();
  session.weights->bh()(3) = inf;
  EXPECT_EQ(validate(session), "model.weights.bh: number 4 is not a finite number (inf)");
  session = builtinExample();
  session.training.learningRate = nan;
  EXPECT_EQ(validate(session), "training.learning_rate: must be a positive number, got nan");
  session.training.learningRate = inf;
  EXPECT_EQ(validate(session), "training.learning_rate: must be a positive number, got inf");
}

TEST(SessionValidate, ShapesInMemory) {
  Session session = exampleWithWeights();
  session.weights->Whh().resize(4, 3);
  EXPECT_EQ(validate(session),
            "model.weights.Whh: expected 4 rows of 4 numbers, got 4 rows of 3 numbers");
  session = builtinExample();
  session.data.inputs.resize(0, 3);
  EXPECT_EQ(validate(session),
            "data.inputs: expected at least 1 row (one per time step), got none");
  session = builtinExample();
  session.data.inputs = Matrix::Zero(limits::MaxSequenceLength + 1, 3);
  EXPECT_EQ(validate(session),
            "data.inputs: at most 100000 rows (time steps) are allowed, got 100001");
  session = builtinExample();
  session.data.inputs.conservativeResize(4, 2);
  EXPECT_EQ(validate(session), "data.inputs: rows have 2 numbers, expected 3 (model.input_size)");
  session = builtinExample();
  session.model.outputMode = OutputMode::Last;
  EXPECT_EQ(validate(session), "data.targets: expected 1 row (output_mode last), got 4");
  session = builtinExample();
  session.model.hiddenSize = 0;
  EXPECT_EQ(validate(session), "model.hidden_size: must be between 1 and 2048, got 0");
}

TEST(SessionValidate, TrainingSettingsOnTheirOwn) {
  EXPECT_EQ(validate(TrainingSettings{}), std::nullopt);
  TrainingSettings settings;
  settings.iterations = 0;
  settings.clipValue = 0;
  settings.initScale = 0;
  settings.momentum = 0;
  EXPECT_EQ(validate(settings), std::nullopt);
  settings.epsilon = -1e-8;
  EXPECT_EQ(validate(settings), "training.epsilon: must be a positive number, got -1e-08");
}

// Any text at all: a session or a SessionError, never another exception or a crash.
TEST(SessionRobustness, OnlySessionErrorEscapes) {
  const std::string text = serializeSession(exampleWithWeights());
  const auto parseAnything = [](const std::string& candidate) {
    try {
      parseSession(candidate);
    } catch (const SessionError&) {
    } catch (...) {
      ADD_FAILURE() << "unexpected exception for:\n" << candidate;
    }
  };
  for (std::size_t cut = 0; cut < text.size(); cut += 7) {
    parseAnything(text.substr(0, cut));
  }
  for (std::size_t at = 0; at < text.size(); at += 5) {
    for (const char* noise : {"\"", "-", "1e999", "[", "}", "null", "\xff", "9999999999999"}) {
      std::string mutated = text;
      mutated.replace(at, 1, noise);
      parseAnything(mutated);
    }
  }
}

// ---------------------------------------------------------------- atomic writes

TEST_F(SessionFileTest, SaveReplacesTheFileAndLeavesNoTemporary) {
  const fs::path path = m_folder / "run.rnnlab.json";
  writeFile(path, "old contents");
  saveSession(builtinExample(), path);
  EXPECT_EQ(readFile(path), exampleText());
  EXPECT_EQ(filesInFolder(), 1u);
}

TEST_F(SessionFileTest, SaveIntoMissingFolderThrowsAndLeavesNothing) {
  const fs::path path = m_folder / "no" / "such" / "folder" / "run.rnnlab.json";
  EXPECT_THROW(saveSession(builtinExample(), path), SessionError);
  EXPECT_FALSE(fs::exists(m_folder / "no"));
  EXPECT_EQ(filesInFolder(), 0u);
}

TEST_F(SessionFileTest, InvalidSessionLeavesExistingFileUntouched) {
  const fs::path path = m_folder / "run.rnnlab.json";
  writeFile(path, "precious");
  Session session = builtinExample();
  session.training.learningRate = -1;
  EXPECT_THROW(saveSession(session, path), SessionError);
  EXPECT_EQ(readFile(path), "precious");
  EXPECT_EQ(filesInFolder(), 1u);
}

TEST_F(SessionFileTest, FolderInTheWayIsRefused) {
  const fs::path path = m_folder / "run.rnnlab.json";
  fs::create_directory(path);
  EXPECT_THROW(writeFileAtomically(path, "text"), SessionError);
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_EQ(filesInFolder(), 1u);
}

#if defined(__unix__) || defined(__APPLE__)
// A write that fails half-way (here: the file size limit, which also binds root) must leave the
// old file as it was and no temporary behind.
TEST_F(SessionFileTest, FailedWriteLeavesExistingFileUntouched) {
  const fs::path path = m_folder / "run.rnnlab.json";
  writeFile(path, "precious");

  const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit previous{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &previous), 0);
  rlimit small = previous;
  small.rlim_cur = 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  try {
    writeFileAtomically(path, std::string(1 << 20, 'x'));
  } catch (const SessionError& error) {
    message = error.what();
  }
  setrlimit(RLIMIT_FSIZE, &previous);
  std::signal(SIGXFSZ, previousHandler);

  EXPECT_EQ(message, path.string() + ": writing failed (File too large)");
  EXPECT_EQ(readFile(path), "precious");
  EXPECT_EQ(filesInFolder(), 1u);
}
#endif

// --- the cell choice (spec v2 §1) -----------------------------------------------------------

Session gatedExample(CellKind cell) {
  Session session = builtinExample();
  session.model.cell = cell;
  session.model.forgetBias = cell == CellKind::Lstm ? 1.0 : 0.0;
  return session;
}

TEST(SessionCells, VersionOneFilesStayVersionOneAndRnn) {
  const Session session = parseSession(exampleText());
  EXPECT_EQ(session.model.cell, CellKind::Rnn);
  EXPECT_EQ(session.model.forgetBias, 0.0);
  EXPECT_EQ(serializeSession(session), exampleText());
  EXPECT_EQ(exampleText().find("\"cell\""), std::string::npos);
}

TEST(SessionCells, GatedSessionsRoundTripWithWeightsH0AndC0) {
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru}) {
    Session session = gatedExample(cell);
    Model model = session.makeModel();
    model.h0.setConstant(0.25);
    if (cell == CellKind::Lstm) {
      EXPECT_EQ(model.params.bih().segment(4, 4), Vector::Constant(4, 1.0));  // forget_bias
      model.c0.setConstant(-0.5);
    }
    session.setModel(model);
    const std::string text = serializeSession(session);
    EXPECT_NE(text.find("\"version\": 2"), std::string::npos);
    EXPECT_NE(text.find("\"cell\": \"" + std::string(toString(cell)) + "\""), std::string::npos);
    EXPECT_NE(text.find("\"W_hh\""), std::string::npos);
    const Session reloaded = parseSession(text);
    EXPECT_EQ(reloaded, session) << toString(cell);
    EXPECT_TRUE(reloaded.makeModel() == model) << toString(cell);
    EXPECT_EQ(reloaded.c0.has_value(), cell == CellKind::Lstm);
  }
}

TEST(SessionCells, BadCellInputNamesTheKey) {
  const std::string lstm = serializeSession(gatedExample(CellKind::Lstm));
  EXPECT_EQ(errorOf(replaced(lstm, R"("cell": "lstm")", R"("cell": "lsmt")")),
            "model.cell: unknown cell \"lsmt\" (expected rnn, lstm or gru)");
  EXPECT_EQ(errorOf(replaced(lstm, R"("forget_bias": 1)", R"("forget_bias": null)")),
            "model.forget_bias: expected a number, got null");

  Session withWeights = gatedExample(CellKind::Gru);
  withWeights.setModel(withWeights.makeModel());
  std::string text = serializeSession(withWeights);
  EXPECT_EQ(errorOf(replaced(text, "\"W_ih\"", "\"Wxh\"")),
            "model.weights.W_ih: missing (weights must give W_ih, W_hh, b_ih, b_hh, Why and by "
            "for a gru cell)");
  EXPECT_EQ(errorOf(replaced(text, "\"b_hh\": [", "\"b_hh\": [1, ")),
            "model.weights.b_hh: expected an array of 12 numbers, got 13 numbers");
  EXPECT_EQ(errorOf(replaced(text, "\"by\"", "\"c0\": [0, 0, 0, 0], \"by\"")),
            "model.weights.c0: only an lstm has a cell state (model.cell is gru)");

  Session mismatched = withWeights;
  mismatched.weights->Whh().resize(12, 3);
  EXPECT_EQ(validate(mismatched),
            "model.weights.W_hh: expected 12 rows of 4 numbers, got 12 rows of 3 numbers");
  mismatched = withWeights;
  mismatched.model.cell = CellKind::Lstm;
  EXPECT_EQ(validate(mismatched),
            "model.weights: the weights are for a gru cell, model.cell is lstm");
}

}  // namespace
}  // namespace rnnlab
