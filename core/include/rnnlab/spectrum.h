#pragma once

// Eigenvalues of the recurrent matrix Whh. Its spectral radius ρ tells whether signals (and
// gradients, through Whhᵀ) tend to grow (ρ > 1) or fade (ρ < 1) along time.
//
// Two ways to get them: all n by Eigen's dense EigenSolver (O(n³): about 10 ms at n = 256, but
// minutes at n = 4096), or only the leading ones (largest |λ|) by Arnoldi iteration, which costs
// one matrix-vector product per Krylov vector and stops on convergence, on an iteration budget or
// when a cancel flag is raised. boundedSpectrum() picks by size, so no caller waits minutes.

#include <atomic>
#include <complex>
#include <vector>

#include "rnnlab/types.h"

namespace rnnlab {

struct Spectrum {
  enum class Method { Full, Arnoldi };

  std::vector<std::complex<double>> eigenvalues;  // sorted by decreasing modulus
  double spectralRadius = 0.0;                    // max |λ| of those found
  Method method = Method::Full;
  Index size = 0;  // n of the matrix: eigenvalues.size() < size when only leading ones are found
  // Arnoldi only: the Krylov basis size used, the largest residual ‖A x − λ x‖ / ‖A‖_F of the
  // returned Ritz pairs, and whether every one met the tolerance.
  int krylovDimension = 0;
  double largestResidual = 0.0;
  bool converged = true;
  bool cancelled = false;  // the cancel flag was raised: eigenvalues is empty
};

// Eigenvalues of a square matrix (Eigen's real Schur-based EigenSolver). O(n³).
Spectrum spectrum(const Matrix& square);

struct ArnoldiOptions {
  // How many leading eigenvalues (a complex conjugate partner of the last one may add one).
  int count = 16;
  // Krylov basis budget: n × (maxDimension + 1) doubles and at most that many products.
  int maxDimension = 160;
  // The relative residual that counts as converged.
  double tolerance = 1e-10;
  // Checked before every matrix-vector product; may be null.
  const std::atomic<bool>* cancel = nullptr;
};

// The `count` eigenvalues of largest modulus by Arnoldi iteration with full reorthogonalisation
// (Ritz values of the Hessenberg matrix of a growing Krylov basis, started from a fixed
// pseudo-random vector so results repeat). For n ≤ maxDimension the basis can span the whole space
// and the result is exact up to rounding.
Spectrum leadingEigenvalues(const Matrix& square, const ArnoldiOptions& options = {});

// The largest n for which boundedSpectrum() computes every eigenvalue.
inline constexpr Index FullSpectrumLimit = 256;

// spectrum() up to FullSpectrumLimit, leadingEigenvalues() above: bounded time at every size.
Spectrum boundedSpectrum(const Matrix& square, const ArnoldiOptions& options = {});

}  // namespace rnnlab
