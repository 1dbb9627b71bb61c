#include "rnnlab/trainer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "rnnlab/blog_backward.h"
#include "rnnlab/text_model.h"

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

Trainer::Trainer(Model model, TextData text, TrainingSettings settings)
    : m_model(std::move(model)),
      m_text(std::make_shared<const TextData>(std::move(text))),
      m_settings(settings),
      m_optimizer(m_model.config),
      m_clipped(Parameters::zeros(m_model.config)),
      m_previous(Parameters::zeros(m_model.config)) {
  m_forward.resize(m_model.config, m_text->sequenceLength, true);
  m_backward.resize(m_model.config, m_text->sequenceLength);
  m_data.inputs.resize(0, m_model.config.inputSize);
  m_data.targets.resize(0, m_model.config.outputSize);
  m_initialC = initialCellState(m_model);
  m_carriedH = m_model.h0;
  m_carriedC = m_initialC;
  m_previousH = m_carriedH;
  m_previousC = m_carriedC;
}

Trainer::Trainer(Model model, SequenceSet set, TrainingSettings settings)
    : m_model(std::move(model)),
      m_set(std::make_shared<const SequenceSet>(std::move(set))),
      m_settings(settings),
      m_optimizer(m_model.config),
      m_clipped(Parameters::zeros(m_model.config)),
      m_previous(Parameters::zeros(m_model.config)) {
  m_data.inputs.resize(0, m_model.config.inputSize);
  m_data.targets.resize(0, m_model.config.outputSize);
  m_backward.resize(m_model.config, 0);  // only its gradients are used
  m_batchPass.reserve(m_model.config, m_set->train, m_set->effectiveBatchSize());
  if (m_set->hasValidation()) {
    m_validationPass.reserve(m_model.config, m_set->validation,
                             static_cast<Index>(m_set->validation.size()));
  }
  m_previousOrder.resize(m_set->train.size());
  setEpochStateAt(0);
}

void Trainer::setEpochStateAt(long iteration) {
  if (!m_set) {
    return;
  }
  const EpochState state = epochStateAt(*m_set, m_settings.seed, iteration);
  m_order = state.order;
  m_epochPosition = state.position;
  m_shuffleRng.setState(state.shuffleRng);
}

std::span<const long> Trainer::nextBatch() const {
  if (!m_set) {
    return {};
  }
  const auto n = static_cast<long>(m_order.size());
  const long size = std::min<long>(m_set->effectiveBatchSize(), n - m_epochPosition);
  return std::span<const long>(m_order).subspan(static_cast<std::size_t>(m_epochPosition),
                                                static_cast<std::size_t>(size));
}

void Trainer::checkEpochState(const TrainingState& state) const {
  if (!m_set || !state.epochOrder) {
    return;
  }
  const auto n = static_cast<long>(m_set->train.size());
  const std::vector<long>& order = *state.epochOrder;
  std::vector<bool> seen(static_cast<std::size_t>(n), false);
  bool permutation = static_cast<long>(order.size()) == n;
  for (std::size_t k = 0; permutation && k < order.size(); ++k) {
    permutation = order[k] >= 0 && order[k] < n && !seen[static_cast<std::size_t>(order[k])];
    if (permutation) {
      seen[static_cast<std::size_t>(order[k])] = true;
    }
  }
  if (!permutation) {
    throw std::invalid_argument("training_state.epoch_order: expected each of 0.." +
                                std::to_string(n - 1) + " once");
  }
  if (!state.epochPosition || *state.epochPosition < 0 || *state.epochPosition >= n) {
    throw std::invalid_argument("training_state.epoch_position: expected 0.." +
                                std::to_string(n - 1) + " with epoch_order");
  }
  if (m_set->shuffle && !state.shuffleRng) {
    throw std::invalid_argument(
        "training_state.shuffle_rng: missing (data.shuffle is true and epoch_order is given)");
  }
}

