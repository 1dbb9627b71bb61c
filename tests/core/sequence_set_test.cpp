// Data sets of many sequences: the batched passes against the spec's per-sequence definition
// (an independent loop over the naive reference implementations), the epoch order and its
// shuffle against the spec's algorithm written out here, the validation loss, exact resume and
// the session file.

#include <gtest/gtest.h>

#include <numeric>

#include "reference_gated.h"
#include "reference_rnn.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/rng.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

struct Reference {
  double loss = 0.0;
  std::vector<reference::Mat> grads;  // in the cell's block order
  std::vector<reference::Mat> outputs;
};

reference::Mat column(const reference::Vec& v) {
  reference::Mat m(v.size(), reference::Vec(1));
  for (std::size_t k = 0; k < v.size(); ++k) {
    m[k][0] = v[k];
  }
  return m;
}

// The spec's definition: L = (1/B)·Σ_b L_b with every sequence run on its own from h0 (and c0);
// the gradient is the mean of the per-sequence gradients.
Reference perSequenceMean(const Model& model, const std::vector<SequenceData>& data,
                          const std::vector<long>& batch) {
  Reference out;
  const double B = static_cast<double>(batch.size());
  for (const long k : batch) {
    std::vector<reference::Mat> grads;
    double loss = 0.0;
    reference::Mat outputs;
    if (model.config.cell == CellKind::Rnn) {
      const auto r = reference::run(model, data[static_cast<std::size_t>(k)]);
      loss = r.loss;
      outputs = r.outputs;
      grads = {r.dWxh, r.dWhh, r.dWhy, column(r.dbh), column(r.dby)};
    } else {
      const auto r = reference::runGated(model, data[static_cast<std::size_t>(k)]);
      loss = r.loss;
      outputs = r.outputs;
      grads = {r.dWih, r.dWhh, column(r.dbih), column(r.dbhh), r.dWhy, column(r.dby)};
    }
    out.loss += loss / B;
    out.outputs.push_back(outputs);
    if (out.grads.empty()) {
      out.grads = grads;
      for (auto& g : out.grads) {
        for (auto& row : g) {
          for (double& v : row) {
            v /= B;
          }
        }
      }
    } else {
      for (std::size_t b = 0; b < grads.size(); ++b) {
        for (std::size_t i = 0; i < grads[b].size(); ++i) {
          for (std::size_t j = 0; j < grads[b][i].size(); ++j) {
            out.grads[b][i][j] += grads[b][i][j] / B;
          }
        }
      }
    }
  }
  return out;
}

std::vector<SequenceData> makeSequences(const ModelConfig& config,
                                        const std::vector<Index>& lengths, std::uint64_t seed) {
  std::vector<SequenceData> out;
  for (std::size_t k = 0; k < lengths.size(); ++k) {
    out.push_back(testing_support::randomData(config, lengths[k], seed + 17 * k));
  }
  return out;
}

struct Case {
  CellKind cell;
  LossKind loss;
  OutputMode mode;
  bool equalLengths;
};

std::string caseName(const testing::TestParamInfo<Case>& info) {
  const Case& c = info.param;
  return std::string(toString(c.cell)) + "_" + std::string(toString(c.loss)) + "_" +
         std::string(toString(c.mode)) + (c.equalLengths ? "_equal" : "_unequal");
}

class BatchPassTest : public testing::TestWithParam<Case> {};

}  // namespace

