#include "rnnlab/trainer.h"

#include <cmath>
#include <utility>

namespace rnnlab {

Trainer::Trainer(Model model, SequenceData data, TrainingSettings settings)
    : m_model(std::move(model)),
      m_data(std::move(data)),
      m_settings(settings),
      m_optimizer(m_model.config),
      m_clipped(Parameters::zeros(m_model.config)),
      m_previous(Parameters::zeros(m_model.config)) {
  m_forward.resize(m_model.config, m_data.steps());
  m_backward.resize(m_model.config, m_data.steps());
}

Trainer::Trainer(Model model, SequenceData data, TrainingSettings settings,
                 const TrainingState& state)
    : Trainer(std::move(model), std::move(data), settings) {
  resume(state);
}

void Trainer::resume(const TrainingState& state) {
  m_optimizer.setState(state.optimizer);  // throws before anything changes
  m_iteration = state.iteration;
  m_hasPrevious = false;
}

void Trainer::restart(const Model& model, const TrainingState& state) {
  m_optimizer.setState(state.optimizer);
  m_model = model;
  m_iteration = state.iteration;
  m_hasPrevious = false;
}

TrainingState Trainer::trainingState() const {
  TrainingState state;
  state.iteration = m_iteration;
  state.optimizer = m_optimizer.state();
  return state;
}

void Trainer::setModel(const Model& model) {
  m_model = model;
  m_optimizer.reset();
  m_hasPrevious = false;
}

void Trainer::restart(const Model& model, long iteration) {
  setModel(model);
  m_iteration = iteration;
}

IterationReport Trainer::step() {
  forward(m_model, m_data, m_forward);
  backward(m_model, m_forward, m_backward);

  IterationReport report;
  report.iteration = m_iteration;
  report.loss = m_forward.loss;
  if (!std::isfinite(m_forward.loss) || !m_backward.grads.allFinite()) {
    // The weights that produced this are not to be trusted: go back to the ones whose loss was
    // still finite, before the previous update.
    if (m_hasPrevious) {
      m_model.params = m_previous;
      m_hasPrevious = false;
      --m_iteration;
    }
    report.status = IterationReport::Status::Diverged;
    return report;
  }

  m_clipped = m_backward.grads;  // same shape: a copy, not an allocation
  report.clip = clipGradients(m_clipped, m_settings.clipValue, m_settings.clipNorm);
  m_previous = m_model.params;
  m_hasPrevious = true;
  m_optimizer.step(m_model.params, m_clipped, m_settings);
  ++m_iteration;
  return report;
}

IterationReport Trainer::run(long count,
                             const std::function<bool(const IterationReport&)>& onIteration) {
  IterationReport report;
  for (long i = 0; i < count; ++i) {
    report = step();
    const bool goOn = !onIteration || onIteration(report);
    if (report.status != IterationReport::Status::Ok || !goOn) {
      break;
    }
  }
  return report;
}

double Trainer::currentLoss() {
  forward(m_model, m_data, m_forward);
  return m_forward.loss;
}

}  // namespace rnnlab
