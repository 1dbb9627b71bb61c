#include "rnnlab/spectrum.h"

#include <gtest/gtest.h>

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
