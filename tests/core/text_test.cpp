// Text mode: UTF-8, the vocabulary, the one-hot gather/scatter path against the dense one, the
// trainer's text loop against implementations written here, the validation loss and sampling.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <span>
#include <vector>

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/rng.h"
#include "rnnlab/session.h"
#include "rnnlab/text_data.h"
#include "rnnlab/text_model.h"
#include "rnnlab/trainer.h"
#include "rnnlab/utf8.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

constexpr std::array<CellKind, 3> AllCells = {CellKind::Rnn, CellKind::Lstm, CellKind::Gru};

double maxDifference(const Matrix& a, const Matrix& b) {
  EXPECT_EQ(a.rows(), b.rows());
  EXPECT_EQ(a.cols(), b.cols());
  if (a.rows() != b.rows() || a.cols() != b.cols()) {
    return INFINITY;
  }
  return a.size() == 0 ? 0.0 : (a - b).cwiseAbs().maxCoeff();
}

TextData preparedText(std::string text, int sequenceLength, bool carry = true,
                      std::string validation = {}) {
  TextData data;
  data.text = std::move(text);
  data.validationText = std::move(validation);
  data.sequenceLength = sequenceLength;
  data.carryHidden = carry;
  const auto problem = prepareText(data);
  EXPECT_FALSE(problem) << *problem;
  return data;
}

ModelConfig textConfig(const TextData& text, int hidden, CellKind cell) {
  ModelConfig config{text.vocabularySize(), hidden, text.vocabularySize(), OutputMode::Sequence,
                     LossKind::CrossEntropy};
  config.cell = cell;
  return config;
}

// Indices start..start+length−1 as dense one-hot rows (T×V); written here, not the core's.
Matrix oneHotRows(const std::vector<int>& indices, long start, long length, int V) {
  Matrix rows = Matrix::Zero(length, V);
  for (long t = 0; t < length; ++t) {
    rows(t, indices[static_cast<std::size_t>(start + t)]) = 1.0;
  }
  return rows;
}

std::string sessionText(const std::string& data, const std::string& model = {}) {
  return R"({"format": "rnnlab-session", "version": 2, "model": {"hidden_size": 5,
    "output_mode": "sequence", "loss": "cross_entropy")" +
         model + R"(}, "data": )" + data + "}";
}

std::string parseError(const std::string& json, const std::filesystem::path& folder = {}) {
  try {
    parseSession(json, folder);
  } catch (const SessionError& error) {
    return error.what();
  }
  return "(accepted)";
}

}  // namespace

// --- UTF-8 ----------------------------------------------------------------------------------

TEST(Utf8, RoundTripsAsciiAccentsChineseAndEmoji) {
  const std::string text = "Shall I compare thee? é ß 床前明月光，疑是地上霜。 😀🎉 \n\t";
  std::u32string points;
  ASSERT_FALSE(decodeUtf8(text, points));
  EXPECT_EQ(encodeUtf8(points), text);
  // 床 is U+5E8A (3 bytes), 😀 is U+1F600 (4 bytes, one code point).
  EXPECT_NE(points.find(U'\u5E8A'), std::u32string::npos);
  EXPECT_NE(points.find(U'\U0001F600'), std::u32string::npos);
  std::u32string emoji;
  ASSERT_FALSE(decodeUtf8("😀", emoji));
  EXPECT_EQ(emoji.size(), 1u);
  // Every boundary of each sequence length.
  const std::u32string edges = {0x0,    0x7F,   0x80,   0x7FF,   0x800,
                                0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF};
  std::u32string back;
  ASSERT_FALSE(decodeUtf8(encodeUtf8(edges), back));
  EXPECT_EQ(back, edges);
}

