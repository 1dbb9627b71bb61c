#include "rnnlab/sequence_set.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "rnnlab/limits.h"

namespace rnnlab {

int SequenceSet::effectiveBatchSize() const {
  const int n = static_cast<int>(train.size());
  if (batchSize <= 0 || batchSize > n) {
    return std::max(n, 1);
  }
  return batchSize;
}

long SequenceSet::batchesPerEpoch() const {
  const long n = static_cast<long>(train.size());
  const long b = effectiveBatchSize();
  return std::max(1L, (n + b - 1) / b);
}

void shuffleOrder(std::vector<long>& order, Rng& rng) {
  for (std::size_t i = order.size(); i-- > 1;) {
    const auto j = static_cast<std::size_t>(rng.uniform() * static_cast<double>(i + 1));
    std::swap(order[i], order[j]);
  }
}

EpochState epochStateAt(const SequenceSet& set, std::uint64_t seed, long iteration) {
  return epochStateAt(static_cast<long>(set.train.size()), set.effectiveBatchSize(), set.shuffle,
                      seed, iteration);
}

EpochState epochStateAt(long count, int batchSize, bool shuffle, std::uint64_t seed,
                        long iteration) {
  EpochState state;
  state.order.resize(static_cast<std::size_t>(count));
  std::iota(state.order.begin(), state.order.end(), 0L);
  Rng rng(seed + 1);
  const long perEpoch = std::max(1L, (count + batchSize - 1) / batchSize);
  const long epochs = iteration / perEpoch;  // completed epochs
  if (shuffle) {
    for (long e = 0; e <= epochs; ++e) {
      shuffleOrder(state.order, rng);
    }
  }
  state.position = (iteration % perEpoch) * batchSize;
  state.shuffleRng = rng.state();
  return state;
}

namespace {

std::string plural(Index n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::optional<std::string> checkSequence(const SequenceData& s, const std::string& path,
                                         const ModelConfig& config) {
  const Index T = s.inputs.rows();
  if (T < 1) {
    return path + ".inputs: expected at least 1 row (one per time step), got none";
  }
  if (T > limits::MaxSequenceLength) {
    return path + ".inputs: at most " + std::to_string(limits::MaxSequenceLength) +
           " rows (time steps) are allowed, got " + std::to_string(T);
  }
  if (s.inputs.cols() != config.inputSize) {
    return path + ".inputs: rows have " + plural(s.inputs.cols(), "number") + ", expected " +
           std::to_string(config.inputSize) + " (model.input_size)";
  }
  const Index targetRows = config.outputMode == OutputMode::Last ? 1 : T;
  if (s.targets.rows() != targetRows) {
    return path + ".targets: expected " + plural(targetRows, "row") +
           (config.outputMode == OutputMode::Last ? " (output_mode last)"
                                                  : " (one per input row, output_mode sequence)") +
           ", got " + std::to_string(s.targets.rows());
  }
  if (s.targets.cols() != config.outputSize) {
    return path + ".targets: rows have " + plural(s.targets.cols(), "number") + ", expected " +
           std::to_string(config.outputSize) + " (model.output_size)";
  }
  if (!s.inputs.allFinite()) {
    return path + ".inputs: holds a number that is not finite";
  }
  if (!s.targets.allFinite()) {
    return path + ".targets: holds a number that is not finite";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> validateSequenceSet(const SequenceSet& set, const ModelConfig& config) {
  if (set.train.empty()) {
    return std::string("data.train: expected at least one sequence, got none");
  }
  if (set.batchSize < 0) {
    return "data.batch_size: must be at least 1, got " + std::to_string(set.batchSize);
  }
  for (const auto* list : {&set.train, &set.validation}) {
    const std::string name = list == &set.train ? "data.train" : "data.validation";
    for (std::size_t k = 0; k < list->size(); ++k) {
      if (auto problem = checkSequence((*list)[k], name + "[" + std::to_string(k) + "]", config)) {
        return problem;
      }
    }
  }
  return std::nullopt;
}

}  // namespace rnnlab
