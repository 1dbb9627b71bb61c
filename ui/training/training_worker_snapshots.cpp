// TrainingWorker's snapshots: what a snapshot of the live run or of an idle session holds (the
// shown sequence's passes, the traced next iteration, the epoch), assembled on the worker's
// thread. The run loop is in training_worker.cpp, the commands in training_worker_commands.cpp.

#include "training/training_worker.h"

#include <QMetaObject>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>
#include <variant>

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/text_model.h"

std::shared_ptr<TrainingSnapshot> TrainingWorker::idleSnapshot(
    const rnnlab::Model& model, const rnnlab::SequenceData& data,
    const rnnlab::TrainingSettings& settings, bool withTrace) {
  auto snapshot = std::make_shared<TrainingSnapshot>();
  snapshot->targetIteration = settings.iterations;
  snapshot->loss = std::numeric_limits<double>::quiet_NaN();
  snapshot->model = model;
  rnnlab::forward(model, data, snapshot->forward);
  rnnlab::backward(model, snapshot->forward, snapshot->backward);
  snapshot->settings = settings;
  if (withTrace) {
    snapshot->trace = std::make_shared<const rnnlab::IterationTrace>(
        rnnlab::traceIteration(rnnlab::Trainer(model, data, settings)));
  }
  snapshot->historyEntries = 1;
  return snapshot;
}

std::shared_ptr<TrainingSnapshot> TrainingWorker::idleSnapshot(const rnnlab::Session& session,
                                                               bool shownValidation,
                                                               int shownIndex, bool withTrace) {
  if (session.sequences) {
    const std::unique_ptr<rnnlab::Trainer> trainer = makeTrainer(session);
    const rnnlab::SequenceData& sequence =
        shownSequence(*session.sequences, shownValidation, shownIndex);
    auto snapshot = std::make_shared<TrainingSnapshot>();
    snapshot->targetIteration = session.training.iterations;
    snapshot->loss = std::numeric_limits<double>::quiet_NaN();
    snapshot->model = trainer->model();
    rnnlab::forward(snapshot->model, sequence, snapshot->forward);
    rnnlab::backward(snapshot->model, snapshot->forward, snapshot->backward);
    snapshot->settings = session.training;
    if (withTrace) {
      snapshot->trace =
          std::make_shared<const rnnlab::IterationTrace>(sequenceTrace(*trainer, sequence));
    }
    snapshot->historyEntries = 1;
    fillEpoch(*snapshot, *trainer, shownValidation, shownIndex);
    return snapshot;
  }
  if (!session.text) {
    return idleSnapshot(session.makeModel(), session.data, session.training, withTrace);
  }
  const std::unique_ptr<rnnlab::Trainer> trainer = makeTrainer(session);
  auto trace = std::make_shared<rnnlab::IterationTrace>(rnnlab::traceIteration(*trainer));
  addDenseInputs(trace->forward, trainer->model().config);
  auto snapshot = std::make_shared<TrainingSnapshot>();
  snapshot->targetIteration = session.training.iterations;
  snapshot->loss = std::numeric_limits<double>::quiet_NaN();
  snapshot->model = trainer->model();
  snapshot->forward = trace->forward;
  snapshot->backward = trace->backward;
  snapshot->settings = session.training;
  snapshot->chunkStart = trace->report.chunkStart;
  snapshot->traceChunkStart = trace->report.chunkStart;
  snapshot->trace = std::move(trace);
  snapshot->historyEntries = 1;
  // The text must outlive the trainer: share a copy rather than the trainer's.
  snapshot->text = std::make_shared<const rnnlab::TextData>(*session.text);
  return snapshot;
}

const rnnlab::SequenceData& TrainingWorker::shownSequence(const rnnlab::SequenceSet& set,
                                                          bool validation, int index) {
  const std::vector<rnnlab::SequenceData>& list =
      validation && !set.validation.empty() ? set.validation : set.train;
  const auto last = static_cast<int>(list.size()) - 1;
  return list[static_cast<std::size_t>(std::clamp(index, 0, last))];
}

