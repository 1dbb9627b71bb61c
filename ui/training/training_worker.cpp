#include "training/training_worker.h"

#include <QMetaObject>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"

namespace {

using Clock = std::chrono::steady_clock;

// A chunk is short enough that a command waits at most this long (plus one iteration), and long
// enough that re-posting costs nothing next to the training.
constexpr auto ChunkBudget = std::chrono::milliseconds(5);
// At most ~30 snapshots per second while running.
constexpr auto SnapshotInterval = std::chrono::milliseconds(33);
// iterationsPerSecond is measured over this much of the recent past.
constexpr auto RateWindow = std::chrono::seconds(1);

double seconds(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

// The pacing timer ticks at the speed itself for slow speeds and every 10 ms for fast ones;
// each tick runs however many iterations are due.
int paceIntervalMs(int iterationsPerSecond) {
  return std::clamp(1000 / std::max(1, iterationsPerSecond), 10, 100);
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

void TrainingWorker::post(Command command) {
  bool wasEmpty = false;
  {
    std::lock_guard lock(m_mutex);
    wasEmpty = m_inbox.empty();
    m_inbox.push_back(std::move(command));
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

void TrainingWorker::requestQuit() {
  std::lock_guard lock(m_mutex);
  m_quitRequested.store(true, std::memory_order_relaxed);
}

std::shared_ptr<TrainingSnapshot> TrainingWorker::idleSnapshot(
    const rnnlab::Model& model, const rnnlab::SequenceData& data,
    const rnnlab::TrainingSettings& settings) {
  auto snapshot = std::make_shared<TrainingSnapshot>();
  snapshot->targetIteration = settings.iterations;
  snapshot->loss = std::numeric_limits<double>::quiet_NaN();
  snapshot->model = model;
  rnnlab::forward(model, data, snapshot->forward);
  rnnlab::backward(model, snapshot->forward, snapshot->backward);
  snapshot->settings = settings;
  snapshot->nextIteration = std::make_shared<const rnnlab::IterationTrace>(
      rnnlab::traceIteration(rnnlab::Trainer(model, data, settings)));
  snapshot->historyEntries = 1;
  return snapshot;
}

// --- Worker thread: commands ---

void TrainingWorker::handleCommands() {
  std::deque<Command> commands;
  {
    std::lock_guard lock(m_mutex);
    commands.swap(m_inbox);
    m_commandsWaiting.store(false, std::memory_order_relaxed);
  }
  for (Command& command : commands) {
    if (m_quitRequested.load(std::memory_order_relaxed)) {
      return;
    }
    handle(command);
  }
}

void TrainingWorker::handle(Command& command) {
  using Kind = Command::Kind;
  m_command = command.id;
  if (command.kind == Kind::SetSession) {
    m_session = std::move(*command.session);
    startOver(command.generation);
  } else if (command.kind == Kind::Reset) {
    startOver(command.generation);
  } else if (!m_trainer) {
    // Cannot happen: the controller's constructor posts a session first.
  } else if (command.kind == Kind::Play) {
    leaveView();
    play();
  } else if (command.kind == Kind::Pause) {
    pauseRun();
  } else if (command.kind == Kind::Step) {
    leaveView();
    step();
  } else if (command.kind == Kind::Stop) {
    stopRun();
  } else if (command.kind == Kind::SetSettings) {
    applySettings(command.settings);
  } else if (command.kind == Kind::SetSpeed) {
    applySpeed(command.iterationsPerSecond);
  } else if (command.kind == Kind::SetHistoryBudget) {
    applyHistoryBudget(command.historyBudget);
  } else if (command.kind == Kind::ShowHistory) {
    showHistory(command.iteration);
  } else if (command.kind == Kind::LeaveHistory) {
    if (m_view == View::History) {
      leaveView();
    }
  } else if (command.kind == Kind::Branch) {
    branch(command.iteration, command.settings);
  } else if (command.kind == Kind::SetWhatIf) {
    setWhatIf(std::move(*command.model), std::move(*command.data));
  } else if (command.kind == Kind::ClearWhatIf) {
    if (m_view == View::WhatIf) {
      leaveView();
    }
  } else if (command.kind == Kind::ApplyWhatIf) {
    applyWhatIf();
  }
  // Every command is answered, even one that changed nothing: the answer carries its id, which
  // is how the controller knows its latest request has been applied.
  if (m_trainer && !m_quitRequested.load(std::memory_order_relaxed)) {
    publish();
  }
}

void TrainingWorker::startOver(std::uint64_t generation) {
  m_paceTimer->stop();
  m_trainer =
      std::make_unique<rnnlab::Trainer>(m_session.makeModel(), m_session.data, m_session.training);
  m_generation = generation;
  m_state = TrainingState::Idle;
  m_runStart = 0;
  m_target = m_session.training.iterations;
  m_message.clear();
  m_pendingLosses.clear();
  m_firstPending = 0;
  m_lastLoss = std::numeric_limits<double>::quiet_NaN();
  m_lastClip = {};
  m_elapsedSeconds = 0.0;
  m_rateSamples.clear();
  m_lastPublishedIteration = -1;
  m_clippedIterations = 0;
  m_clipCountedIterations = 0;
  m_lastNormBefore = 0.0;
  m_lastNormAfter = 0.0;
  // A new ModelHistory rather than clear(): its capacity follows the first entry's size, and a
  // new session may have other sizes.
  m_history = rnnlab::ModelHistory(m_historyBudget);
  m_history.record(0, m_trainer->model().params);
  m_view = View::Live;
  trainerChanged();
  computeOwnPasses();
}

void TrainingWorker::play() {
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
  m_rateSamples.clear();
  scheduleNext();
}

void TrainingWorker::step() {
  m_paceTimer->stop();
  const auto start = Clock::now();
  const rnnlab::IterationReport report = m_trainer->step();
  m_elapsedSeconds += seconds(Clock::now() - start);
  if (report.status == rnnlab::IterationReport::Status::Diverged) {
    onDiverged(report);
    return;
  }
  afterUpdate(report);
  trainerChanged();
  m_passesFromTrainer = true;
  m_state = TrainingState::Paused;
  m_message.clear();
}

void TrainingWorker::pauseRun() {
  if (m_state == TrainingState::Running) {
    m_paceTimer->stop();
    m_state = TrainingState::Paused;
  }
}

void TrainingWorker::stopRun() {
  if (m_state == TrainingState::Idle) {
    return;  // nothing has run: there is no run to end
  }
  m_paceTimer->stop();
  if (m_state != TrainingState::Finished) {
    m_message = tr("Stopped at iteration %1.").arg(m_trainer->iteration());
  }
  m_state = TrainingState::Finished;
}

void TrainingWorker::applySettings(const rnnlab::TrainingSettings& settings) {
  m_trainer->setSettings(settings);
  trainerChanged();
  // A shown rewind or what-if traces its next iteration with the settings: trace it again.
  if (m_view == View::History) {
    const rnnlab::Model shown = m_viewModel;
    computeView(shown, m_trainer->data(), m_viewedIteration);
  } else if (m_view == View::WhatIf && m_whatIfModel && m_whatIfData) {
    computeView(*m_whatIfModel, *m_whatIfData, m_trainer->iteration());
  }
  m_session.training = settings;
  // The run's length follows the iteration count, counted from where the run began.
  m_target = m_runStart + settings.iterations;
  if (m_state == TrainingState::Running) {
    afterIterations(Clock::now());
  }
}

void TrainingWorker::applySpeed(int iterationsPerSecond) {
  m_speed = std::max(0, iterationsPerSecond);
  m_paceTimer->stop();  // restarted by scheduleNext with the new interval
  scheduleNext();
}

// --- Worker thread: history, branches and what-ifs ---

void TrainingWorker::applyHistoryBudget(std::size_t bytes) {
  if (bytes == m_historyBudget) {
    return;
  }
  // Re-offering the kept entries, oldest first, thins them to the new bound.
  rnnlab::ModelHistory resized(bytes);
  for (std::size_t i = 0; i < m_history.size(); ++i) {
    resized.record(m_history[i].iteration, m_history[i].params);
  }
  m_historyBudget = bytes;
  m_history = std::move(resized);
}

void TrainingWorker::haltForInspection() {
  if (m_state == TrainingState::Running) {
    m_paceTimer->stop();
    m_state = TrainingState::Paused;
  }
}

void TrainingWorker::leaveView() {
  m_view = View::Live;
  m_viewedIteration = -1;
  m_whatIfModel.reset();
  m_whatIfData.reset();
  m_viewTrace.reset();
}

void TrainingWorker::computeView(const rnnlab::Model& model, const rnnlab::SequenceData& data,
                                 long iteration) {
  m_viewModel = model;
  rnnlab::forward(model, data, m_viewForward);
  rnnlab::backward(model, m_viewForward, m_viewBackward);
  // The next iteration from these weights, numbered as it would be; the optimizer state starts
  // afresh (it is not part of the history), which for SGD changes nothing.
  rnnlab::Trainer probe(model, data, m_trainer->settings());
  probe.restart(model, iteration);
  m_viewTrace = std::make_shared<const rnnlab::IterationTrace>(rnnlab::traceIteration(probe));
}

void TrainingWorker::showHistory(long iteration) {
  haltForInspection();
  const rnnlab::ModelHistory::Entry* entry = m_history.atOrBefore(iteration);
  if (!entry) {
    return;  // cannot happen: iteration 0 is always kept
  }
  leaveView();
  m_view = View::History;
  m_viewedIteration = entry->iteration;
  rnnlab::Model model = m_trainer->model();
  model.params = entry->params;
  computeView(model, m_trainer->data(), entry->iteration);
}

void TrainingWorker::branch(long iteration, const rnnlab::TrainingSettings& settings) {
  haltForInspection();
  const rnnlab::ModelHistory::Entry* entry = m_history.atOrBefore(iteration);
  if (!entry) {
    return;
  }
  // Hand the old run's last losses over first, so that the controller archives it whole.
  if (!m_pendingLosses.empty()) {
    publish();
  }
  leaveView();
  const long from = entry->iteration;
  rnnlab::Model model = m_trainer->model();
  model.params = entry->params;
  m_trainer->setSettings(settings);
  m_trainer->restart(model, from);
  m_session.training = settings;
  m_history.truncateAfter(from);
  m_runStart = from;
  m_target = from + settings.iterations;
  m_state = TrainingState::Paused;
  m_message = tr("Continuing from iteration %1 as a new run.").arg(from);
  m_pendingLosses.clear();
  m_firstPending = from;
  m_lastLoss = std::numeric_limits<double>::quiet_NaN();
  m_lastClip = {};
  m_clippedIterations = 0;
  m_clipCountedIterations = 0;
  m_lastNormBefore = 0.0;
  m_lastNormAfter = 0.0;
  m_rateSamples.clear();
  m_branchedNow = true;
  trainerChanged();
  computeOwnPasses();
}

void TrainingWorker::setWhatIf(rnnlab::Model model, rnnlab::SequenceData data) {
  haltForInspection();
  leaveView();
  m_view = View::WhatIf;
  computeView(model, data, m_trainer->iteration());
  m_whatIfModel = std::move(model);
  m_whatIfData = std::move(data);
}

void TrainingWorker::applyWhatIf() {
  if (m_view != View::WhatIf || !m_whatIfModel || !m_whatIfData) {
    return;
  }
  const long iteration = m_trainer->iteration();
  rnnlab::Model model = std::move(*m_whatIfModel);
  rnnlab::SequenceData data = std::move(*m_whatIfData);
  leaveView();
  // The edit becomes the model (and data) at this iteration, like any edit: a new trainer (the
  // data may differ) that continues the count, with a fresh optimizer state.
  m_session.data = data;
  m_trainer = std::make_unique<rnnlab::Trainer>(model, std::move(data), m_trainer->settings());
  m_trainer->restart(model, iteration);
  m_history.truncateAfter(iteration - 1);
  m_history.record(iteration, m_trainer->model().params);
  trainerChanged();
  computeOwnPasses();
}

void TrainingWorker::afterUpdate(const rnnlab::IterationReport& report) {
  m_pendingLosses.push_back(report.loss);
  m_lastLoss = report.loss;
  m_lastClip = report.clip;
  ++m_clipCountedIterations;
  if (report.clip.acted()) {
    ++m_clippedIterations;
  }
  m_lastNormBefore = report.clip.normBefore;
  m_lastNormAfter = report.clip.normAfter;
  // A copy into a reused slot (or nothing, off the thinned stride): cheap next to the iteration.
  m_history.record(m_trainer->iteration(), m_trainer->model().params);
}

void TrainingWorker::trainerChanged() { m_liveTrace.reset(); }

std::shared_ptr<const rnnlab::IterationTrace> TrainingWorker::liveTrace() {
  if (!m_liveTrace) {
    m_liveTrace =
        std::make_shared<const rnnlab::IterationTrace>(rnnlab::traceIteration(*m_trainer));
  }
  return m_liveTrace;
}

// --- Worker thread: running ---

void TrainingWorker::scheduleNext() {
  if (m_state != TrainingState::Running || m_quitRequested.load(std::memory_order_relaxed)) {
    m_paceTimer->stop();
    return;
  }
  if (m_speed > 0) {
    if (!m_paceTimer->isActive()) {
      m_paceStart = Clock::now();
      m_paceDone = 0;
      m_paceTimer->start(paceIntervalMs(m_speed));
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
  if (m_state != TrainingState::Running || m_speed > 0) {
    return;  // paused, stopped or paced since this chunk was queued
  }
  const auto start = Clock::now();
  runIterations(std::numeric_limits<long>::max(),
                std::min(start + ChunkBudget, m_lastPublish + SnapshotInterval));
  afterIterations(Clock::now());
  scheduleNext();
}

void TrainingWorker::onPaceTick() {
  if (m_state != TrainingState::Running || m_speed <= 0) {
    m_paceTimer->stop();
    return;
  }
  const auto now = Clock::now();
  // Iterations due so far in this paced stretch; the first one right away.
  const long due = static_cast<long>(seconds(now - m_paceStart) * m_speed) + 1 - m_paceDone;
  if (due > 0) {
    const long ran = runIterations(due, now + ChunkBudget);
    if (ran < due) {
      // Too slow for this speed, or interrupted: start counting afresh instead of bursting to
      // catch up later.
      m_paceStart = Clock::now();
      m_paceDone = 0;
    } else {
      m_paceDone += ran;
    }
  }
  afterIterations(Clock::now());
  scheduleNext();
}

long TrainingWorker::runIterations(long maxCount, Clock::time_point deadline) {
  const auto start = Clock::now();
  auto now = start;
  long done = 0;
  // The per-iteration overhead is two relaxed atomic loads, one clock read and one push_back:
  // nothing next to even the smallest model's forward and backward pass.
  while (done < maxCount && m_trainer->iteration() < m_target) {
    if (m_commandsWaiting.load(std::memory_order_relaxed) ||
        m_quitRequested.load(std::memory_order_relaxed)) {
      break;
    }
    const rnnlab::IterationReport report = m_trainer->step();
    ++done;
    if (report.status == rnnlab::IterationReport::Status::Diverged) {
      m_elapsedSeconds += seconds(Clock::now() - start);
      onDiverged(report);
      return done;
    }
    afterUpdate(report);
    now = Clock::now();
    if (now >= deadline) {
      break;
    }
  }
  if (done > 0) {
    m_passesFromTrainer = true;
    trainerChanged();
  }
  m_elapsedSeconds += seconds(now - start);
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
  } else if (now - m_lastPublish >= SnapshotInterval &&
             m_trainer->iteration() != m_lastPublishedIteration) {
    publish();
  }
}

void TrainingWorker::onDiverged(const rnnlab::IterationReport& report) {
  m_paceTimer->stop();
  m_state = TrainingState::Diverged;
  const rnnlab::TrainingSettings& settings = m_trainer->settings();
  const bool clippingOff = settings.clipValue <= 0.0 && settings.clipNorm <= 0.0;
  const QString what = std::isfinite(report.loss) ? tr("The gradients") : tr("The loss");
  const QString cause =
      clippingOff
          ? tr("This probably happened because the learning rate is too high (%1) or because "
               "gradient clipping is off (clip value 0, clip norm 0): lower the learning rate or "
               "turn clipping on.")
                .arg(settings.learningRate, 0, 'g', 6)
          : tr("This probably happened because the learning rate is too high (%1) for this "
               "clipping (clip value %2, clip norm %3): lower the learning rate or clip harder.")
                .arg(settings.learningRate, 0, 'g', 6)
                .arg(settings.clipValue, 0, 'g', 6)
                .arg(settings.clipNorm, 0, 'g', 6);
  m_message = tr("%1 became NaN or infinite at iteration %2. Training stopped and the weights "
                 "were restored to the last finite ones (iteration %3). %4")
                  .arg(what)
                  .arg(report.iteration)
                  .arg(m_trainer->iteration())
                  .arg(cause);
  m_lastLoss = report.loss;
  m_lastClip = {};
  // Training went back to the weights before the previous update: so does the history.
  m_history.truncateAfter(m_trainer->iteration());
  trainerChanged();
  // The trainer's last passes are the non-finite ones: show those of the restored weights.
  computeOwnPasses();
  publish(/*divergedNow=*/true);
}

void TrainingWorker::computeOwnPasses() {
  rnnlab::forward(m_trainer->model(), m_trainer->data(), m_ownForward);
  rnnlab::backward(m_trainer->model(), m_ownForward, m_ownBackward);
  m_passesFromTrainer = false;
}

// --- Worker thread: snapshots ---

void TrainingWorker::publish(bool divergedNow) {
  const auto now = Clock::now();
  const long iteration = m_trainer->iteration();
  // A divergence takes back the last update: drop the losses of iterations that no longer
  // happened (the controller truncates its history to firstNewIteration likewise).
  if (m_firstPending > iteration) {
    m_firstPending = iteration;
    m_pendingLosses.clear();
  } else if (m_firstPending + static_cast<long>(m_pendingLosses.size()) > iteration) {
    m_pendingLosses.resize(static_cast<std::size_t>(iteration - m_firstPending));
  }

  auto snapshot = std::make_shared<TrainingSnapshot>();
  snapshot->iteration = iteration;
  snapshot->targetIteration = m_target;
  snapshot->state = m_state;
  snapshot->firstNewIteration = m_firstPending;
  snapshot->newLosses = std::exchange(m_pendingLosses, {});
  m_firstPending = iteration;
  snapshot->loss = m_lastLoss;
  snapshot->model = m_trainer->model();
  if (m_passesFromTrainer) {
    snapshot->forward = m_trainer->lastForward();
    snapshot->backward = m_trainer->lastBackward();
    snapshot->clip = m_lastClip;
  } else {
    snapshot->forward = m_ownForward;
    snapshot->backward = m_ownBackward;
  }
  snapshot->settings = m_trainer->settings();
  // Tracing costs one iteration: never while running, where snapshots come 30 times a second.
  if (m_state != TrainingState::Running) {
    snapshot->nextIteration = liveTrace();
  }
  if (m_view != View::Live) {
    snapshot->model = m_viewModel;
    snapshot->forward = m_viewForward;
    snapshot->backward = m_viewBackward;
    snapshot->clip = {};
    snapshot->nextIteration = m_viewTrace;
    snapshot->isHistoryView = m_view == View::History;
    snapshot->isWhatIf = m_view == View::WhatIf;
    snapshot->viewedIteration = m_viewedIteration;
  }
  snapshot->clippedIterations = m_clippedIterations;
  snapshot->clipCountedIterations = m_clipCountedIterations;
  snapshot->lastNormBefore = m_lastNormBefore;
  snapshot->lastNormAfter = m_lastNormAfter;
  snapshot->historyEntries = m_history.size();
  snapshot->historyByteBudget = m_historyBudget;
  snapshot->startsBranch = std::exchange(m_branchedNow, false);
  snapshot->iterationsPerSecond = recentIterationsPerSecond(now);
  snapshot->elapsedSeconds = m_elapsedSeconds;
  snapshot->message = m_message;
  snapshot->generation = m_generation;
  snapshot->command = m_command;
  snapshot->divergedNow = divergedNow;

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

double TrainingWorker::recentIterationsPerSecond(Clock::time_point now) {
  if (m_state != TrainingState::Running) {
    m_rateSamples.clear();
    return 0.0;
  }
  m_rateSamples.push_back({now, m_trainer->iteration()});
  while (m_rateSamples.size() > 2 && now - m_rateSamples[1].time >= RateWindow) {
    m_rateSamples.pop_front();
  }
  const RateSample& oldest = m_rateSamples.front();
  const double span = seconds(now - oldest.time);
  return span > 0.0 ? static_cast<double>(m_trainer->iteration() - oldest.iteration) / span : 0.0;
}
