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

namespace {

// The one sequence of a `sequence` session as a batch (a stack runs it through BatchPass).
constexpr long FirstSequence[] = {0};

// `state` (one stream's states, h0's layout) for each of `streams` streams.
Vector tiled(const Vector& state, long streams) {
  return state.replicate(streams, 1);
}

}  // namespace

Trainer::Trainer(Model model, SequenceData data, TrainingSettings settings)
    : m_model(std::move(model)),
      m_data(std::move(data)),
      m_batched(m_model.config.stacked()),
      m_dropoutRng(settings.seed + 2),
      m_previousDropoutRng(settings.seed + 2),
      m_settings(settings),
      m_optimizer(m_model.config),
      m_clipped(Parameters::zeros(m_model.config)),
      m_previous(Parameters::zeros(m_model.config)) {
  if (m_batched) {
    m_batchPass.reserve(m_model.config, std::span<const SequenceData>(&m_data, 1), 1);
    m_backward.resize(m_model.config, 0);  // only its gradients are used
    return;
  }
  m_forward.resize(m_model.config, m_data.steps());
  m_backward.resize(m_model.config, m_data.steps());
}

Trainer::Trainer(Model model, TextData text, TrainingSettings settings)
    : m_model(std::move(model)),
      m_text(std::make_shared<const TextData>(std::move(text))),
      m_batched(m_model.config.stacked() || m_text->streams > 1),
      m_dropoutRng(settings.seed + 2),
      m_previousDropoutRng(settings.seed + 2),
      m_settings(settings),
      m_optimizer(m_model.config),
      m_clipped(Parameters::zeros(m_model.config)),
      m_previous(Parameters::zeros(m_model.config)) {
  if (m_batched) {
    m_batchPass.reserveStreams(m_model.config, m_text->streams, m_text->sequenceLength);
    m_backward.resize(m_model.config, 0);  // only its gradients are used
    m_streamStarts.resize(static_cast<std::size_t>(m_text->streams));
  } else {
    m_forward.resize(m_model.config, m_text->sequenceLength, true);
    m_backward.resize(m_model.config, m_text->sequenceLength);
  }
  m_data.inputs.resize(0, m_model.config.inputSize);
  m_data.targets.resize(0, m_model.config.outputSize);
  m_initialC = initialCellState(m_model);
  m_resetH = tiled(m_model.h0, m_text->streams);
  m_resetC = tiled(m_initialC, m_text->streams);
  m_carriedH = m_resetH;
  m_carriedC = m_resetC;
  m_previousH = m_carriedH;
  m_previousC = m_carriedC;
}

Trainer::Trainer(Model model, SequenceSet set, TrainingSettings settings)
    : m_model(std::move(model)),
      m_set(std::make_shared<const SequenceSet>(std::move(set))),
      m_batched(true),
      m_dropoutRng(settings.seed + 2),
      m_previousDropoutRng(settings.seed + 2),
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
  if (position < 0 || hidden.size() != m_resetH.size() || cell.size() != m_resetC.size()) {
    throw std::invalid_argument(
        "Trainer::setTextState: the position or the state sizes do not fit");
  }
  m_textPosition = position;
  m_carriedH = hidden;
  m_carriedC = cell;
}

long Trainer::streamLength() const { return (m_text->size() - 1) / m_text->streams; }

long Trainer::forwardNextChunk(ForwardPass& pass, Rng* dropout) {
  const long L = m_text->sequenceLength;
  if (m_batched) {
    // v3 §2: B streams of M characters sharing one position p.
    const long M = streamLength();
    const bool reset = m_iteration == 0 || m_textPosition + L >= M;
    const long start = reset ? 0 : m_textPosition;
    for (std::size_t b = 0; b < m_streamStarts.size(); ++b) {
      m_streamStarts[b] = static_cast<long>(b) * M + start;
    }
    const Index rows = static_cast<Index>(m_model.config.cellCount()) * m_model.config.hiddenSize;
    const Index B = m_text->streams;
    const Vector& h = reset ? m_resetH : m_carriedH;
    const Vector& c = reset ? m_resetC : m_carriedC;
    const Vector& cell = c.size() > 0 ? c : h;  // only an lstm reads it
    m_batchPass.forwardStreams(m_model, m_text->indices, m_streamStarts, L,
                               Eigen::Map<const Matrix>(h.data(), rows, B),
                               Eigen::Map<const Matrix>(cell.data(), rows, B), dropout);
    return start;
  }
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
  m_dropoutRng = Rng(m_settings.seed + 2);
  if (state.dropoutRng) {
    m_dropoutRng.setState(*state.dropoutRng);
  }
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
    m_resetH = tiled(m_model.h0, m_text->streams);
    m_resetC = tiled(m_initialC, m_text->streams);
  }
  m_iteration = state.iteration;
  m_hasPrevious = false;
  m_dropoutRng = Rng(m_settings.seed + 2);
  if (state.dropoutRng) {
    m_dropoutRng.setState(*state.dropoutRng);
  }
  restoreTextState(state);
  restoreEpochState(state);
}

