// TiledProduct and OuterProductSum give C(i, j) + Σ_k A(i, k)·B(k, j) with the sum taken from
// k = 0 upwards (one FMA per term where the build has FMA), exactly, at every size: whole tiles,
// partial tiles, partial packets, W and Wᵀ, blocks of larger matrices.

#include <gtest/gtest.h>

#include <cmath>

#include "rnnlab/rng.h"
#include "rnnlab/tiled_product.h"

using namespace rnnlab;

namespace {

Matrix randomMatrix(Index rows, Index cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Index j = 0; j < cols; ++j) {
    for (Index i = 0; i < rows; ++i) {
      m(i, j) = rng.normal();
    }
  }
  return m;
}

// The documented order of the sum, one term at a time.
Matrix referenceProduct(const Matrix& C, const Matrix& A, const Matrix& B, bool accumulate) {
  Matrix out = C;
  for (Index j = 0; j < B.cols(); ++j) {
    for (Index i = 0; i < A.rows(); ++i) {
      double sum = 0.0;
      for (Index k = 0; k < A.cols(); ++k) {
#ifdef EIGEN_VECTORIZE_FMA
        sum = std::fma(A(i, k), B(k, j), sum);
#else
        sum = A(i, k) * B(k, j) + sum;
#endif
      }
      out(i, j) = accumulate ? C(i, j) + sum : sum;
    }
  }
  return out;
}

struct Shape {
  Index rows;
  Index depth;
  Index cols;
};

class TiledProductTest : public ::testing::TestWithParam<Shape> {};

}  // namespace

TEST_P(TiledProductTest, SumsInTheDocumentedOrder) {
  const Shape s = GetParam();
  Rng rng(static_cast<std::uint64_t>(s.rows * 10000 + s.depth * 100 + s.cols));
  const Matrix W = randomMatrix(s.rows, s.depth, rng);
  const Matrix B = randomMatrix(s.depth, s.cols, rng);
  const Matrix C = randomMatrix(s.rows, s.cols, rng);
  for (const bool transposed : {false, true}) {
    const Matrix stored = transposed ? Matrix(W.transpose()) : W;
    TiledProduct product;
    product.reserve(s.rows, s.depth);
    product.pack(stored, transposed);
    Matrix added = C;
    product.addProduct(added, B);
    EXPECT_EQ(added, referenceProduct(C, W, B, true)) << "transposed " << transposed;
    Matrix set = C;
    product.setProduct(set, B);
    EXPECT_EQ(set, referenceProduct(C, W, B, false)) << "transposed " << transposed;
    // Against Eigen's product, which sums in another order: the same to rounding.
    EXPECT_LT((added - (C + W * B)).cwiseAbs().maxCoeff(), 1e-12 * static_cast<double>(s.depth));
  }
}

TEST_P(TiledProductTest, OuterProductSumIsTheSameProduct) {
  const Shape s = GetParam();
  Rng rng(static_cast<std::uint64_t>(s.rows + s.depth + s.cols));
  const Matrix A = randomMatrix(s.rows, s.depth, rng);
  const Matrix Bt = randomMatrix(s.cols, s.depth, rng);  // B = Btᵀ
  const Matrix C = randomMatrix(s.rows, s.cols, rng);
  OuterProductSum sum;
  sum.reserve(s.cols + 2, s.depth + 5);  // room to spare is fine
  Matrix out = C;
  sum.add(out, A, Bt);
  EXPECT_EQ(out, referenceProduct(C, A, Bt.transpose(), true));
}

INSTANTIATE_TEST_SUITE_P(Sizes, TiledProductTest,
                         ::testing::Values(Shape{1, 1, 1}, Shape{5, 3, 7}, Shape{24, 8, 8},
                                           Shape{65, 128, 50}, Shape{512, 128, 50},
                                           Shape{17, 9, 33}, Shape{128, 512, 3}, Shape{3, 40, 1},
                                           Shape{49, 1, 19}));

TEST(TiledProduct, WorksOnBlocksOfLargerMatrices) {
  Rng rng(5);
  const Matrix big = randomMatrix(40, 30, rng);
  const Matrix B = randomMatrix(20, 12, rng);
  Matrix out = Matrix::Zero(50, 20);
  TiledProduct product;
  product.reserve(25, 20);
  product.pack(big.block(3, 4, 25, 20), false);
  product.setProduct(out.block(7, 2, 25, 9), B.leftCols(9));
  Matrix expected = Matrix::Zero(50, 20);
  expected.block(7, 2, 25, 9) = referenceProduct(Matrix::Zero(25, 9), big.block(3, 4, 25, 20),
                                                 B.leftCols(9), false);
  EXPECT_EQ(out, expected);
}

TEST(TiledProduct, RefusesWhatDoesNotFit) {
  TiledProduct product;
  product.reserve(4, 3);
  EXPECT_THROW(product.pack(Matrix::Zero(4, 4), false), std::invalid_argument);
  product.pack(Matrix::Zero(4, 3), false);
  Matrix C(4, 2);
  EXPECT_THROW(product.addProduct(C, Matrix::Zero(2, 2)), std::invalid_argument);
  OuterProductSum sum;
  sum.reserve(4, 10);
  Matrix D(5, 4);
  EXPECT_THROW(sum.add(D, Matrix::Zero(5, 3), Matrix::Zero(3, 3)), std::invalid_argument);
  EXPECT_THROW(sum.add(D, Matrix::Zero(5, 11), Matrix::Zero(4, 11)), std::invalid_argument);
  Matrix E(5, 9);
  EXPECT_THROW(sum.add(E, Matrix::Zero(5, 10), Matrix::Zero(9, 10)), std::invalid_argument);
}
