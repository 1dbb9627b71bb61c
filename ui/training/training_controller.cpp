#include "training/training_controller.h"

#include <QtGlobal>
#include <algorithm>
#include <limits>
#include <utility>

#include "training/training_worker.h"

using Command = TrainingWorker::Command;

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

template <typename Fill>
void TrainingController::post(Fill fill) {
  Command command;
  command.id = ++m_lastCommand;
  fill(command);
  m_worker->post(std::move(command));
}

void TrainingController::setSession(const rnnlab::Session& session) {
  if (const auto problem = rnnlab::validate(session)) {
    qWarning("TrainingController::setSession: refused: %s", problem->c_str());
    return;
  }
  m_session = session;
  ++m_generation;
  post([&](Command& command) {
    command.kind = Command::Kind::SetSession;
    command.generation = m_generation;
    command.session = m_session;
  });
  startOver();
}

void TrainingController::reset() {
  const bool archived = archiveLiveRun();
  ++m_generation;
  post([&](Command& command) {
    command.kind = Command::Kind::Reset;
    command.generation = m_generation;
  });
  startOver();
  // Announced once the live run is the new one, so listeners see both as they now are.
  if (archived) {
    emit runsChanged();
  }
}

void TrainingController::startOver() {
  // The worker answers with the same picture shortly; building it here means latestSnapshot()
  // and lossHistory() are right the moment setSession()/reset() return. One forward and backward
  // pass on the GUI thread, on the controller's own copy of the session.
  auto snapshot =
      TrainingWorker::idleSnapshot(m_session.makeModel(), m_session.data, m_session.training);
  snapshot->generation = m_generation;
  snapshot->command = m_lastCommand;
  snapshot->historyByteBudget = m_historyBudget;
  m_latest = std::move(snapshot);
  m_lossHistory.clear();
  m_runSettings = m_session.training;
  m_whatIfData.reset();
  emit snapshotReady(m_latest);
  setState(TrainingState::Idle);
}

void TrainingController::play() {
  post([](Command& command) { command.kind = Command::Kind::Play; });
}

void TrainingController::pause() {
  post([](Command& command) { command.kind = Command::Kind::Pause; });
}

void TrainingController::step() {
  post([](Command& command) { command.kind = Command::Kind::Step; });
}

void TrainingController::stop() {
  post([](Command& command) { command.kind = Command::Kind::Stop; });
}

void TrainingController::setSettings(const rnnlab::TrainingSettings& settings) {
  m_session.training = settings;
  post([&](Command& command) {
    command.kind = Command::Kind::SetSettings;
    command.settings = settings;
  });
}

void TrainingController::setSpeed(int iterationsPerSecond) {
  m_speed = std::max(0, iterationsPerSecond);
  post([&](Command& command) {
    command.kind = Command::Kind::SetSpeed;
    command.iterationsPerSecond = m_speed;
  });
}

void TrainingController::onSnapshotsAvailable() {
  bool accepted = false;
  std::vector<QString> divergences;
  for (const TrainingSnapshotPtr& snapshot : m_worker->takeSnapshots()) {
    if (accept(snapshot)) {
      accepted = true;
      if (snapshot->divergedNow) {
        divergences.push_back(snapshot->message);
      }
    }
  }
  if (!accepted) {
    return;
  }
  emit snapshotReady(m_latest);
  // The state comes only from the answer to the latest command, so that an answer still in
  // flight cannot undo a newer command (play; pause: the play answer must not show Running).
  if (m_latest->command == m_lastCommand) {
    setState(m_latest->state);
  }
  for (const QString& message : divergences) {
    emit diverged(message);
  }
}

