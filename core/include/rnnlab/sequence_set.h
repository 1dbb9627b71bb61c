#pragma once

// A data set of many sequences (the spec's `data.kind = sequences`): training and validation
// lists of sequences in version 1's form, whose lengths may differ, and how training walks them.
//
// One iteration takes a minibatch of B training sequences in epoch order and minimizes the mean
// of their losses, L = (1/B)·Σ_b L_b; every sequence starts from h0 (and c0). The epoch order
// starts as 0..n−1; with `shuffle`, a generator Rng(seed + 1) shuffles it in place (Fisher–Yates)
// before every epoch, the first included. epochOrderAt() gives that order for any iteration.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/rng.h"
#include "rnnlab/sequence_data.h"

namespace rnnlab {

struct SequenceSet {
  std::vector<SequenceData> train;       // at least one
  std::vector<SequenceData> validation;  // may be empty
  int batchSize = 0;                     // B; 0 (or more than there are): all of them
  bool shuffle = false;                  // the spec is silent on the default; PyTorch's is off

  // The batch size in use: batchSize clamped to 1..train.size().
  int effectiveBatchSize() const;
  // Batches in one epoch: ⌈n / B⌉ (the last one may be smaller).
  long batchesPerEpoch() const;
  bool hasValidation() const { return !validation.empty(); }

  friend bool operator==(const SequenceSet&, const SequenceSet&) = default;
};

// Where training stands in its walk through the training set: the current epoch's order, the
// position of the next batch in it, and the shuffle generator (its state after the shuffles so
// far).
struct EpochState {
  std::vector<long> order;
  long position = 0;
  std::array<std::uint64_t, 4> shuffleRng{};

  friend bool operator==(const EpochState&, const EpochState&) = default;
};

// One Fisher–Yates pass of the spec: for i = n−1 down to 1, j = ⌊uniform()·(i+1)⌋, swap.
void shuffleOrder(std::vector<long>& order, Rng& rng);

// The epoch state before iteration `iteration` of a run that started at iteration 0 with this
// set and `seed` (the shuffle generator is Rng(seed + 1)): replays the shuffles.
EpochState epochStateAt(const SequenceSet& set, std::uint64_t seed, long iteration);
// The same for any list of `count` items walked in batches of `batchSize` (in use, 1..count)
// (pairs, v3 §3, follow a data set's rules).
EpochState epochStateAt(long count, int batchSize, bool shuffle, std::uint64_t seed,
                        long iteration);

// The first problem with the set for `config` as "data.train[3].inputs: ..." (no sequences,
// sizes that disagree with the model, lengths out of range, non-finite numbers, a bad batch
// size), or nothing.
std::optional<std::string> validateSequenceSet(const SequenceSet& set, const ModelConfig& config);

}  // namespace rnnlab
