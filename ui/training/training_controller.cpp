#include "training/training_controller.h"

#include <QtGlobal>
#include <algorithm>
#include <utility>

#include "training/pace_limiter.h"
#include "training/training_worker.h"

namespace command = training_command;

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  // Metatypes belong to the UI layer: the snapshot pointer for queued connections and spies that
  // others may make to snapshotReady, the state for stateChanged.
  qRegisterMetaType<TrainingSnapshotPtr>();
  qRegisterMetaType<TrainingState>();

  // The worker has no parent: it moves to m_thread and is deleted there (deleteLater on
  // finished runs as the thread ends, before wait() returns in our destructor).
  m_worker = new TrainingWorker;
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(m_worker, &TrainingWorker::snapshotsAvailable, this,
          &TrainingController::onSnapshotsAvailable, Qt::QueuedConnection);
  m_thread.setObjectName(QStringLiteral("TrainingWorker"));
  m_thread.start();

  setSession(rnnlab::builtinExample());
}

TrainingController::~TrainingController() {
  // The running chunk returns after its current iteration, nothing more is queued, and the
  // thread's event loop ends; wait() joins it. Snapshots still queued for us are discarded by
  // ~QObject together with their doorbell.
  m_worker->requestQuit();
  m_thread.quit();
  m_thread.wait();
}

void TrainingController::post(TrainingCommand command) {
  m_worker->post(++m_lastCommand, std::move(command));
}

namespace {

// Gates·H·(I + H) + O·H weights from 2^20 on: the idle picture made on the GUI thread leaves the
// stepper's trace to the training thread.
bool tracedLater(const rnnlab::ModelConfig& config) {
  const long gates = rnnlab::gateCount(config.cell);
  const long H = config.hiddenSize;
  return gates * H * (config.inputSize + H) + long{config.outputSize} * H >= (1L << 20);
}

}  // namespace

void TrainingController::setSession(const rnnlab::Session& session) {
  if (const auto problem = rnnlab::validate(session)) {
    qWarning("TrainingController::setSession: refused: %s", problem->c_str());
    return;
  }
  // The run so far stays in the comparison, labelled with its own cell and settings: comparing a
  // tanh RNN with an LSTM means training one session after the other.
  const std::size_t runsBefore = m_previousRuns.size();
  const bool archived = archiveLiveRun();
  m_archivedRunTails.push_back(ArchivedRunTail{
      m_generation, archived ? std::optional<std::size_t>(runsBefore) : std::nullopt, m_runSettings,
      m_session.model});
  m_session = session;
  ++m_generation;
  post(command::SetSession{m_generation, m_session});
  becomeIdle();
  if (archived) {
    emit runsChanged();
  }
}

void TrainingController::continueRun(const rnnlab::Session& session,
                                     const rnnlab::LossRecord& losses,
                                     const std::vector<LossHistory::Point>& validation) {
  setSession(session);
  m_losses.restore(losses, validation);
}

void TrainingController::reset() {
  // The worker may be ahead of the last snapshot we have (by up to one snapshot interval while
  // running): archive what is here now, and let the rest follow (completeArchivedRun).
  const std::size_t runsBefore = m_previousRuns.size();
  const bool archived = archiveLiveRun();
  m_archivedRunTails.push_back(ArchivedRunTail{
      m_generation, archived ? std::optional<std::size_t>(runsBefore) : std::nullopt, m_runSettings,
      m_session.model});
  ++m_generation;
  post(command::Reset{m_generation});
  becomeIdle();
  // Announced once the live run is the new one, so listeners see both as they now are.
  if (archived) {
    emit runsChanged();
  }
}

void TrainingController::becomeIdle() {
  // The worker answers with the same picture shortly; building it here means latestSnapshot()
  // and lossHistory() are right the moment setSession()/reset() return. One forward and backward
  // pass on the GUI thread, on the controller's own copy of the session.
  // Tracing a big model is a whole training iteration with copies of every block, with the
  // window frozen meanwhile: the worker's answer brings that trace instead.
  auto snapshot = TrainingWorker::idleSnapshot(m_session, m_shownValidation, m_shownIndex,
                                               !tracedLater(m_session.model));
  if (m_session.trainingState) {
    // A session saved mid-run: the worker continues from its iteration (it answers shortly).
    const long start = m_session.trainingState->iteration;
    snapshot->iteration = start;
    snapshot->runStartIteration = start;
    snapshot->targetIteration = start + m_session.training.iterations;
    snapshot->trainingState = *m_session.trainingState;
  }
  snapshot->generation = m_generation;
  snapshot->handledCommandId = m_lastCommand;
  snapshot->historyByteBudget = m_historyBudget;
  m_latest = std::move(snapshot);
  m_losses.clear();
  m_runSettings = m_session.training;
  m_whatIfData.reset();
  emit snapshotReady(m_latest);
  setState(TrainingState::Idle);
}

