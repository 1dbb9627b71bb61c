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

namespace {

using Clock = std::chrono::steady_clock;

// A chunk is short enough that a command waits at most this long (plus one iteration), and long
// enough that re-posting costs nothing next to the training.
constexpr auto ChunkBudget = std::chrono::milliseconds(5);

QString number(double value) { return QString::number(value, 'g', 6); }

// The likely cause when training blows up, and what to do: the end of the divergence and the
// rising-loss explanations.
QString rateAdvice(const rnnlab::TrainingSettings& settings) {
  const bool clippingOff = settings.clipValue <= 0.0 && settings.clipNorm <= 0.0;
  return clippingOff
             ? TrainingWorker::tr(
                   "This probably happened because the learning rate is too high (%1) or "
                   "because gradient clipping is off (clip value 0, clip norm 0): lower the "
                   "learning rate or turn clipping on.")
                   .arg(number(settings.learningRate))
             : TrainingWorker::tr(
                   "This probably happened because the learning rate is too high (%1) for this "
                   "clipping (clip value %2, clip norm %3): lower the learning rate or clip "
                   "harder.")
                   .arg(number(settings.learningRate), number(settings.clipValue),
                        number(settings.clipNorm));
}

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {
  m_paceTimer = new QTimer(this);
  m_paceTimer->setTimerType(Qt::PreciseTimer);
  connect(m_paceTimer, &QTimer::timeout, this, &TrainingWorker::onPaceTick);
  // Queued even though both ends are this object: post() emits on the GUI thread, and the
  // commands must be handled on the worker thread.
  connect(this, &TrainingWorker::commandsPosted, this, &TrainingWorker::handleCommands,
          Qt::QueuedConnection);
}

TrainingWorker::~TrainingWorker() {
  // Runs on the worker thread as the thread finishes. Taking the lock once orders the GUI
  // thread's last post() before the destruction of the queues.
  std::lock_guard lock(m_mutex);
}

// --- Any thread ---

void TrainingWorker::post(std::uint64_t id, TrainingCommand command) {
  bool wasEmpty = false;
  {
    std::lock_guard lock(m_mutex);
    wasEmpty = m_inbox.empty();
    m_inbox.push_back(PostedCommand{id, std::move(command)});
    m_commandsWaiting.store(true, std::memory_order_relaxed);
  }
  // One doorbell per batch: handleCommands drains everything queued by then.
  if (wasEmpty) {
    emit commandsPosted();
  }
}

std::vector<TrainingSnapshotPtr> TrainingWorker::takeSnapshots() {
  std::lock_guard lock(m_mutex);
  return std::exchange(m_outbox, {});
}

void TrainingWorker::setSnapshotInterval(int milliseconds) {
  m_snapshotIntervalMs.store(std::max(10, milliseconds), std::memory_order_relaxed);
}

std::chrono::milliseconds TrainingWorker::snapshotInterval() const {
  return std::chrono::milliseconds(m_snapshotIntervalMs.load(std::memory_order_relaxed));
}

void TrainingWorker::requestQuit() {
  std::lock_guard lock(m_mutex);
  m_quitRequested.store(true, std::memory_order_relaxed);
}

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

std::unique_ptr<rnnlab::Trainer> TrainingWorker::makeTrainer(const rnnlab::Session& session) {
  std::unique_ptr<rnnlab::Trainer> trainer;
  if (session.sequences) {
    trainer = std::make_unique<rnnlab::Trainer>(session.makeModel(), *session.sequences,
                                                session.training);
  } else if (session.text) {
    trainer = std::make_unique<rnnlab::Trainer>(session.makeModel(), *session.text,
                                                session.training);
  } else {
    trainer =
        std::make_unique<rnnlab::Trainer>(session.makeModel(), session.data, session.training);
  }
  // A session saved mid-run continues where it stopped, with its optimizer state (and for text
  // its position and carried state), validated with the session, so it fits.
  if (session.trainingState) {
    try {
      trainer->resume(*session.trainingState);
    } catch (const std::invalid_argument&) {
      // Cannot happen with a validated session; a fresh start is the safe answer if it does.
    }
  }
  return trainer;
}

// --- Worker thread: commands ---

void TrainingWorker::handleCommands() {
  std::deque<PostedCommand> commands;
  {
    std::lock_guard lock(m_mutex);
    commands.swap(m_inbox);
    m_commandsWaiting.store(false, std::memory_order_relaxed);
  }
  for (PostedCommand& posted : commands) {
    if (m_quitRequested.load(std::memory_order_relaxed)) {
      return;
    }
    m_handledCommandId = posted.id;
    // Without a trainer only a session can be handled; the controller's constructor posts one
    // first, so the others never arrive before it.
    if (m_trainer || std::holds_alternative<training_command::SetSession>(posted.command)) {
      std::visit([this](auto& command) { handle(command); }, posted.command);
    }
    // Every command is answered, even one that changed nothing: the answer carries its id,
    // which is how the controller knows its latest request has been applied.
    if (m_trainer && !m_quitRequested.load(std::memory_order_relaxed)) {
      publish();
    }
  }
}

void TrainingWorker::handle(training_command::SetSession& command) {
  m_session = std::move(command.session);
  restartFromSession(command.generation);
}

void TrainingWorker::handle(const training_command::Reset& command) {
  restartFromSession(command.generation);
}

void TrainingWorker::handle(const training_command::Play&) {
  m_viewed.leave();
  if (m_state == TrainingState::Running) {
    return;
  }
  const long iteration = m_trainer->iteration();
  if (iteration >= m_target) {
    m_runStart = iteration;
    m_target = iteration + m_trainer->settings().iterations;
  }
  m_state = TrainingState::Running;
  m_message.clear();
  m_statistics.restartRate();
  if (m_requestedSpeed == PaceLimiter::Watch) {
    m_pace.setSpeed(PaceLimiter::watchSpeed(m_target - m_runStart));
  }
  scheduleNext();
}

void TrainingWorker::handle(const training_command::Pause&) {
  if (m_state == TrainingState::Running) {
    m_paceTimer->stop();
    m_state = TrainingState::Paused;
  }
}

void TrainingWorker::handle(const training_command::Step&) {
  m_viewed.leave();
  m_paceTimer->stop();
  const auto start = Clock::now();
  const rnnlab::IterationReport report = m_trainer->step();
  m_statistics.addTrainingTime(Clock::now() - start);
  if (report.status == rnnlab::IterationReport::Status::Diverged) {
    onDiverged(report);
    return;
  }
  const bool rose = afterUpdate(report);
  trainerChanged();
  m_passesFromTrainer = true;
  m_state = TrainingState::Paused;
  m_message.clear();
  if (rose) {
    onLossRose();
  }
}

void TrainingWorker::handle(const training_command::Stop&) {
  if (m_state == TrainingState::Idle) {
    return;  // nothing has run: there is no run to end
  }
  m_paceTimer->stop();
  if (m_state != TrainingState::Finished) {
    m_message = tr("Stopped at iteration %1.").arg(m_trainer->iteration());
  }
  m_state = TrainingState::Finished;
}

void TrainingWorker::handle(const training_command::SetSettings& command) {
  m_trainer->setSettings(command.settings);
  trainerChanged();
  // A shown rewind or what-if traces its next iteration with the settings: trace it again.
  m_viewed.retrace(command.settings, viewedData());
  m_session.training = command.settings;
  // The run's length follows the iteration count, counted from where the run began.
  m_target = m_runStart + command.settings.iterations;
  if (m_state == TrainingState::Running) {
    afterIterations(Clock::now());
  }
  applyPace();  // a watched run's pace follows its length
}

void TrainingWorker::handle(const training_command::SetSpeed& command) {
  m_requestedSpeed = command.iterationsPerSecond;
  applyPace();
}

void TrainingWorker::applyPace() {
  const int speed = m_requestedSpeed == PaceLimiter::Watch
                        ? PaceLimiter::watchSpeed(m_target - m_runStart)
                        : m_requestedSpeed;
  if (speed == m_pace.speed() && m_paceTimer->isActive() == m_pace.limited()) {
    return;
  }
  m_pace.setSpeed(speed);
  m_paceTimer->stop();  // restarted by scheduleNext with the new interval
  scheduleNext();
}

void TrainingWorker::handle(const training_command::SetHistoryBudget& command) {
  m_history.setBudget(command.bytes);
}

void TrainingWorker::handle(const training_command::ShowHistory& command) {
  haltForInspection();
  const rnnlab::ModelHistory::Entry* entry = m_history.atOrBefore(command.iteration);
  if (!entry) {
    return;  // cannot happen: iteration 0 is always kept
  }
  rnnlab::Model model = m_trainer->model();
  model.params = entry->params;
  m_viewed.showHistory(model, viewedData(), entry->iteration, m_trainer->settings());
}

void TrainingWorker::handle(const training_command::LeaveHistory&) {
  if (m_viewed.kind() == ViewedModel::Kind::History) {
    m_viewed.leave();
  }
}

void TrainingWorker::handle(const training_command::Branch& command) {
  haltForInspection();
  const rnnlab::ModelHistory::Entry* entry = m_history.atOrBefore(command.iteration);
  if (!entry) {
    return;
  }
  // Hand the old run's last losses over first, so that the controller archives it whole.
  if (!m_pendingLosses.empty()) {
    publish();
  }
  m_viewed.leave();
  const long from = entry->iteration;
  rnnlab::Model model = m_trainer->model();
  model.params = entry->params;
  m_trainer->setSettings(command.settings);
  if (entry->hasOptimizer) {
    // With the optimizer's state of that iteration: exact for momentum, Adagrad and Adam too
    // (a new optimizer kind in the settings restarts it at the first update, as always).
    rnnlab::TrainingState state;
    state.iteration = from;
    state.optimizer = entry->optimizer;
    if (entry->textPosition >= 0) {
      // And where the text was read and the state it carried: exact for text too.
      state.textPosition = entry->textPosition;
      state.carriedH = entry->carriedH;
      if (entry->carriedC.size() > 0) {
        state.carriedC = entry->carriedC;
      }
    }
    m_trainer->restart(model, state);
  } else {
    m_trainer->restart(model, from);
  }
  m_session.training = command.settings;
  m_history.truncateAfter(from);
  m_runStart = from;
  m_target = from + command.settings.iterations;
  m_state = TrainingState::Paused;
  m_message = tr("Continuing from iteration %1 as a new run.").arg(from);
  m_pendingValidation.clear();
  m_lastValidatedIteration = -1;
  m_pendingLosses.clear();
  m_firstPending = from;
  m_statistics.startRun();
  m_riseGuard.restart();
  m_branchedNow = true;
  trainerChanged();
  computeOwnPasses();
}

void TrainingWorker::handle(training_command::SetWhatIf& command) {
  haltForInspection();
  if (m_trainer->isText() || m_trainer->isSequenceSet()) {
    // A text's (or data set's) what-if edits weights only; it is shown on the next chunk (the
    // shown sequence).
    command.data = viewedData();
  }
  m_viewed.showWhatIf(std::move(command.model), std::move(command.data), m_trainer->iteration(),
                      m_trainer->settings());
}

void TrainingWorker::handle(const training_command::ClearWhatIf&) {
  if (m_viewed.kind() == ViewedModel::Kind::WhatIf) {
    m_viewed.leave();
  }
}

void TrainingWorker::handle(const training_command::ApplyWhatIf&) {
  auto edit = m_viewed.takeWhatIf();
  if (!edit) {
    return;
  }
  auto& [model, data] = *edit;
  const long iteration = m_trainer->iteration();
  if (m_trainer->isText() || m_trainer->isSequenceSet()) {
    // A text's (or data set's) data is not edited in a what-if: only the weights become the
    // model here, and the text (the epoch) goes on from where it is.
    m_trainer->restart(model, iteration);
    m_history.replaceFrom(iteration, m_trainer->model().params);
    m_riseGuard.restart();
    trainerChanged();
    computeOwnPasses();
    return;
  }
  // The edit becomes the model (and data) at this iteration, like any edit: a new trainer (the
  // data may differ) that continues the count, with a fresh optimizer state.
  m_session.data = data;
  m_trainer = std::make_unique<rnnlab::Trainer>(model, std::move(data), m_trainer->settings());
  m_scheduledRun = -1;  // another trainer: other validation costs
  m_trainer->restart(model, iteration);
  m_history.replaceFrom(iteration, m_trainer->model().params);
  // An edited model has losses of its own: its best so far says nothing about the old one's.
  m_riseGuard.restart();
  trainerChanged();
  computeOwnPasses();
}

void TrainingWorker::handle(const training_command::ShowSequence& command) {
  m_shownValidation = command.validation;
  m_shownIndex = command.index;
  if (!m_trainer->isSequenceSet()) {
    return;
  }
  trainerChanged();  // the trace is of the shown sequence
  // A rewind is shown on the new sequence too; a what-if keeps the sequence it was made on.
  m_viewed.retrace(m_trainer->settings(), viewedData());
  computeOwnPasses();
}

void TrainingWorker::handle(const training_command::SetRunSpan& command) {
  const long iteration = m_trainer->iteration();
  if (command.start <= iteration && iteration <= command.target) {
    m_runStart = command.start;
    m_target = command.target;
    applyPace();
  }
}

void TrainingWorker::restartFromSession(std::uint64_t generation) {
  if (m_trainer && !m_pendingLosses.empty()) {
    publish();  // still of the old generation: the controller adds them to the archived run
  }
  m_paceTimer->stop();
  m_trainer = makeTrainer(m_session);
  m_scheduledRun = -1;  // another trainer: other validation costs
  m_text = m_session.text ? std::make_shared<const rnnlab::TextData>(*m_session.text) : nullptr;
  m_pendingValidation.clear();
  m_lastValidatedIteration = -1;
  const long start = m_trainer->iteration();
  m_generation = generation;
  m_state = TrainingState::Idle;
  m_runStart = start;
  m_target = start + m_session.training.iterations;
  m_message.clear();
  m_pendingLosses.clear();
  m_firstPending = start;
  m_statistics.startRun();
  m_statistics.clearTrainingTime();
  m_riseGuard.restart();
  m_lossRoseNow = false;
  m_lastPublishedIteration = -1;
  m_history.startOver(start, m_trainer->model().params, m_trainer->optimizer());
  m_viewed.leave();
  trainerChanged();
  computeOwnPasses();
}

void TrainingWorker::haltForInspection() {
  if (m_state == TrainingState::Running) {
    m_paceTimer->stop();
    m_state = TrainingState::Paused;
  }
}

// --- Worker thread: running ---

void TrainingWorker::scheduleNext() {
  if (m_state != TrainingState::Running || m_quitRequested.load(std::memory_order_relaxed)) {
    m_paceTimer->stop();
    return;
  }
  if (m_pace.limited()) {
    if (!m_paceTimer->isActive()) {
      m_pace.start(Clock::now());
      m_paceTimer->start(m_pace.tickIntervalMs());
    }
    return;
  }
  m_paceTimer->stop();
  // Re-posting (rather than looping) returns to the event loop, so commands queued meanwhile
  // are handled before the next chunk. m_chunkQueued keeps a single chunk in flight however
  // often play/speed commands arrive.
  if (!m_chunkQueued) {
    m_chunkQueued = true;
    QMetaObject::invokeMethod(this, &TrainingWorker::runChunk, Qt::QueuedConnection);
  }
}

void TrainingWorker::runChunk() {
  m_chunkQueued = false;
  if (m_state != TrainingState::Running || m_pace.limited()) {
    return;  // paused, stopped or paced since this chunk was queued
  }
  const auto start = Clock::now();
  runIterations(std::numeric_limits<long>::max(),
                std::min(start + ChunkBudget, m_lastPublish + snapshotInterval()));
  afterIterations(Clock::now());
  scheduleNext();
}

void TrainingWorker::onPaceTick() {
  if (m_state != TrainingState::Running || !m_pace.limited()) {
    m_paceTimer->stop();
    return;
  }
  const auto now = Clock::now();
  const long due = m_pace.due(now);
  if (due > 0) {
    const long ran = runIterations(due, now + ChunkBudget);
    m_pace.ran(ran, due, Clock::now());
  }
  afterIterations(Clock::now());
  scheduleNext();
}

long TrainingWorker::runIterations(long maxCount, Clock::time_point deadline) {
  const auto start = Clock::now();
  auto now = start;
  long done = 0;
  bool rose = false;
  // The per-iteration overhead is two relaxed atomic loads, one clock read, one push_back and a
  // few comparisons: nothing next to even the smallest model's forward and backward pass.
  while (done < maxCount && m_trainer->iteration() < m_target) {
    if (m_commandsWaiting.load(std::memory_order_relaxed) ||
        m_quitRequested.load(std::memory_order_relaxed)) {
      break;
    }
    const rnnlab::IterationReport report = m_trainer->step();
    ++done;
    if (report.status == rnnlab::IterationReport::Status::Diverged) {
      m_statistics.addTrainingTime(Clock::now() - start);
      onDiverged(report);
      return done;
    }
    rose = afterUpdate(report);
    if (validationSchedule().due(m_trainer->iteration(), m_target)) {
      recordValidation();
    }
    now = Clock::now();
    if (rose || now >= deadline) {
      break;
    }
  }
  if (done > 0) {
    m_passesFromTrainer = true;
    trainerChanged();
  }
  m_statistics.addTrainingTime(now - start);
  if (rose) {
    onLossRose();
    publish();
  }
  return done;
}

void TrainingWorker::afterIterations(Clock::time_point now) {
  if (m_state != TrainingState::Running) {
    return;
  }
  if (m_trainer->iteration() >= m_target) {
    m_paceTimer->stop();
    m_state = TrainingState::Finished;
    m_message = tr("Finished: reached iteration %1.").arg(m_trainer->iteration());
    publish();
  } else if (now - m_lastPublish >= snapshotInterval() &&
             m_trainer->iteration() != m_lastPublishedIteration) {
    publish();
  }
}

void TrainingWorker::recordValidation() {
  const long iteration = m_trainer->iteration();
  const rnnlab::SequenceSet* set = m_trainer->sequenceSet();
  const bool hasValidation =
      set != nullptr ? set->hasValidation() : m_text && m_text->hasValidation();
  if (!hasValidation || iteration == m_lastValidatedIteration) {
    return;
  }
  const std::optional<double> value = m_trainer->validationLoss();
  if (value) {
    m_pendingValidation.push_back({iteration, *value});
    m_lastValidatedIteration = iteration;
  }
}

const rnnlab::ValidationSchedule& TrainingWorker::validationSchedule() {
  const long run = m_target - m_runStart;
  if (run != m_scheduledRun) {
    rnnlab::ValidationCosts costs;
    if (const rnnlab::SequenceSet* set = m_trainer->sequenceSet()) {
      costs = rnnlab::ValidationSchedule::costsOf(*set);
    } else if (const rnnlab::TextData* text = m_trainer->text()) {
      costs = rnnlab::ValidationSchedule::costsOf(*text);
    }
    m_validationSchedule = rnnlab::ValidationSchedule(run, costs);
    m_scheduledRun = run;
  }
  return m_validationSchedule;
}

rnnlab::SequenceData TrainingWorker::viewedData() {
  if (const rnnlab::SequenceSet* set = m_trainer->sequenceSet()) {
    return shownSequence(*set, m_shownValidation, m_shownIndex);
  }
  if (!m_trainer->isText()) {
    return m_trainer->data();
  }
  const std::shared_ptr<const rnnlab::IterationTrace> trace = liveTrace();
  return rnnlab::textChunkAsSequence(*m_trainer->text(), trace->report.chunkStart,
                                     m_trainer->text()->sequenceLength);
}

bool TrainingWorker::afterUpdate(const rnnlab::IterationReport& report) {
  m_pendingLosses.push_back(report.loss);
  m_lastChunkStart = report.chunkStart;
  m_statistics.count(report);
  m_history.record(m_trainer->iteration(), m_trainer->model().params, m_trainer->optimizer());
  if (m_trainer->isText()) {
    m_history.recordTextState(m_trainer->iteration(), m_trainer->textPosition(),
                              m_trainer->carriedHidden(), m_trainer->carriedCell());
  }
  return m_riseGuard.observe(report.iteration, report.loss);
}

void TrainingWorker::onDiverged(const rnnlab::IterationReport& report) {
  m_paceTimer->stop();
  m_state = TrainingState::Diverged;
  const QString what = std::isfinite(report.loss) ? tr("The gradients") : tr("The loss");
  m_message = tr("%1 became NaN or infinite at iteration %2. Training stopped and the weights "
                 "were restored to the last finite ones (iteration %3). %4")
                  .arg(what)
                  .arg(report.iteration)
                  .arg(m_trainer->iteration())
                  .arg(rateAdvice(m_trainer->settings()));
  m_statistics.diverged(report.loss);
  // Training went back to the weights before the previous update: so does the history. The
  // losses of the updates taken back are dropped by LossHistory (the snapshot's iteration says
  // where the run now is).
  m_history.truncateAfter(m_trainer->iteration());
  trainerChanged();
  // The trainer's last passes are the non-finite ones: show those of the restored weights.
  computeOwnPasses();
  publish(/*divergedNow=*/true);
}

void TrainingWorker::onLossRose() {
  m_paceTimer->stop();
  m_state = TrainingState::Paused;
  m_lossRoseNow = true;
  m_message = tr("The loss rose to %1 at iteration %2, more than %3 times its best (%4 at "
                 "iteration %5), for %6 iterations in a row, so training paused. %7 Or press "
                 "Play to go on anyway.")
                  .arg(number(m_statistics.lastLoss()))
                  .arg(m_trainer->iteration() - 1)
                  .arg(number(m_riseGuard.factor()))
                  .arg(number(m_riseGuard.bestLoss()))
                  .arg(m_riseGuard.bestIteration())
                  .arg(m_riseGuard.risenFor())
                  .arg(rateAdvice(m_trainer->settings()));
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
  if (m_passesFromTrainer && m_trainer->isSequenceSet()) {
    // One forward and backward pass of one sequence per snapshot: nothing next to the batches.
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
