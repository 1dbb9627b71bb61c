#include "rnnlab/tiled_product.h"

#include <algorithm>
#include <stdexcept>

namespace rnnlab {

namespace {

namespace ei = Eigen::internal;
using Packet = ei::packet_traits<double>::type;
constexpr int PacketSize = ei::packet_traits<double>::size;
// The tile: TilePackets packets of rows by TileCols columns, one register each, plus the
// packets of A and one broadcast of B: 28 of AVX-512's 32 registers, 16 of AVX2's or SSE's 16.
constexpr int TilePackets = 3;
constexpr Index TileRows = TilePackets * PacketSize;
constexpr Index TileCols = EIGEN_ARCH_DEFAULT_NUMBER_OF_REGISTERS >= 32 ? 8 : 4;

Index roundUp(Index n, Index multiple) { return (n + multiple - 1) / multiple * multiple; }

// Where the kernel reads B(k, j): at b[k·stride + j] (k-major: packed, or the rows of a matrix
// whose transpose is B) or at b[j·stride + k] (B's own column-major columns).
enum class Layout { KMajor, ColumnMajor };

// C(0..rows, 0..Cols) (+)= Σ_k A(·, k)·B(k, ·). A's packets for k start at a + k·aStride;
// rows ≤ Packets·PacketSize, and A holds zeros (or anything finite) beyond `rows`.
template <int Packets, int Cols, Layout BLayout>
void tile(Index depth, const double* a, Index aStride, const double* b, Index bStride, double* c,
          Index ldc, Index rows, bool accumulate) {
  Packet sum[Packets][Cols];
#pragma GCC unroll 8
  for (int j = 0; j < Cols; ++j) {
#pragma GCC unroll 3
    for (int r = 0; r < Packets; ++r) {
      sum[r][j] = ei::pset1<Packet>(0.0);
    }
  }
  for (Index k = 0; k < depth; ++k) {
    Packet x[Packets];
#pragma GCC unroll 3
    for (int r = 0; r < Packets; ++r) {
      x[r] = ei::ploadu<Packet>(a + k * aStride + r * PacketSize);
    }
#pragma GCC unroll 8
    for (int j = 0; j < Cols; ++j) {
      const Packet y = ei::pset1<Packet>(BLayout == Layout::KMajor ? b[k * bStride + j]
                                                                    : b[j * bStride + k]);
#pragma GCC unroll 3
      for (int r = 0; r < Packets; ++r) {
        sum[r][j] = ei::pmadd(x[r], y, sum[r][j]);
      }
    }
  }
#pragma GCC unroll 8
  for (int j = 0; j < Cols; ++j) {
#pragma GCC unroll 3
    for (int r = 0; r < Packets; ++r) {
      double* out = c + j * ldc + r * PacketSize;
      const Index valid = std::min<Index>(PacketSize, rows - r * PacketSize);
      if (valid == PacketSize) {
        ei::pstoreu(out, accumulate ? ei::padd(ei::ploadu<Packet>(out), sum[r][j]) : sum[r][j]);
      } else {
        double lanes[PacketSize];
        ei::pstoreu(lanes, sum[r][j]);
        for (int q = 0; q < PacketSize; ++q) {
          if (q < valid) {
            out[q] = accumulate ? out[q] + lanes[q] : lanes[q];
          }
        }
      }
    }
  }
}

// The operands of one tile.
struct TileArgs {
  Index depth;
  const double* a;
  Index aStride;
  const double* b;
  Index bStride;
  double* c;
  Index ldc;
  Index rows;
  bool accumulate;
};

template <int Packets, int Cols, Layout BLayout>
void runTile(const TileArgs& t) {
  tile<Packets, Cols, BLayout>(t.depth, t.a, t.aStride, t.b, t.bStride, t.c, t.ldc, t.rows,
                               t.accumulate);
}

template <int Packets, Layout BLayout>
void runTileOfPackets(Index cols, const TileArgs& t) {
  switch (cols) {
    case 8:
      runTile<Packets, 8, BLayout>(t);
      break;
    case 7:
      runTile<Packets, 7, BLayout>(t);
      break;
    case 6:
      runTile<Packets, 6, BLayout>(t);
      break;
    case 5:
      runTile<Packets, 5, BLayout>(t);
      break;
    case 4:
      runTile<Packets, 4, BLayout>(t);
      break;
    case 3:
      runTile<Packets, 3, BLayout>(t);
      break;
    case 2:
      runTile<Packets, 2, BLayout>(t);
      break;
    default:
      runTile<Packets, 1, BLayout>(t);
      break;
  }
}

// One tile of t.rows ≤ TileRows rows and `cols` ≤ TileCols columns.
template <Layout BLayout>
void runTile(Index cols, const TileArgs& t) {
  switch ((t.rows + PacketSize - 1) / PacketSize) {
    case 3:
      runTileOfPackets<3, BLayout>(cols, t);
      break;
    case 2:
      runTileOfPackets<2, BLayout>(cols, t);
      break;
    default:
      runTileOfPackets<1, BLayout>(cols, t);
      break;
  }
}

// Copies lanes×depth values src[l·laneStride + k·depthStride] k-major into `out`, each k's lanes
// padded with zeros to `paddedLanes`.
void packPanel(const double* src, Index laneStride, Index depthStride, Index lanes, Index depth,
               Index paddedLanes, double* out) {
  for (Index k = 0; k < depth; ++k) {
    const double* from = src + k * depthStride;
    if (laneStride == 1) {
      for (Index l = 0; l < lanes; ++l) {  // a few values: inline, not a call to memmove
        out[l] = from[l];
      }
    } else {
      for (Index l = 0; l < lanes; ++l) {
        out[l] = from[l * laneStride];
      }
    }
    std::fill(out + lanes, out + paddedLanes, 0.0);
    out += paddedLanes;
  }
}

// The rows of A's panel that starts at row i, padded to whole packets.
Index paddedPanelRows(Index rows, Index i) {
  return roundUp(std::min(TileRows, rows - i), PacketSize);
}

}  // namespace

void TiledProduct::reserve(Index rows, Index depth) {
  m_lhs.resize(roundUp(std::max<Index>(rows, 1), TileRows) * depth);
  m_rows = 0;
  m_depth = 0;
}

void TiledProduct::pack(Eigen::Ref<const Matrix> W, bool transposed) {
  const Index rows = transposed ? W.cols() : W.rows();
  const Index depth = transposed ? W.rows() : W.cols();
  if (roundUp(std::max<Index>(rows, 1), TileRows) * depth > m_lhs.size()) {
    throw std::invalid_argument("TiledProduct: W is larger than reserved");
  }
  m_rows = rows;
  m_depth = depth;
  // A(i, k) is W(i, k), or W(k, i) when transposed.
  const Index rowStride = transposed ? W.outerStride() : 1;
  const Index depthStride = transposed ? 1 : W.outerStride();
  for (Index i = 0; i < rows; i += TileRows) {
    packPanel(W.data() + i * rowStride, rowStride, depthStride, std::min(TileRows, rows - i), depth,
              paddedPanelRows(rows, i), m_lhs.data() + i * depth);
  }
}

void TiledProduct::product(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> B, bool accumulate) {
  if (C.rows() != m_rows || B.rows() != m_depth || C.cols() != B.cols()) {
    throw std::invalid_argument("TiledProduct: the product's sizes do not match A");
  }
  // B is read in place: its TileCols columns stay in L1 while every panel of A passes by.
  for (Index j = 0; j < B.cols(); j += TileCols) {
    for (Index i = 0; i < m_rows; i += TileRows) {
      const TileArgs t{m_depth,
                       m_lhs.data() + i * m_depth,
                       paddedPanelRows(m_rows, i),
                       B.data() + j * B.outerStride(),
                       B.outerStride(),
                       C.data() + j * C.outerStride() + i,
                       C.outerStride(),
                       std::min(TileRows, m_rows - i),
                       accumulate};
      runTile<Layout::ColumnMajor>(std::min(TileCols, B.cols() - j), t);
    }
  }
}

void OuterProductSum::reserve(Index cols, Index maxDepth) {
  m_lhs.resize(TileRows * maxDepth);
  m_rhs.resize(roundUp(std::max<Index>(cols, 1), TileCols) * maxDepth);
}

void OuterProductSum::add(Eigen::Ref<Matrix> C, Eigen::Ref<const Matrix> A,
                          Eigen::Ref<const Matrix> B) {
  const Index rows = A.rows();
  const Index cols = B.rows();
  const Index depth = A.cols();
  if (C.rows() != rows || C.cols() != cols || B.cols() != depth ||
      TileRows * depth > m_lhs.size() || roundUp(cols, TileCols) * depth > m_rhs.size()) {
    throw std::invalid_argument("OuterProductSum: the sizes do not match or exceed the reserve");
  }
  // Both operands are copied into k-major panels: read in place, each k's values of A and B lie
  // a column apart (kilobytes), and the kernel ran about a fifth slower.
  for (Index j = 0; j < cols; j += TileCols) {
    const Index width = std::min(TileCols, cols - j);
    packPanel(B.data() + j, 1, B.outerStride(), width, depth, width, m_rhs.data() + j * depth);
  }
  for (Index i = 0; i < rows; i += TileRows) {
    const Index panelRows = std::min(TileRows, rows - i);
    const Index padded = paddedPanelRows(rows, i);
    packPanel(A.data() + i, 1, A.outerStride(), panelRows, depth, padded, m_lhs.data());
    for (Index j = 0; j < cols; j += TileCols) {
      const Index width = std::min(TileCols, cols - j);
      const TileArgs t{depth,          m_lhs.data(),
                       padded,         m_rhs.data() + j * depth,
                       width,          C.data() + j * C.outerStride() + i,
                       C.outerStride(), panelRows,
                       true};
      runTile<Layout::KMajor>(width, t);
    }
  }
}

}  // namespace rnnlab
