#pragma once

// An independent, deliberately naive implementation of the LSTM and GRU cells of spec v2 §1
// (PyTorch's nn.LSTM / nn.GRU), their loss and BPTT: plain loops over std::vector, one scalar at
// a time, written straight from the spec's equations and the chain rule. Tests compare the core
// against it element by element.

#include <algorithm>
#include <cmath>
#include <vector>

#include "reference_rnn.h"
#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

namespace reference {

struct GatedResult {
  double loss = 0.0;
  Mat outputs;  // T×O
  Mat hidden;   // T×H (h_1..h_T)
  Mat gates;    // T×(G·H), activated gates, PyTorch's order
  Mat cell;     // T×H, c_1..c_T (lstm)
  Mat dWih, dWhh, dWhy;
  Vec dbih, dbhh, dby;
};

inline double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// δy_t and the loss of the outputs (T×O) against the data, as the spec defines them.
inline double lossAndOutputGrad(const rnnlab::Model& model, const Mat& outputs, const Mat& D,
                                Mat& dy) {
  const int T = static_cast<int>(outputs.size());
  const int O = model.config.outputSize;
  const bool last = model.config.outputMode == rnnlab::OutputMode::Last;
  const bool ce = model.config.loss == rnnlab::LossKind::CrossEntropy;
  double loss = 0.0;
  dy.assign(T, Vec(O, 0.0));
  for (int t = 1; t <= T; ++t) {
    if (last && t != T) {
      continue;
    }
    const Vec& d = last ? D[0] : D[t - 1];
    const Vec& y = outputs[t - 1];
    if (!ce) {
      for (int o = 0; o < O; ++o) {
        loss += 0.5 * (y[o] - d[o]) * (y[o] - d[o]);
        dy[t - 1][o] = y[o] - d[o];
      }
    } else {
      const double m = *std::max_element(y.begin(), y.end());
      double z = 0.0;
      for (int o = 0; o < O; ++o) {
        z += std::exp(y[o] - m);
      }
      double mass = 0.0;
      for (int o = 0; o < O; ++o) {
        mass += d[o];
      }
      for (int o = 0; o < O; ++o) {
        const double logp = y[o] - m - std::log(z);
        loss -= d[o] * logp;
        dy[t - 1][o] = std::exp(logp) * mass - d[o];
      }
    }
  }
  return loss;
}

inline GatedResult runGated(const rnnlab::Model& model, const rnnlab::SequenceData& data) {
  const int I = model.config.inputSize, H = model.config.hiddenSize, O = model.config.outputSize;
  const int T = static_cast<int>(data.inputs.rows());
  const bool lstm = model.config.cell == rnnlab::CellKind::Lstm;
  const int G = lstm ? 4 : 3;
  const rnnlab::Parameters& p = model.params;
  const Mat Wih = toMat(p.block(0)), Whh = toMat(p.block(1)), Why = toMat(p.block(4));
  const Vec bih = toVec(p.block(2).col(0)), bhh = toVec(p.block(3).col(0)),
            by = toVec(p.block(5).col(0));
  const Mat X = toMat(data.inputs), D = toMat(data.targets);

  GatedResult r;
  Mat h(T + 1, Vec(H, 0.0)), c(T + 1, Vec(H, 0.0));
  for (int j = 0; j < H; ++j) {
    h[0][j] = model.h0(j);
  }
  if (lstm && model.c0.size() == H) {
    for (int j = 0; j < H; ++j) {
      c[0][j] = model.c0(j);
    }
  }
  // Per step: the input-side and hidden-side affine parts of each gate row, and the gates.
  Mat xs(T + 1, Vec(G * H)), hs(T + 1, Vec(G * H)), gate(T + 1, Vec(G * H));
  r.outputs.assign(T, Vec(O, 0.0));
  for (int t = 1; t <= T; ++t) {
    for (int row = 0; row < G * H; ++row) {
      double a = bih[row];
      for (int i = 0; i < I; ++i) {
        a += Wih[row][i] * X[t - 1][i];
      }
      double b = bhh[row];
      for (int k = 0; k < H; ++k) {
        b += Whh[row][k] * h[t - 1][k];
      }
      xs[t][row] = a;
      hs[t][row] = b;
    }
    for (int j = 0; j < H; ++j) {
      if (lstm) {
        const double ig = sigmoid(xs[t][j] + hs[t][j]);
        const double fg = sigmoid(xs[t][H + j] + hs[t][H + j]);
        const double gg = std::tanh(xs[t][2 * H + j] + hs[t][2 * H + j]);
        const double og = sigmoid(xs[t][3 * H + j] + hs[t][3 * H + j]);
        gate[t][j] = ig;
        gate[t][H + j] = fg;
        gate[t][2 * H + j] = gg;
        gate[t][3 * H + j] = og;
        c[t][j] = fg * c[t - 1][j] + ig * gg;
        h[t][j] = og * std::tanh(c[t][j]);
      } else {
        const double rg = sigmoid(xs[t][j] + hs[t][j]);
        const double zg = sigmoid(xs[t][H + j] + hs[t][H + j]);
        const double ng = std::tanh(xs[t][2 * H + j] + rg * hs[t][2 * H + j]);
        gate[t][j] = rg;
        gate[t][H + j] = zg;
        gate[t][2 * H + j] = ng;
        h[t][j] = (1.0 - zg) * ng + zg * h[t - 1][j];
      }
    }
    for (int o = 0; o < O; ++o) {
      double y = by[o];
      for (int j = 0; j < H; ++j) {
        y += Why[o][j] * h[t][j];
      }
      r.outputs[t - 1][o] = y;
    }
  }
  Mat dy;
  r.loss = lossAndOutputGrad(model, r.outputs, D, dy);
  r.hidden.assign(h.begin() + 1, h.end());
  r.gates.assign(gate.begin() + 1, gate.end());
  r.cell.assign(c.begin() + 1, c.end());

  r.dWih.assign(G * H, Vec(I, 0.0));
  r.dWhh.assign(G * H, Vec(H, 0.0));
  r.dWhy.assign(O, Vec(H, 0.0));
  r.dbih.assign(G * H, 0.0);
  r.dbhh.assign(G * H, 0.0);
  r.dby.assign(O, 0.0);
  Vec dhNext(H, 0.0), dcNext(H, 0.0);  // ∂L/∂h_t and ∂L/∂c_t through step t+1
  for (int t = T; t >= 1; --t) {
    Vec dh(H, 0.0);
    for (int o = 0; o < O; ++o) {
      r.dby[o] += dy[t - 1][o];
      for (int j = 0; j < H; ++j) {
        r.dWhy[o][j] += dy[t - 1][o] * h[t][j];
      }
    }
    for (int j = 0; j < H; ++j) {
      for (int o = 0; o < O; ++o) {
        dh[j] += Why[o][j] * dy[t - 1][o];
      }
      dh[j] += dhNext[j];
    }
    // Deltas of the input-side (dx) and hidden-side (dhs) affine parts of every gate row.
    Vec dx(G * H, 0.0), dhs(G * H, 0.0);
    Vec dhPrev(H, 0.0), dcPrev(H, 0.0);
    for (int j = 0; j < H; ++j) {
      if (lstm) {
        const double ig = gate[t][j], fg = gate[t][H + j], gg = gate[t][2 * H + j],
                     og = gate[t][3 * H + j];
        const double tc = std::tanh(c[t][j]);
        const double dc = dh[j] * og * (1.0 - tc * tc) + dcNext[j];
        const double dOg = dh[j] * tc;
        const double dIg = dc * gg, dFg = dc * c[t - 1][j], dGg = dc * ig;
        dx[j] = dIg * ig * (1.0 - ig);
        dx[H + j] = dFg * fg * (1.0 - fg);
        dx[2 * H + j] = dGg * (1.0 - gg * gg);
        dx[3 * H + j] = dOg * og * (1.0 - og);
        for (int k = 0; k < G; ++k) {
          dhs[k * H + j] = dx[k * H + j];
        }
        dcPrev[j] = dc * fg;
      } else {
        const double rg = gate[t][j], zg = gate[t][H + j], ng = gate[t][2 * H + j];
        const double dNg = dh[j] * (1.0 - zg);
        const double dZg = dh[j] * (h[t - 1][j] - ng);
        dhPrev[j] += dh[j] * zg;
        const double dnPre = dNg * (1.0 - ng * ng);
        const double dRg = dnPre * hs[t][2 * H + j];
        dx[j] = dRg * rg * (1.0 - rg);
        dx[H + j] = dZg * zg * (1.0 - zg);
        dx[2 * H + j] = dnPre;
        dhs[j] = dx[j];
        dhs[H + j] = dx[H + j];
        dhs[2 * H + j] = dnPre * rg;
      }
    }
    for (int row = 0; row < G * H; ++row) {
      r.dbih[row] += dx[row];
      r.dbhh[row] += dhs[row];
      for (int i = 0; i < I; ++i) {
        r.dWih[row][i] += dx[row] * X[t - 1][i];
      }
      for (int k = 0; k < H; ++k) {
        r.dWhh[row][k] += dhs[row] * h[t - 1][k];
      }
    }
    for (int k = 0; k < H; ++k) {
      for (int row = 0; row < G * H; ++row) {
        dhPrev[k] += Whh[row][k] * dhs[row];
      }
    }
    dhNext = dhPrev;
    dcNext = dcPrev;
  }
  return r;
}

}  // namespace reference