rnnlab::IterationTrace TrainingWorker::sequenceTrace(const rnnlab::Trainer& trainer,
                                                     const rnnlab::SequenceData& sequence) {
  rnnlab::Trainer probe(trainer.model(), sequence, trainer.settings());
  rnnlab::TrainingState state = trainer.trainingState();
  state.epochOrder.reset();  // a one-sequence trainer has no epochs
  state.epochPosition.reset();
  state.shuffleRng.reset();
  try {
    probe.resume(state);
  } catch (const std::invalid_argument&) {
    probe.restart(trainer.model(), trainer.iteration());  // cannot happen: same model
  }
  return rnnlab::traceIteration(probe);
}

void TrainingWorker::fillEpoch(TrainingSnapshot& snapshot, const rnnlab::Trainer& trainer,
                               bool validation, int index) {
  const rnnlab::SequenceSet* set = trainer.sequenceSet();
  if (set == nullptr) {
    return;
  }
  snapshot.batchesPerEpoch = set->batchesPerEpoch();
  snapshot.epoch = trainer.epoch();
  snapshot.batchInEpoch = trainer.iteration() % snapshot.batchesPerEpoch;
  snapshot.shownValidation = validation && set->hasValidation();
  const auto size = static_cast<int>(snapshot.shownValidation ? set->validation.size()
                                                              : set->train.size());
  snapshot.shownIndex = std::clamp(index, 0, size - 1);
}

void TrainingWorker::addDenseInputs(rnnlab::ForwardPass& pass, const rnnlab::ModelConfig& config) {
  if (!pass.indexed() || pass.inputs.rows() > 0) {
    return;
  }
  pass.inputs = pass.denseInputs(config.inputSize);
  pass.targets = pass.denseTargets(config.outputSize);
}

std::shared_ptr<const rnnlab::IterationTrace> TrainingWorker::liveTrace() {
  if (!m_liveTrace && m_trainer->isSequenceSet()) {
    m_liveTrace = std::make_shared<const rnnlab::IterationTrace>(sequenceTrace(
        *m_trainer,
        shownSequence(*m_trainer->sequenceSet(), m_shownValidation, m_shownIndex)));
  }
  if (!m_liveTrace) {
    auto trace = std::make_shared<rnnlab::IterationTrace>(rnnlab::traceIteration(*m_trainer));
    addDenseInputs(trace->forward, m_trainer->model().config);
    m_liveTrace = std::move(trace);
  }
  return m_liveTrace;
}

void TrainingWorker::computeOwnPasses() {
  if (m_trainer->isText()) {
    // The passes of the current weights are those of the next chunk, from its carried state:
    // the next iteration's, which the trace holds already.
    const std::shared_ptr<const rnnlab::IterationTrace> trace = liveTrace();
    m_ownForward = trace->forward;
    m_ownBackward = trace->backward;
    m_ownChunkStart = trace->report.chunkStart;
    m_passesFromTrainer = false;
    return;
  }
  if (const rnnlab::SequenceSet* set = m_trainer->sequenceSet()) {
    // The trainer's passes are of whole minibatches: the views show the shown sequence's.
    const rnnlab::SequenceData& sequence = shownSequence(*set, m_shownValidation, m_shownIndex);
    rnnlab::forward(m_trainer->model(), sequence, m_ownForward);
  } else {
    rnnlab::forward(m_trainer->model(), m_trainer->data(), m_ownForward);
  }
  rnnlab::backward(m_trainer->model(), m_ownForward, m_ownBackward);
  m_passesFromTrainer = false;
}

// --- Worker thread: snapshots ---