void Trainer::checkTextState(const TrainingState& state) const {
  if (!m_text || !state.textPosition) {
    return;
  }
  const Vector noCell;
  const Vector& c = state.carriedC ? *state.carriedC : noCell;
  if (*state.textPosition < 0 || !state.carriedH || state.carriedH->size() != m_resetH.size() ||
      c.size() != m_resetC.size()) {
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
    setTextState(0, m_resetH, m_resetC);
  }
}

TrainingState Trainer::trainingState() const {
  TrainingState state;
  state.iteration = m_iteration;
  state.optimizer = m_optimizer.state();
  if (m_text && m_iteration > 0) {
    state.textPosition = m_textPosition;
    state.carriedH = m_carriedH;
    if (m_resetC.size() > 0) {
      state.carriedC = m_carriedC;
    }
  }
  if (m_model.config.dropout > 0.0) {
    state.dropoutRng = m_dropoutRng.state();
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
    m_resetH = tiled(m_model.h0, m_text->streams);
    m_resetC = tiled(m_initialC, m_text->streams);
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
  const Rng dropoutBefore = m_dropoutRng;
  if (m_set) {
    const auto batch = nextBatch();
    batchLength = batch.size();
    loss = m_batchPass.forward(m_model, m_set->train, batch, &m_dropoutRng);
    m_batchPass.backward(m_model, m_backward.grads);
  } else if (m_batched) {
    if (m_text) {
      chunkStart = forwardNextChunk(m_forward, &m_dropoutRng);
    } else {
      m_batchPass.forward(m_model, std::span<const SequenceData>(&m_data, 1), FirstSequence,
                          &m_dropoutRng);
    }
    m_batchPass.backward(m_model, m_backward.grads);
    loss = m_batchPass.loss();
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
      m_dropoutRng = m_previousDropoutRng;
      if (m_set) {
        m_order = m_previousOrder;  // same size: no allocation
        m_epochPosition = m_previousEpochPosition;
        m_shuffleRng = m_previousShuffleRng;
      }
    } else {
      m_dropoutRng = dropoutBefore;  // the iteration did not happen
    }
    report.status = IterationReport::Status::Diverged;
    return report;
  }

  m_clipped = m_backward.grads;  // same shape: a copy, not an allocation
  report.clip = clipGradients(m_clipped, m_settings.clipValue, m_settings.clipNorm);
  m_previous = m_model.params;
  m_hasPrevious = true;
  m_previousDropoutRng = dropoutBefore;
  m_optimizer.step(m_model.params, m_clipped, m_settings, learningRateAt(m_settings, m_iteration));
  if (m_text) {
    m_previousPosition = m_textPosition;
    m_previousH = m_carriedH;
    m_previousC = m_carriedC;
    // The state the chunk ended in, computed with the weights before the update.
    const Index L = m_text->sequenceLength;
    m_textPosition = chunkStart + L;
    if (!m_text->carryHidden) {
      m_carriedH = m_resetH;
      m_carriedC = m_resetC;
    } else if (m_batched) {
      const Index rows = static_cast<Index>(m_model.config.cellCount()) * m_model.config.hiddenSize;
      const Index B = m_text->streams;
      Eigen::Map<Matrix> h(m_carriedH.data(), rows, B);
      Eigen::Map<Matrix> c(m_carriedC.size() > 0 ? m_carriedC.data() : m_carriedH.data(), rows, B);
      m_batchPass.finalStates(h, c);
    } else {
      m_carriedH = m_forward.hidden.col(L);
      if (m_carriedC.size() > 0) {
        m_carriedC = m_forward.cellState.col(L);
      }
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
    if (m_batched) {
      return m_batchPass.loss();
    }
  } else if (m_batched) {
    return m_batchPass.forward(m_model, std::span<const SequenceData>(&m_data, 1), FirstSequence);
  } else if (m_settings.blogBugs.any()) {
    forwardBlog(m_model, m_data, m_settings.blogBugs, m_forward);
  } else {
    forward(m_model, m_data, m_forward);
  }
  return m_forward.loss;
}

}  // namespace rnnlab
