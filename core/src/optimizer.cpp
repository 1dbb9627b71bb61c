#include "rnnlab/optimizer.h"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

namespace rnnlab {

Optimizer::Optimizer(const ModelConfig& config)
    : m_config(config), m_first(Parameters::zeros(config)), m_second(Parameters::zeros(config)) {}

void Optimizer::reset() {
  m_first.setZero();
  m_second.setZero();
  m_updates = 0;
}

std::span<const std::string_view> OptimizerState::slotNames(OptimizerKind kind) {
  static constexpr std::array<std::string_view, 2> Adam = {"m", "v"};
  static constexpr std::array<std::string_view, 1> Momentum = {"v"};
  static constexpr std::array<std::string_view, 1> Adagrad = {"G"};
  static constexpr std::array<std::string_view, 1> Rmsprop = {"square_avg"};  // PyTorch's name
  switch (kind) {
    case OptimizerKind::Momentum:
      return Momentum;
    case OptimizerKind::Adagrad:
      return Adagrad;
    case OptimizerKind::Adam:
      return Adam;
    case OptimizerKind::Rmsprop:
      return Rmsprop;
    case OptimizerKind::Sgd:
      break;
  }
  return {};
}

OptimizerState Optimizer::state() const {
  OptimizerState state;
  copyStateTo(state);
  return state;
}

void Optimizer::copyStateTo(OptimizerState& out) const {
  out.kind = m_kind;
  out.step = m_updates;
  const std::size_t count = OptimizerState::slotNames(m_kind).size();
  out.buffers.resize(count);
  if (count >= 1) {
    out.buffers[0] = m_first;  // Parameters' blocks keep their buffers when the shapes match
  }
  if (count >= 2) {
    out.buffers[1] = m_second;
  }
}

void Optimizer::setState(const OptimizerState& state) {
  const auto names = OptimizerState::slotNames(state.kind);
  if (!state.buffers.empty() && state.buffers.size() != names.size()) {
    throw std::invalid_argument("optimizer: " + std::string(toString(state.kind)) + " keeps " +
                                std::to_string(names.size()) + " slots, got " +
                                std::to_string(state.buffers.size()));
  }
  if (state.step < 0) {
    throw std::invalid_argument("optimizer_step: must not be negative");
  }
  for (std::size_t k = 0; k < state.buffers.size(); ++k) {
    const Parameters& slot = state.buffers[k];
    if (slot.cell() != m_config.cell || !slot.hasShape(m_config)) {
      throw std::invalid_argument("optimizer." + std::string(names[k]) +
                                  ": does not have the shape of the model's parameters");
    }
  }
  m_first = Parameters::zeros(m_config);
  m_second = Parameters::zeros(m_config);
  if (!state.buffers.empty()) {
    m_first = state.buffers[0];
  }
  if (state.buffers.size() >= 2) {
    m_second = state.buffers[1];
  }
  m_kind = state.kind;
  m_updates = state.step;
}

void Optimizer::step(Parameters& params, const Gradients& grads, const TrainingSettings& s,
                     double learningRate) {
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
  const double eta = learningRate;
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
      case OptimizerKind::Rmsprop:
        first = s.alpha * first + (1.0 - s.alpha) * g.square();
        theta -= eta * g / (first.sqrt() + s.epsilon);
        break;
    }
  }
}

}  // namespace rnnlab