TEST_P(BatchPassTest, EqualsTheMeanOfPerSequencePasses) {
  const Case c = GetParam();
  ModelConfig config{3, 5, 2, c.mode, c.loss};
  config.cell = c.cell;
  const Model model = testing_support::randomModel(config, 7);
  const std::vector<Index> lengths = c.equalLengths ? std::vector<Index>{6, 6, 6, 6, 6, 6, 6}
                                                    : std::vector<Index>{5, 3, 8, 1, 5, 8, 2};
  const auto data = makeSequences(config, lengths, 11);
  const std::vector<long> batch{3, 0, 5, 1, 6};

  BatchPass pass;
  pass.reserve(config, data, 5);
  const double loss = pass.forward(model, data, batch);
  Gradients grads = Parameters::zeros(config);
  pass.backward(model, grads);

  const Reference ref = perSequenceMean(model, data, batch);
  EXPECT_NEAR(loss, ref.loss, 1e-12 * std::max(1.0, std::abs(ref.loss)));
  ASSERT_EQ(static_cast<std::size_t>(grads.blockCount()), ref.grads.size());
  for (int b = 0; b < grads.blockCount(); ++b) {
    const Matrix& g = grads.block(b);
    for (Index i = 0; i < g.rows(); ++i) {
      for (Index j = 0; j < g.cols(); ++j) {
        EXPECT_NEAR(g(i, j), ref.grads[static_cast<std::size_t>(b)][i][j], 1e-12)
            << grads.blockName(b) << "(" << i << ", " << j << ")";
      }
    }
  }
  // Each sequence's outputs, as the per-sequence pass gives them.
  for (std::size_t k = 0; k < batch.size(); ++k) {
    const Matrix y = pass.sequenceOutputs(static_cast<Index>(k));
    const auto& expected = ref.outputs[k];
    ASSERT_EQ(y.rows(), static_cast<Index>(expected.size()));
    for (Index t = 0; t < y.rows(); ++t) {
      for (Index o = 0; o < y.cols(); ++o) {
        EXPECT_NEAR(y(t, o), expected[static_cast<std::size_t>(t)][static_cast<std::size_t>(o)],
                    1e-12);
      }
    }
  }
}

// At a size where the recurrent products run on the packed weights (PackedProduct) and the
// weight gradients are summed in several chunks: 24 sequences of 1 to 90 steps, so the widths
// shrink at many steps (each breaks a chunk) and N = 880 columns exceed the chunk of 512.
class LargerBatchPassTest : public testing::TestWithParam<CellKind> {};

