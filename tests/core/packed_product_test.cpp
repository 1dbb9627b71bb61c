// PackedProduct must give exactly what Eigen's product gives (same kernel, same blocking, same
// order of every sum), for W and Wᵀ, at the sizes where it packs and where it falls back.

#include <gtest/gtest.h>

#include "rnnlab/packed_product.h"
#include "rnnlab/rng.h"

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

// Whether Eigen's product of a rows×depth by depth×cols matrix keeps the depth in one block
// (its gemm blocking, as the product computes it on this machine).
bool eigenKeepsTheSumWhole(Index rows, Index depth, Index cols) {
  Index kc = depth;
  Index mc = rows;
  Index nc = cols;
  Eigen::internal::computeProductBlockingSizes<double, double, 1>(kc, mc, nc, Index{1});
  return kc == depth;
}

struct Shape {
  Index rows;   // of W
  Index depth;  // W's columns
};

class PackedProductTest : public ::testing::TestWithParam<Shape> {};

TEST_P(PackedProductTest, EqualsEigensProductBitForBit) {
  const Shape shape = GetParam();
  Rng rng(static_cast<std::uint64_t>(shape.rows * 1000 + shape.depth));
  const Matrix W = randomMatrix(shape.rows, shape.depth, rng);
  const Index maxCols = 64;
  for (const bool transposed : {false, true}) {
    const Index rows = transposed ? shape.depth : shape.rows;
    const Index depth = transposed ? shape.rows : shape.depth;
    PackedProduct product;
    product.reserve(rows, depth, maxCols);
    product.pack(W, transposed);
    // The full-width product of a realistic size must take the packed path, or this test
    // would only compare Eigen with itself — wherever Eigen keeps the sum whole. Whether it
    // splits it depends on the machine (its cache sizes, read at run time, and the SIMD width of
    // the build: depth 512 is whole on an AVX-512 Xeon with 2 MB of L2, split in the portable
    // build on an EPYC with 1 MB), so Eigen's own blocking says which to expect.
    if (rows >= 32 && depth >= 32 && eigenKeepsTheSumWhole(rows, depth, maxCols)) {
      EXPECT_TRUE(product.usesPacked(maxCols)) << "rows " << rows << " depth " << depth;
    }
    if (rows <= 128 && depth <= 128) {  // small enough for any cache: always packed here
      EXPECT_TRUE(eigenKeepsTheSumWhole(rows, depth, maxCols));
    }
    if (rows == 128 && depth == 128) {
      // An odd width (a data set's shrinking batch) runs packed too.
      EXPECT_TRUE(product.usesPacked(63));
    }
    // Column counts that differ in Eigen's blocking and in the kernel's 4-column panels; the
    // widths shrink within a pass as shorter sequences end.
    for (const Index cols : {Index{64}, Index{63}, Index{40}, Index{33}, Index{32}, Index{17},
                             Index{5}, Index{2}, Index{1}}) {
      // B and C are blocks of bigger matrices, as in BatchPass.
      const Matrix bigB = randomMatrix(depth, cols + 7, rng);
      const Matrix start = randomMatrix(rows, cols + 3, rng);
      Matrix expected = start;
      Matrix actual = start;
      if (transposed) {
        expected.middleCols(2, cols).noalias() += W.transpose() * bigB.middleCols(5, cols);
      } else {
        expected.middleCols(2, cols).noalias() += W * bigB.middleCols(5, cols);
      }
      product.addProduct(actual.middleCols(2, cols), bigB.middleCols(5, cols));
      ASSERT_TRUE(actual == expected) << "rows " << rows << " depth " << depth << " cols "
                                      << cols << (transposed ? " (transposed)" : "")
                                      << ", largest difference "
                                      << (actual - expected).cwiseAbs().maxCoeff();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, PackedProductTest,
                         ::testing::Values(Shape{4, 4}, Shape{8, 3}, Shape{32, 32}, Shape{64, 64},
                                           Shape{128, 128}, Shape{384, 128}, Shape{512, 128},
                                           Shape{256, 256}, Shape{100, 37}, Shape{1024, 256}));

TEST(PackedProduct, PacksAPartOfAMatrix) {
  Rng rng(3);
  const Matrix W = randomMatrix(96, 32, rng);  // a GRU's W_hh at H = 32
  const Matrix B = randomMatrix(32, 64, rng);
  PackedProduct product;
  product.reserve(64, 32, 64);
  product.pack(W.topRows(64), false);
  EXPECT_TRUE(product.usesPacked(64));  // the packed path itself, not Eigen's fallback
  Matrix expected = Matrix::Zero(64, 64);
  expected.noalias() += W.topRows(64) * B;
  Matrix actual(64, 64);
  product.setProduct(actual, B);
  EXPECT_TRUE(actual == expected);
}

TEST(PackedProduct, RefusesAProductOfOtherSizes) {
  Rng rng(4);
  const Matrix W = randomMatrix(16, 16, rng);
  PackedProduct product;
  product.reserve(16, 16, 8);
  product.pack(W, false);
  Matrix C = Matrix::Zero(16, 8);
  EXPECT_THROW(product.addProduct(C, Matrix::Zero(15, 8)), std::invalid_argument);
}

}  // namespace
