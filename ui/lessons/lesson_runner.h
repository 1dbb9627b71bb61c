#pragma once

// Runs a lesson on the window's parts: opens its session, performs each step's action when the
// step begins (open a preset or session, set settings as one undoable edit, reset, train N
// iterations, bring docks to the front, show a stepper phase, run the gradient check, set the
// sampling temperature) and watches for the step's condition. It never moves on by itself: the
// panel's Next does, so a teacher can talk for as long as needed.
//
// Conditions are checked on every snapshot, every document edit, stepper phase and button press,
// and on a short timer (for what arrives without a signal, such as a stepper trace).

#include <QJsonValue>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <optional>

#include "lessons/lesson.h"
#include "training/training_snapshot.h"

class GradientCheckPanel;
class IterationStepperPanel;
class QAction;
class SessionDocument;
class TextSamplesPanel;
class TrainingController;

// The parts of the window a lesson drives (any may be null in a test; what needs it then fails
// with a message).
struct LessonHost {
  SessionDocument* document = nullptr;
  TrainingController* controller = nullptr;
  IterationStepperPanel* stepper = nullptr;
  GradientCheckPanel* gradientCheck = nullptr;
  TextSamplesPanel* samples = nullptr;
  QAction* play = nullptr;   // the window's Play/Pause; its presses are the student's
  QAction* reset = nullptr;  // the window's Reset (applies a changed model)
  std::function<bool(const QString& name)> raise;  // brings a dock to the front
};

class LessonRunner : public QObject {
  Q_OBJECT

 public:
  static constexpr int PollMs = 100;
  static constexpr double ValidationRise = 1.02;  // "rising": 2% above its lowest

  explicit LessonRunner(LessonHost host, QObject* parent = nullptr);

  // Opens the lesson's session and begins its first step. False (with *error) when the session
  // cannot be opened; nothing changes then.
  bool start(const Lesson& lesson, QString* error);
  // Stops watching; the session stays as it is.
  void stop();
  // The language of the steps' texts ("zh_CN", or "" for English).
  void setLanguage(const QString& language) { m_language = language; }
  QString language() const { return m_language; }
  bool isActive() const { return m_lesson.has_value(); }
  const Lesson& lesson() const { return *m_lesson; }
  int stepIndex() const { return m_index; }
  const LessonStep& step() const { return m_lesson->steps.at(m_index); }
  bool isStepDone() const { return m_done; }
  // Iterations trained since the current step began (the budget counts these).
  long stepIterations() const { return m_stepIterations; }
  // Whether an action of the step is still under way (training, a phase or check to show).
  bool isBusy() const;
  // What the current step waits for, one line for the panel ("" when nothing).
  QString waitingText() const;
  static QString conditionText(const LessonCondition& condition);

  // Performs `action` now; false with *error when part of it cannot be done.
  bool perform(const LessonAction& action, QString* error);
  // The current step's scripted student action (`user`), as a replay performs it.
  bool performUserAction(QString* error);

 public slots:
  void next();
  void back();
  void restart();
  void goTo(int index);

 signals:
  void stepChanged(int index);
  void stepDone(int index);
  // An action could not be done (a preset that does not exist, a setting the core refuses).
  void failed(const QString& message);
  void stopped();
  // Another session was opened (File → Open, a preset, a dropped file) while the lesson ran: its
  // steps were written for the lesson's session.
  void sessionReplaced();

 private:
  void enterStep(int index);
  void evaluate();
  bool conditionHolds() const;
  void onSnapshot(const TrainingSnapshotPtr& snapshot);
  void onStateChanged();
  void onPressed(const QString& button);
  void onDiverged();
  void runPending();
  bool press(const QString& button, QString* error);

  LessonHost m_host;
  QString m_language;
  std::optional<Lesson> m_lesson;
  int m_index = -1;
  bool m_done = false;
  bool m_entering = false;  // performing the step's own action
  bool m_opening = false;   // opening the lesson's own session or preset

  // Per step: what the condition compares with, and what happened since the step began.
  QJsonValue m_baseline;
  QStringList m_pressed;
  bool m_diverged = false;
  double m_lowestValidation = 0.0;
  double m_latestValidation = 0.0;
  int m_validationCount = 0;
  long m_stepIterations = 0;
  long m_lastIteration = 0;

  // Actions under way: training until an iteration, then a phase to show or a check to run.
  long m_trainUntil = -1;
  QString m_pendingPhase;
  bool m_pendingCheck = false;
  QTimer m_poll;
};