void Trainer::restoreEpochState(const TrainingState& state) {
  if (!m_set) {
    return;
  }
  if (!state.epochOrder) {
    setEpochStateAt(state.iteration);
    return;
  }
  m_order = *state.epochOrder;
  m_epochPosition = *state.epochPosition;
  if (state.shuffleRng) {
    m_shuffleRng.setState(*state.shuffleRng);
  } else {
    m_shuffleRng = Rng(m_settings.seed + 1);
  }
}

void Trainer::setTextState(long position, const Vector& hidden, const Vector& cell) {
  if (position < 0 || hidden.size() != m_model.config.hiddenSize ||
      cell.size() != m_initialC.size()) {
    throw std::invalid_argument(
        "Trainer::setTextState: the position or the state sizes do not fit");
  }
  m_textPosition = position;
  m_carriedH = hidden;
  m_carriedC = cell;
}

long Trainer::forwardNextChunk(ForwardPass& pass) {
  const long L = m_text->sequenceLength;
  const bool reset = m_iteration == 0 || m_textPosition + L + 1 >= m_text->size();
  const long start = reset ? 0 : m_textPosition;
  const std::span<const int> text(m_text->indices);
  forwardIndexed(m_model, text.subspan(static_cast<std::size_t>(start), L),
                 text.subspan(static_cast<std::size_t>(start + 1), L),
                 reset ? m_model.h0 : m_carriedH, reset ? m_initialC : m_carriedC, pass);
  return start;
}

std::optional<double> Trainer::validationLoss() {
  if (m_set) {
    if (!m_set->hasValidation()) {
      return std::nullopt;
    }
    return m_validationPass.forwardAll(m_model, m_set->validation);
  }
  if (!m_text || !m_text->hasValidation()) {
    return std::nullopt;
  }
  return textValidationLoss(m_model, m_text->validationIndices, m_text->sequenceLength,
                            m_validation);
}

Trainer::Trainer(Model model, SequenceData data, TrainingSettings settings,
                 const TrainingState& state)
    : Trainer(std::move(model), std::move(data), settings) {
  resume(state);
}

void Trainer::resume(const TrainingState& state) {
  checkTextState(state);  // these throw before anything changes
  checkEpochState(state);
  m_optimizer.setState(state.optimizer);
  m_iteration = state.iteration;
  m_hasPrevious = false;
  restoreTextState(state);
  restoreEpochState(state);
}

void Trainer::restart(const Model& model, const TrainingState& state) {
  checkTextState(state);
  checkEpochState(state);
  m_optimizer.setState(state.optimizer);
  m_model = model;
  if (m_text) {
    m_initialC = initialCellState(m_model);
  }
  m_iteration = state.iteration;
  m_hasPrevious = false;
  restoreTextState(state);
  restoreEpochState(state);
}

void Trainer::checkTextState(const TrainingState& state) const {
  if (!m_text || !state.textPosition) {
    return;
  }
  const Vector noCell;
  const Vector& c = state.carriedC ? *state.carriedC : noCell;
  if (*state.textPosition < 0 || !state.carriedH ||
      state.carriedH->size() != m_model.config.hiddenSize || c.size() != m_initialC.size()) {
    throw std::invalid_argument("text_position, carried_h, carried_c: do not fit the model");
  }
}

// A text run continues at its position with its carried state; without them (a run saved before
// its first update, or by a version without text state) it starts the text again from (h0, c0).
void Trainer::restoreTextState(const TrainingState& state) {
  if (!m_text) {
    return;
  }
  if (state.textPosition) {
    setTextState(*state.textPosition, *state.carriedH, state.carriedC ? *state.carriedC : Vector());
  } else {
    setTextState(0, m_model.h0, m_initialC);
  }
}

TrainingState Trainer::trainingState() const {
  TrainingState state;
  state.iteration = m_iteration;
  state.optimizer = m_optimizer.state();
  if (m_text && m_iteration > 0) {
    state.textPosition = m_textPosition;
    state.carriedH = m_carriedH;
    if (m_initialC.size() > 0) {
      state.carriedC = m_carriedC;
    }
  }
  if (m_set) {
    state.epochOrder = m_order;
    state.epochPosition = m_epochPosition;
    if (m_set->shuffle) {
      state.shuffleRng = m_shuffleRng.state();
    }
  }
  return state;
}

