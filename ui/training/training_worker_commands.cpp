// TrainingWorker's commands, one handler each, run on the worker's thread in the order the
// controller posted them.

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
