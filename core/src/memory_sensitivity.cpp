#include "rnnlab/memory_sensitivity.h"

#include <Eigen/SVD>
#include <cstdlib>
#include <vector>

namespace rnnlab {
namespace {

// The largest singular value: the most a step can stretch a change of its input state.
double spectralNorm(const Matrix& m) {
  if (m.size() == 0) {
    return 0.0;
  }
  if (m.rows() <= 16 && m.cols() <= 16) {
    return Eigen::JacobiSVD<Matrix>(m).singularValues()(0);
  }
  return Eigen::BDCSVD<Matrix>(m).singularValues()(0);
}

// Rows `gate` of a G·H-row matrix.
auto gateRows(const Matrix& m, Index gate, Index H) { return m.middleRows(gate * H, H); }

// The column of pass.hidden (and cellState) that step `step` (position step + 1) read: h_{t−1}
// for a forward cell, h_{t+1} for a reverse one, which reads the sequence from its end (column
// 0, the initial state, at the first step each reads).
Index previousColumn(const ForwardPass& pass, const ModelConfig& config, Index step) {
  if (pass.shownDirection(config) == 0) {
    return step;
  }
  return step + 1 < pass.steps() ? step + 2 : 0;
}

Vector logisticSlope(const Vector& s) { return s.array() * (1.0 - s.array()); }
Vector tanhSlope(const Vector& t) { return 1.0 - t.array().square(); }

}  // namespace

Index stateSize(CellKind cell, Index hiddenSize) {
  return cell == CellKind::Lstm ? 2 * hiddenSize : hiddenSize;
}

// rnn:  h_t = tanh(a_t): ∂h/∂h = diag(1 − h_t²)·Whh, ∂h/∂x = diag(1 − h_t²)·Wxh.
// lstm: c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ tanh(c_t), with di = i(1−i)·(W_i· d·) etc.:
//   ∂c/∂v = diag(c_{t-1} f(1−f))·W_f + diag(g i(1−i))·W_i + diag(i (1−g²))·W_g   (W of v)
//   ∂h/∂v = diag(tanh(c_t) o(1−o))·W_o + diag(o (1−tanh²c_t))·∂c/∂v
//   ∂c/∂c_{t-1} = diag(f),  ∂h/∂c_{t-1} = diag(o (1−tanh²c_t) f)
// gru:  h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}, n = tanh(n̂), n̂ = W_in·x + b_in + r ⊙ m_t:
//   ∂n̂/∂h = diag(m_t r(1−r))·W_hr + diag(r)·W_hn,  ∂n̂/∂x = diag(m_t r(1−r))·W_ir + W_in
//   ∂h/∂v = diag((1−z)(1−n²))·∂n̂/∂v + diag((h_{t-1} − n) z(1−z))·W_z (+ diag(z) for v = h)
void stepJacobians(const Model& model, const ForwardPass& pass, Index step, Matrix& stateJacobian,
                   Matrix& inputJacobian) {
  const CellKind cell = model.config.cell;
  const Index H = pass.hiddenSize();
  const int layer = pass.shownLayer(model.config);
  const int direction = pass.shownDirection(model.config);
  const Parameters& p = model.params;
  const Matrix& Wh = p.block(p.cellBlockIndex(layer, direction, CellBlock::RecurrentWeights));
  const Matrix& Wx = p.block(p.cellBlockIndex(layer, direction, CellBlock::InputWeights));
  const Index previous = previousColumn(pass, model.config, step);
  if (cell == CellKind::Rnn) {
    const Vector slope = tanhSlope(pass.hidden.col(step + 1));
    stateJacobian = slope.asDiagonal() * Wh;
    inputJacobian = slope.asDiagonal() * Wx;
    return;
  }
  const auto gate = [&](Index g) -> Vector { return pass.gate(g).col(step); };
  if (cell == CellKind::Lstm) {
    const Vector i = gate(0), f = gate(1), g = gate(2), o = gate(3);
    const Vector cPrev = pass.cellState.col(previous);
    const Vector tc = pass.cellTanh.col(step);
    const Vector fScale = cPrev.array() * logisticSlope(f).array();
    const Vector iScale = g.array() * logisticSlope(i).array();
    const Vector gScale = i.array() * tanhSlope(g).array();
    const Vector oScale = tc.array() * logisticSlope(o).array();
    const Vector throughC = o.array() * tanhSlope(tc).array();
    const auto linear = [&](const Matrix& W, Matrix& dc, Matrix& dh) {
      dc = fScale.asDiagonal() * gateRows(W, 1, H) + iScale.asDiagonal() * gateRows(W, 0, H) +
           gScale.asDiagonal() * gateRows(W, 2, H);
      dh = oScale.asDiagonal() * gateRows(W, 3, H) + throughC.asDiagonal() * dc;
    };
    Matrix dc;
    Matrix dh;
    stateJacobian.setZero(2 * H, 2 * H);
    linear(Wh, dc, dh);
    stateJacobian.topLeftCorner(H, H) = dh;
    stateJacobian.bottomLeftCorner(H, H) = dc;
    stateJacobian.topRightCorner(H, H).diagonal() = throughC.array() * f.array();
    stateJacobian.bottomRightCorner(H, H).diagonal() = f;
    linear(Wx, dc, dh);
    inputJacobian.resize(2 * H, Wx.cols());
    inputJacobian.topRows(H) = dh;
    inputJacobian.bottomRows(H) = dc;
    return;
  }
  const Vector r = gate(0), z = gate(1), n = gate(2);
  const Vector hPrev = pass.hidden.col(previous);
  const Vector m = pass.candidateHidden.col(step);
  const Vector rScale = m.array() * logisticSlope(r).array();
  const Vector nScale = (1.0 - z.array()) * tanhSlope(n).array();
  const Vector zScale = (hPrev - n).array() * logisticSlope(z).array();
  stateJacobian = nScale.asDiagonal() * (rScale.asDiagonal() * gateRows(Wh, 0, H) +
                                         r.asDiagonal() * gateRows(Wh, 2, H)) +
                  zScale.asDiagonal() * gateRows(Wh, 1, H);
  stateJacobian.diagonal() += z;
  inputJacobian =
      nScale.asDiagonal() * (rScale.asDiagonal() * gateRows(Wx, 0, H) + gateRows(Wx, 2, H)) +
      zScale.asDiagonal() * gateRows(Wx, 1, H);
}

RecurrentJacobianNorms recurrentJacobianNorms(const Model& model, const ForwardPass& pass) {
  const Index T = pass.steps();
  const Index H = pass.hiddenSize();
  const Index S = stateSize(model.config.cell, H);
  RecurrentJacobianNorms out;
  out.stepNorms.resize(T);
  out.productNorms.resize(T);
  Matrix A;
  Matrix B;
  Matrix product = Matrix::Identity(S, S);
  // A reverse cell steps from position T down to 1: its product grows in that order.
  const bool reverse = pass.shownDirection(model.config) == 1;
  for (Index s = 0; s < T; ++s) {
    const Index t = reverse ? T - 1 - s : s;
    stepJacobians(model, pass, t, A, B);
    out.stepNorms(t) = spectralNorm(A.topLeftCorner(H, H));
    product = A * product;
    out.productNorms(t) = spectralNorm(product);
  }
  return out;
}

double sensitivityWork(const ModelConfig& config, Index steps) {
  const double S = static_cast<double>(stateSize(config.cell, config.hiddenSize));
  const double T = static_cast<double>(steps);
  // Per pair (t, k) and cell: one O×S by S×S product and one O×S by S×I_k; plus building T
  // Jacobians per cell. One direction: a cell carries output t back to steps k ≤ t only.
  const double pairs = config.bidirectional ? T * T : 0.5 * T * (T + 1);
  double work = 0.0;
  for (int layer = 0; layer < config.layers; ++layer) {
    const double inputs = layer == 0 ? config.inputSize : config.topSize();
    work +=
        config.directions() * (pairs * config.outputSize * S * (S + inputs) +
                               T * S * S * (config.hiddenSize + inputs) * gateCount(config.cell));
  }
  return work;
}

namespace {

// A_t = ∂s_t/∂s_prev and B_t = ∂s_t/∂x_t of every step of one cell, in position order.
struct CellJacobians {
  std::vector<Matrix> A;
  std::vector<Matrix> B;
};

CellJacobians cellJacobians(const Model& model, const ForwardPass& pass) {
  const auto T = static_cast<std::size_t>(pass.steps());
  CellJacobians out{std::vector<Matrix>(T), std::vector<Matrix>(T)};
  for (std::size_t t = 0; t < T; ++t) {
    stepJacobians(model, pass, static_cast<Index>(t), out.A[t], out.B[t]);
  }
  return out;
}

}  // namespace

// Reverse mode: for each output step t, G = ∂y_t/∂o_t = Why (o_t: the top layer's output) is
// carried down the stack. Through each cell it goes back along the cell's own order of steps
// (a forward cell towards k = 1, a reverse one towards k = T): at step k the cell's share of the
// adjoint of its layer's output joins the carried ∂y_t/∂s_k, which gives ∂y_t/∂(layer input at
// k) = ·B_k and moves on as ·A_k. The inputs' adjoints of both directions summed are the adjoint
// of the layer below's output; at layer 0 they are ∂y_t/∂x_k.
Matrix memorySensitivity(const Model& model, const ForwardPass& pass,
                         const std::function<bool()>& cancelled) {
  const Index T = pass.steps();
  if (T == 0 || T > MaxSensitivitySteps || sensitivityWork(model.config, T) > MaxSensitivityWork) {
    return {};
  }
  const ModelConfig& config = model.config;
  const int layers = pass.stack ? config.layers : 1;
  const int directions = pass.stack ? config.directions() : 1;
  const Index H = pass.hiddenSize();
  const Index S = stateSize(config.cell, H);
  std::vector<CellJacobians> cells;
  for (int layer = 0; layer < layers; ++layer) {
    for (int direction = 0; direction < directions; ++direction) {
      if (!pass.stack) {
        cells.push_back(cellJacobians(model, pass));
        continue;
      }
      ForwardPass shown = pass;
      viewCell(shown, layer, direction);
      cells.push_back(cellJacobians(model, shown));
    }
  }
  const Matrix& Why = model.params.Why();
  const Index O = Why.rows();
  const auto steps = static_cast<std::size_t>(T);
  Matrix out = Matrix::Zero(T, T);
  std::vector<Matrix> adjoint(steps);  // ∂y_t/∂(the current layer's output at k)
  std::vector<Matrix> below(steps);    // ∂y_t/∂(its input at k)
  Matrix G(O, S);
  Matrix next;
  for (Index t = 0; t < T; ++t) {
    if (cancelled && cancelled()) {
      return {};
    }
    // Only positions lo … hi of the adjoint can be non-zero.
    Index lo = t;
    Index hi = t;
    adjoint[static_cast<std::size_t>(t)] = Why;
    for (int layer = layers - 1; layer >= 0; --layer) {
      const Index inputs = cells[static_cast<std::size_t>(layer * directions)].B[0].cols();
      for (auto& m : below) {
        m.setZero(O, inputs);
      }
      Index belowLo = lo;
      Index belowHi = hi;
      for (int direction = 0; direction < directions; ++direction) {
        const CellJacobians& J = cells[static_cast<std::size_t>(layer * directions + direction)];
        const bool reverse = direction == 1;
        G.setZero();
        // A forward cell carries the adjoint from hi down to step 0, a reverse one from lo up.
        const Index first = reverse ? lo : hi;
        const Index last = reverse ? T - 1 : 0;
        const Index stride = reverse ? 1 : -1;
        for (Index k = first;; k += stride) {
          const auto ks = static_cast<std::size_t>(k);
          if (k >= lo && k <= hi) {
            G.leftCols(H) += adjoint[ks].middleCols(direction * H, H);
          }
          below[ks].noalias() += G * J.B[ks];
          if (k == last) {
            break;
          }
          next.noalias() = G * J.A[ks];
          G.swap(next);
        }
        (reverse ? belowHi : belowLo) = last;
      }
      adjoint.swap(below);
      lo = belowLo;
      hi = belowHi;
    }
    for (Index k = lo; k <= hi; ++k) {
      out(t, k) = adjoint[static_cast<std::size_t>(k)].norm();
    }
  }
  return out;
}

Index sensitivityHorizon(const Matrix& sensitivity, double share) {
  const Index T = sensitivity.rows();
  Vector byLag = Vector::Zero(T);
  for (Index t = 0; t < T; ++t) {
    for (Index k = 0; k < T && k < sensitivity.cols(); ++k) {
      byLag(std::abs(t - k)) += sensitivity(t, k);
    }
  }
  const double total = byLag.sum();
  if (!(total > 0.0)) {
    return 0;
  }
  double running = 0.0;
  for (Index lag = 0; lag < T; ++lag) {
    running += byLag(lag);
    if (running >= share * total) {
      return lag + 1;
    }
  }
  return T;
}

}  // namespace rnnlab