TEST(Utf8, RefusesInvalidSequencesWithTheirByteOffset) {
  const std::pair<std::string, std::size_t> cases[] = {
      {"ab\x80", 2},                // a continuation byte without a lead
      {"abc\xC3", 3},               // cut off
      {"\xC3\x28", 0},              // the second byte is not a continuation
      {"x\xC0\xAF", 1},             // overlong '/'
      {"xy\xE0\x80\xAF", 2},        // overlong, 3 bytes
      {"\xED\xA0\x80", 0},          // a surrogate (U+D800)
      {"ok\xF4\x90\x80\x80", 2},    // above U+10FFFF
      {"\xF8\x88\x80\x80\x80", 0},  // 5-byte forms do not exist
      {"\xE5\xBA\x8A\xFF", 3},      // 床 then 0xFF
  };
  for (const auto& [bytes, offset] : cases) {
    std::u32string out;
    const auto at = decodeUtf8(bytes, out);
    ASSERT_TRUE(at) << "accepted: " << bytes;
    EXPECT_EQ(*at, offset) << bytes;
  }
}

// --- text data ------------------------------------------------------------------------------

TEST(TextData, VocabularyIsTheSortedDistinctCodePointsOfBothTexts) {
  const TextData data = preparedText("baca床", 2, true, "dz");
  EXPECT_EQ(data.vocabulary, U"abcdz床");
  EXPECT_EQ(data.indices, (std::vector<int>{1, 0, 2, 0, 5}));
  EXPECT_EQ(data.validationIndices, (std::vector<int>{3, 4}));
  EXPECT_EQ(data.indexOf(U'床'), 5);
  EXPECT_EQ(data.indexOf(U'q'), -1);
}

TEST(TextData, AGivenVocabularyKeepsItsOrder) {
  TextData data;
  data.text = "abcab";
  data.sequenceLength = 2;
  data.vocabulary = U"cbaz";
  data.vocabularyGiven = true;
  ASSERT_FALSE(prepareText(data));
  EXPECT_EQ(data.indices, (std::vector<int>{2, 1, 0, 2, 1}));
  EXPECT_EQ(data.vocabularySize(), 4);
}

TEST(TextData, RefusesBadText) {
  TextData shortText;
  shortText.text = "abcd";
  shortText.sequenceLength = 3;
  EXPECT_EQ(prepareText(shortText).value_or(""),
            "data.text: has 4 characters; data.sequence_length 3 needs at least 5");
  TextData invalid;
  invalid.text = "hello\xE5\xBA";
  invalid.sequenceLength = 2;
  EXPECT_EQ(prepareText(invalid).value_or(""), "data.text: invalid UTF-8 at byte 5 (character 6)");
  TextData missing;
  missing.text = "abcabc";
  missing.sequenceLength = 2;
  missing.vocabulary = U"ab";
  missing.vocabularyGiven = true;
  EXPECT_EQ(prepareText(missing).value_or(""),
            "data.text: character 3, 'c' (U+0063), is not in data.vocabulary");
  TextData repeated;
  repeated.text = "ababab";
  repeated.sequenceLength = 2;
  repeated.vocabulary = U"aba";
  repeated.vocabularyGiven = true;
  EXPECT_EQ(prepareText(repeated).value_or(""),
            "data.vocabulary: 'a' (U+0061) appears more than once");
}

// --- the one-hot path -----------------------------------------------------------------------

