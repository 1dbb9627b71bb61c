#pragma once

// Decoding a sequence-to-sequence model (spec v3 §3): greedy and beam search. `<bos>` is never
// chosen: log-softmax runs over all V logits, then `<bos>` is skipped.

#include <span>
#include <vector>

#include "rnnlab/seq2seq_pass.h"

namespace rnnlab {

// Greedy decoding: from <bos>, the largest logit but <bos> (lowest index on ties) each step,
// until <eos> or `maxLength` characters. `out` gets the tokens, with the <eos> when it was
// produced. `pass` must be reserved for the source and maxLength steps.
void greedyDecode(const Model& model, std::span<const int> source, int maxLength,
                  Seq2SeqPass& pass, std::vector<int>& out);

// Beam search with width `width` ≥ 1, exactly the spec's rule: hypotheses start as the empty
// output with score 0; each step extends every unfinished one by every token but <bos> (score +
// its log-softmax) and takes the extensions from the highest score down (ties: the
// lexicographically smaller token sequence first) until the finished (all so far) and the
// unfinished number `width`; one ending in <eos> is finished. It stops when none is unfinished
// or after `maxLength` steps (the unfinished then count as finished). `out` gets the finished
// hypothesis with the largest score (same ties), with its <eos> when it has one; no length
// normalization. `pass` must be reserved as for greedyDecode; it ends holding the chosen
// hypothesis's decoder steps (its attention()).
// Returns the chosen hypothesis's score.
double beamDecode(const Model& model, std::span<const int> source, int width, int maxLength,
                  Seq2SeqPass& pass, std::vector<int>& out);

}  // namespace rnnlab
