#pragma once

// A lesson as read from its file (format "rnnlab-lesson", version 1; docs/lesson-format.md
// documents the keys): a session to start from, the controls to hide or lock,
// the views to show, and ordered steps. Each step says something (English, and optionally
// Chinese under "zh_CN"), may do something when it starts (`action`), and is done when its
// condition holds (`until`). `user` is what a student is expected to do for that condition; the
// replay test performs it, the app only waits for it.

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

struct LessonText {
  QString title;
  QString text;  // Markdown (the summary for a lesson)
};

struct LessonAction {
  QString preset;                              // "preset": open this built-in preset
  std::optional<QJsonObject> session;          // "session": open this inline session
  QList<QPair<QString, QJsonValue>> settings;  // "set": {"training.learning_rate": 0.5, …}
  bool reset = false;          // "reset": true — restart training (applies a model)
  long train = 0;              // "train": N — train N iterations more
  QString phase;               // "phase": forward, loss, backward, clip or update (the stepper)
  bool gradientCheck = false;  // "gradient_check": true — run the check
  QStringList show;            // "show": docks to bring to the front
  std::optional<double> temperature;  // "temperature": the sampling temperature
  QString press;                      // user only ("press"): play, reset or gradient_check

  bool isEmpty() const {
    return preset.isEmpty() && !session && settings.isEmpty() && !reset && train == 0 &&
           phase.isEmpty() && !gradientCheck && show.isEmpty() && !temperature && press.isEmpty();
  }
};

struct LessonCondition {
  enum class Kind {
    None,              // Next whenever the student likes
    IterationAtLeast,  // "iteration_at_least": n
    LossBelow,         // "loss_below": x (the latest iteration's loss)
    ValidationRising,  // "validation_rising": true (above its lowest since the step began)
    PhaseReached,      // "phase": name — the stepper shows a phase of that kind
    SettingChanged,    // "changed": "training.clip_value" — differs from the step's start
    Pressed,           // "pressed": play, reset or gradient_check
    Diverged,          // "diverged": true — NaN, or the divergence guard paused training
  };
  Kind kind = Kind::None;
  double number = 0.0;
  QString name;  // the phase, setting key or button
};

// What a step's text claims the window shows once the step is done ("expect"): the app does not
// use these, the replay test checks every one, so that a lesson cannot say what is not there.
struct LessonClaims {
  std::optional<QPair<double, double>> lossNear;  // "loss_near": [value, tolerance]
  std::optional<double> lossAbove;                // "loss_above": x
  // "gradient_check": "passes" or "fails"; "failing": the blocks that fail (the others pass);
  // "error_ratio": every block's relative error is this (1/3 for a gradient half the true one).
  QString gradientCheck;
  std::optional<QStringList> failing;
  std::optional<double> errorRatio;
  // "memory_horizon": [min, max] — the memory view's horizon (90% of ‖∂y_t/∂x_k‖ within the
  // last n steps) lies in this range.
  std::optional<QPair<double, double>> memoryHorizon;

  bool isEmpty() const {
    return !lossNear && !lossAbove && gradientCheck.isEmpty() && !failing && !errorRatio &&
           !memoryHorizon;
  }
};

struct LessonStep {
  QHash<QString, LessonText> texts;  // "" (English, always) and "zh_CN"
  QString highlight;                 // a dock ("loss" or "lossDock") or a widget's object name
  LessonAction action;
  LessonCondition until;
  LessonAction user;
  long budget = 3000;  // iterations the step may train before its condition must hold
  LessonClaims expect;
};

struct Lesson {
  static constexpr int FormatVersion = 1;

  QString name;                        // the file name without .rnnlab-lesson.json
  QHash<QString, LessonText> texts;    // title and summary by language, as for steps
  QString preset;                      // the session: a preset by name, or
  std::optional<QJsonObject> session;  // an inline session
  QStringList hide;                    // docks or widgets hidden while the lesson runs
  QStringList lock;                    // docks or widgets disabled while the lesson runs
  QStringList show;                    // docks brought to the front when it starts
  QList<LessonStep> steps;

  // The text in `language` ("zh_CN", …), falling back to English for what it lacks.
  static LessonText text(const QHash<QString, LessonText>& texts, const QString& language);
};
