#include "rnnlab/optimizer.h"

#include <cmath>

namespace rnnlab {

Optimizer::Optimizer(const ModelConfig& config)
    : m_config(config), m_first(Parameters::zeros(config)), m_second(Parameters::zeros(config)) {}

void Optimizer::reset() {
  m_first.setZero();
  m_second.setZero();
  m_updates = 0;
}

void Optimizer::step(Parameters& params, const Gradients& grads, const TrainingSettings& s) {
  if (s.optimizer != m_kind) {
    m_kind = s.optimizer;
    reset();
  }
  ++m_updates;
  auto theta = params.blocks();
  const auto g = grads.blocks();
  auto first = m_first.blocks();
  auto second = m_second.blocks();
  const double eta = s.learningRate;
  for (int b = 0; b < Parameters::BlockCount; ++b) {
    switch (m_kind) {
      case OptimizerKind::Sgd:
        theta[b] -= eta * g[b];
        break;
      case OptimizerKind::Momentum:
        first[b] = s.momentum * first[b] + g[b];
        theta[b] -= eta * first[b];
        break;
      case OptimizerKind::Adagrad:
        first[b] += g[b].square();
        theta[b] -= eta * g[b] / (first[b] + s.epsilon).sqrt();
        break;
      case OptimizerKind::Adam: {
        const double k = static_cast<double>(m_updates);
        const double correction1 = 1.0 - std::pow(s.beta1, k);
        const double correction2 = 1.0 - std::pow(s.beta2, k);
        first[b] = s.beta1 * first[b] + (1.0 - s.beta1) * g[b];
        second[b] = s.beta2 * second[b] + (1.0 - s.beta2) * g[b].square();
        theta[b] -= eta * (first[b] / correction1) / ((second[b] / correction2).sqrt() + s.epsilon);
        break;
      }
    }
  }
}

}  // namespace rnnlab