TEST_P(LargerBatchPassTest, EqualsTheMeanOfPerSequencePasses) {
  ModelConfig config{3, 128, 2, OutputMode::Sequence, LossKind::Mse};
  config.cell = GetParam();
  const Model model = testing_support::randomModel(config, 9);
  std::vector<Index> lengths;
  for (Index k = 0; k < 24; ++k) {
    lengths.push_back(k < 12 ? 90 - 7 * k : 1 + (k * 5) % 40);
  }
  const auto data = makeSequences(config, lengths, 5);
  std::vector<long> batch(24);
  for (std::size_t k = 0; k < batch.size(); ++k) {
    batch[k] = static_cast<long>((k * 7) % 24);
  }

  BatchPass pass;
  pass.reserve(config, data, 24);
  const double loss = pass.forward(model, data, batch);
  ASSERT_GT(pass.columns(), 512);
  Gradients grads = Parameters::zeros(config);
  pass.backward(model, grads);

  const Reference ref = perSequenceMean(model, data, batch);
  EXPECT_NEAR(loss, ref.loss, 1e-12 * std::max(1.0, std::abs(ref.loss)));
  for (int b = 0; b < grads.blockCount(); ++b) {
    const Matrix& g = grads.block(b);
    for (Index i = 0; i < g.rows(); ++i) {
      for (Index j = 0; j < g.cols(); ++j) {
        const double expected = ref.grads[static_cast<std::size_t>(b)][i][j];
        ASSERT_NEAR(g(i, j), expected, 1e-12 * std::max(1.0, std::abs(expected)))
            << grads.blockName(b) << "(" << i << ", " << j << ")";
      }
    }
  }
  for (std::size_t k = 0; k < batch.size(); k += 5) {
    const Matrix h = pass.sequenceHidden(static_cast<Index>(k));
    ASSERT_EQ(h.cols(), lengths[static_cast<std::size_t>(batch[k])] + 1);
    EXPECT_TRUE(h.col(0) == model.h0);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryCell, LargerBatchPassTest,
                         testing::Values(CellKind::Rnn, CellKind::Lstm, CellKind::Gru),
                         [](const testing::TestParamInfo<CellKind>& cellInfo) {
                           return std::string(toString(cellInfo.param));
                         });

INSTANTIATE_TEST_SUITE_P(
    EveryCell, BatchPassTest,
    testing::Values(Case{CellKind::Rnn, LossKind::Mse, OutputMode::Sequence, true},
                    Case{CellKind::Rnn, LossKind::Mse, OutputMode::Sequence, false},
                    Case{CellKind::Rnn, LossKind::CrossEntropy, OutputMode::Sequence, false},
                    Case{CellKind::Rnn, LossKind::Mse, OutputMode::Last, false},
                    Case{CellKind::Lstm, LossKind::Mse, OutputMode::Sequence, true},
                    Case{CellKind::Lstm, LossKind::Mse, OutputMode::Sequence, false},
                    Case{CellKind::Lstm, LossKind::CrossEntropy, OutputMode::Last, false},
                    Case{CellKind::Gru, LossKind::Mse, OutputMode::Sequence, true},
                    Case{CellKind::Gru, LossKind::Mse, OutputMode::Sequence, false},
                    Case{CellKind::Gru, LossKind::CrossEntropy, OutputMode::Last, false}),
    caseName);

namespace {

SequenceSet smallSet(const ModelConfig& config, int batchSize, bool shuffle) {
  SequenceSet set;
  set.train = makeSequences(config, {4, 4, 2, 6, 4, 3, 5}, 3);
  set.validation = makeSequences(config, {4, 7, 2}, 99);
  set.batchSize = batchSize;
  set.shuffle = shuffle;
  return set;
}

}  // namespace

// The spec's algorithm, written out: order 0..n−1; Rng(seed + 1) created once; before every
// epoch (the first included) i = n−1 down to 1, j = ⌊uniform·(i+1)⌋, swap; batches of B in order,
// the last one smaller.
TEST(SequenceSetTrainer, BatchesFollowTheSpecsShuffledEpochOrder) {
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  TrainingSettings settings;
  settings.seed = 42;
  settings.learningRate = 0.01;
  const SequenceSet set = smallSet(config, 3, true);
  Trainer trainer(testing_support::randomModel(config, 1), set, settings);

  std::vector<long> order(7);
  std::iota(order.begin(), order.end(), 0L);
  Rng rng(43);
  std::vector<std::vector<long>> expected;
  for (int epoch = 0; epoch < 4; ++epoch) {
    for (int i = 6; i >= 1; --i) {
      const int j = static_cast<int>(rng.uniform() * (i + 1));
      std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    }
    for (std::size_t p = 0; p < order.size(); p += 3) {
      expected.emplace_back(order.begin() + static_cast<long>(p),
                            order.begin() + static_cast<long>(std::min<std::size_t>(p + 3, 7)));
    }
  }
  ASSERT_EQ(expected.size(), 12u);
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const auto batch = trainer.nextBatch();
    EXPECT_EQ(std::vector<long>(batch.begin(), batch.end()), expected[k]) << "iteration " << k;
    EXPECT_EQ(trainer.epoch(), static_cast<long>(k / 3));
    // The reported loss is the batch mean of exactly those sequences.
    BatchPass pass;
    pass.reserve(config, set.train, 3);
    const double loss = pass.forward(trainer.model(), set.train, expected[k]);
    const IterationReport report = trainer.step();
    EXPECT_EQ(report.loss, loss);
  }
}

TEST(SequenceSetTrainer, WithoutShuffleTheOrderStaysAndTheLastBatchIsSmaller) {
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  Trainer trainer(testing_support::randomModel(config, 1), smallSet(config, 4, false),
                  TrainingSettings{});
  EXPECT_EQ(std::vector<long>(trainer.nextBatch().begin(), trainer.nextBatch().end()),
            (std::vector<long>{0, 1, 2, 3}));
  trainer.step();
  EXPECT_EQ(std::vector<long>(trainer.nextBatch().begin(), trainer.nextBatch().end()),
            (std::vector<long>{4, 5, 6}));
  trainer.step();
  EXPECT_EQ(trainer.epoch(), 1);
  EXPECT_EQ(trainer.nextBatch().front(), 0);
}

TEST(SequenceSetTrainer, ValidationLossIsTheMeanOverValidationSequences) {
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  config.cell = CellKind::Gru;
  const SequenceSet set = smallSet(config, 2, true);
  Trainer trainer(testing_support::randomModel(config, 3), set, TrainingSettings{});
  double expected = 0.0;
  for (const SequenceData& s : set.validation) {
    expected += reference::runGated(trainer.model(), s).loss / 3.0;
  }
  ASSERT_TRUE(trainer.validationLoss().has_value());
  EXPECT_NEAR(*trainer.validationLoss(), expected, 1e-12);
}

