#pragma once

// The state of an interrupted run beyond its weights, so that training can continue exactly as if
// it had never stopped (the spec's `training_state`): the iteration counter and the optimizer's
// step count and slots. The data kinds that keep a position of their own (a data set's epoch
// order and shuffle generator, a text's position and carried state) add their fields here.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/types.h"

namespace rnnlab {

struct OptimizerState {
  OptimizerKind kind = OptimizerKind::Sgd;
  long step = 0;  // updates applied since the state last started at zero (Adam's k)
  // The slots `kind` uses (named `buffers`: Qt reserves `slots`), in the order of slotNames(kind)
  // and shaped like the parameters: momentum v; Adagrad G; Adam m, v; RMSprop square_avg. Empty:
  // all zeros.
  std::vector<Parameters> buffers;

  // The file's names of the slots: {"v"}, {"G"}, {"m", "v"}, {"square_avg"}; none for sgd.
  static std::span<const std::string_view> slotNames(OptimizerKind kind);

  friend bool operator==(const OptimizerState&, const OptimizerState&) = default;
};

struct TrainingState {
  long iteration = 0;  // updates applied so far: the next iteration's number
  OptimizerState optimizer;
  // Text sessions: the position p of the next chunk and the carried state s = (h, c) it starts
  // from (carriedC only for lstm): H values, or for B streams of an L-layer model B·L·H values,
  // stream-major (stream 0 layer 0, stream 0 layer 1, …, v3 §2). Absent for other data, and for
  // a text run not yet started.
  std::optional<long> textPosition;
  std::optional<Vector> carriedH;
  std::optional<Vector> carriedC;
  // Data sets (`sequences`): the current epoch's order of the training sequences (a permutation
  // of 0..n−1), the position in it of the next batch's first sequence, and the four state words
  // of the shuffle generator Rng(seed + 1) after the shuffles so far (only when shuffling).
  // Absent: derived from the iteration as a run that never stopped would have them.
  std::optional<std::vector<long>> epochOrder;
  std::optional<long> epochPosition;
  std::optional<std::array<std::uint64_t, 4>> shuffleRng;
  // Models with dropout (v3 §1): the four state words of the mask generator Rng(seed + 2) after
  // the masks drawn so far. Absent: a fresh generator.
  std::optional<std::array<std::uint64_t, 4>> dropoutRng;

  friend bool operator==(const TrainingState&, const TrainingState&) = default;
};

}  // namespace rnnlab