// forwardIndexed and backward on index inputs give what the dense path gives on the one-hot
// rows, for every cell, from a given (h, c).
TEST(TextGather, IndexPathEqualsDenseOneHotPath) {
  for (const CellKind cell : AllCells) {
    const int V = 7;
    const int T = 9;
    ModelConfig config{V, 5, V, OutputMode::Sequence, LossKind::CrossEntropy};
    config.cell = cell;
    Model model = testing_support::randomModel(config, 11);
    Rng rng(3);
    std::vector<int> indices;
    for (int t = 0; t <= T; ++t) {
      indices.push_back(static_cast<int>(rng.nextU64() % V));
    }
    const Vector h = testing_support::randomMatrix(rng, 5, 1, 0.5);
    const Vector c =
        cell == CellKind::Lstm ? Vector(testing_support::randomMatrix(rng, 5, 1, 0.5)) : Vector();
    ForwardPass indexed;
    forwardIndexed(model, std::span(indices).subspan(0, T), std::span(indices).subspan(1, T), h, c,
                   indexed);
    BackwardPass indexedBack;
    backward(model, indexed, indexedBack);

    Model fromState = model;
    fromState.h0 = h;
    fromState.c0 = c;
    SequenceData dense{oneHotRows(indices, 0, T, V), oneHotRows(indices, 1, T, V)};
    ForwardPass densePass;
    forward(fromState, dense, densePass);
    BackwardPass denseBack;
    backward(fromState, densePass, denseBack);

    const char* name = toString(cell).data();
    EXPECT_TRUE(indexed.indexed());
    EXPECT_EQ(indexed.inputs.rows(), 0) << "one-hot inputs must not be materialized";
    EXPECT_EQ(indexed.steps(), T);
    EXPECT_NEAR(indexed.loss, densePass.loss, 1e-12) << name;
    EXPECT_LE(maxDifference(indexed.outputs, densePass.outputs), 1e-12) << name;
    EXPECT_LE(maxDifference(indexed.hidden, densePass.hidden), 1e-12) << name;
    EXPECT_LE(maxDifference(indexed.probabilities, densePass.probabilities), 1e-12) << name;
    EXPECT_LE(maxDifference(indexed.outputGrad, densePass.outputGrad), 1e-12) << name;
    EXPECT_LE(maxDifference(indexed.stepLoss, densePass.stepLoss), 1e-12) << name;
    EXPECT_LE(maxDifference(indexed.cellState, densePass.cellState), 1e-12) << name;
    EXPECT_EQ(indexed.denseInputs(V), densePass.inputs) << name;
    EXPECT_EQ(indexed.denseTargets(V), densePass.targets) << name;
    for (int b = 0; b < model.params.blockCount(); ++b) {
      EXPECT_LE(maxDifference(indexedBack.grads.block(b), denseBack.grads.block(b)), 1e-12)
          << name << " " << model.params.blockName(b);
    }
    // The input weights' gradient is non-zero only in the columns of characters that occur.
    for (int k = 0; k < V; ++k) {
      const bool occurs = std::find(indices.begin(), indices.begin() + T, k) != indices.begin() + T;
      EXPECT_EQ(indexedBack.grads.Wxh().col(k).isZero(0.0), !occurs) << name << " column " << k;
    }
  }
}

// --- the text loop --------------------------------------------------------------------------

namespace {

// min-char-rnn, written out: a vanilla RNN on dense column vectors, SGD after clipping each
// gradient element to [−5, 5], with the spec's position, reset rule and carried state.
struct MinCharRnn {
  Matrix Wxh, Whh, Why;
  Vector bh, by, h0;
  double learningRate = 0.1;

  // Loss of one chunk from hprev; the gradients when `grads` is set; returns the last state.
  double chunk(const std::vector<int>& text, long p, long L, const Vector& hprev,
               std::array<Matrix, 5>* grads, Vector& last) const {
    const Index H = Whh.rows();
    const Index V = Wxh.cols();
    std::vector<Vector> hs(static_cast<std::size_t>(L + 1));
    std::vector<Vector> ps(static_cast<std::size_t>(L));
    hs[0] = hprev;
    double loss = 0.0;
    for (long t = 0; t < L; ++t) {
      Vector x = Vector::Zero(V);
      x(text[static_cast<std::size_t>(p + t)]) = 1.0;
      hs[t + 1] = (Wxh * x + Whh * hs[t] + bh).array().tanh().matrix();
      const Vector y = Why * hs[t + 1] + by;
      const Vector e = (y.array() - y.maxCoeff()).exp().matrix();
      ps[t] = e / e.sum();
      loss -= std::log(ps[t](text[static_cast<std::size_t>(p + t + 1)]));
    }
    last = hs[static_cast<std::size_t>(L)];
    if (grads == nullptr) {
      return loss;
    }
    Matrix dWxh = Matrix::Zero(H, V), dWhh = Matrix::Zero(H, H), dWhy = Matrix::Zero(V, H);
    Vector dbh = Vector::Zero(H), dby = Vector::Zero(V), dhnext = Vector::Zero(H);
    for (long t = L - 1; t >= 0; --t) {
      Vector dy = ps[t];
      dy(text[static_cast<std::size_t>(p + t + 1)]) -= 1.0;
      dWhy += dy * hs[t + 1].transpose();
      dby += dy;
      const Vector dh = Why.transpose() * dy + dhnext;
      const Vector dhraw = ((1.0 - hs[t + 1].array().square()) * dh.array()).matrix();
      dbh += dhraw;
      dWxh.col(text[static_cast<std::size_t>(p + t)]) += dhraw;
      dWhh += dhraw * hs[t].transpose();
      dhnext = Whh.transpose() * dhraw;
    }
    *grads = {dWxh, dWhh, dWhy, dbh, dby};
    for (Matrix& g : *grads) {
      g = g.array().max(-5.0).min(5.0).matrix();
    }
    return loss;
  }

