#pragma once

// Small helpers that build models and data for the core tests.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "rnnlab/model.h"
#include "rnnlab/rng.h"
#include "rnnlab/sequence_data.h"

namespace testing_support {

inline rnnlab::Matrix randomMatrix(rnnlab::Rng& rng, rnnlab::Index rows, rnnlab::Index cols,
                                   double scale) {
  rnnlab::Matrix m(rows, cols);
  for (rnnlab::Index r = 0; r < rows; ++r) {
    for (rnnlab::Index c = 0; c < cols; ++c) {
      m(r, c) = scale * rng.normal();
    }
  }
  return m;
}

// A model with non-zero biases, h0 and c0 (so no term of the gradient can hide behind a zero).
inline rnnlab::Model randomModel(const rnnlab::ModelConfig& config, std::uint64_t seed,
                                 double scale = 0.5) {
  rnnlab::Rng rng(seed);
  rnnlab::Model model = rnnlab::Model::initialized(config, seed, scale);
  // Keep the recurrence near the edge of stability (spectral radius about 0.9): larger random
  // Whh makes gradients explode, where any two correct summation orders differ far above 1e-12.
  const rnnlab::Index H = config.hiddenSize;
  model.params.Whh() =
      randomMatrix(rng, model.params.Whh().rows(), H, std::min(scale, 0.9 / std::sqrt(double(H))));
  for (int k = 0; k < model.params.blockCount(); ++k) {
    if (model.params.isBias(k)) {
      model.params.block(k) = randomMatrix(rng, model.params.block(k).rows(), 1, scale);
    }
  }
  model.h0 = randomMatrix(rng, config.cellCount() * H, 1, 0.5);
  if (config.cell == rnnlab::CellKind::Lstm) {
    model.c0 = randomMatrix(rng, config.cellCount() * H, 1, 0.5);
  }
  return model;
}

// Inputs T×I, targets T×O (sequence) or 1×O (last). Cross-entropy targets are soft probability
// rows; mse targets are arbitrary reals.
inline rnnlab::SequenceData randomData(const rnnlab::ModelConfig& config, rnnlab::Index steps,
                                       std::uint64_t seed) {
  rnnlab::Rng rng(seed ^ 0x5eedULL);
  rnnlab::SequenceData data;
  data.inputs = randomMatrix(rng, steps, config.inputSize, 1.0);
  const rnnlab::Index rows = config.outputMode == rnnlab::OutputMode::Last ? 1 : steps;
  data.targets = randomMatrix(rng, rows, config.outputSize, 1.0);
  if (config.loss == rnnlab::LossKind::CrossEntropy) {
    data.targets = data.targets.array().abs() + 0.05;
    for (rnnlab::Index r = 0; r < rows; ++r) {
      data.targets.row(r) /= data.targets.row(r).sum();
    }
  }
  return data;
}

}  // namespace testing_support
