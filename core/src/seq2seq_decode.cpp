// Greedy and beam decoding (seq2seq_decode.h, spec v3 §3).

#include "rnnlab/seq2seq_decode.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "rnnlab/pairs_data.h"

namespace rnnlab {

void greedyDecode(const Model& model, std::span<const int> source, int maxLength,
                  Seq2SeqPass& pass, std::vector<int>& out) {
  out.clear();
  pass.encode(model, source);
  int previous = PairsData::Bos;
  for (Index t = 0; t < maxLength; ++t) {
    pass.decodeStep(model, t, previous);
    const auto y = pass.logits(t);
    // log-softmax keeps the order of the logits: the largest logit but <bos>'s wins.
    Index best = PairsData::Eos;
    for (Index v = PairsData::Eos + 1; v < y.size(); ++v) {
      if (y(v) > y(best)) {
        best = v;
      }
    }
    out.push_back(static_cast<int>(best));
    if (best == PairsData::Eos) {
      return;
    }
    previous = static_cast<int>(best);
  }
}

namespace {

struct Hypothesis {
  std::vector<int> tokens;
  double score = 0.0;
};

// The spec's order: the higher score first, ties the lexicographically smaller tokens first.
bool ranksBefore(const Hypothesis& a, const Hypothesis& b) {
  if (a.score != b.score) {
    return a.score > b.score;
  }
  return a.tokens < b.tokens;
}

// Runs the decoder over a hypothesis's tokens from <bos> (the encoding stays in `pass`): one
// step per token, so that the last step's logits are those after `tokens` when `extra` is
// true (the next token's), else the steps that produced them.
void replay(const Model& model, Seq2SeqPass& pass, std::span<const int> source,
            const std::vector<int>& tokens, bool extra) {
  pass.encode(model, source);
  int previous = PairsData::Bos;
  const std::size_t steps = tokens.size() + (extra ? 1 : 0);
  for (std::size_t t = 0; t < steps; ++t) {
    pass.decodeStep(model, static_cast<Index>(t), previous);
    if (t < tokens.size()) {
      previous = tokens[t];
    }
  }
}

}  // namespace

double beamDecode(const Model& model, std::span<const int> source, int width, int maxLength,
                  Seq2SeqPass& pass, std::vector<int>& out) {
  if (width < 1) {
    throw std::invalid_argument("beamDecode: the width must be at least 1");
  }
  const auto K = static_cast<std::size_t>(width);
  std::vector<Hypothesis> finished;
  std::vector<Hypothesis> unfinished(1);  // the empty output, score 0
  std::vector<Hypothesis> extensions;
  for (int step = 0; step < maxLength && !unfinished.empty(); ++step) {
    extensions.clear();
    for (const Hypothesis& hypothesis : unfinished) {
      // Each hypothesis is decoded again from <bos>: slower than keeping K decoder states, but
      // a decoding is short and this is exactly the greedy pass's arithmetic.
      replay(model, pass, source, hypothesis.tokens, true);
      const auto y = pass.logits(static_cast<Index>(hypothesis.tokens.size()));
      const double top = y.maxCoeff();
      const double normaliser = top + std::log((y.array() - top).exp().sum());
      for (Index v = PairsData::Eos; v < y.size(); ++v) {
        Hypothesis extension{hypothesis.tokens, hypothesis.score + (y(v) - normaliser)};
        extension.tokens.push_back(static_cast<int>(v));
        extensions.push_back(std::move(extension));
      }
    }
    std::sort(extensions.begin(), extensions.end(), ranksBefore);
    unfinished.clear();
    for (Hypothesis& extension : extensions) {
      if (finished.size() + unfinished.size() >= K) {
        break;
      }
      if (extension.tokens.back() == PairsData::Eos) {
        finished.push_back(std::move(extension));
      } else {
        unfinished.push_back(std::move(extension));
      }
    }
  }
  for (Hypothesis& hypothesis : unfinished) {
    finished.push_back(std::move(hypothesis));
  }
  const Hypothesis& best = *std::min_element(finished.begin(), finished.end(), ranksBefore);
  out = best.tokens;
  replay(model, pass, source, out, false);
  return best.score;
}

}  // namespace rnnlab