// The worker leaves a what-if on Play, Step, a rewind and a branch: so does the data that would
// become the session's on applyWhatIf(), or a later Apply would change the session's data but not
// the worker's.
void TrainingController::play() {
  m_whatIfData.reset();
  post(command::Play{});
}

void TrainingController::pause() { post(command::Pause{}); }

void TrainingController::step() {
  m_whatIfData.reset();
  post(command::Step{});
}

void TrainingController::stop() { post(command::Stop{}); }

void TrainingController::setSettings(const rnnlab::TrainingSettings& settings) {
  m_session.training = settings;
  post(command::SetSettings{settings});
}

void TrainingController::setSnapshotInterval(int milliseconds) {
  m_worker->setSnapshotInterval(milliseconds);
}

void TrainingController::setRunSpan(long start, long target) {
  post(command::SetRunSpan{start, target});
}

void TrainingController::setSpeed(int iterationsPerSecond) {
  m_speed = iterationsPerSecond == PaceLimiter::Watch ? iterationsPerSecond
                                                      : std::max(0, iterationsPerSecond);
  post(command::SetSpeed{m_speed});
}

void TrainingController::onSnapshotsAvailable() {
  bool accepted = false;
  bool runsChangedNow = false;
  std::vector<TrainingSnapshotPtr> announced;  // divergences and rising losses, in order
  for (const TrainingSnapshotPtr& snapshot : m_worker->takeSnapshots()) {
    if (!snapshot) {
      continue;
    }
    // Snapshots come in the order they were made: once a newer generation speaks, an older
    // one has nothing more to say.
    std::erase_if(m_archivedRunTails, [&](const ArchivedRunTail& tail) {
      return tail.generation < snapshot->generation;
    });
    if (snapshot->generation != m_generation) {
      runsChangedNow = completeArchivedRun(*snapshot) || runsChangedNow;
      continue;
    }
    // A branch's answer archives the old run (every loss of it arrived before: the worker
    // hands them over first); the merge in accept() then cuts the live losses back.
    if (snapshot->startsBranch) {
      runsChangedNow = archiveLiveRun() || runsChangedNow;
      m_runSettings = snapshot->settings;
    }
    accept(snapshot);
    accepted = true;
    if (snapshot->divergedNow || snapshot->lossRoseNow) {
      announced.push_back(snapshot);
    }
  }
  if (accepted) {
    emit snapshotReady(m_latest);
    // The state comes only from the answer to the latest command, so that an answer still in
    // flight cannot undo a newer command (play; pause: the play answer must not show Running).
    if (m_latest->handledCommandId == m_lastCommand) {
      setState(m_latest->state);
    }
  }
  if (runsChangedNow) {
    emit runsChanged();
  }
  for (const TrainingSnapshotPtr& snapshot : announced) {
    if (snapshot->divergedNow) {
      emit diverged(snapshot->message);
    } else {
      emit lossRising(snapshot->message);
    }
  }
}

void TrainingController::accept(const TrainingSnapshotPtr& snapshot) {
  m_losses.update(static_cast<std::size_t>(std::max(0L, snapshot->firstNewIteration)),
                  snapshot->newLosses, static_cast<std::size_t>(std::max(0L, snapshot->iteration)));
  if (!snapshot->newValidation.empty()) {
    std::vector<LossHistory::Point> points;
    points.reserve(snapshot->newValidation.size());
    for (const TrainingSnapshot::ValidationPoint& point : snapshot->newValidation) {
      points.push_back({point.iteration, point.value});
    }
    m_losses.addValidation(points);
  }
  if (!snapshot->newLosses.empty()) {
    m_runSettings = snapshot->settings;
  }
  m_latest = snapshot;
}

bool TrainingController::completeArchivedRun(const TrainingSnapshot& snapshot) {
  // Anything else of an older generation was made before a reset() or setSession() that has
  // already cleared everything: dropped.
  const auto tail = std::find_if(m_archivedRunTails.begin(), m_archivedRunTails.end(),
                                 [&](const ArchivedRunTail& candidate) {
                                   return candidate.generation == snapshot.generation;
                                 });
  if (tail == m_archivedRunTails.end() || (!tail->run && snapshot.newLosses.empty())) {
    return false;
  }
  if (!tail->run) {
    // Reset before any loss had arrived: the run is archived now that some do.
    m_previousRuns.push_back(RunRecord{runLabel(tail->settings, tail->model), {}, tail->settings});
    ++m_runsStarted;
    tail->run = m_previousRuns.size() - 1;
  }
  // The same rule as the live losses: a divergence still on the way may take one back.
  RunRecord& run = m_previousRuns[*tail->run];
  const std::size_t before = run.losses.size();
  const std::size_t kept = run.losses.merge(
      static_cast<std::size_t>(std::max(0L, snapshot.firstNewIteration)), snapshot.newLosses,
      static_cast<std::size_t>(std::max(0L, snapshot.iteration)));
  return kept < before || run.losses.size() > kept;
}

void TrainingController::setState(TrainingState state) {
  if (state != m_state) {
    m_state = state;
    emit stateChanged(m_state);
  }
}