  double validation(const std::vector<int>& text, long L) const {
    const long predicted = static_cast<long>(text.size()) - 1;
    Vector h = h0;
    double total = 0.0;
    for (long start = 0; start < predicted; start += L) {
      Vector last;
      total += chunk(text, start, std::min(L, predicted - start), h, nullptr, last);
      h = last;
    }
    return total / static_cast<double>(predicted);
  }
};

}  // namespace

TEST(TextLoop, MatchesMinCharRnnWrittenOut) {
  for (const bool carry : {true, false}) {
    // N = 30, L = 7: chunks at 0, 7, 14, then 21 + 8 ≥ 30 resets to 0.
    const TextData text =
        preparedText("the cat sat on the mat; a dog!", 7, carry, "a cat, the dog");
    const ModelConfig config = textConfig(text, 6, CellKind::Rnn);
    Model model = testing_support::randomModel(config, 5, 0.3);
    TrainingSettings settings;
    settings.optimizer = OptimizerKind::Sgd;
    settings.learningRate = 0.1;
    settings.clipValue = 5.0;
    Trainer trainer(model, text, settings);

    MinCharRnn ref{model.params.Wxh(), model.params.Whh(), model.params.Why(),
                   model.params.bh(),  model.params.by(),  model.h0};
    const long L = text.sequenceLength;
    const long N = text.size();
    long p = 0;
    Vector hprev = model.h0;
    for (long n = 0; n < 12; ++n) {
      if (p + L + 1 >= N || n == 0) {
        p = 0;
        hprev = ref.h0;
      }
      const double validation = ref.validation(text.validationIndices, L);
      ASSERT_TRUE(trainer.validationLoss());
      EXPECT_NEAR(*trainer.validationLoss(), validation, 1e-12) << n;

      std::array<Matrix, 5> grads;
      Vector last;
      const double loss = ref.chunk(text.indices, p, L, hprev, &grads, last);
      const IterationReport report = trainer.step();
      EXPECT_EQ(report.chunkStart, p) << n;
      EXPECT_NEAR(report.loss, loss, 1e-11 * std::abs(loss)) << "carry " << carry << " n " << n;
      ref.Wxh -= ref.learningRate * grads[0];
      ref.Whh -= ref.learningRate * grads[1];
      ref.Why -= ref.learningRate * grads[2];
      ref.bh -= ref.learningRate * grads[3];
      ref.by -= ref.learningRate * grads[4];
      hprev = carry ? last : ref.h0;
      p += L;
      EXPECT_EQ(trainer.textPosition(), p);
      EXPECT_LE(maxDifference(trainer.carriedHidden(), hprev), 1e-12);
    }
    const Parameters& w = trainer.model().params;
    EXPECT_LE(maxDifference(w.Wxh(), ref.Wxh), 1e-12);
    EXPECT_LE(maxDifference(w.Whh(), ref.Whh), 1e-12);
    EXPECT_LE(maxDifference(w.Why(), ref.Why), 1e-12);
    EXPECT_LE(maxDifference(w.bh(), ref.bh), 1e-12);
    EXPECT_LE(maxDifference(w.by(), ref.by), 1e-12);
    // "final loss": what the next iteration computes (here p = 12·7 reset rules later).
    Vector last;
    const long next = p + L + 1 >= N ? 0 : p;
    const double nextLoss =
        ref.chunk(text.indices, next, L, next == 0 ? ref.h0 : hprev, nullptr, last);
    EXPECT_NEAR(trainer.currentLoss(), nextLoss, 1e-11 * nextLoss);
  }
}

