#include "rnnlab/memory_sensitivity.h"

#include <Eigen/SVD>
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
  const Matrix& Wh = model.params.Whh();
  const Matrix& Wx = model.params.Wxh();
  if (cell == CellKind::Rnn) {
    const Vector slope = tanhSlope(pass.hidden.col(step + 1));
    stateJacobian = slope.asDiagonal() * Wh;
    inputJacobian = slope.asDiagonal() * Wx;
    return;
  }
  const auto gate = [&](Index g) -> Vector { return pass.gate(g).col(step); };
  if (cell == CellKind::Lstm) {
    const Vector i = gate(0), f = gate(1), g = gate(2), o = gate(3);
    const Vector cPrev = pass.cellState.col(step);
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
  const Vector hPrev = pass.hidden.col(step);
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
  for (Index t = 0; t < T; ++t) {
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
  // Per pair (t, k): one O×S by S×S product; plus building T Jacobians.
  return 0.5 * T * (T + 1) * config.outputSize * S * (S + config.inputSize) +
         T * S * S * (config.hiddenSize + config.inputSize) * gateCount(config.cell);
}

// Reverse mode: for each output step t, G = ∂y_t/∂s_t = [Why 0] is carried back through the A's,
// and G·B_k is ∂y_t/∂x_k.
Matrix memorySensitivity(const Model& model, const ForwardPass& pass,
                         const std::function<bool()>& cancelled) {
  const Index T = pass.steps();
  if (T == 0 || T > MaxSensitivitySteps || sensitivityWork(model.config, T) > MaxSensitivityWork) {
    return {};
  }
  const Index H = pass.hiddenSize();
  const Index S = stateSize(model.config.cell, H);
  std::vector<Matrix> A(static_cast<std::size_t>(T));
  std::vector<Matrix> B(static_cast<std::size_t>(T));
  for (Index t = 0; t < T; ++t) {
    stepJacobians(model, pass, t, A[static_cast<std::size_t>(t)], B[static_cast<std::size_t>(t)]);
  }
  Matrix out = Matrix::Zero(T, T);
  Matrix G(model.params.Why().rows(), S);
  Matrix next;
  for (Index t = 0; t < T; ++t) {
    if (cancelled && cancelled()) {
      return {};
    }
    G.setZero();
    G.leftCols(H) = model.params.Why();
    for (Index k = t; k >= 0; --k) {
      const auto ks = static_cast<std::size_t>(k);
      out(t, k) = (G * B[ks]).norm();
      if (k > 0) {
        next.noalias() = G * A[ks];
        G.swap(next);
      }
    }
  }
  return out;
}

Index sensitivityHorizon(const Matrix& sensitivity, double share) {
  const Index T = sensitivity.rows();
  Vector byLag = Vector::Zero(T);
  for (Index t = 0; t < T; ++t) {
    for (Index k = 0; k <= t && k < sensitivity.cols(); ++k) {
      byLag(t - k) += sensitivity(t, k);
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
