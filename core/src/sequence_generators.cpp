#include "rnnlab/sequence_generators.h"

#include <cmath>
#include <functional>
#include <numbers>
#include <stdexcept>
#include <string>

#include "rnnlab/limits.h"
#include "rnnlab/rng.h"

namespace rnnlab {
namespace {

double rounded(double x) {
  const double scale = std::pow(10.0, GeneratorDecimals);
  return std::round(x * scale) / scale;
}

void require(bool ok, const std::string& what) {
  if (!ok) {
    throw std::invalid_argument(what);
  }
}

void checkCounts(const GeneratorCounts& counts) {
  require(counts.train >= 1 && counts.train <= 1'000'000,
          "train: expected 1 to 1000000 sequences, got " + std::to_string(counts.train));
  require(counts.validation >= 0 && counts.validation <= 1'000'000,
          "validation: expected 0 to 1000000 sequences, got " + std::to_string(counts.validation));
}

void checkLength(int length, int minimum = 1) {
  require(length >= minimum && length <= limits::MaxSequenceLength,
          "length: expected " + std::to_string(minimum) + " to " +
              std::to_string(limits::MaxSequenceLength) + ", got " + std::to_string(length));
}

// Draws counts.train then counts.validation sequences with `one` from one Rng(counts.seed).
GeneratedTask generate(const GeneratorCounts& counts, const ModelConfig& config,
                       const std::function<SequenceData(Rng&)>& one) {
  GeneratedTask task;
  task.config = config;
  Rng rng(counts.seed);
  for (int k = 0; k < counts.train; ++k) {
    task.set.train.push_back(one(rng));
  }
  for (int k = 0; k < counts.validation; ++k) {
    task.set.validation.push_back(one(rng));
  }
  return task;
}

ModelConfig shape(int inputs, int outputs, OutputMode mode, LossKind loss) {
  ModelConfig config;
  config.inputSize = inputs;
  config.hiddenSize = 16;
  config.outputSize = outputs;
  config.outputMode = mode;
  config.loss = loss;
  return config;
}

}  // namespace

SequenceData sineSequence(int length, double period, double noise, double phase, Rng& rng) {
  Vector x(length + 1);
  for (int t = 0; t <= length; ++t) {
    x(t) = std::sin(2.0 * std::numbers::pi * t / period + phase) + noise * rng.normal();
  }
  SequenceData s;
  s.inputs = x.head(length);
  s.targets = x.tail(length);
  return s;
}

GeneratedTask generateSine(const SineOptions& o) {
  checkCounts(o.counts);
  checkLength(o.length);
  require(o.period > 0.0 && std::isfinite(o.period), "period: must be positive");
  require(o.noise >= 0.0 && std::isfinite(o.noise), "noise: must not be negative");
  return generate(o.counts, shape(1, 1, OutputMode::Sequence, LossKind::Mse), [&](Rng& rng) {
    const double phase = 2.0 * std::numbers::pi * rng.uniform();
    SequenceData s = sineSequence(o.length, o.period, o.noise, phase, rng);
    s.inputs = s.inputs.unaryExpr(&rounded);
    s.targets = s.targets.unaryExpr(&rounded);
    return s;
  });
}

GeneratedTask generateEcho(const EchoOptions& o) {
  checkCounts(o.counts);
  checkLength(o.length);
  require(o.delay >= 0 && o.delay < o.length,
          "delay: expected 0 to length − 1, got " + std::to_string(o.delay));
  return generate(o.counts, shape(1, 1, OutputMode::Sequence, LossKind::Mse), [&](Rng& rng) {
    SequenceData s;
    s.inputs.resize(o.length, 1);
    s.targets = Matrix::Zero(o.length, 1);
    for (int t = 0; t < o.length; ++t) {
      s.inputs(t, 0) = rounded(2.0 * rng.uniform() - 1.0);
    }
    for (int t = o.delay; t < o.length; ++t) {
      s.targets(t, 0) = s.inputs(t - o.delay, 0);
    }
    return s;
  });
}

GeneratedTask generateAdding(const AddingOptions& o) {
  checkCounts(o.counts);
  checkLength(o.length, 2);
  return generate(o.counts, shape(2, 1, OutputMode::Last, LossKind::Mse), [&](Rng& rng) {
    SequenceData s;
    s.inputs = Matrix::Zero(o.length, 2);
    for (int t = 0; t < o.length; ++t) {
      s.inputs(t, 0) = rounded(rng.uniform());
    }
    const int half = o.length / 2;
    const auto first = static_cast<int>(rng.uniform() * half);
    const auto second = half + static_cast<int>(rng.uniform() * (o.length - half));
    s.inputs(first, 1) = 1.0;
    s.inputs(second, 1) = 1.0;
    s.targets.resize(1, 1);
    s.targets(0, 0) = s.inputs(first, 0) + s.inputs(second, 0);
    return s;
  });
}

GeneratedTask generateCopy(const CopyOptions& o) {
  checkCounts(o.counts);
  require(o.patternLength >= 1, "pattern_length: must be at least 1");
  require(o.gap >= 0, "gap: must not be negative");
  require(o.symbols >= 2 && o.symbols <= 64, "symbols: expected 2 to 64");
  const int T = 2 * o.patternLength + o.gap + 1;
  checkLength(T);
  const int S = o.symbols;
  return generate(o.counts, shape(S + 2, S + 1, OutputMode::Sequence, LossKind::CrossEntropy),
                  [&](Rng& rng) {
                    SequenceData s;
                    s.inputs = Matrix::Zero(T, S + 2);
                    s.targets = Matrix::Zero(T, S + 1);
                    const int go = o.patternLength + o.gap;
                    for (int t = 0; t < T; ++t) {
                      s.inputs(t, t == go ? S + 1 : S) = 1.0;  // go marker, else blank
                      s.targets(t, S) = 1.0;                   // blank
                    }
                    for (int k = 0; k < o.patternLength; ++k) {
                      const auto symbol = static_cast<int>(rng.uniform() * S);
                      s.inputs(k, S) = 0.0;
                      s.inputs(k, symbol) = 1.0;
                      s.targets(go + 1 + k, S) = 0.0;
                      s.targets(go + 1 + k, symbol) = 1.0;
                    }
                    return s;
                  });
}

GeneratedTask generateParity(const ParityOptions& o) {
  checkCounts(o.counts);
  checkLength(o.length);
  return generate(o.counts, shape(1, 1, OutputMode::Sequence, LossKind::Mse), [&](Rng& rng) {
    SequenceData s;
    s.inputs.resize(o.length, 1);
    s.targets.resize(o.length, 1);
    int parity = 0;
    for (int t = 0; t < o.length; ++t) {
      const int bit = rng.uniform() < 0.5 ? 0 : 1;
      parity ^= bit;
      s.inputs(t, 0) = bit;
      s.targets(t, 0) = parity;
    }
    return s;
  });
}

}  // namespace rnnlab
