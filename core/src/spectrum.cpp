#include "rnnlab/spectrum.h"

#include <Eigen/Eigenvalues>
#include <algorithm>

namespace rnnlab {

Spectrum spectrum(const Matrix& square) {
  Spectrum result;
  if (square.rows() == 0 || square.rows() != square.cols() || !square.allFinite()) {
    return result;
  }
  Eigen::EigenSolver<Matrix> solver(square, /*computeEigenvectors=*/false);
  if (solver.info() != Eigen::Success) {
    return result;
  }
  const auto& values = solver.eigenvalues();
  result.eigenvalues.assign(values.data(), values.data() + values.size());
  std::sort(result.eigenvalues.begin(), result.eigenvalues.end(),
            [](const auto& a, const auto& b) { return std::abs(a) > std::abs(b); });
  result.spectralRadius = std::abs(result.eigenvalues.front());
  return result;
}

}  // namespace rnnlab
