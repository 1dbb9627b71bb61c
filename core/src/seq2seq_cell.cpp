#include "seq2seq_cell.h"

#include "cell_passes.h"

namespace rnnlab::detail {

void CellTrace::reserve(CellKind kind, Index H, Index N) {
  const Index GH = gateCount(kind) * H;
  const bool gated = kind != CellKind::Rnn;
  const bool lstm = kind == CellKind::Lstm;
  pre.resize(GH, N);
  gates.resize(gated ? GH : 0, gated ? N : 0);
  hidden.resize(H, N + 1);
  cell.resize(lstm ? H : 0, lstm ? N + 1 : 0);
  cellTanh.resize(lstm ? H : 0, lstm ? N : 0);
  candidate.resize(kind == CellKind::Gru ? H : 0, kind == CellKind::Gru ? N : 0);
}

void cellForwardStep(CellKind kind, const Parameters& p, const CellBlocks& b,
                     const Eigen::Ref<const Vector>& inputProduct, Index t, CellTrace& tr) {
  const Index H = tr.hidden.rows();
  const Matrix& Whh = p.block(b.recurrentWeights);
  const auto bih = p.vec(b.inputBias);
  const auto previous = tr.hidden.col(t);
  auto pre = tr.pre.col(t);
  switch (kind) {
    case CellKind::Rnn:
      pre = inputProduct + bih;
      pre.noalias() += Whh * previous;
      tr.hidden.col(t + 1) = pre.array().tanh().matrix();
      break;
    case CellKind::Lstm: {
      auto gate = tr.gates.col(t);
      pre = inputProduct + bih + p.vec(b.recurrentBias);
      pre.noalias() += Whh * previous;
      sigmoid(pre.head(2 * H), gate.head(2 * H));               // i, f
      fastTanh(pre.segment(2 * H, H), gate.segment(2 * H, H));  // g
      sigmoid(pre.tail(H), gate.tail(H));                       // o
      tr.cell.col(t + 1) = (gate.segment(H, H).array() * tr.cell.col(t).array() +
                            gate.head(H).array() * gate.segment(2 * H, H).array())
                               .matrix();
      fastTanh(tr.cell.col(t + 1), tr.cellTanh.col(t));
      tr.hidden.col(t + 1) = (gate.tail(H).array() * tr.cellTanh.col(t).array()).matrix();
      break;
    }
    case CellKind::Gru: {
      auto gate = tr.gates.col(t);
      auto m = tr.candidate.col(t);
      const auto bhh = p.vec(b.recurrentBias);
      pre = inputProduct + bih;
      pre.head(2 * H) += bhh.head(2 * H);
      pre.head(2 * H).noalias() += Whh.topRows(2 * H) * previous;
      m.noalias() = Whh.bottomRows(H) * previous;
      m += bhh.tail(H);
      sigmoid(pre.head(2 * H), gate.head(2 * H));  // r, z
      pre.tail(H).array() += gate.head(H).array() * m.array();
      fastTanh(pre.tail(H), gate.tail(H));  // n
      tr.hidden.col(t + 1) =
          (gate.tail(H).array() + gate.segment(H, H).array() * (previous.array() - gate.tail(H).array()))
              .matrix();
      break;
    }
  }
}

void cellBackwardStep(CellKind kind, const Parameters& p, const CellBlocks& b,
                      const CellTrace& tr, Index t, const Eigen::Ref<const Vector>& dh,
                      const Eigen::Ref<const Vector>& dcIn, Gradients& g,
                      Eigen::Ref<Vector> dPre, Eigen::Ref<Vector> dRec,
                      Eigen::Ref<Vector> dhPrev, Eigen::Ref<Vector> dcPrev) {
  const Index H = tr.hidden.rows();
  const Matrix& Whh = p.block(b.recurrentWeights);
  const auto previous = tr.hidden.col(t);
  Matrix& dWhh = g.block(b.recurrentWeights);
  auto dbih = g.vec(b.inputBias);
  switch (kind) {
    case CellKind::Rnn:
      dPre = ((1.0 - tr.hidden.col(t + 1).array().square()) * dh.array()).matrix();
      dhPrev.noalias() = Whh.transpose() * dPre;
      dWhh.noalias() += dPre * previous.transpose();
      dbih += dPre;
      break;
    case CellKind::Lstm: {
      const auto gate = tr.gates.col(t);
      const auto i = gate.head(H).array();
      const auto f = gate.segment(H, H).array();
      const auto gg = gate.segment(2 * H, H).array();
      const auto o = gate.tail(H).array();
      const auto tanhC = tr.cellTanh.col(t).array();
      // dcPrev holds ∂L/∂c_{t+1} until it becomes ∂L/∂c_t.
      dcPrev = (dcIn.array() + (1.0 - tanhC.square()) * o * dh.array()).matrix();
      const auto dc = dcPrev.array();
      dPre.head(H) = (i * (1.0 - i) * gg * dc).matrix();
      dPre.segment(H, H) = (f * (1.0 - f) * tr.cell.col(t).array() * dc).matrix();
      dPre.segment(2 * H, H) = ((1.0 - gg.square()) * i * dc).matrix();
      dPre.tail(H) = (o * (1.0 - o) * tanhC * dh.array()).matrix();
      dcPrev = (f * dcPrev.array()).matrix();
      dhPrev.noalias() = Whh.transpose() * dPre;
      dWhh.noalias() += dPre * previous.transpose();
      dbih += dPre;
      g.vec(b.recurrentBias) += dPre;
      break;
    }
    case CellKind::Gru: {
      const auto gate = tr.gates.col(t);
      const auto r = gate.head(H).array();
      const auto z = gate.segment(H, H).array();
      const auto n = gate.tail(H).array();
      dPre.tail(H) = ((1.0 - n.square()) * (1.0 - z) * dh.array()).matrix();  // δn̂
      dPre.head(H) = (r * (1.0 - r) * tr.candidate.col(t).array() * dPre.tail(H).array()).matrix();
      dPre.segment(H, H) = (z * (1.0 - z) * (previous.array() - n) * dh.array()).matrix();
      dRec.head(2 * H) = dPre.head(2 * H);
      dRec.tail(H) = (r * dPre.tail(H).array()).matrix();
      dhPrev = (z * dh.array()).matrix();
      dhPrev.noalias() += Whh.transpose() * dRec;
      dWhh.noalias() += dRec * previous.transpose();
      dbih += dPre;
      g.vec(b.recurrentBias) += dRec;
      break;
    }
  }
}

}  // namespace rnnlab::detail
