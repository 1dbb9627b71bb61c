#pragma once

// Compares backward()'s gradients with central finite differences of forward()'s loss.
//
//   numeric_i = (L(θ + h·e_i) − L(θ − h·e_i)) / (2h),   h = 1e-5
//   error_i   = |analytic_i − numeric_i| / max(|analytic_i| + |numeric_i|, 1e-4·max(1, |L|))
//
// The floor in the denominator keeps rounding noise on gradients near zero from reading as a large
// relative error: the two losses are rounded to about 1e-16·|L| each, so the difference quotient
// carries noise of a few 1e-11·|L| (3.6e-11·|L| measured on a 25-character text chunk at H=100).
// The floor keeps that at least 20 times below Tolerance. A correct implementation stays far below
// Tolerance; a wrong formula gives errors of order 1.

#include <array>
#include <atomic>
#include <cstdint>
#include <span>

#include "rnnlab/blog_bugs.h"
#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

namespace rnnlab {

struct GradientCheckResult {
  static constexpr double Tolerance = 1e-5;
  static constexpr double Step = 1e-5;

  // Per parameter block, in the cell's block order (Parameters::blockName); entries from
  // blockCount on stay zero.
  std::array<double, Parameters::MaxBlockCount> maxRelativeError{};
  double loss = 0.0;
  std::array<Index, Parameters::MaxBlockCount> checkedElements{};  // how many of each block
  int blockCount = 0;
  CellKind cell = CellKind::Rnn;
  bool cancelled = false;  // stopped through GradientCheckOptions::cancel: errors are partial

  double worst() const;
  bool passed() const { return worst() <= Tolerance; }
};

struct GradientCheckOptions {
  // Check at most this many elements of each parameter block (0 = all). A sample keeps the
  // check interactive for large models: each element costs two forward passes.
  Index maxElementsPerBlock = 0;
  std::uint64_t sampleSeed = 1;  // which elements a sample takes (project Rng)
  // Set from another thread to stop early (the result then has cancelled = true). May be null.
  const std::atomic<bool>* cancel = nullptr;
  // TEACHING ONLY: check the blog's gradient (blog_backward.h) against differences of the blog's
  // loss; errors of order 1 are the point. Only the single-sequence check uses it.
  BlogBugs blogBugs{};
};

GradientCheckResult gradientCheck(const Model& model, const SequenceData& data,
                                  const GradientCheckOptions& options = {});
// A minibatch of a data set (the sequences sequences[batch[k]]): the batch-mean loss of the spec
// and its gradient as the batched pass computes them (batch_pass.h).
GradientCheckResult gradientCheck(const Model& model, std::span<const SequenceData> sequences,
                                  std::span<const long> batch,
                                  const GradientCheckOptions& options = {});

}  // namespace rnnlab
