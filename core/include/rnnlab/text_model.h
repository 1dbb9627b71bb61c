#pragma once

// What a character-level language model does besides training (the spec's §2 `text` and §4):
// its validation loss and sampling. Both work on a model passed in, so they can run on a copy
// of the weights on any thread while the trainer goes on.

#include <cstdint>
#include <span>
#include <vector>

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"
#include "rnnlab/text_data.h"

namespace rnnlab {

// (h0, c0) of the model: c is c0 for an lstm (zeros when the model has none), empty otherwise.
Vector initialCellState(const Model& model);

// The mean per-character cross-entropy over `indices` (every character but the first is
// predicted once), reading it in consecutive chunks of `sequenceLength` (the last one may be
// shorter) from (h0, c0) with the state carried across chunks. Needs at least 2 indices.
// `scratch` holds the passes (it is resized as needed).
double textValidationLoss(const Model& model, std::span<const int> indices, int sequenceLength,
                          ForwardPass& scratch);
double textValidationLoss(const Model& model, std::span<const int> indices, int sequenceLength);

struct SampleSettings {
  int length = 200;          // N characters generated after the prime
  double temperature = 1.0;  // τ ≥ 0; 0 picks the largest output (lowest index on ties)
  std::uint64_t seed = 1;    // the generator Rng(seed) draws one uniform() per character (τ > 0)
};

// The spec's sampler: from (h0, c0) feeds each prime index in turn, then N times picks the next
// index from softmax(y/τ) — the smallest k with u < p_1 + … + p_k, or the last k with p_k > 0
// if rounding leaves none — and feeds it back. Returns the N picked indices (not the prime).
// The prime must not be empty and every index must be < the model's input size. A stack (one
// direction) steps every layer and carries every layer's state; a bidirectional model throws
// std::invalid_argument (a language model cannot read the future, spec v3 §1).
std::vector<int> sampleIndices(const Model& model, std::span<const int> prime,
                               const SampleSettings& settings);

// The pick from outputs y at temperature τ with draw u in [0, 1) (unused when τ = 0), as above.
int pickIndex(const Eigen::Ref<const Vector>& y, double temperature, double u);

// Chunk `start` of a text (inputs start..start+L−1, targets start+1..start+L, L = length) as a
// dense one-hot sequence (T×V inputs and targets), for code that takes SequenceData, such as the
// gradient check. Allocates.
SequenceData textChunkAsSequence(const TextData& text, long start, int length);

// Free-running generation for numeric data (§4): from (h0, c0) feeds the T rows of `inputs`
// (T×I); y_T is the first prediction; then feeds each prediction back as the next input (needs
// O = I). Returns the N predictions y_T … y_{T+N−1} as the rows of an N×O matrix. Stacks as
// sampleIndices(); a bidirectional model throws std::invalid_argument.
Matrix generateSequence(const Model& model, const Matrix& inputs, int length);

}  // namespace rnnlab