// The gated cells carry (h, c): the loop written here on the dense path, starting each chunk
// from a model whose h0 (and c0) are the carried state, against the trainer.
TEST(TextLoop, GatedCellsCarryHiddenAndCellState) {
  for (const CellKind cell : {CellKind::Lstm, CellKind::Gru}) {
    const TextData text = preparedText("abracadabra, alakazam! abracadabra.", 6, true, "abra cad");
    const ModelConfig config = textConfig(text, 5, cell);
    const Model initial = testing_support::randomModel(config, 9, 0.3);
    TrainingSettings settings;
    settings.optimizer = OptimizerKind::Sgd;
    settings.learningRate = 0.05;
    settings.clipValue = 5.0;
    Trainer trainer(initial, text, settings);

    Model ref = initial;
    const bool lstm = cell == CellKind::Lstm;
    const long L = text.sequenceLength;
    const long N = text.size();
    long p = 0;
    Vector h = initial.h0;
    Vector c = initial.c0;
    for (long n = 0; n < 10; ++n) {
      if (p + L + 1 >= N || n == 0) {
        p = 0;
        h = initial.h0;
        c = initial.c0;
      }
      Model fromState = ref;
      fromState.h0 = h;
      fromState.c0 = c;
      const SequenceData chunk{oneHotRows(text.indices, p, L, config.inputSize),
                               oneHotRows(text.indices, p + 1, L, config.inputSize)};
      ForwardPass pass;
      forward(fromState, chunk, pass);
      BackwardPass back;
      backward(fromState, pass, back);
      const IterationReport report = trainer.step();
      EXPECT_NEAR(report.loss, pass.loss, 1e-11 * pass.loss) << toString(cell) << " " << n;
      for (int b = 0; b < ref.params.blockCount(); ++b) {
        ref.params.block(b) -=
            settings.learningRate * back.grads.block(b).array().max(-5.0).min(5.0).matrix();
      }
      h = pass.hidden.col(L);
      if (lstm) {
        c = pass.cellState.col(L);
      }
      p += L;
      EXPECT_LE(maxDifference(trainer.carriedHidden(), h), 1e-12);
      if (lstm) {
        EXPECT_LE(maxDifference(trainer.carriedCell(), c), 1e-12);
      } else {
        EXPECT_EQ(trainer.carriedCell().size(), 0);
      }
    }
    for (int b = 0; b < ref.params.blockCount(); ++b) {
      EXPECT_LE(maxDifference(trainer.model().params.block(b), ref.params.block(b)), 1e-12)
          << toString(cell) << " " << ref.params.blockName(b);
    }
    // Validation: chunks of L from (h0, c0), state carried, mean over the predicted characters.
    const std::vector<int>& v = text.validationIndices;
    const long predicted = static_cast<long>(v.size()) - 1;
    Vector vh = ref.h0;
    Vector vc = ref.c0;
    double total = 0.0;
    for (long start = 0; start < predicted; start += L) {
      const long length = std::min(L, predicted - start);
      Model fromState = ref;
      fromState.h0 = vh;
      fromState.c0 = vc;
      ForwardPass pass;
      forward(fromState,
              {oneHotRows(v, start, length, config.inputSize),
               oneHotRows(v, start + 1, length, config.inputSize)},
              pass);
      total += pass.loss;
      vh = pass.hidden.col(length);
      if (lstm) {
        vc = pass.cellState.col(length);
      }
    }
    EXPECT_NEAR(*trainer.validationLoss(), total / static_cast<double>(predicted), 1e-12);
  }
}

