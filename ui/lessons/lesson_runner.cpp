#include "lessons/lesson_runner.h"

#include <QAction>
#include <QJsonDocument>
#include <QPushButton>
#include <QScopedValueRollback>
#include <cmath>

#include "document/session_document.h"
#include "inspection/gradient_check_panel.h"
#include "inspection/iteration_stepper_panel.h"
#include "lessons/session_setting.h"
#include "text/text_samples_panel.h"
#include "training/training_controller.h"

namespace {

QString phaseTitle(const QString& phase) {
  if (phase == QLatin1String("forward")) {
    return LessonRunner::tr("forward");
  }
  if (phase == QLatin1String("loss")) {
    return LessonRunner::tr("loss");
  }
  if (phase == QLatin1String("backward")) {
    return LessonRunner::tr("backward");
  }
  if (phase == QLatin1String("clip")) {
    return LessonRunner::tr("clipping");
  }
  return LessonRunner::tr("update");
}

QString buttonTitle(const QString& button) {
  if (button == QLatin1String("play")) {
    return LessonRunner::tr("Play");
  }
  if (button == QLatin1String("reset")) {
    return LessonRunner::tr("Reset");
  }
  return LessonRunner::tr("Check gradients");
}

// The stepper's index of the first phase called `phase` (2T + 3 phases: forward 0..T−1, loss,
// backward T−1..0, clip, update).
int phaseIndex(const QString& phase, int count) {
  const int steps = (count - 3) / 2;
  if (phase == QLatin1String("forward")) {
    return 0;
  }
  if (phase == QLatin1String("loss")) {
    return steps;
  }
  if (phase == QLatin1String("backward")) {
    return steps + 1;
  }
  if (phase == QLatin1String("clip")) {
    return 2 * steps + 1;
  }
  return 2 * steps + 2;
}

QString phaseName(rnnlab::IterationPhase::Kind kind) {
  using Kind = rnnlab::IterationPhase::Kind;
  switch (kind) {
    case Kind::Forward:
      return QStringLiteral("forward");
    case Kind::Loss:
      return QStringLiteral("loss");
    case Kind::Backward:
      return QStringLiteral("backward");
    case Kind::Clip:
      return QStringLiteral("clip");
    case Kind::Update:
      return QStringLiteral("update");
  }
  return QString();
}

}  // namespace

LessonRunner::LessonRunner(LessonHost host, QObject* parent)
    : QObject(parent), m_host(std::move(host)) {
  m_poll.setInterval(PollMs);
  connect(&m_poll, &QTimer::timeout, this, [this] {
    runPending();
    evaluate();
  });
  if (m_host.controller != nullptr) {
    connect(m_host.controller, &TrainingController::snapshotReady, this, &LessonRunner::onSnapshot);
    connect(m_host.controller, &TrainingController::stateChanged, this,
            &LessonRunner::onStateChanged);
    connect(m_host.controller, &TrainingController::diverged, this, &LessonRunner::onDiverged);
    connect(m_host.controller, &TrainingController::lossRising, this, &LessonRunner::onDiverged);
  }
  if (m_host.document != nullptr) {
    connect(m_host.document, &SessionDocument::edited, this, &LessonRunner::evaluate);
    connect(m_host.document, &SessionDocument::loaded, this, [this] {
      if (m_lesson && !m_opening) {
        emit sessionReplaced();
      }
    });
  }
  if (m_host.stepper != nullptr) {
    connect(m_host.stepper, &IterationStepperPanel::phaseChanged, this, &LessonRunner::evaluate);
  }
  if (m_host.play != nullptr) {
    connect(m_host.play, &QAction::triggered, this, [this] { onPressed(QStringLiteral("play")); });
  }
  if (m_host.reset != nullptr) {
    connect(m_host.reset, &QAction::triggered, this,
            [this] { onPressed(QStringLiteral("reset")); });
  }
  if (m_host.gradientCheck != nullptr) {
    connect(m_host.gradientCheck, &GradientCheckPanel::started, this,
            [this] { onPressed(QStringLiteral("gradient_check")); });
  }
}

