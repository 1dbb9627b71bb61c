#pragma once

// Eigenvalues of the recurrent matrix Whh. Its spectral radius ρ tells whether signals (and
// gradients, through Whhᵀ) tend to grow (ρ > 1) or fade (ρ < 1) along time.

#include <complex>
#include <vector>

#include "rnnlab/types.h"

namespace rnnlab {

struct Spectrum {
  std::vector<std::complex<double>> eigenvalues;  // sorted by decreasing modulus
  double spectralRadius = 0.0;                    // max |λ|
};

// Eigenvalues of a square matrix (Eigen's real Schur-based EigenSolver). O(n³): about 10 ms at
// n = 256, so callers should not ask for it every iteration.
Spectrum spectrum(const Matrix& square);

}  // namespace rnnlab
