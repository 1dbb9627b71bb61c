#pragma once

// C += W·B and C += Wᵀ·B for one W and many B: the recurrent products of a minibatch, one per
// time step. Eigen's product packs W into its kernel's layout on every call (~6% of a minibatch
// at H = 128); this packs it once per pass and calls the same kernel with the same blocking, so
// every sum is taken in the same order and the results are bit for bit Eigen's. Where Eigen
// would split W into blocks, or take the product coefficient by coefficient or as a
// matrix-vector product, it simply calls Eigen's product.
//
// Built on Eigen 3.4's GEMM internals (gemm_pack_lhs, gemm_pack_rhs, gebp_kernel); the
// batched-against-per-sequence tests (1e-12) and the bit-identity test guard a version change.

#include <Eigen/Core>

#include "rnnlab/types.h"

namespace rnnlab {

class PackedProduct {
 public:
  // Room for W up to rows×depth (as used, after any transpose) and B up to depth×maxCols.
  // Allocates; the calls below do not.
  void reserve(Index rows, Index depth, Index maxCols);

  // Packs W, or Wᵀ when `transposed`. W must outlive the products (the fallback reads it).
  void pack(Eigen::Ref<const Matrix> W, bool transposed);

  // C += W·B (or Wᵀ·B). C is rows×cols, B is depth×cols, both column-major with unit inner
  // stride (blocks of a Matrix).
  void addProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B);

  // Whether a product of `cols` columns runs on the packed W (otherwise Eigen's product runs).
  bool usesPacked(Index cols) const;

  // C = W·B.
  void setProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B) {
    C.setZero();
    addProduct(C, B);
  }

 private:
  using ConstMap = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;
  // Eigen's row and column block sizes for a product of `cols` columns; mc = 0 when it would
  // also split the summed dimension.
  void blocking(Index cols, Index& mc, Index& nc) const;

  Vector m_lhs;  // W in gebp's layout
  Vector m_rhs;  // each B in gebp's layout
  const double* m_data = nullptr;
  Index m_stride = 0;
  Index m_rows = 0;   // of the product (W's rows, or its columns when transposed)
  Index m_depth = 0;  // the summed dimension
  Index m_mc = 0;     // the row blocks W was packed in; 0: not packed, Eigen's product is used
  bool m_transposed = false;
};

}  // namespace rnnlab