bool LessonRunner::start(const Lesson& lesson, QString* error) {
  LessonAction open;
  open.preset = lesson.preset;
  open.session = lesson.session;
  m_lesson = lesson;  // perform() names an inline session after the lesson
  if (!perform(open, error)) {
    m_lesson.reset();
    return false;
  }
  if (m_host.controller != nullptr) {
    m_host.controller->clearPreviousRuns();  // Compare runs shows this lesson's runs only
  }
  for (const QString& dock : lesson.show) {
    if (m_host.raise) {
      m_host.raise(dock);
    }
  }
  m_poll.start();
  enterStep(0);
  return true;
}

void LessonRunner::stop() {
  if (!m_lesson) {
    return;
  }
  m_poll.stop();
  m_trainUntil = -1;
  m_pendingPhase.clear();
  m_pendingCheck = false;
  m_lesson.reset();
  m_index = -1;
  emit stopped();
}

void LessonRunner::next() { goTo(m_index + 1); }

void LessonRunner::back() { goTo(m_index - 1); }

void LessonRunner::restart() {
  if (!m_lesson) {
    return;
  }
  const Lesson lesson = *m_lesson;
  QString error;
  if (!start(lesson, &error)) {
    emit failed(error);
  }
}

void LessonRunner::goTo(int index) {
  if (!m_lesson || index < 0 || index >= m_lesson->steps.size() || index == m_index) {
    return;
  }
  enterStep(index);
}

void LessonRunner::enterStep(int index) {
  m_index = index;
  m_done = false;
  m_trainUntil = -1;
  m_pendingPhase.clear();
  m_pendingCheck = false;
  m_stepIterations = 0;
  m_lastIteration =
      m_host.controller != nullptr ? m_host.controller->latestSnapshot()->iteration : 0;
  emit stepChanged(index);
  QString error;
  // The action's own edits and presses must not be judged against the previous step's state.
  m_entering = true;
  const bool performed = perform(step().action, &error);
  m_entering = false;
  if (!performed) {
    emit failed(error);
  }
  // What the condition compares with is taken after the step's own action: only what follows
  // counts as the student's.
  m_pressed.clear();
  m_diverged = false;
  m_validationCount = 0;
  const LessonCondition& until = step().until;
  m_baseline = until.kind == LessonCondition::Kind::SettingChanged && m_host.document != nullptr
                   ? SessionSetting::value(m_host.document->session(), until.name)
                   : QJsonValue();
  evaluate();
}