TEST(TextLoop, PositionsFollowTheResetRule) {
  // N = 23, L = 5: 0, 5, 10, 15 (15 + 6 < 23), then 20 + 6 ≥ 23 resets.
  const TextData text = preparedText("abcdefghijklmnopqrstuvw", 5);
  Trainer trainer(Model::initialized(textConfig(text, 4, CellKind::Rnn), 1, 0.1), text, {});
  std::vector<long> starts;
  for (int n = 0; n < 7; ++n) {
    starts.push_back(trainer.step().chunkStart);
  }
  EXPECT_EQ(starts, (std::vector<long>{0, 5, 10, 15, 0, 5, 10}));
  // N = 21: at p = 15, p + L + 1 = N already resets (min-char-rnn's ≥), although the chunk
  // would still fit.
  const TextData exact = preparedText("abcdefghijklmnopqrstu", 5);
  Trainer edge(Model::initialized(textConfig(exact, 4, CellKind::Rnn), 1, 0.1), exact, {});
  starts.clear();
  for (int n = 0; n < 5; ++n) {
    starts.push_back(edge.step().chunkStart);
  }
  EXPECT_EQ(starts, (std::vector<long>{0, 5, 10, 0, 5}));
}

TEST(TextLoop, SetTextStateIsWhereTheNextIterationStarts) {
  const TextData text = preparedText("the quick brown fox jumps over the lazy dog", 6);
  for (const CellKind cell : AllCells) {
    const ModelConfig config = textConfig(text, 4, cell);
    const Model model = Model::initialized(config, 2, 0.3);
    Trainer a(model, text, {});
    for (int n = 0; n < 3; ++n) {
      a.step();
    }
    // A second trainer given a's weights, iteration, position and state continues identically.
    Trainer b(model, text, {});
    b.restart(a.model(), a.iteration());
    b.setTextState(a.textPosition(), a.carriedHidden(), a.carriedCell());
    EXPECT_EQ(b.textPosition(), a.textPosition());
    for (int n = 0; n < 4; ++n) {
      const IterationReport ra = a.step();
      const IterationReport rb = b.step();
      EXPECT_EQ(ra.loss, rb.loss) << toString(cell) << " " << n;
      EXPECT_EQ(ra.chunkStart, rb.chunkStart);
    }
    EXPECT_THROW(b.setTextState(-1, a.carriedHidden(), a.carriedCell()), std::invalid_argument);
    EXPECT_THROW(b.setTextState(0, Vector::Zero(3), a.carriedCell()), std::invalid_argument);
  }
}

// --- sampling -------------------------------------------------------------------------------

namespace {

// Greedy continuation computed the slow way: the whole sequence so far from h0, every time.
std::vector<int> greedyBySlowForward(const Model& model, std::vector<int> sequence, int length) {
  std::vector<int> out;
  for (int n = 0; n < length; ++n) {
    ForwardPass pass;
    forwardIndexed(model, sequence, sequence, model.h0, initialCellState(model), pass);
    Index best = 0;
    pass.outputs.col(pass.steps() - 1).maxCoeff(&best);
    out.push_back(static_cast<int>(best));
    sequence.push_back(static_cast<int>(best));
  }
  return out;
}

}  // namespace

TEST(TextSampling, TemperatureZeroIsGreedyAndTinyTemperatureTendsToIt) {
  for (const CellKind cell : AllCells) {
    ModelConfig config{9, 6, 9, OutputMode::Sequence, LossKind::CrossEntropy};
    config.cell = cell;
    const Model model = testing_support::randomModel(config, 21, 0.8);
    const std::vector<int> prime = {3, 1, 4};
    SampleSettings greedy;
    greedy.length = 25;
    greedy.temperature = 0.0;
    const std::vector<int> sampled = sampleIndices(model, prime, greedy);
    EXPECT_EQ(sampled, greedyBySlowForward(model, prime, 25)) << toString(cell);
    SampleSettings tiny = greedy;
    tiny.temperature = 1e-9;
    EXPECT_EQ(sampleIndices(model, prime, tiny), sampled) << toString(cell);
    tiny.temperature = 1e-300;  // (y − max)/τ must not make NaN
    EXPECT_EQ(sampleIndices(model, prime, tiny), sampled) << toString(cell);
  }
}