bool TrainingController::accept(const TrainingSnapshotPtr& snapshot) {
  if (!snapshot || snapshot->generation != m_generation) {
    return false;  // made before a reset() or setSession() that has already cleared everything
  }
  bool archived = false;
  if (snapshot->startsBranch) {
    // Every loss of the old run arrived before this answer (the worker flushes them first):
    // archive it whole, then the truncation below cuts the live history back to the branch.
    archived = archiveLiveRun();
    m_runSettings = snapshot->settings;
  }
  // newLosses[k] is iteration firstNewIteration + k. A divergence takes back the last update,
  // so the worker may restart a little before our end: truncate to where it says.
  const auto first = static_cast<std::size_t>(std::max(0L, snapshot->firstNewIteration));
  if (first != m_lossHistory.size()) {
    if (first > m_lossHistory.size()) {
      qWarning("TrainingController: losses of iterations %zu..%zu are missing",
               m_lossHistory.size(), first - 1);
    }
    m_lossHistory.resize(first, std::numeric_limits<double>::quiet_NaN());
  }
  m_lossHistory.insert(m_lossHistory.end(), snapshot->newLosses.begin(), snapshot->newLosses.end());
  if (!snapshot->newLosses.empty()) {
    m_runSettings = snapshot->settings;
  }
  m_latest = snapshot;
  if (archived) {
    emit runsChanged();
  }
  return true;
}

void TrainingController::setState(TrainingState state) {
  if (state != m_state) {
    m_state = state;
    emit stateChanged(m_state);
  }
}

void TrainingController::setHistoryBudget(std::size_t bytes) {
  m_historyBudget = bytes;
  post([&](Command& command) {
    command.kind = Command::Kind::SetHistoryBudget;
    command.historyBudget = bytes;
  });
}

void TrainingController::showHistory(long iteration) {
  post([&](Command& command) {
    command.kind = Command::Kind::ShowHistory;
    command.iteration = std::max(0L, iteration);
  });
}

void TrainingController::leaveHistory() {
  post([](Command& command) { command.kind = Command::Kind::LeaveHistory; });
}

void TrainingController::branchFromHistory(long iteration,
                                           const rnnlab::TrainingSettings& settings) {
  // Like setSettings(): the settings panel's ranges keep them valid.
  m_session.training = settings;
  post([&](Command& command) {
    command.kind = Command::Kind::Branch;
    command.iteration = std::max(0L, iteration);
    command.settings = settings;
  });
}

void TrainingController::setWhatIf(const rnnlab::Model& model, const rnnlab::SequenceData& data) {
  // Only the model and the data are checked: the settings are the live ones, whatever they are.
  rnnlab::Session probe = m_session;
  probe.training = rnnlab::TrainingSettings{};
  probe.model = model.config;
  probe.setModel(model);
  probe.data = data;
  if (model.config != m_session.model) {
    qWarning("TrainingController::setWhatIf: refused: the model's sizes differ from the session's");
    return;
  }
  if (const auto problem = rnnlab::validate(probe)) {
    qWarning("TrainingController::setWhatIf: refused: %s", problem->c_str());
    return;
  }
  m_whatIfData = data;
  post([&](Command& command) {
    command.kind = Command::Kind::SetWhatIf;
    command.model = model;
    command.data = data;
  });
}

void TrainingController::clearWhatIf() {
  m_whatIfData.reset();
  post([](Command& command) { command.kind = Command::Kind::ClearWhatIf; });
}

void TrainingController::applyWhatIf() {
  if (!m_whatIfData) {
    return;
  }
  // The worker's data becomes the edited one; so does ours, so reset() and session() agree.
  m_session.data = std::move(*m_whatIfData);
  m_whatIfData.reset();
  post([](Command& command) { command.kind = Command::Kind::ApplyWhatIf; });
}

void TrainingController::clearPreviousRuns() {
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
    text += QStringLiteral(" clip %1").arg(settings.clipValue, 0, 'g', 4);
  }
  if (settings.clipNorm > 0.0) {
    text += QStringLiteral(" clip-norm %1").arg(settings.clipNorm, 0, 'g', 4);
  }
  if (settings.clipValue <= 0.0 && settings.clipNorm <= 0.0) {
    text += QStringLiteral(" no clip");
  }
  return text;
}

QString TrainingController::liveRunLabel() const {
  return tr("run %1: %2").arg(m_runsStarted + 1).arg(describeSettings(m_runSettings));
}

bool TrainingController::archiveLiveRun() {
  if (m_lossHistory.empty()) {
    return false;
  }
  m_previousRuns.push_back(RunRecord{liveRunLabel(), m_lossHistory, m_runSettings});
  ++m_runsStarted;
  return true;
}