TEST(SequenceSetTrainer, ResumeFromSavedStateIsBitForBit) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
    config.cell = cell;
    TrainingSettings settings;
    settings.optimizer = OptimizerKind::Adam;
    settings.learningRate = 0.01;
    settings.seed = 9;
    Session session;
    session.model = config;
    session.training = settings;
    session.sequences = smallSet(config, 3, true);
    session.data.inputs.resize(0, 3);
    session.data.targets.resize(0, 2);
    session.setModel(testing_support::randomModel(config, 5));

    Trainer whole(session.makeModel(), *session.sequences, settings);
    std::vector<double> losses;
    for (int k = 0; k < 11; ++k) {
      losses.push_back(whole.step().loss);
    }

    Trainer first(session.makeModel(), *session.sequences, settings);
    for (int k = 0; k < 5; ++k) {
      EXPECT_EQ(first.step().loss, losses[static_cast<std::size_t>(k)]);
    }
    Session saved = session;
    saved.setModel(first.model());
    saved.trainingState = first.trainingState();
    const Session reloaded = parseSession(serializeSession(saved));
    ASSERT_TRUE(reloaded.trainingState.has_value());
    EXPECT_EQ(*reloaded.trainingState, *saved.trainingState);
    Trainer second(reloaded.makeModel(), *reloaded.sequences, settings);
    second.resume(*reloaded.trainingState);
    for (int k = 5; k < 11; ++k) {
      EXPECT_EQ(second.step().loss, losses[static_cast<std::size_t>(k)]) << toString(cell) << k;
    }
    EXPECT_TRUE(second.model().params == whole.model().params) << toString(cell);
  }
}

TEST(SequenceSetSession, RoundTripsAndIsVersionTwo) {
  ModelConfig config{2, 3, 1, OutputMode::Last, LossKind::Mse};
  Session session;
  session.model = config;
  session.sequences = smallSet(config, 2, true);
  session.data.inputs.resize(0, 2);
  session.data.targets.resize(0, 1);
  EXPECT_EQ(session.formatVersionNeeded(), 2);
  const std::string text = serializeSession(session);
  EXPECT_NE(text.find("\"kind\": \"sequences\""), std::string::npos);
  const Session back = parseSession(text);
  EXPECT_EQ(back, session);
}

TEST(SequenceSetSession, BadInputNamesTheKeyAndIndex) {
  const auto refuse = [](const std::string& data, const std::string& expected) {
    const std::string json = R"({"format": "rnnlab-session", "version": 2,
      "model": {"input_size": 1, "hidden_size": 2, "output_size": 1, "output_mode": "sequence",
                "loss": "mse"},
      "data": )" + data + "}";
    try {
      parseSession(json);
      ADD_FAILURE() << "accepted: " << data;
    } catch (const SessionError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
          << e.what() << " (expected " << expected << ")";
    }
  };
  refuse(R"({"kind": "sequences", "train": []})", "data.train: expected at least one");
  refuse(R"({"kind": "sequences"})", "data.train");
  refuse(R"({"kind": "sequences", "train": [{"inputs": [[1]], "targets": [[1]]},
            {"inputs": [[1], [2]], "targets": [[1]]}]})",
         "data.train[1].targets: expected 2 rows");
  refuse(R"({"kind": "sequences", "train": [{"inputs": [[1]], "targets": [[1]]}],
            "validation": [{"inputs": [[1, 2]], "targets": [[1]]}]})",
         "data.validation[0].inputs: row 1 has 2 numbers");
  refuse(R"({"kind": "sequences", "train": [{"inputs": [], "targets": []}]})",
         "data.train[0].inputs: expected at least 1 row");
  refuse(R"({"kind": "sequences", "train": [{"inputs": [["x"]], "targets": [[1]]}]})",
         "data.train[0].inputs: row 1, column 1");
  refuse(
      R"({"kind": "sequences", "train": [{"inputs": [[1]], "targets": [[1]]}], "batch_size": 0})",
      "data.batch_size");
  refuse(R"({"kind": "sequences", "train": [{"inputs": [[1]], "targets": [[1]]}], "shuffle": 1})",
         "data.shuffle");
  refuse(R"({"kind": "sequences", "train": [{"inputs": [[1]], "targets": [[1]]}], "inputs": []})",
         "data.inputs: not used by data.kind sequences");
  refuse(R"({"kind": "sequencez"})", "data.kind: unknown kind");
}

