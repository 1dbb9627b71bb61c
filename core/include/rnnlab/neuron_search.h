#pragma once

// LSTMVis's pattern search (Strobelt et al., "LSTMVis", 2017) on the hidden states of one cell
// over a text. The states are an H×T matrix `activations` whose column t is h_t after reading
// character t. A unit u is *on* at step t when activations(u, t) > θ (the threshold).
//
// Select: a stretch of steps [begin, end) is brushed; the units that are on at every step inside
// it and off at the `context` steps on either side (those within the text) are the pattern.
// Match: every other place where the pattern's units are all on together, as maximal runs.

#include <atomic>
#include <cstddef>
#include <span>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/types.h"

namespace rnnlab {

struct SelectionUnit {
  int unit = 0;
  double onInside = 0.0;   // the fraction of steps in [begin, end) where it is on
  double offAround = 0.0;  // the fraction of the context steps where it is off (1 without any)
  double margin = 0.0;     // its mean inside − its mean over the context (0 without context)
  // On throughout the stretch and off all around it.
  bool fits() const { return onInside == 1.0 && offAround == 1.0; }
};

// Every unit, best first: by onInside + offAround, then by margin, then by unit number. Needs
// 0 ≤ begin < end ≤ T; `context` ≥ 0 steps each side (clipped to the matrix).
std::vector<SelectionUnit> rankSelectionUnits(const Eigen::Ref<const Matrix>& activations,
                                              Index begin, Index end, double threshold,
                                              Index context);

struct PatternMatch {
  Index begin = 0;  // steps [begin, end): every unit of the pattern is on; at the step before
  Index end = 0;    // and after (within the matrix) at least one is off
  Index length() const { return end - begin; }
};

// The maximal runs of at least `minimumLength` steps where every unit of `units` (rows of
// `activations`) is on, in order of position. Empty when `units` is empty.
std::vector<PatternMatch> findPatternMatches(const Eigen::Ref<const Matrix>& activations,
                                             std::span<const int> units, double threshold,
                                             Index minimumLength = 1);

// The hidden states of cell (layer, direction) over a text, for the rows `units` only: a
// |units|×count matrix whose column t is h after reading indices[begin + t], read as one stream
// from h0 (and c0) at `begin`, the state carried across chunks of `chunk` steps so that memory
// stays |units|·count however long the stretch. Needs begin + count < indices.size() (every
// character read has a next one). Returns early, with the columns so far, when `cancel` is set.
Matrix cellActivations(const Model& model, std::span<const int> indices, long begin, long count,
                       int layer, int direction, std::span<const int> units,
                       const std::atomic<bool>& cancel, Index chunk = 1000);

}  // namespace rnnlab
