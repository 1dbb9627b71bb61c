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
