#include "rnnlab/packed_product.h"

#include <algorithm>
#include <stdexcept>

namespace rnnlab {

namespace {

namespace ei = Eigen::internal;
using Traits = ei::gebp_traits<double, double>;
using ColMapper = ei::const_blas_data_mapper<double, Index, Eigen::ColMajor>;
using RowMapper = ei::const_blas_data_mapper<double, Index, Eigen::RowMajor>;
using ResMapper = ei::blas_data_mapper<double, Index, Eigen::ColMajor, Eigen::Unaligned, 1>;

// What Eigen's dense product does with these sizes (GeneralProduct / GeneralMatrixMatrix):
// below this sum of sizes it multiplies coefficient by coefficient.
constexpr Index kCoefficientBasedBelow = EIGEN_GEMM_TO_COEFFBASED_THRESHOLD;

}  // namespace

void PackedProduct::reserve(Index rows, Index depth, Index maxCols) {
  m_lhs.resize(rows * depth);
  m_rhs.resize(depth * maxCols);
  m_mc = 0;
  m_data = nullptr;
}

void PackedProduct::blocking(Index cols, Index& mc, Index& nc) const {
  // gemm_blocking_space for a column-major result, as Eigen's product computes it each call.
  Index kc = m_depth;
  mc = m_rows;
  nc = cols;
  ei::computeProductBlockingSizes<double, double, 1>(kc, mc, nc, Index{1});
  if (kc < m_depth) {
    mc = 0;  // W in several depth blocks: not handled here
  }
}

void PackedProduct::pack(Eigen::Ref<const Matrix> W, bool transposed) {
  m_data = W.data();
  m_stride = W.outerStride();
  m_transposed = transposed;
  m_rows = transposed ? W.cols() : W.rows();
  m_depth = transposed ? W.rows() : W.cols();
  m_mc = 0;
  if (m_rows <= 1 || m_depth == 0 || m_rows * m_depth > m_lhs.size()) {
    return;
  }
  // Eigen's row blocking depends on the number of columns too; packing is done for the widest
  // product, and a narrower one whose blocking differs falls back.
  Index nc = 0;
  blocking(m_rhs.size() / m_depth, m_mc, nc);
  for (Index i = 0; i < m_rows && m_mc > 0; i += m_mc) {
    const Index rows = std::min(m_mc, m_rows - i);
    double* out = m_lhs.data() + i * m_depth;
    if (transposed) {
      ei::gemm_pack_lhs<double, Index, RowMapper, Traits::mr, Traits::LhsProgress,
                        Traits::LhsPacket4Packing, Eigen::RowMajor>
          packLhs;
      packLhs(out, RowMapper(m_data, m_stride).getSubMapper(i, 0), m_depth, rows);
    } else {
      ei::gemm_pack_lhs<double, Index, ColMapper, Traits::mr, Traits::LhsProgress,
                        Traits::LhsPacket4Packing, Eigen::ColMajor>
          packLhs;
      packLhs(out, ColMapper(m_data, m_stride).getSubMapper(i, 0), m_depth, rows);
    }
  }
}

bool PackedProduct::usesPacked(Index cols) const {
  const bool eigenGemm =
      cols > 1 && m_rows > 1 && m_depth + m_rows + cols >= kCoefficientBasedBelow;
  if (!eigenGemm || m_mc == 0 || m_depth * cols > m_rhs.size()) {
    return false;
  }
  Index mc = 0;
  Index nc = 0;
  blocking(cols, mc, nc);
  // Several column chunks: each must start on a 4-column panel, as Eigen's own chunks do.
  return mc == m_mc && (nc >= cols || nc % Traits::nr == 0);
}

void PackedProduct::addProduct(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B) {
  if (m_data == nullptr || C.rows() != m_rows || B.rows() != m_depth || C.cols() != B.cols()) {
    throw std::invalid_argument("PackedProduct: the product's sizes do not match W");
  }
  const Index cols = C.cols();
  if (cols == 0 || m_depth == 0) {
    return;
  }
  if (!usesPacked(cols)) {
    const ConstMap W(m_data, m_transposed ? m_depth : m_rows, m_transposed ? m_rows : m_depth,
                     Eigen::OuterStride<>(m_stride));
    if (m_transposed) {
      C.noalias() += W.transpose() * B;
    } else {
      C.noalias() += W * B;
    }
    return;
  }
  // B packed whole: Eigen packs it per nc-wide chunk, and a chunk of a multiple of nr columns
  // packs to the same numbers as that part of the whole.
  ei::gemm_pack_rhs<double, Index, ColMapper, Traits::nr, Eigen::ColMajor> packRhs;
  packRhs(m_rhs.data(), ColMapper(B.data(), B.outerStride()), m_depth, cols);
  Index mc = 0;
  Index nc = 0;
  blocking(cols, mc, nc);
  ei::gebp_kernel<double, double, Index, ResMapper, Traits::mr, Traits::nr, false, false> gebp;
  const ResMapper result(C.data(), C.outerStride());
  for (Index i = 0; i < m_rows; i += mc) {
    const Index rows = std::min(mc, m_rows - i);
    for (Index j = 0; j < cols; j += nc) {
      gebp(result.getSubMapper(i, j), m_lhs.data() + i * m_depth, m_rhs.data() + j * m_depth,
           rows, m_depth, std::min(nc, cols - j), 1.0);
    }
  }
}

}  // namespace rnnlab
