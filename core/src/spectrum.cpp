#include "rnnlab/spectrum.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <numeric>
#include <random>

namespace rnnlab {

namespace {

void sortByModulus(std::vector<std::complex<double>>& values) {
  std::stable_sort(values.begin(), values.end(),
                   [](const auto& a, const auto& b) { return std::abs(a) > std::abs(b); });
}

bool usable(const Matrix& square) {
  return square.rows() > 0 && square.rows() == square.cols() && square.allFinite();
}

bool cancelled(const std::atomic<bool>* cancel) {
  return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

// A fixed pseudo-random unit vector: not orthogonal to any eigenvector in practice, and the same
// on every run.
Vector startVector(Index n) {
  std::mt19937_64 generator(0x5eedULL);
  std::normal_distribution<double> normal;
  Vector v(n);
  for (Index i = 0; i < n; ++i) {
    v(i) = normal(generator);
  }
  return v / v.norm();
}

}  // namespace

Spectrum spectrum(const Matrix& square) {
  Spectrum result;
  if (!usable(square)) {
    return result;
  }
  result.size = square.rows();
  Eigen::EigenSolver<Matrix> solver(square, /*computeEigenvectors=*/false);
  if (solver.info() != Eigen::Success) {
    return result;
  }
  const auto& values = solver.eigenvalues();
  result.eigenvalues.assign(values.data(), values.data() + values.size());
  sortByModulus(result.eigenvalues);
  result.spectralRadius = std::abs(result.eigenvalues.front());
  return result;
}

Spectrum leadingEigenvalues(const Matrix& square, const ArnoldiOptions& options) {
  Spectrum result;
  result.method = Spectrum::Method::Arnoldi;
  if (!usable(square)) {
    return result;
  }
  const Index n = square.rows();
  result.size = n;
  const Index wanted = std::clamp<Index>(options.count, 1, n);
  const Index budget = std::clamp<Index>(options.maxDimension, std::min<Index>(wanted + 2, n), n);
  const double scale = std::max(square.norm(), std::numeric_limits<double>::min());

  // A V_m = V_{m+1} H̄_m: V holds the orthonormal Krylov basis, H the Hessenberg coefficients.
  Matrix basis(n, budget + 1);
  Matrix hessenberg = Matrix::Zero(budget + 1, budget);
  basis.col(0) = startVector(n);
  Vector w(n);

  std::vector<std::complex<double>> ritz;
  double residual = std::numeric_limits<double>::infinity();
  Index m = 0;
  const auto solveRitz = [&](Index dimension, double nextNorm) {
    Eigen::EigenSolver<Matrix> solver(hessenberg.topLeftCorner(dimension, dimension), true);
    if (solver.info() != Eigen::Success) {
      return false;
    }
    const auto& values = solver.eigenvalues();
    const auto& vectors = solver.eigenvectors();
    std::vector<Index> order(static_cast<std::size_t>(dimension));
    std::iota(order.begin(), order.end(), Index{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](Index a, Index b) { return std::abs(values(a)) > std::abs(values(b)); });
    Index keep = std::min(wanted, dimension);
    // Keep a complex conjugate pair together.
    if (keep < dimension && values(order[keep - 1]).imag() != 0.0 &&
        std::abs(values(order[keep]) - std::conj(values(order[keep - 1]))) <=
            1e-12 * std::abs(values(order[keep - 1]))) {
      ++keep;
    }
    ritz.clear();
    residual = 0.0;
    for (Index k = 0; k < keep; ++k) {
      const Index i = order[static_cast<std::size_t>(k)];
      ritz.push_back(values(i));
      // ‖A V y − λ V y‖ = h_{m+1,m} |y_m| for a unit Ritz vector y.
      const double last = std::abs(vectors(dimension - 1, i)) / vectors.col(i).norm();
      residual = std::max(residual, nextNorm * last / scale);
    }
    return true;
  };

  for (Index j = 0; j < budget; ++j) {
    if (cancelled(options.cancel)) {
      result.cancelled = true;
      return result;
    }
    w.noalias() = square * basis.col(j);
    // Modified Gram-Schmidt, twice: one pass loses orthogonality once the Ritz values converge.
    for (int pass = 0; pass < 2; ++pass) {
      for (Index i = 0; i <= j; ++i) {
        const double h = basis.col(i).dot(w);
        hessenberg(i, j) += h;
        w.noalias() -= h * basis.col(i);
      }
    }
    const double nextNorm = w.norm();
    hessenberg(j + 1, j) = nextNorm;
    m = j + 1;
    // An invariant subspace: its Ritz values are exact eigenvalues.
    const bool invariant = nextNorm <= 1e-14 * scale;
    const bool check = invariant || m == budget || (m >= wanted + 2 && m % 8 == 0);
    if (check && solveRitz(m, invariant ? 0.0 : nextNorm) &&
        (invariant || residual <= options.tolerance)) {
      break;
    }
    if (invariant) {
      break;
    }
    basis.col(j + 1) = w / nextNorm;
  }
  if (ritz.empty()) {
    return result;
  }
  result.eigenvalues = std::move(ritz);
  sortByModulus(result.eigenvalues);
  result.spectralRadius = std::abs(result.eigenvalues.front());
  result.krylovDimension = static_cast<int>(m);
  result.largestResidual = residual;
  result.converged = residual <= options.tolerance;
  return result;
}

Spectrum boundedSpectrum(const Matrix& square, const ArnoldiOptions& options) {
  if (square.rows() <= FullSpectrumLimit) {
    return spectrum(square);
  }
  return leadingEigenvalues(square, options);
}

}  // namespace rnnlab
