#pragma once

// An independent, deliberately naive implementation of the spec's forward pass, loss and BPTT:
// plain loops over std::vector, no Eigen expressions, written straight from
// shared/spec/rnn-math.md. Tests compare the core against it element by element.

#include <algorithm>
#include <cmath>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"

namespace reference {

using Mat = std::vector<std::vector<double>>;
using Vec = std::vector<double>;

inline Mat toMat(const rnnlab::Matrix& m) {
  Mat out(m.rows(), Vec(m.cols()));
  for (int r = 0; r < m.rows(); ++r) {
    for (int c = 0; c < m.cols(); ++c) {
      out[r][c] = m(r, c);
    }
  }
  return out;
}

inline Vec toVec(const rnnlab::Vector& v) { return Vec(v.data(), v.data() + v.size()); }

struct Result {
  double loss = 0.0;
  Mat outputs;  // T×O
  Mat hidden;   // T×H (h_1..h_T)
  Mat dWxh, dWhh, dWhy;
  Vec dbh, dby;
};

inline Result run(const rnnlab::Model& model, const rnnlab::SequenceData& data) {
  const int I = model.config.inputSize, H = model.config.hiddenSize, O = model.config.outputSize;
  const int T = static_cast<int>(data.inputs.rows());
  const bool last = model.config.outputMode == rnnlab::OutputMode::Last;
  const bool ce = model.config.loss == rnnlab::LossKind::CrossEntropy;
  const Mat Wxh = toMat(model.params.Wxh()), Whh = toMat(model.params.Whh()),
            Why = toMat(model.params.Why());
  const Vec bh = toVec(model.params.bh()), by = toVec(model.params.by());
  const Mat X = toMat(data.inputs), D = toMat(data.targets);

  Result r;
  Mat h(T + 1, Vec(H, 0.0));
  for (int j = 0; j < H; ++j) {
    h[0][j] = model.h0(j);
  }
  r.outputs.assign(T, Vec(O, 0.0));
  Mat dy(T, Vec(O, 0.0));
  for (int t = 1; t <= T; ++t) {
    for (int j = 0; j < H; ++j) {
      double a = bh[j];
      for (int i = 0; i < I; ++i) {
        a += Wxh[j][i] * X[t - 1][i];
      }
      for (int k = 0; k < H; ++k) {
        a += Whh[j][k] * h[t - 1][k];
      }
      h[t][j] = std::tanh(a);
    }
    for (int o = 0; o < O; ++o) {
      double y = by[o];
      for (int j = 0; j < H; ++j) {
        y += Why[o][j] * h[t][j];
      }
      r.outputs[t - 1][o] = y;
    }
    const bool hasTarget = !last || t == T;
    if (!hasTarget) {
      continue;
    }
    const Vec& d = last ? D[0] : D[t - 1];
    const Vec& y = r.outputs[t - 1];
    if (!ce) {
      for (int o = 0; o < O; ++o) {
        r.loss += 0.5 * (y[o] - d[o]) * (y[o] - d[o]);
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
        r.loss -= d[o] * logp;
        dy[t - 1][o] = std::exp(logp) * mass - d[o];
      }
    }
  }
  r.hidden.assign(h.begin() + 1, h.end());

  r.dWxh.assign(H, Vec(I, 0.0));
  r.dWhh.assign(H, Vec(H, 0.0));
  r.dWhy.assign(O, Vec(H, 0.0));
  r.dbh.assign(H, 0.0);
  r.dby.assign(O, 0.0);
  Vec dnext(H, 0.0);
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
      dh[j] += dnext[j];
    }
    Vec da(H);
    for (int j = 0; j < H; ++j) {
      da[j] = (1.0 - h[t][j] * h[t][j]) * dh[j];
    }
    for (int j = 0; j < H; ++j) {
      r.dbh[j] += da[j];
      for (int i = 0; i < I; ++i) {
        r.dWxh[j][i] += da[j] * X[t - 1][i];
      }
      for (int k = 0; k < H; ++k) {
        r.dWhh[j][k] += da[j] * h[t - 1][k];
      }
    }
    for (int k = 0; k < H; ++k) {
      dnext[k] = 0.0;
      for (int j = 0; j < H; ++j) {
        dnext[k] += Whh[j][k] * da[j];
      }
    }
  }
  return r;
}

}  // namespace reference