void Trainer::setModel(const Model& model) {
  m_model = model;
  if (m_text) {
    m_initialC = initialCellState(m_model);
  }
  m_optimizer.reset();
  m_hasPrevious = false;
}

void Trainer::restart(const Model& model, long iteration) {
  setModel(model);
  m_iteration = iteration;
  setEpochStateAt(iteration);
}

IterationReport Trainer::step() {
  long chunkStart = 0;
  double loss = 0.0;
  std::size_t batchLength = 0;
  if (m_set) {
    const auto batch = nextBatch();
    batchLength = batch.size();
    loss = m_batchPass.forward(m_model, m_set->train, batch);
    m_batchPass.backward(m_model, m_backward.grads);
  } else {
    if (m_text) {
      chunkStart = forwardNextChunk(m_forward);
      backward(m_model, m_forward, m_backward);
    } else if (m_settings.blogBugs.any()) {
      // Teaching only: the blog's wrong gradient (the session allows it for rnn on one sequence).
      forwardBlog(m_model, m_data, m_settings.blogBugs, m_forward);
      backwardBlog(m_model, m_forward, m_settings.blogBugs, m_backward);
    } else {
      forward(m_model, m_data, m_forward);
      backward(m_model, m_forward, m_backward);
    }
    loss = m_forward.loss;
  }

  IterationReport report;
  report.iteration = m_iteration;
  report.chunkStart = chunkStart;
  report.loss = loss;
  if (!std::isfinite(loss) || !m_backward.grads.allFinite()) {
    // The weights that produced this are not to be trusted: go back to the ones whose loss was
    // still finite, before the previous update.
    if (m_hasPrevious) {
      m_model.params = m_previous;
      m_hasPrevious = false;
      --m_iteration;
      m_textPosition = m_previousPosition;
      m_carriedH = m_previousH;
      m_carriedC = m_previousC;
      if (m_set) {
        m_order = m_previousOrder;  // same size: no allocation
        m_epochPosition = m_previousEpochPosition;
        m_shuffleRng = m_previousShuffleRng;
      }
    }
    report.status = IterationReport::Status::Diverged;
    return report;
  }

  m_clipped = m_backward.grads;  // same shape: a copy, not an allocation
  report.clip = clipGradients(m_clipped, m_settings.clipValue, m_settings.clipNorm);
  m_previous = m_model.params;
  m_hasPrevious = true;
  m_optimizer.step(m_model.params, m_clipped, m_settings);
  if (m_text) {
    m_previousPosition = m_textPosition;
    m_previousH = m_carriedH;
    m_previousC = m_carriedC;
    // The state the chunk ended in, computed with the weights before the update.
    const Index L = m_text->sequenceLength;
    m_textPosition = chunkStart + L;
    if (m_text->carryHidden) {
      m_carriedH = m_forward.hidden.col(L);
      if (m_carriedC.size() > 0) {
        m_carriedC = m_forward.cellState.col(L);
      }
    } else {
      m_carriedH = m_model.h0;
      m_carriedC = m_initialC;
    }
  }
  if (m_set) {
    m_previousOrder = m_order;
    m_previousEpochPosition = m_epochPosition;
    m_previousShuffleRng = m_shuffleRng;
    m_epochPosition += static_cast<long>(batchLength);
    if (m_epochPosition >= static_cast<long>(m_order.size())) {
      // The next epoch's order is a shuffle of this one, drawn now so that the state always
      // names the batch that comes next.
      m_epochPosition = 0;
      if (m_set->shuffle) {
        shuffleOrder(m_order, m_shuffleRng);
      }
    }
  }
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
  if (m_set) {
    return m_batchPass.forward(m_model, m_set->train, nextBatch());
  }
  if (m_text) {
    forwardNextChunk(m_forward);
  } else if (m_settings.blogBugs.any()) {
    forwardBlog(m_model, m_data, m_settings.blogBugs, m_forward);
  } else {
    forward(m_model, m_data, m_forward);
  }
  return m_forward.loss;
}

}  // namespace rnnlab
