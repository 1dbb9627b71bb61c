#pragma once

// Training settings, with the spec's defaults (the built-in example's).

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
  double epsilon = 1e-8;      // > 0
  long iterations = 1000;     // ≥ 0
  std::uint64_t seed = 1;
  double initScale = 0.01;  // ≥ 0
  // TEACHING ONLY (`training.blog_bugs`): compute the gradient the way the blog post does, wrong
  // on purpose (blog_backward.h). All off by default; the session refuses bugs that are undefined
  // for its model or data; Trainer
  // applies them to one numeric sequence only (never to text or a data set).
  BlogBugs blogBugs{};

  friend bool operator==(const TrainingSettings&, const TrainingSettings&) = default;
};

// Describes the first setting out of range as "training.<key>: <what is wrong>", or nothing.
std::optional<std::string> validate(const TrainingSettings& settings);

}  // namespace rnnlab