TEST(SequenceSetSession, EpochStateThatDoesNotFitIsRefused) {
  const std::string head = R"({"format": "rnnlab-session", "version": 2,
      "model": {"input_size": 1, "hidden_size": 2, "output_size": 1, "output_mode": "sequence",
                "loss": "mse"},
      "data": {"kind": "sequences", "shuffle": true, "train": [
        {"inputs": [[1]], "targets": [[1]]}, {"inputs": [[2]], "targets": [[1]]},
        {"inputs": [[3]], "targets": [[1]]}]},
      "training_state": )";
  const auto refuse = [&](const std::string& state, const std::string& expected) {
    try {
      parseSession(head + state + "}");
      ADD_FAILURE() << "accepted: " << state;
    } catch (const SessionError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  refuse(R"({"iteration": 1, "epoch_order": [0, 1, 1], "epoch_position": 0,
             "shuffle_rng": ["0000000000000001", "0", "0", "0"]})",
         "training_state.epoch_order[2]: 1 appears twice");
  refuse(R"({"iteration": 1, "epoch_order": [0, 1], "epoch_position": 0})",
         "training_state.epoch_order: expected an array of the 3");
  refuse(R"({"iteration": 1, "epoch_order": [0, 1, 2], "epoch_position": 3})",
         "training_state.epoch_position");
  refuse(R"({"iteration": 1, "epoch_order": [0, 1, 2], "epoch_position": 1})",
         "training_state.shuffle_rng: missing");
  refuse(R"({"iteration": 1, "epoch_order": [0, 1, 2], "epoch_position": 1,
             "shuffle_rng": ["000000000000000x", "0000000000000000", "0000000000000000",
             "0000000000000000"]})",
         "training_state.shuffle_rng[0]: expected 16 hex digits");
  refuse(R"({"iteration": 1, "text_position": 0})", "training_state.text_position: not used");
}

// Continuing from a model history (restart with an iteration) replays the shuffles: the next
// batch is the one the uninterrupted run takes.
TEST(SequenceSetTrainer, RestartAtAnIterationContinuesTheEpochOrder) {
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  TrainingSettings settings;
  settings.seed = 5;
  const SequenceSet set = smallSet(config, 2, true);
  Trainer run(testing_support::randomModel(config, 1), set, settings);
  for (int k = 0; k < 9; ++k) {
    run.step();
  }
  Trainer other(testing_support::randomModel(config, 2), set, settings);
  other.restart(run.model(), 9);
  EXPECT_EQ(other.epochOrder(), run.epochOrder());
  EXPECT_EQ(other.epochPosition(), run.epochPosition());
  EXPECT_EQ(other.epoch(), run.epoch());
  EXPECT_EQ(other.step().loss, run.step().loss);
}

// A diverging step puts back the weights and the epoch state of the last finite iteration.
TEST(SequenceSetTrainer, DivergenceRestoresTheEpochState) {
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  TrainingSettings settings;
  settings.learningRate = 1e6;
  settings.clipValue = 0.0;
  settings.clipNorm = 0.0;
  Trainer trainer(testing_support::randomModel(config, 1), smallSet(config, 3, true), settings);
  std::vector<std::vector<long>> orders{trainer.epochOrder()};
  std::vector<long> positions{trainer.epochPosition()};
  IterationReport report;
  for (int k = 0; k < 50 && report.status == IterationReport::Status::Ok; ++k) {
    report = trainer.step();
    orders.push_back(trainer.epochOrder());
    positions.push_back(trainer.epochPosition());
  }
  ASSERT_EQ(report.status, IterationReport::Status::Diverged);
  const auto i = static_cast<std::size_t>(trainer.iteration());
  EXPECT_EQ(trainer.epochOrder(), orders[i]);
  EXPECT_EQ(trainer.epochPosition(), positions[i]);
  EXPECT_TRUE(trainer.model().params.allFinite());
}
