#pragma once

// Seeded generators of classic sequence tasks, each giving a training and a validation set (drawn
// in that order from one Rng(seed)) and the model shape the task needs. The same options give the
// same numbers (the project's Rng; real values are rounded to GeneratorDecimals decimals, so that
// session files stay short and a last-bit difference in a platform's sin() almost never shows).
//
//   sine:   x_t = sin(2π·t/period + φ) + noise·N(0,1), φ uniform in [0, 2π) per sequence; inputs
//           x_0..x_{T−1}, targets x_1..x_T (next-value prediction). I = O = 1, mse, sequence.
//   echo:   x_t uniform in [−1, 1]; d_t = x_{t−D} (0 for t < D). I = O = 1, mse, sequence.
//   adding: Hochreiter's adding problem. Row t = (v_t, m_t), v_t uniform in [0, 1), m_t = 1 at
//           one step of the first half and one of the second, else 0; the target (last step only)
//           is the sum of the two marked values. I = 2, O = 1, mse, last.
//   copy:   a pattern of K symbols (of S), a gap of G blanks, a "go" marker, then K blanks; the
//           target is blank until the go marker and then the pattern. One-hot inputs over S + 2
//           channels (symbols, blank, go), one-hot targets over S + 1 (symbols, blank).
//           I = S + 2, O = S + 1, cross_entropy, sequence. T = 2K + G + 1.
//   parity: bits b_t in {0, 1}; d_t = b_1 xor … xor b_t. I = O = 1, mse, sequence.

#include <cstdint>

#include "rnnlab/model.h"
#include "rnnlab/sequence_set.h"

namespace rnnlab {

struct GeneratedTask {
  SequenceSet set;
  ModelConfig config;  // I, O, output mode and loss the task needs (hidden size 16, rnn cell)
};

struct GeneratorCounts {
  int train = 64;
  int validation = 16;
  std::uint64_t seed = 1;
};

struct SineOptions {
  GeneratorCounts counts;
  int length = 50;       // T
  double period = 20.0;  // steps per cycle
  double noise = 0.05;   // standard deviation of the added noise
};

struct EchoOptions {
  GeneratorCounts counts;
  int length = 30;
  int delay = 3;  // D
};

struct AddingOptions {
  GeneratorCounts counts;
  int length = 30;  // T ≥ 2
};

struct CopyOptions {
  GeneratorCounts counts;
  int patternLength = 3;  // K
  int gap = 5;            // G
  int symbols = 4;        // S
};

struct ParityOptions {
  GeneratorCounts counts;
  int length = 12;
};

constexpr int GeneratorDecimals = 4;

// Each throws std::invalid_argument (naming the option) for counts or sizes out of range:
// train ≥ 1, validation ≥ 0, lengths 1..limits::MaxSequenceLength, period > 0, noise ≥ 0,
// 0 ≤ delay < length, adding length ≥ 2, K ≥ 1, G ≥ 0, S ≥ 2.
GeneratedTask generateSine(const SineOptions& options);
GeneratedTask generateEcho(const EchoOptions& options);
GeneratedTask generateAdding(const AddingOptions& options);
GeneratedTask generateCopy(const CopyOptions& options);
GeneratedTask generateParity(const ParityOptions& options);

// One noisy sine of `length + 1` values x_0..x_length with phase φ and no rounding: for tests
// and the prediction view (inputs x_0..x_{length−1}, targets x_1..x_length).
SequenceData sineSequence(int length, double period, double noise, double phase, Rng& rng);

}  // namespace rnnlab
