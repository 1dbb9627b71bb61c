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
  // Parameters of another cell or size (a model swapped under a running optimizer): restart the
  // state in their shape rather than index past it. Allocates only then.
  if (m_first.cell() != params.cell() || m_first.blockCount() != params.blockCount() ||
      m_first.elementCount() != params.elementCount()) {
    m_first = params;
    m_first.setZero();
    m_second = m_first;
    m_updates = 0;
  }
  ++m_updates;
  const double eta = s.learningRate;
  for (int b = 0; b < params.blockCount(); ++b) {
    auto theta = params.flat(b);
    const auto g = grads.flat(b);
    auto first = m_first.flat(b);
    auto second = m_second.flat(b);
    switch (m_kind) {
      case OptimizerKind::Sgd:
        theta -= eta * g;
        break;
      case OptimizerKind::Momentum:
        first = s.momentum * first + g;
        theta -= eta * first;
        break;
      case OptimizerKind::Adagrad:
        first += g.square();
        theta -= eta * g / (first + s.epsilon).sqrt();
        break;
      case OptimizerKind::Adam: {
        const double k = static_cast<double>(m_updates);
        const double correction1 = 1.0 - std::pow(s.beta1, k);
        const double correction2 = 1.0 - std::pow(s.beta2, k);
        first = s.beta1 * first + (1.0 - s.beta1) * g;
        second = s.beta2 * second + (1.0 - s.beta2) * g.square();
        theta -= eta * (first / correction1) / ((second / correction2).sqrt() + s.epsilon);
        break;
      }
    }
  }
}

}  // namespace rnnlab