void TrainingController::setHistoryBudget(std::size_t bytes) {
  m_historyBudget = bytes;
  post(command::SetHistoryBudget{bytes});
}

void TrainingController::showHistory(long iteration) {
  m_whatIfData.reset();
  post(command::ShowHistory{std::max(0L, iteration)});
}

void TrainingController::leaveHistory() { post(command::LeaveHistory{}); }

void TrainingController::branchFromHistory(long iteration,
                                           const rnnlab::TrainingSettings& settings) {
  // Like setSettings(): the settings panel's ranges keep them valid.
  m_session.training = settings;
  m_whatIfData.reset();
  post(command::Branch{std::max(0L, iteration), settings});
}

bool TrainingController::setWhatIf(const rnnlab::Model& model, const rnnlab::SequenceData& data) {
  // Only the model and the data are checked: the settings are the live ones, whatever they are.
  rnnlab::Session probe = m_session;
  probe.training = rnnlab::TrainingSettings{};
  probe.model = model.config;
  probe.setModel(model);
  probe.data = data;
  if (model.config != m_session.model) {
    qWarning("TrainingController::setWhatIf: refused: the model's sizes differ from the session's");
    return false;
  }
  if (const auto problem = rnnlab::validate(probe)) {
    qWarning("TrainingController::setWhatIf: refused: %s", problem->c_str());
    return false;
  }
  m_whatIfData = data;
  post(command::SetWhatIf{model, data});
  return true;
}

void TrainingController::showSequence(bool validation, int index) {
  m_shownValidation = validation;
  m_shownIndex = index;
  post(command::ShowSequence{validation, index});
}

void TrainingController::clearWhatIf() {
  m_whatIfData.reset();
  post(command::ClearWhatIf{});
}

bool TrainingController::applyWhatIf() {
  if (!m_whatIfData) {
    return false;
  }
  // The worker's data becomes the edited one; so does ours, so reset() and session() agree.
  m_session.data = std::move(*m_whatIfData);
  m_whatIfData.reset();
  post(command::ApplyWhatIf{});
  return true;
}

void TrainingController::clearPreviousRuns() {
  m_archivedRunTails.clear();  // late losses of a cleared run are not wanted either
  if (m_previousRuns.empty()) {
    return;
  }
  m_previousRuns.clear();
  emit runsChanged();
}

QString TrainingController::describeSettings(const rnnlab::TrainingSettings& settings) {
  QString text = QStringLiteral("%1 η=%2")
                     .arg(QString::fromUtf8(
                         rnnlab::toString(settings.optimizer).data(),
                         static_cast<qsizetype>(rnnlab::toString(settings.optimizer).size())))
                     .arg(settings.learningRate, 0, 'g', 4);
  if (settings.clipValue > 0.0) {
    text += tr(" clip %1").arg(settings.clipValue, 0, 'g', 4);
  }
  if (settings.clipNorm > 0.0) {
    text += tr(" clip-norm %1").arg(settings.clipNorm, 0, 'g', 4);
  }
  if (settings.clipValue <= 0.0 && settings.clipNorm <= 0.0) {
    text += tr(" no clip");
  }
  return text;
}

QString TrainingController::describeModel(const rnnlab::ModelConfig& model) {
  QString cell;
  switch (model.cell) {
    case rnnlab::CellKind::Lstm:
      cell = QStringLiteral("LSTM");
      break;
    case rnnlab::CellKind::Gru:
      cell = QStringLiteral("GRU");
      break;
    case rnnlab::CellKind::Rnn:
      cell = QStringLiteral("tanh RNN");
      break;
  }
  if (!model.stacked()) {
    return QStringLiteral("%1 H=%2").arg(cell).arg(model.hiddenSize);
  }
  // A stack as PyTorch users say it: layers × hidden size, "bi" for two directions.
  QString text = QStringLiteral("%1 %2×%3").arg(cell).arg(model.layers).arg(model.hiddenSize);
  if (model.bidirectional) {
    text += QStringLiteral(" bi");
  }
  if (model.layers > 1 && model.dropout > 0.0) {
    text += QStringLiteral(" dropout %1").arg(model.dropout, 0, 'g', 3);
  }
  return text;
}

QString TrainingController::runLabel(const rnnlab::TrainingSettings& settings) const {
  return runLabel(settings, m_session.model);
}

QString TrainingController::runLabel(const rnnlab::TrainingSettings& settings,
                                     const rnnlab::ModelConfig& model) const {
  // The cell first: comparing a tanh RNN with an LSTM on one task is what the chart is for.
  return tr("run %1: %2 · %3")
      .arg(m_runsStarted + 1)
      .arg(describeModel(model), describeSettings(settings));
}

QString TrainingController::liveRunLabel() const { return runLabel(m_runSettings); }

bool TrainingController::archiveLiveRun() {
  if (m_losses.empty()) {
    return false;
  }
  m_previousRuns.push_back(RunRecord{liveRunLabel(), m_losses.losses(), m_runSettings});
  ++m_runsStarted;
  return true;
}
