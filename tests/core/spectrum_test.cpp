#include "rnnlab/spectrum.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

using namespace rnnlab;

TEST(Spectrum, DiagonalMatrix) {
  Matrix m = Matrix::Zero(3, 3);
  m.diagonal() << 0.5, -2.0, 1.0;
  const Spectrum s = spectrum(m);
  ASSERT_EQ(s.eigenvalues.size(), 3u);
  EXPECT_NEAR(s.spectralRadius, 2.0, 1e-14);
  EXPECT_NEAR(s.eigenvalues.front().real(), -2.0, 1e-14);
}

TEST(Spectrum, RotationHasComplexPairOnTheUnitCircle) {
  Matrix r(2, 2);
  r << 0.0, -1.0, 1.0, 0.0;
  const Spectrum s = spectrum(r);
  ASSERT_EQ(s.eigenvalues.size(), 2u);
  EXPECT_NEAR(s.spectralRadius, 1.0, 1e-14);
  EXPECT_NEAR(std::abs(s.eigenvalues[0].imag()), 1.0, 1e-14);
  EXPECT_NEAR(s.eigenvalues[0].imag(), -s.eigenvalues[1].imag(), 1e-14);
}

TEST(Spectrum, EmptyOrNonFiniteGivesNothing) {
  EXPECT_TRUE(spectrum(Matrix()).eigenvalues.empty());
  Matrix bad = Matrix::Identity(2, 2);
  bad(0, 1) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(spectrum(bad).eigenvalues.empty());
}

namespace {

// A reproducible random matrix with the spread of a trained Whh (entries ~ N(0, s²/n)).
Matrix randomMatrix(Index n, double spread, unsigned seed) {
  std::mt19937 generator(seed);
  std::normal_distribution<double> normal(0.0, spread / std::sqrt(static_cast<double>(n)));
  Matrix m(n, n);
  for (Index i = 0; i < m.size(); ++i) {
    m.data()[i] = normal(generator);
  }
  return m;
}

}  // namespace

TEST(Spectrum, ArnoldiLeadingEigenvalueMatchesTheFullSolver) {
  for (const unsigned seed : {1u, 2u, 3u}) {
    const Matrix m = randomMatrix(64, 1.3, seed);
    const Spectrum full = spectrum(m);
    const Spectrum leading = leadingEigenvalues(m);
    ASSERT_FALSE(leading.eigenvalues.empty());
    EXPECT_EQ(leading.method, Spectrum::Method::Arnoldi);
    EXPECT_EQ(leading.size, 64);
    EXPECT_TRUE(leading.converged);
    EXPECT_NEAR(leading.spectralRadius, full.spectralRadius, 1e-8);
    // The leading value itself (a conjugate pair may come in either order).
    const auto& a = leading.eigenvalues.front();
    const bool matches =
        std::abs(a - full.eigenvalues[0]) < 1e-8 || std::abs(a - full.eigenvalues[1]) < 1e-8;
    EXPECT_TRUE(matches) << "Arnoldi " << a << " full " << full.eigenvalues[0];
    EXPECT_GE(leading.eigenvalues.size(), 16u);
    EXPECT_LE(leading.eigenvalues.size(), 17u);
  }
}

TEST(Spectrum, ArnoldiFindsAWellSeparatedLeadingEigenvalueOfALargeMatrix) {
  // A dominant eigenvalue 3 on top of a random bulk of radius about 0.5: Arnoldi converges within
  // the budget although the matrix is far larger than the basis.
  const Index n = 600;
  Matrix m = randomMatrix(n, 0.5, 7);
  const Vector u = Vector::Ones(n) / std::sqrt(static_cast<double>(n));
  m += 3.0 * u * u.transpose();
  ArnoldiOptions options;
  options.count = 1;
  const Spectrum leading = leadingEigenvalues(m, options);
  ASSERT_FALSE(leading.eigenvalues.empty());
  EXPECT_TRUE(leading.converged);
  EXPECT_LT(leading.krylovDimension, 160);
  EXPECT_NEAR(leading.spectralRadius, spectrum(m).spectralRadius, 1e-8);
}

TEST(Spectrum, ArnoldiStopsWhenCancelled) {
  std::atomic<bool> cancel{true};
  ArnoldiOptions options;
  options.cancel = &cancel;
  const Spectrum s = leadingEigenvalues(randomMatrix(300, 1.0, 4), options);
  EXPECT_TRUE(s.cancelled);
  EXPECT_TRUE(s.eigenvalues.empty());
}

TEST(Spectrum, BoundedSpectrumIsFullUpToTheLimitAndLeadingAbove) {
  const Spectrum small = boundedSpectrum(randomMatrix(FullSpectrumLimit, 1.0, 5));
  EXPECT_EQ(small.method, Spectrum::Method::Full);
  EXPECT_EQ(small.eigenvalues.size(), static_cast<std::size_t>(FullSpectrumLimit));
  const Spectrum large = boundedSpectrum(randomMatrix(FullSpectrumLimit + 1, 1.0, 6));
  EXPECT_EQ(large.method, Spectrum::Method::Arnoldi);
  EXPECT_LE(large.eigenvalues.size(), 17u);
  EXPECT_LE(large.krylovDimension, ArnoldiOptions{}.maxDimension);
}

TEST(Spectrum, ArnoldiAtH4096StaysWithinItsBudget) {
  const Matrix m = randomMatrix(4096, 1.0, 8);
  const auto start = std::chrono::steady_clock::now();
  const Spectrum s = boundedSpectrum(m);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(s.method, Spectrum::Method::Arnoldi);
  EXPECT_FALSE(s.eigenvalues.empty());
  // The circular law puts the spectral radius of this matrix near 1.
  EXPECT_NEAR(s.spectralRadius, 1.0, 0.15);
  // The budget is one of work, the same on every machine: at most maxDimension products with
  // the matrix (the time is printed, not asserted).
  EXPECT_LE(s.krylovDimension, ArnoldiOptions{}.maxDimension);
  std::printf("H=4096 Arnoldi: %.2f s, dimension %d, residual %.2e\n", seconds, s.krylovDimension,
              s.largestResidual);
}
