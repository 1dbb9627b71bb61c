#pragma once

// Training settings, with the spec's defaults (the built-in example's).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "rnnlab/blog_bugs.h"
#include "rnnlab/types.h"

namespace rnnlab {

struct TrainingSettings {
  OptimizerKind optimizer = OptimizerKind::Sgd;
  double learningRate = 0.1;  // η > 0
  double clipValue = 5.0;     // ≥ 0, 0 disables
  double clipNorm = 0.0;      // ≥ 0, 0 disables
  double momentum = 0.9;      // μ in [0, 1)
  double beta1 = 0.9;         // in [0, 1)
  double beta2 = 0.999;       // in [0, 1)
  double epsilon = 1e-8;      // > 0 (adagrad, adam, rmsprop)
  double alpha = 0.99;        // rmsprop's decay of the mean of the squared gradients, in [0, 1)
  // Learning-rate decay (PyTorch's StepLR, stepped once per iteration): see learningRateAt().
  double lrDecay = 1.0;      // γ in (0, 1]; 1 turns it off
  long lrDecayEvery = 1000;  // n ≥ 1 iterations per factor γ
  long lrDecayStart = 0;     // s ≥ 0: the iterations before s + n all use η
  long iterations = 1000;    // ≥ 0
  std::uint64_t seed = 1;
  double initScale = 0.01;  // ≥ 0
  // TEACHING ONLY (`training.blog_bugs`): compute the gradient the way the blog post does, wrong
  // on purpose (blog_backward.h). All off by default; the session refuses bugs that are undefined
  // for its model or data; Trainer
  // applies them to one numeric sequence only (never to text or a data set).
  BlogBugs blogBugs{};

  friend bool operator==(const TrainingSettings&, const TrainingSettings&) = default;
};

// The learning rate iteration k uses (k counted from 0, as `iteration k` prints it, on from a
// resumed run's training_state.iteration), for every optimizer:
//   η_k = η · γ^⌊max(0, k − s) / n⌋      (γ = lrDecay, n = lrDecayEvery, s = lrDecayStart)
// With s = 0 this is PyTorch's StepLR(step_size = n, gamma = γ) stepped after each update.
inline double learningRateAt(const TrainingSettings& settings, long iteration) {
  if (settings.lrDecay == 1.0) {
    return settings.learningRate;
  }
  const long decays =
      std::max(0L, iteration - settings.lrDecayStart) / std::max(1L, settings.lrDecayEvery);
  return settings.learningRate * std::pow(settings.lrDecay, static_cast<double>(decays));
}

// Describes the first setting out of range as "training.<key>: <what is wrong>", or nothing.
std::optional<std::string> validate(const TrainingSettings& settings);

}  // namespace rnnlab
