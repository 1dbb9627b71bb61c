#pragma once

// The parameters of a vanilla Elman RNN and the model that owns them.
//
//   a_t = Wxh·x_t + Whh·h_{t-1} + bh      Wxh: H×I, Whh: H×H, bh: H
//   h_t = tanh(a_t)
//   y_t = Why·h_t + by                    Why: O×H, by: O

#include <array>
#include <cstdint>
#include <string_view>

#include "rnnlab/types.h"

namespace rnnlab {

struct ModelConfig {
  int inputSize = 3;   // I
  int hiddenSize = 4;  // H
  int outputSize = 2;  // O
  OutputMode outputMode = OutputMode::Sequence;
  LossKind loss = LossKind::Mse;

  friend bool operator==(const ModelConfig&, const ModelConfig&) = default;
};

// The trainable parameters. Gradients have exactly the same shape, so the same type holds them.
struct Parameters {
  Matrix Wxh;  // H×I
  Matrix Whh;  // H×H
  Matrix Why;  // O×H
  Vector bh;   // H
  Vector by;   // O

  static constexpr int BlockCount = 5;
  // In this order everywhere: files, gradient check, clipping reports.
  static constexpr std::array<std::string_view, BlockCount> BlockNames = {"Wxh", "Whh", "Why", "bh",
                                                                          "by"};

  static Parameters zeros(const ModelConfig& config);

  // Flat element views of the five blocks, in BlockNames order.
  std::array<Eigen::Map<Eigen::ArrayXd>, BlockCount> blocks();
  std::array<Eigen::Map<const Eigen::ArrayXd>, BlockCount> blocks() const;

  Index elementCount() const;
  bool allFinite() const;
  bool hasShape(const ModelConfig& config) const;
  void setZero();

  friend bool operator==(const Parameters& a, const Parameters& b);
};

using Gradients = Parameters;

struct Model {
  ModelConfig config;
  Parameters params;
  Vector h0;  // H, the initial hidden state (not trained)

  // Weights drawn as `initScale` × standard normal from Rng(seed), in the order Wxh, Whh, Why,
  // each row by row; biases and h0 zero.
  static Model initialized(const ModelConfig& config, std::uint64_t seed, double initScale);

  friend bool operator==(const Model& a, const Model& b);
};

}  // namespace rnnlab
