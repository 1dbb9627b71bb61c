#pragma once

#include <Eigen/Core>
#include <cmath>

// The largest finite |value| (0 when there is none): what a symmetric colour scale centred on 0
// must cover. NaN and infinities are drawn as such and must not blow the scale up.
template <class Derived>
double largestFiniteMagnitude(const Eigen::DenseBase<Derived>& values) {
  if (values.size() == 0) {
    return 0.0;
  }
  return values.derived()
      .array()
      .abs()
      .unaryExpr([](double v) { return std::isfinite(v) ? v : 0.0; })
      .maxCoeff();
}