bool LessonRunner::perform(const LessonAction& action, QString* error) {
  auto refuse = [error](const QString& message) {
    if (error != nullptr) {
      *error = message;
    }
    return false;
  };
  SessionDocument* document = m_host.document;
  if ((!action.preset.isEmpty() || action.session || !action.settings.isEmpty()) &&
      document == nullptr) {
    return refuse(tr("no session to change"));
  }
  // The document's `loaded` from here on is the lesson's own (sessionReplaced is for others).
  const QScopedValueRollback<bool> opening(m_opening, true);
  if (!action.preset.isEmpty()) {
    QString message;
    if (!document->openPreset(action.preset, &message)) {
      return refuse(tr("preset %1: %2").arg(action.preset, message));
    }
  }
  if (action.session) {
    try {
      const QByteArray json = QJsonDocument(*action.session).toJson(QJsonDocument::Compact);
      const rnnlab::Session session = rnnlab::parseSession(
          std::string_view(json.constData(), static_cast<size_t>(json.size())));
      const QString title =
          m_lesson ? Lesson::text(m_lesson->texts, m_language).title : tr("Lesson");
      document->setSession(session, QString(), title);
    } catch (const std::exception& e) {
      return refuse(tr("session.%1").arg(QString::fromStdString(e.what())));
    }
  }
  if (!action.settings.isEmpty()) {
    rnnlab::Session after = document->session();
    for (const auto& [key, value] : action.settings) {
      try {
        after = SessionSetting::with(after, key, value);
      } catch (const std::exception& e) {
        return refuse(tr("set %1: %2").arg(key, QString::fromStdString(e.what())));
      }
    }
    // One undoable edit, as the settings panel makes one (a changed model waits for Reset).
    document->editModel(after.model, after.training);
  }
  if (action.reset && !press(QStringLiteral("reset"), error)) {
    return false;
  }
  for (const QString& dock : action.show) {
    if (m_host.raise) {
      m_host.raise(dock);
    }
  }
  if (action.temperature) {
    if (m_host.samples == nullptr) {
      return refuse(tr("no text samples to set the temperature of"));
    }
    m_host.samples->setTemperature(*action.temperature);
  }
  if (action.train > 0) {
    if (m_host.controller == nullptr) {
      return refuse(tr("nothing to train"));
    }
    const TrainingSnapshotPtr latest = m_host.controller->latestSnapshot();
    m_trainUntil = latest->iteration + action.train;
    if (document != nullptr && m_host.controller->state() != TrainingState::Running) {
      // The run's length, counted from where it began, so that the worker itself stops at
      // exactly N more (a pause sent on a snapshot would come many iterations late).
      document->setIterations(m_trainUntil - latest->runStartIteration);
    }
    m_host.controller->play();
  }
  if (!action.phase.isEmpty()) {
    if (m_host.raise) {
      m_host.raise(QStringLiteral("stepper"));  // the presenter fills only a shown stepper
    }
    m_pendingPhase = action.phase;
  }
  if (action.gradientCheck) {
    if (m_host.raise) {
      m_host.raise(QStringLiteral("gradientCheck"));
    }
    m_pendingCheck = true;
  }
  if (!action.press.isEmpty() && !press(action.press, error)) {
    return false;
  }
  runPending();
  return true;
}

bool LessonRunner::press(const QString& button, QString* error) {
  QAction* action = button == QLatin1String("play")    ? m_host.play
                    : button == QLatin1String("reset") ? m_host.reset
                                                       : nullptr;
  if (action != nullptr) {
    action->trigger();
    return true;
  }
  if (button == QLatin1String("gradient_check") && m_host.gradientCheck != nullptr) {
    if (m_host.raise) {
      m_host.raise(QStringLiteral("gradientCheck"));
    }
    // A dock just raised gets its model on the presenter's next redraw slice: press it then.
    if (m_host.gradientCheck->runButton()->isEnabled()) {
      m_host.gradientCheck->runButton()->click();
    } else {
      m_pendingCheck = true;
    }
    return true;
  }
  if (error != nullptr) {
    *error = tr("no %1 button").arg(buttonTitle(button));
  }
  return false;
}

bool LessonRunner::performUserAction(QString* error) {
  if (!m_lesson) {
    return false;
  }
  return perform(step().user, error);
}

bool LessonRunner::isBusy() const {
  return m_trainUntil >= 0 || !m_pendingPhase.isEmpty() || m_pendingCheck;
}

void LessonRunner::runPending() {
  if (m_trainUntil >= 0 || m_host.controller == nullptr ||
      m_host.controller->state() == TrainingState::Running) {
    return;  // the stepper and the check show the model once training has paused
  }
  if (!m_pendingPhase.isEmpty() && m_host.stepper != nullptr && m_host.stepper->phaseCount() > 0) {
    m_host.stepper->setPhaseIndex(phaseIndex(m_pendingPhase, m_host.stepper->phaseCount()));
    m_pendingPhase.clear();
  }
  if (m_pendingCheck && m_host.gradientCheck != nullptr &&
      m_host.gradientCheck->runButton()->isEnabled()) {
    m_pendingCheck = false;
    m_host.gradientCheck->runCheck();
  }
}