TEST(TextSampling, SameSeedSameTextOtherSeedOtherText) {
  ModelConfig config{12, 8, 12, OutputMode::Sequence, LossKind::CrossEntropy};
  const Model model = testing_support::randomModel(config, 4, 0.5);
  SampleSettings settings;
  settings.length = 200;
  settings.seed = 77;
  const std::vector<int> a = sampleIndices(model, std::vector<int>{0}, settings);
  EXPECT_EQ(a, sampleIndices(model, std::vector<int>{0}, settings));
  settings.seed = 78;
  EXPECT_NE(a, sampleIndices(model, std::vector<int>{0}, settings));
  EXPECT_EQ(a.size(), 200u);
}

// With all outputs equal every character has p = 1/4 (exact sums 0.25, 0.5, 0.75, 1), so the
// choice is ⌊4u⌋ for the generator's draws, one per character; τ = 0 picks the lowest index.
TEST(TextSampling, UniformOutputsGiveUniformChoicesOneDrawEach) {
  ModelConfig config{4, 3, 4, OutputMode::Sequence, LossKind::CrossEntropy};
  Model model = testing_support::randomModel(config, 2, 0.5);
  model.params.Why().setZero();
  model.params.by().setZero();
  SampleSettings settings;
  settings.length = 40000;
  settings.seed = 5;
  const std::vector<int> sampled = sampleIndices(model, std::vector<int>{2}, settings);
  Rng rng(5);
  std::array<int, 4> counts{};
  for (std::size_t n = 0; n < sampled.size(); ++n) {
    ASSERT_EQ(sampled[n], static_cast<int>(std::floor(4.0 * rng.uniform()))) << n;
    ++counts[static_cast<std::size_t>(sampled[n])];
  }
  for (const int count : counts) {
    EXPECT_NEAR(count, 10000, 400);  // 4.6 standard deviations
  }
  settings.temperature = 0.0;
  settings.length = 10;
  EXPECT_EQ(sampleIndices(model, std::vector<int>{2}, settings), std::vector<int>(10, 0));
}

TEST(TextSampling, PickIndexFollowsTheCumulativeRule) {
  Vector y(3);
  y << 0.0, std::log(2.0), std::log(1.0);  // p = 1/4, 1/2, 1/4
  EXPECT_EQ(pickIndex(y, 1.0, 0.0), 0);
  EXPECT_EQ(pickIndex(y, 1.0, 0.2499), 0);
  EXPECT_EQ(pickIndex(y, 1.0, 0.2501), 1);
  EXPECT_EQ(pickIndex(y, 1.0, 0.7501), 2);
  EXPECT_EQ(pickIndex(y, 0.0, 0.9), 1);
  Vector tie(3);
  tie << 1.0, 5.0, 5.0;
  EXPECT_EQ(pickIndex(tie, 0.0, 0.0), 1);  // lowest index of the largest
}

// --- sessions -------------------------------------------------------------------------------

TEST(TextSession, ParsesInlineTextAndTakesTheSizesFromTheVocabulary) {
  const Session session = parseSession(sessionText(
      R"({"kind": "text", "text": "床前明月光，疑是地上霜。", "sequence_length": 4,
          "carry_hidden": false, "validation_text": "明月"})"));
  ASSERT_TRUE(session.text);
  EXPECT_EQ(session.text->vocabularySize(), 12);
  EXPECT_EQ(session.model.inputSize, 12);
  EXPECT_EQ(session.model.outputSize, 12);
  EXPECT_EQ(session.text->sequenceLength, 4);
  EXPECT_FALSE(session.text->carryHidden);
  EXPECT_EQ(session.formatVersionNeeded(), 2);
  EXPECT_EQ(parseSession(serializeSession(session)), session);
}