void TrainingWorker::publish(bool divergedNow) {
  const auto now = Clock::now();
  const long iteration = m_trainer->iteration();

  auto snapshot = std::make_shared<TrainingSnapshot>();
  snapshot->iteration = iteration;
  snapshot->targetIteration = m_target;
  snapshot->runStartIteration = m_runStart;
  snapshot->state = m_state;
  snapshot->firstNewIteration = m_firstPending;
  snapshot->newLosses = std::exchange(m_pendingLosses, {});
  m_firstPending = iteration;
  snapshot->model = m_trainer->model();
  if (m_passesFromTrainer && m_trainer->batched()) {
    // The batched pass keeps no single-sequence passes (a data set, a stack, text in streams):
    // one forward and backward pass of the shown sequence per snapshot, nothing beside the
    // batches.
    computeOwnPasses();
  }
  if (m_passesFromTrainer) {
    snapshot->forward = m_trainer->lastForward();
    snapshot->backward = m_trainer->lastBackward();
    snapshot->clip = m_statistics.lastClip();
    addDenseInputs(snapshot->forward, m_trainer->model().config);
    snapshot->chunkStart = m_text ? m_lastChunkStart : -1;
  } else {
    snapshot->forward = m_ownForward;
    snapshot->backward = m_ownBackward;
    snapshot->chunkStart = m_text ? m_ownChunkStart : -1;
  }
  snapshot->text = m_text;
  if (m_state != TrainingState::Running) {
    recordValidation();  // a still run shows the validation loss of the weights it stopped at
  }
  snapshot->newValidation = std::exchange(m_pendingValidation, {});
  snapshot->settings = m_trainer->settings();
  // Tracing costs one iteration: never while running, where snapshots come 30 times a second.
  if (m_state != TrainingState::Running && m_viewed.isLive()) {
    snapshot->trace = liveTrace();
  }
  m_trainer->optimizer().copyStateTo(snapshot->trainingState.optimizer);
  snapshot->trainingState.iteration = iteration;
  if (m_trainer->isSequenceSet()) {
    // Save continues a data set run exactly with its epoch order, position and shuffle state.
    snapshot->trainingState = m_trainer->trainingState();
    fillEpoch(*snapshot, *m_trainer, m_shownValidation, m_shownIndex);
  }
  if (m_trainer->isText() && iteration > 0) {
    // Save continues a text run exactly only with its position and carried state.
    snapshot->trainingState.textPosition = m_trainer->textPosition();
    snapshot->trainingState.carriedH = m_trainer->carriedHidden();
    if (m_trainer->carriedCell().size() > 0) {
      snapshot->trainingState.carriedC = m_trainer->carriedCell();
    }
  }
  m_viewed.fill(*snapshot);
  if (m_text && (snapshot->isHistoryView || snapshot->isWhatIf)) {
    // Shown on the live run's next chunk (viewedData()), from h0.
    snapshot->chunkStart = liveTrace()->report.chunkStart;
    snapshot->traceChunkStart = snapshot->trace ? snapshot->chunkStart : -1;
  } else if (m_text && snapshot->trace) {
    snapshot->traceChunkStart = snapshot->trace->report.chunkStart;
  }
  if (snapshot->isHistoryView || snapshot->isWhatIf) {
    snapshot->trainedModel = m_trainer->model();
  }
  m_statistics.fill(*snapshot);
  snapshot->iterationsPerSecond =
      m_statistics.sampleRate(now, iteration, m_state == TrainingState::Running);
  snapshot->historyEntries = m_history.size();
  snapshot->historyByteBudget = m_history.budget();
  snapshot->startsBranch = std::exchange(m_branchedNow, false);
  snapshot->message = m_message;
  snapshot->generation = m_generation;
  snapshot->handledCommandId = m_handledCommandId;
  snapshot->divergedNow = divergedNow;
  snapshot->lossRoseNow = std::exchange(m_lossRoseNow, false);

  m_lastPublish = now;
  m_lastPublishedIteration = iteration;
  bool wasEmpty = false;
  {
    std::lock_guard lock(m_mutex);
    wasEmpty = m_outbox.empty();
    m_outbox.push_back(std::move(snapshot));
  }
  if (wasEmpty) {
    emit snapshotsAvailable();
  }
}