void LessonRunner::onSnapshot(const TrainingSnapshotPtr& snapshot) {
  if (!m_lesson) {
    return;
  }
  if (snapshot->iteration > m_lastIteration) {
    m_stepIterations += snapshot->iteration - m_lastIteration;
  }
  m_lastIteration = snapshot->iteration;
  for (const auto& point : snapshot->newValidation) {
    const double value = point.value;
    if (!std::isfinite(value)) {
      continue;
    }
    m_lowestValidation = m_validationCount == 0 ? value : std::min(m_lowestValidation, value);
    m_latestValidation = value;
    ++m_validationCount;
  }
  if (m_trainUntil >= 0 && snapshot->iteration >= m_trainUntil) {
    m_trainUntil = -1;
    if (m_host.controller->state() == TrainingState::Running) {
      m_host.controller->pause();
    }
  }
  evaluate();
}

void LessonRunner::onStateChanged() {
  if (!m_lesson || m_trainUntil < 0) {
    return;
  }
  if (m_host.controller->state() != TrainingState::Running) {
    // At its target, or paused by the student, by the divergence guard, or diverged.
    m_trainUntil = -1;
  }
}

void LessonRunner::onPressed(const QString& button) {
  if (m_lesson) {
    m_pressed.append(button);
    evaluate();
  }
}

void LessonRunner::onDiverged() {
  if (m_lesson) {
    m_diverged = true;
    m_trainUntil = -1;
    evaluate();
  }
}

bool LessonRunner::conditionHolds() const {
  using Kind = LessonCondition::Kind;
  const LessonCondition& until = step().until;
  const TrainingSnapshotPtr snapshot =
      m_host.controller != nullptr ? m_host.controller->latestSnapshot() : nullptr;
  switch (until.kind) {
    case Kind::None:
      return true;
    case Kind::IterationAtLeast:
      return snapshot != nullptr && static_cast<double>(snapshot->iteration) >= until.number;
    case Kind::LossBelow:
      return snapshot != nullptr && snapshot->iteration > 0 && std::isfinite(snapshot->loss) &&
             snapshot->loss < until.number;
    case Kind::ValidationRising:
      return m_validationCount >= 2 && m_latestValidation > m_lowestValidation * ValidationRise;
    case Kind::PhaseReached:
      return m_host.stepper != nullptr && m_host.stepper->phaseCount() > 0 &&
             phaseName(m_host.stepper->phase().kind) == until.name;
    case Kind::SettingChanged:
      return m_host.document != nullptr &&
             SessionSetting::value(m_host.document->session(), until.name) != m_baseline;
    case Kind::Pressed:
      return m_pressed.contains(until.name);
    case Kind::Diverged:
      return m_diverged || (snapshot != nullptr && snapshot->state == TrainingState::Diverged);
  }
  return false;
}

void LessonRunner::evaluate() {
  if (!m_lesson || m_done || m_index < 0 || m_entering) {
    return;
  }
  if (conditionHolds()) {
    m_done = true;
    emit stepDone(m_index);
  }
}

QString LessonRunner::conditionText(const LessonCondition& condition) {
  using Kind = LessonCondition::Kind;
  switch (condition.kind) {
    case Kind::None:
      return QString();
    case Kind::IterationAtLeast:
      return tr("Train to iteration %L1.").arg(static_cast<long>(condition.number));
    case Kind::LossBelow:
      return tr("Train until the loss is below %L1.").arg(condition.number);
    case Kind::ValidationRising:
      return tr("Train until the validation loss rises.");
    case Kind::PhaseReached:
      return tr("Step to the %1 phase in Step through.").arg(phaseTitle(condition.name));
    case Kind::SettingChanged:
      return tr("Change %1.").arg(condition.name);
    case Kind::Pressed:
      return tr("Press %1.").arg(buttonTitle(condition.name));
    case Kind::Diverged:
      return tr("Train until training breaks down.");
  }
  return QString();
}

QString LessonRunner::waitingText() const {
  if (!m_lesson) {
    return QString();
  }
  if (m_done) {
    return m_index + 1 < m_lesson->steps.size() ? tr("✓ Done: press Next.")
                                                : tr("✓ Done: that was the last step.");
  }
  return conditionText(step().until);
}
