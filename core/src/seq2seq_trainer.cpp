#include "rnnlab/seq2seq_trainer.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "rnnlab/seq2seq_decode.h"
#include "rnnlab/sequence_set.h"

namespace rnnlab {

Seq2SeqTrainer::Seq2SeqTrainer(Model model, PairsData pairs, TrainingSettings settings)
    : m_model(std::move(model)),
      m_pairs(std::move(pairs)),
      m_settings(settings),
      m_optimizer(m_model.config),
      m_grads(Parameters::zeros(m_model.config)),
      m_previous(Parameters::zeros(m_model.config)),
      m_dropoutRng(settings.seed + 2) {
  m_pass.reserve(m_model.config, m_pairs.longestSource(),
                 std::max(m_pairs.longestTarget() + 1, m_pairs.maxOutputLength));
  m_decoded.reserve(static_cast<std::size_t>(m_pairs.maxOutputLength) + 1);
  const EpochState state =
      epochStateAt(static_cast<long>(m_pairs.train.size()), m_pairs.effectiveBatchSize(),
                   m_pairs.shuffle, m_settings.seed, 0);
  m_order = state.order;
  m_epochPosition = state.position;
  m_shuffleRng.setState(state.shuffleRng);
}

std::span<const long> Seq2SeqTrainer::nextBatch() const {
  const auto n = static_cast<long>(m_order.size());
  const long size = std::min<long>(m_pairs.effectiveBatchSize(), n - m_epochPosition);
  return std::span<const long>(m_order).subspan(static_cast<std::size_t>(m_epochPosition),
                                                static_cast<std::size_t>(size));
}

IterationReport Seq2SeqTrainer::step() {
  IterationReport report;
  report.iteration = m_iteration;
  const Rng dropoutBefore = m_dropoutRng;
  const auto batch = nextBatch();
  Rng* dropout = m_model.config.dropout > 0.0 ? &m_dropoutRng : nullptr;
  report.loss = seq2seqBatch(m_model, m_pairs.trainTokens, batch, m_pass, m_grads, dropout);
  if (!std::isfinite(report.loss) || !m_grads.allFinite()) {
    m_dropoutRng = dropoutBefore;
    if (m_hasPrevious) {  // back to the last weights whose loss was finite
      m_model.params = m_previous;
      m_hasPrevious = false;
    }
    report.status = IterationReport::Status::Diverged;
    return report;
  }
  report.clip = clipGradients(m_grads, m_settings.clipValue, m_settings.clipNorm);
  m_previous = m_model.params;
  m_hasPrevious = true;
  m_optimizer.step(m_model.params, m_grads, m_settings, learningRateAt(m_settings, m_iteration));
  m_epochPosition += static_cast<long>(batch.size());
  if (m_epochPosition >= static_cast<long>(m_order.size())) {
    // The next epoch's order is drawn now, as Trainer does, so the state names the next batch.
    m_epochPosition = 0;
    if (m_pairs.shuffle) {
      shuffleOrder(m_order, m_shuffleRng);
    }
  }
  ++m_iteration;
  return report;
}

double Seq2SeqTrainer::currentLoss() {
  const auto batch = nextBatch();
  double sum = 0.0;
  for (const long k : batch) {
    const PairsData::Tokens& pair = m_pairs.trainTokens[static_cast<std::size_t>(k)];
    sum += m_pass.forward(m_model, pair.source, pair.target);
  }
  return sum / static_cast<double>(batch.size());
}

std::optional<double> Seq2SeqTrainer::validationLoss() {
  if (!m_pairs.hasValidation()) {
    return std::nullopt;
  }
  return seq2seqMeanLoss(m_model, m_pairs.validationTokens, m_pass);
}

std::optional<double> Seq2SeqTrainer::validationAccuracy() {
  if (!m_pairs.hasValidation()) {
    return std::nullopt;
  }
  long right = 0;
  for (const PairsData::Tokens& pair : m_pairs.validationTokens) {
    greedyDecode(m_model, pair.source, m_pairs.maxOutputLength, m_pass, m_decoded);
    if (!m_decoded.empty() && m_decoded.back() == PairsData::Eos) {
      m_decoded.pop_back();
    }
    right += m_decoded == pair.target ? 1 : 0;
  }
  return static_cast<double>(right) / static_cast<double>(m_pairs.validationTokens.size());
}

void Seq2SeqTrainer::resume(const TrainingState& state) {
  const auto n = static_cast<long>(m_pairs.train.size());
  if (state.epochOrder && static_cast<long>(state.epochOrder->size()) != n) {
    throw std::invalid_argument("epoch_order: expected each of 0.." + std::to_string(n - 1) +
                                " once");
  }
  m_optimizer.setState(state.optimizer);
  m_iteration = state.iteration;
  m_hasPrevious = false;
  m_dropoutRng = Rng(m_settings.seed + 2);
  if (state.dropoutRng) {
    m_dropoutRng.setState(*state.dropoutRng);
  }
  if (state.epochOrder) {
    m_order = *state.epochOrder;
    m_epochPosition = state.epochPosition.value_or(0);
    m_shuffleRng = Rng(m_settings.seed + 1);
    if (state.shuffleRng) {
      m_shuffleRng.setState(*state.shuffleRng);
    }
  } else {
    const EpochState epoch = epochStateAt(n, m_pairs.effectiveBatchSize(), m_pairs.shuffle,
                                          m_settings.seed, state.iteration);
    m_order = epoch.order;
    m_epochPosition = epoch.position;
    m_shuffleRng.setState(epoch.shuffleRng);
  }
}

TrainingState Seq2SeqTrainer::trainingState() const {
  TrainingState state;
  state.iteration = m_iteration;
  state.optimizer = m_optimizer.state();
  if (m_model.config.dropout > 0.0) {
    state.dropoutRng = m_dropoutRng.state();
  }
  state.epochOrder = m_order;
  state.epochPosition = m_epochPosition;
  if (m_pairs.shuffle) {
    state.shuffleRng = m_shuffleRng.state();
  }
  return state;
}

}  // namespace rnnlab
