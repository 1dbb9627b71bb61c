#pragma once

// The matrix products of a stacked pass (BatchPass with L·D > 1) on RNN Lab's own register-tiled
// kernel. Eigen 3.4's product kernel (a 24×4 tile with AVX-512) reaches about 38 GFLOP/s on the
// project's AMD EPYC, where a 24×8 tile reaches about 53 (the core's FMA peak is about 58): the
// products are three quarters of a stacked training step.
//
// A (a weight matrix, used for many products) is copied into the kernel's layout once, in panels
// of TileRows rows, k-major; B is read in place. Every element of the result is
// C(i, j) + Σ_k A(i, k)·B(k, j) with the sum taken from k = 0 upwards in one register (one FMA
// each, where the build has FMA), never split over the depth: the numbers do not depend on the
// blocking, on the other columns of the product, or on the machine's caches, only on the build's
// instruction set. They differ from Eigen's product in the last bits, so a single cell keeps
// PackedProduct (version 2's numbers bit for bit, as spec v3 requires of version-2 sessions) and
// only stacks, new in version 3, run here.
//
// reserve() sizes the buffers; the products within that capacity do not allocate.

#include <Eigen/Core>

#include "rnnlab/types.h"

namespace rnnlab {

class TiledProduct {
 public:
  // Room for A up to rows×depth (as used, after any transpose). Allocates; the calls below do
  // not.
  void reserve(Index rows, Index depth);

  // Packs W as A, or Wᵀ when `transposed`. The products read only the packed copy.
  void pack(Eigen::Ref<const Matrix> W, bool transposed);

  // C += A·B (C rows×cols, B depth×cols, any cols), and C = A·B.
  void addProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B) { product(C, B, true); }
  void setProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B) { product(C, B, false); }

 private:
  void product(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B, bool accumulate);

  Vector m_lhs;  // A in panels of TileRows rows (the last one padded with zeros to a packet)
  Index m_rows = 0;
  Index m_depth = 0;
};

// C += A·Bᵀ for A (rows×depth) and B (cols×depth): a sum of depth outer products, as the weight
// gradients Σ_t δ_t·x_tᵀ are. Same kernel and the same order of every sum as TiledProduct.
class OuterProductSum {
 public:
  // Room for B up to cols×maxDepth and a depth up to maxDepth. Allocates; add() does not.
  void reserve(Index cols, Index maxDepth);

  void add(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> A, Eigen::Ref<const Matrix> B);

 private:
  Vector m_lhs;  // one panel of A's rows
  Vector m_rhs;  // Bᵀ in panels of columns
};

}  // namespace rnnlab