TEST(TextSession, ReadsTextFilesRelativeToTheSessionFile) {
  namespace fs = std::filesystem;
  const fs::path folder = fs::temp_directory_path() / "rnnlab_text_session_test";
  fs::create_directories(folder / "texts");
  std::ofstream(folder / "texts" / "poem.txt", std::ios::binary) << "Shall I compare thee 😀";
  std::ofstream(folder / "texts" / "bad.txt", std::ios::binary) << "Shall\xC3(";
  std::ofstream(folder / "s.rnnlab.json")
      << sessionText(R"({"kind": "text", "text_file": "texts/poem.txt", "sequence_length": 5,
                         "validation_text_file": "texts/poem.txt"})");
  std::ofstream(folder / "bad.rnnlab.json")
      << sessionText(R"({"kind": "text", "text_file": "texts/bad.txt"})");
  const Session session = loadSession(folder / "s.rnnlab.json");
  ASSERT_TRUE(session.text);
  EXPECT_EQ(session.text->text, "Shall I compare thee 😀");
  EXPECT_EQ(session.text->validationText, session.text->text);
  // Saved sessions hold the text itself, so they load from any folder.
  EXPECT_EQ(parseSession(serializeSession(session)), session);
  try {
    loadSession(folder / "bad.rnnlab.json");
    ADD_FAILURE() << "invalid UTF-8 accepted";
  } catch (const SessionError& error) {
    EXPECT_STREQ(error.what(),
                 "data.text_file \"texts/bad.txt\": invalid UTF-8 at byte 5 (character 6)");
  }
  fs::remove_all(folder);
}

TEST(TextSession, RefusesBadInputNamingTheKey) {
  const std::string text = R"("sequence_length": 4, "text": "hello there, world")";
  EXPECT_EQ(parseError(sessionText(R"({"kind": "text", "text": "hello", "sequence_length": 4})")),
            "data.text: has 5 characters; data.sequence_length 4 needs at least 6");
  EXPECT_EQ(parseError(R"({"format": "rnnlab-session", "version": 2, "model": {"hidden_size": 5,
    "output_mode": "sequence", "loss": "mse"}, "data": {"kind": "text", )" +
                       text + "}}"),
            "model.loss: a text session needs cross_entropy (one character class per step), "
            "got mse");
  EXPECT_EQ(parseError(R"({"format": "rnnlab-session", "version": 2, "model": {"hidden_size": 5,
    "output_mode": "last", "loss": "cross_entropy"}, "data": {"kind": "text", )" +
                       text + "}}"),
            "model.output_mode: a text session predicts every next character and needs "
            "sequence, got last");
  EXPECT_EQ(parseError(sessionText("{\"kind\": \"text\", " + text + "}", R"(, "input_size": 3)")),
            "model.input_size: a text session has one input per vocabulary character (V = 10), "
            "got 3");
  EXPECT_EQ(parseError(sessionText(R"({"kind": "text"})")),
            "data.text: missing (a text session needs text or text_file)");
  EXPECT_EQ(parseError(sessionText("{\"kind\": \"text\", \"text_file\": \"x.txt\", " + text + "}")),
            "data.text: give either text or text_file, not both");
  EXPECT_EQ(parseError(sessionText("{\"kind\": \"text\", \"carry_hidden\": 1, " + text + "}")),
            "data.carry_hidden: expected true or false, got the number 1");
  EXPECT_EQ(parseError(sessionText("{\"kind\": \"text\", \"vocabulary\": \"helo\", " + text + "}")),
            "data.text: character 6, U+0020, is not in data.vocabulary");
  EXPECT_EQ(parseError(sessionText("{\"kind\": \"txt\", " + text + "}")),
            "data.kind: unknown kind \"txt\" (expected sequence, sequences, text or pairs)");
  EXPECT_EQ(parseError(sessionText(R"({"kind": "text", "text_file": "no-such-file.txt"})"),
                       "/nonexistent"),
            "data.text_file: /nonexistent/no-such-file.txt: no such file");
}
