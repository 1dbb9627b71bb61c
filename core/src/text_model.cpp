#include "rnnlab/text_model.h"

#include <algorithm>
#include <cmath>

#include "cell_step.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/rng.h"

namespace rnnlab {

Vector initialCellState(const Model& model) {
  if (model.config.cell != CellKind::Lstm) {
    return Vector();
  }
  const Index states = static_cast<Index>(model.config.cellCount()) * model.config.hiddenSize;
  return model.c0.size() == states ? model.c0 : Vector::Zero(states);
}

namespace {

// A stack reads the text as one stream through the batched pass, its states carried across
// chunks (no dropout).
double stackedValidationLoss(const Model& model, std::span<const int> indices,
                             int sequenceLength) {
  const auto predicted = static_cast<long>(indices.size()) - 1;
  BatchPass pass;
  Vector h = model.h0;
  Vector c = initialCellState(model);
  const Index rows = h.size();
  double total = 0.0;
  for (long start = 0; start < predicted; start += sequenceLength) {
    const long length = std::min<long>(sequenceLength, predicted - start);
    if (start == 0 || length != sequenceLength) {
      pass.reserveStreams(model.config, 1, length);
    }
    const long starts[] = {start};
    total += pass.forwardStreams(model, indices, starts, length,
                                 Eigen::Map<const Matrix>(h.data(), rows, 1),
                                 Eigen::Map<const Matrix>(c.size() > 0 ? c.data() : h.data(), rows, 1));
    pass.finalStates(Eigen::Map<Matrix>(h.data(), rows, 1),
                     Eigen::Map<Matrix>(c.size() > 0 ? c.data() : h.data(), rows, 1));
  }
  return total / static_cast<double>(predicted);
}

}  // namespace

double textValidationLoss(const Model& model, std::span<const int> indices, int sequenceLength,
                          ForwardPass& scratch) {
  const auto predicted = static_cast<long>(indices.size()) - 1;
  if (predicted < 1) {
    return 0.0;
  }
  if (model.config.stacked()) {
    return stackedValidationLoss(model, indices, sequenceLength);
  }
  const bool lstm = model.config.cell == CellKind::Lstm;
  Vector h = model.h0;
  Vector c = initialCellState(model);
  double total = 0.0;
  for (long start = 0; start < predicted; start += sequenceLength) {
    const long length = std::min<long>(sequenceLength, predicted - start);
    forwardIndexed(model, indices.subspan(static_cast<std::size_t>(start), length),
                   indices.subspan(static_cast<std::size_t>(start + 1), length), h, c, scratch);
    total += scratch.loss;
    h = scratch.hidden.col(length);
    if (lstm) {
      c = scratch.cellState.col(length);
    }
  }
  return total / static_cast<double>(predicted);
}

double textValidationLoss(const Model& model, std::span<const int> indices, int sequenceLength) {
  ForwardPass scratch;
  return textValidationLoss(model, indices, sequenceLength, scratch);
}

int pickIndex(const Eigen::Ref<const Vector>& y, double temperature, double u) {
  const Index count = y.size();
  if (temperature == 0.0) {
    Index best = 0;
    for (Index k = 1; k < count; ++k) {
      if (y(k) > y(best)) {  // strict: the lowest index wins a tie
        best = k;
      }
    }
    return static_cast<int>(best);
  }
  // softmax(y/τ) as exp((y_k − max y)/τ) / Σ: no exp overflows, also for a tiny τ.
  const double m = y.maxCoeff();
  double sum = 0.0;
  for (Index k = 0; k < count; ++k) {
    sum += std::exp((y(k) - m) / temperature);
  }
  double cumulative = 0.0;
  int lastPositive = 0;
  for (Index k = 0; k < count; ++k) {
    const double p = std::exp((y(k) - m) / temperature) / sum;
    if (p > 0.0) {
      lastPositive = static_cast<int>(k);
    }
    cumulative += p;
    if (u < cumulative) {
      return static_cast<int>(k);
    }
  }
  return lastPositive;
}

std::vector<int> sampleIndices(const Model& model, std::span<const int> prime,
                               const SampleSettings& settings) {
  detail::CellStepper stepper(model, true);
  for (const int index : prime) {
    stepper.step(index);
  }
  Rng rng(settings.seed);
  std::vector<int> out;
  out.reserve(static_cast<std::size_t>(std::max(settings.length, 0)));
  for (int n = 0; n < settings.length; ++n) {
    const double u = settings.temperature == 0.0 ? 0.0 : rng.uniform();
    const int next = pickIndex(stepper.output(), settings.temperature, u);
    out.push_back(next);
    if (n + 1 < settings.length) {
      stepper.step(next);
    }
  }
  return out;
}

SequenceData textChunkAsSequence(const TextData& text, long start, int length) {
  const int V = text.vocabularySize();
  SequenceData data;
  data.inputs = Matrix::Zero(length, V);
  data.targets = Matrix::Zero(length, V);
  for (int t = 0; t < length; ++t) {
    data.inputs(t, text.indices[static_cast<std::size_t>(start + t)]) = 1.0;
    data.targets(t, text.indices[static_cast<std::size_t>(start + t + 1)]) = 1.0;
  }
  return data;
}

Matrix generateSequence(const Model& model, const Matrix& inputs, int length) {
  detail::CellStepper stepper(model, false);
  for (Index t = 0; t < inputs.rows(); ++t) {
    stepper.step(inputs.row(t).transpose());
  }
  Matrix out(length, model.config.outputSize);
  for (int n = 0; n < length; ++n) {
    out.row(n) = stepper.output().transpose();
    if (n + 1 < length) {
      stepper.step(stepper.output());
    }
  }
  return out;
}

}  // namespace rnnlab
