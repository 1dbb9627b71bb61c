#pragma once

// Compares backward()'s gradients with central finite differences of forward()'s loss.
//
//   numeric_i = (L(θ + h·e_i) − L(θ − h·e_i)) / (2h),   h = 1e-5
//   error_i   = |analytic_i − numeric_i| / max(|analytic_i| + |numeric_i|, 1e-6·max(1, |L|))
//
// The floor in the denominator keeps rounding noise on gradients near zero (about 1e-11·|L|) from
// reading as a large relative error. A correct implementation stays far below Tolerance; a wrong
// formula gives errors of order 1.

#include <array>

#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

namespace rnnlab {

struct GradientCheckResult {
  static constexpr double Tolerance = 1e-5;
  static constexpr double Step = 1e-5;

  std::array<double, Parameters::BlockCount> maxRelativeError{};  // in Parameters::BlockNames order
  double loss = 0.0;

  double worst() const;
  bool passed() const { return worst() <= Tolerance; }
};

GradientCheckResult gradientCheck(const Model& model, const SequenceData& data);

}  // namespace rnnlab
