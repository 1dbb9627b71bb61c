// `grads`: one forward and backward pass of the first batch (or chunk), printed as the spec's JSON.

#include <cmath>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "cli_commands.h"
#include "cli_session.h"
#include "rnnlab/backward_pass.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/blog_backward.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/sequence_set.h"
#include "rnnlab/seq2seq_pass.h"
#include "rnnlab/text_model.h"

namespace rnnlab::cli {
namespace {

// --- JSON writing: every number with 17 significant digits ---

void appendNumber(std::string& json, double value) { json += formatRoundTrip(value); }

void appendArray(std::string& json, const Vector& values) {
  json += '[';
  for (Index i = 0; i < values.size(); ++i) {
    if (i > 0) {
      json += ", ";
    }
    appendNumber(json, values(i));
  }
  json += ']';
}

// A matrix as an array of rows.
void appendRows(std::string& json, const Matrix& matrix) {
  json += '[';
  for (Index r = 0; r < matrix.rows(); ++r) {
    if (r > 0) {
      json += ", ";
    }
    appendArray(json, matrix.row(r).transpose());
  }
  json += ']';
}

// A gated cell's activated gates (G·H×T) and an lstm's cell state (H×T) as the object
// {"i": T×H, …, "c": T×H}; `indent` continues its lines.
void appendGates(std::string& json, CellKind cell, const Matrix& gates, const Matrix& cellState,
                 const std::string& indent) {
  const auto names = gateNames(cell);
  const Index H = gates.rows() / static_cast<Index>(names.size());
  json += '{';
  for (std::size_t k = 0; k < names.size(); ++k) {
    json += (k > 0 ? ",\n" + indent + "\"" : "\"") + std::string(names[k]) + "\": ";
    appendRows(json, gates.middleRows(static_cast<Index>(k) * H, H).transpose());
  }
  if (cell == CellKind::Lstm) {
    json += ",\n" + indent + "\"c\": ";
    appendRows(json, cellState.transpose());
  }
  json += '}';
}

// What `grads` prints besides the gradients: of the first sequence of the batch (stream 0 of a
// text in streams).
struct FirstSequence {
  double loss = 0.0;
  Matrix outputs;  // T×O
  Matrix hidden;   // T×(D·H), the top layer's outputs
  std::string cells;  // "gates": … (one cell) or "layers": … (a stack), or empty for rnn
  std::optional<Matrix> attention;  // pairs: T′×S (0×0 for `none`)
};

// Pairs (v3 §3): the first training batch's mean loss and gradient (after the first shuffle),
// the outputs, attention and decoder top states of its first pair.
FirstSequence pairsGrads(const Session& session, const Model& model, Gradients& grads) {
  const PairsData& pairs = *session.pairs;
  const EpochState epoch =
      epochStateAt(static_cast<long>(pairs.train.size()), pairs.effectiveBatchSize(),
                   pairs.shuffle, session.training.seed, 0);
  const auto batch = std::span<const long>(epoch.order)
                         .first(static_cast<std::size_t>(pairs.effectiveBatchSize()));
  Seq2SeqPass pass;
  pass.reserve(model.config, pairs.longestSource(), pairs.longestTarget() + 1);
  FirstSequence first;
  first.loss = seq2seqBatch(model, pairs.trainTokens, batch, pass, grads);
  const PairsData::Tokens& pair = pairs.trainTokens[static_cast<std::size_t>(batch.front())];
  pass.forward(model, pair.source, pair.target);
  first.outputs = pass.outputs();
  first.hidden = pass.decoderHidden();
  first.attention = pass.attention();
  return first;
}

// A stack, or a text in streams: everything through the batched pass (v3 §1, §2).
FirstSequence batchedGrads(const Session& session, const Model& model, Gradients& grads) {
  const ModelConfig& config = model.config;
  BatchPass pass;
  std::vector<long> batch;
  if (session.sequences) {
    const SequenceSet& set = *session.sequences;
    const EpochState epoch = epochStateAt(set, session.training.seed, 0);
    batch.assign(epoch.order.begin(),
                 epoch.order.begin() + static_cast<long>(set.effectiveBatchSize()));
    pass.reserve(config, set.train, set.effectiveBatchSize());
    pass.forward(model, set.train, batch);
  } else if (session.text) {
    // Iteration 0: every stream's first chunk from (h0, c0).
    const TextData& text = *session.text;
    const long M = (text.size() - 1) / text.streams;
    for (long b = 0; b < text.streams; ++b) {
      batch.push_back(b * M);
    }
    pass.reserveStreams(config, text.streams, text.sequenceLength);
    const Vector h = model.h0.replicate(text.streams, 1);
    const Vector c = initialCellState(model).replicate(text.streams, 1);
    const Index rows = model.h0.size();
    pass.forwardStreams(model, text.indices, batch, text.sequenceLength,
                        Eigen::Map<const Matrix>(h.data(), rows, text.streams),
                        Eigen::Map<const Matrix>(c.size() > 0 ? c.data() : h.data(), rows,
                                                 text.streams));
  } else {
    batch.push_back(0);
    pass.reserve(config, std::span<const SequenceData>(&session.data, 1), 1);
    pass.forward(model, std::span<const SequenceData>(&session.data, 1), batch);
  }
  pass.backward(model, grads);

  FirstSequence first;
  first.loss = pass.loss();
  first.outputs = pass.sequenceOutputs(0);
  const Matrix top = pass.sequenceHidden(0);
  first.hidden = top.rightCols(top.cols() - 1).transpose();
  using Values = BatchPass::CellValues;
  const bool gated = config.cell != CellKind::Rnn;
  const bool lstm = config.cell == CellKind::Lstm;
  const auto cellState = [&](int k, int d) {
    return lstm ? pass.sequenceCellValues(0, k, d, Values::CellState) : Matrix();
  };
  if (!config.stacked()) {
    if (gated) {
      first.cells = "\"gates\": ";
      appendGates(first.cells, config.cell, pass.sequenceCellValues(0, 0, 0, Values::Gates),
                  cellState(0, 0), "           ");
    }
    return first;
  }
  // v3 §1: `layers` keyed by block suffix, each {"hidden": T×H} and a gated cell's gates.
  first.cells = "\"layers\": {";
  for (int k = 0; k < config.layers; ++k) {
    for (int d = 0; d < config.directions(); ++d) {
      std::string suffix = std::to_string(k);
      suffix.insert(suffix.begin(), 'l');
      suffix += d == 1 ? "_reverse" : "";
      if (k + d > 0) {
        first.cells += ",\n            ";
      }
      first.cells.append("\"").append(suffix).append("\": {\"hidden\": ");
      appendRows(first.cells, pass.sequenceCellHidden(0, k, d).transpose());
      if (gated) {
        first.cells += ",\n              \"gates\": ";
        appendGates(first.cells, config.cell, pass.sequenceCellValues(0, k, d, Values::Gates),
                    cellState(k, d), "                         ");
      }
      first.cells += '}';
    }
  }
  first.cells += '}';
  return first;
}

// One cell (version 2): the data set's batch mean and gradient, the rest from its first sequence
// (or the text's first chunk, or the one sequence, with the blog's bugs when they are on).
FirstSequence singleCellGrads(const Session& session, const Model& model, Gradients& grads) {
  ForwardPass forwardPass;
  std::optional<double> batchLoss;
  if (session.sequences) {
    const SequenceSet& set = *session.sequences;
    const EpochState epoch = epochStateAt(set, session.training.seed, 0);
    const auto batch = std::span<const long>(epoch.order)
                           .first(static_cast<std::size_t>(set.effectiveBatchSize()));
    BatchPass pass;
    pass.reserve(model.config, set.train, set.effectiveBatchSize());
    batchLoss = pass.forward(model, set.train, batch);
    grads = Parameters::zeros(model.config);
    pass.backward(model, grads);
    forward(model, set.train[static_cast<std::size_t>(batch.front())], forwardPass);
  } else if (session.text) {
    // The first chunk, from (h0, c0): what iteration 0 computes.
    const std::span<const int> text(session.text->indices);
    const auto L = static_cast<std::size_t>(session.text->sequenceLength);
    forwardIndexed(model, text.subspan(0, L), text.subspan(1, L), model.h0, initialCellState(model),
                   forwardPass);
  } else if (session.training.blogBugs.any()) {
    forwardBlog(model, session.data, session.training.blogBugs, forwardPass);
  } else {
    forward(model, session.data, forwardPass);
  }
  BackwardPass backwardPass;
  // The session allows blog bugs only for one numeric sequence (the branch just above).
  if (session.training.blogBugs.any()) {
    backwardBlog(model, forwardPass, session.training.blogBugs, backwardPass);
  } else {
    backward(model, forwardPass, backwardPass);
  }
  if (!batchLoss) {
    grads = backwardPass.grads;
  }
  const Index steps = forwardPass.steps();
  FirstSequence first;
  first.loss = batchLoss ? *batchLoss : forwardPass.loss;
  first.outputs = forwardPass.outputs.transpose();
  first.hidden = forwardPass.hidden.rightCols(steps).transpose();  // h_1..h_T
  if (model.config.cell != CellKind::Rnn) {
    first.cells = "\"gates\": ";
    const Matrix cellState = model.config.cell == CellKind::Lstm
                                 ? Matrix(forwardPass.cellState.rightCols(steps))
                                 : Matrix();
    appendGates(first.cells, model.config.cell, forwardPass.gates, cellState, "           ");
  }
  return first;
}

}  // namespace

int runGrads(const std::filesystem::path& sessionPath, std::ostream& out) {
  const Session session = loadSessionOrExample(sessionPath);
  const Model model = session.makeModel();
  Gradients grads = Parameters::zeros(model.config);
  const bool batched = model.config.stacked() || (session.text && session.text->streams > 1);
  const FirstSequence first = session.pairs ? pairsGrads(session, model, grads)
                              : batched     ? batchedGrads(session, model, grads)
                                            : singleCellGrads(session, model, grads);
  // Validation keeps every input finite, but finite weights can still overflow (say 1e300).
  if (!std::isfinite(first.loss) || !first.outputs.allFinite() || !first.hidden.allFinite() ||
      !grads.allFinite()) {
    throw NonFiniteError("the loss or the gradients are not finite (loss " +
                         formatShortest(first.loss) +
                         "): the weights or the inputs are too large");
  }

  // Built whole before printing, so that a failure never leaves half an object on stdout.
  std::string json = "{\"loss\": ";
  appendNumber(json, first.loss);
  if (session.training.blogBugs.any()) {
    // Says that the numbers below are the blog's wrong gradient, not the model's.
    json += ",\n \"blog_bugs\": [";
    const std::vector<BlogBug> bugs = session.training.blogBugs.list();
    for (std::size_t k = 0; k < bugs.size(); ++k) {
      json += (k > 0 ? ", \"" : "\"") + std::string(toString(bugs[k])) + '"';
    }
    json += ']';
  }
  json += ",\n \"outputs\": ";
  appendRows(json, first.outputs);
  if (first.attention) {
    json += ",\n \"attention\": ";
    appendRows(json, *first.attention);
  }
  json += ",\n \"hidden\": ";
  appendRows(json, first.hidden);
  json += ",\n \"grads\": {";
  for (int block = 0; block < grads.blockCount(); ++block) {
    if (block > 0) {
      json += ",\n           ";
    }
    json += '"' + std::string(grads.blockName(block)) + "\": ";
    if (grads.isBias(block)) {
      appendArray(json, grads.vec(block));
    } else {
      appendRows(json, grads.block(block));
    }
  }
  json += '}';
  if (!first.cells.empty()) {
    json += ",\n " + first.cells;
  }
  json += "}\n";
  out << json;
  return ExitOk;
}

}  // namespace rnnlab::cli
