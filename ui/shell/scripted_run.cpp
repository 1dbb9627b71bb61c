#include "shell/scripted_run.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>
#include <utility>

#include "document/session_document.h"
#include "inspection/gradient_check_panel.h"
#include "inspection/iteration_stepper_panel.h"
#include "inspection/unrolled_network_diagram.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"
#include "shell/presentation_mode.h"
#include "shell/share_link_actions.h"
#include "shell/snapshot_presenter.h"
#include "training/training_controller.h"
#include "views/hidden_state_heatmap.h"
#include "widgets/cell_choice.h"
#include "widgets/layer_picker.h"

namespace {

constexpr int NeverHangMs = 30000;  // a script never waits forever on an answer

}  // namespace

ScriptedRun::ScriptedRun(MainWindow& window, RunOptions options)
    : m_window(window), m_options(std::move(options)) {}

bool ScriptedRun::start(QString* error) {
  const bool scripted = m_options.scripted();
  m_window.setScripted(scripted);
  QString message;
  bool opened = true;
  // Interactively a file opens once the window is up, on a background thread with a progress
  // dialog (a large one takes seconds); a script needs it before anything else.
  const bool openInWindow =
      !scripted && m_options.link.isEmpty() && !m_options.sessionPath.isEmpty();
  if (!m_options.link.isEmpty()) {
    opened = m_window.links()->openLink(m_options.link, &message);
  } else if (!m_options.sessionPath.isEmpty() && !openInWindow) {
    opened = m_window.files()->openFile(m_options.sessionPath, &message);
  } else if (!m_options.preset.isEmpty()) {
    opened = m_window.files()->openPreset(m_options.preset, &message);
  }
  if (!opened && !m_options.sessionPath.isEmpty() && !message.contains(m_options.sessionPath)) {
    message = QStringLiteral("%1: %2").arg(m_options.sessionPath, message);
  }
  if (!opened && scripted) {
    *error = message;
    return false;
  }
  if (scripted) {
    // A scripted picture does not depend on the user's saved window size or speed.
    m_window.resize(m_options.size.isValid() ? m_options.size : QSize(1440, 900));
    m_window.controller()->setSpeed(0);
  } else if (m_options.size.isValid()) {
    m_window.resize(m_options.size);
  }
  if (m_options.iterations >= 0) {
    m_window.document()->setIterations(m_options.iterations);
  }
  m_window.show();
  if (scripted) {
    // Nor on the user's saved layout: it is redone once the window has its real size.
    QCoreApplication::processEvents();
    m_window.resize(m_options.size.isValid() ? m_options.size : QSize(1440, 900));
    m_window.docks()->arrange();
    if (m_options.presentation) {
      // At the asked size (a picture of a projector's screen), not the screen's.
      m_window.presentation()->setFullScreenUsed(false);
      m_window.presentation()->setRemembering(false);
      m_window.presentation()->setOn(true);
      QCoreApplication::processEvents();
      m_window.docks()->arrange();
    }
  }
  if (!opened) {
    showOpenError(message);
  }
  if (openInWindow) {
    QObject::connect(
        m_window.files(), &FileActions::openFinished, &m_window,
        [this](bool fileOpened, const QString& why) {
          if (fileOpened) {
            if (m_options.iterations >= 0) {
              m_window.document()->setIterations(m_options.iterations);
            }
          } else if (!why.isEmpty()) {
            showOpenError(why.contains(m_options.sessionPath)
                              ? why
                              : QStringLiteral("%1: %2").arg(m_options.sessionPath, why));
          }
          if (m_playWhenOpened) {
            m_window.controller()->play();
          }
        },
        Qt::SingleShotConnection);
    m_window.files()->startOpen(m_options.sessionPath, false);
  }
  return true;
}

void ScriptedRun::showOpenError(const QString& message) {
  // The window is there with the default example; the message says why the file is not.
  auto* box =
      new QMessageBox(QMessageBox::Warning, QObject::tr("Cannot open session"),
                      QObject::tr("%1\n\nThe built-in example is open instead.").arg(message),
                      QMessageBox::Ok, &m_window);
  box->setObjectName(QStringLiteral("openErrorDialog"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void ScriptedRun::startInteractive() {
  if (m_options.presentation) {
    m_window.presentation()->setOn(true);
  } else {
    m_window.presentation()->restoreRemembered();
  }
  if (m_options.iterations > 0) {
    // The file asked for trains once it is open (see start()).
    m_playWhenOpened = m_window.files()->isOpening();
    if (!m_playWhenOpened) {
      m_window.controller()->play();
    }
  }
}

void ScriptedRun::trainAndWait() {
  // Plays until the controller stops by itself (target reached or diverged), in the event loop
  // so that snapshots keep arriving.
  TrainingController* controller = m_window.controller();
  QEventLoop loop;
  QObject::connect(controller, &TrainingController::stateChanged, &loop,
                   [&loop](TrainingState state) {
                     if (state != TrainingState::Running) {
                       loop.quit();
                     }
                   });
  controller->play();
  if (controller->state() == TrainingState::Running ||
      controller->latestSnapshot()->iteration < controller->latestSnapshot()->targetIteration) {
    loop.exec();
  }
  // Let the snapshots queued before the state change arrive too.
  QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
}

bool ScriptedRun::chooseCell(QString* error) {
  if (!m_options.layer && !m_options.reverse) {
    return true;
  }
  const rnnlab::ModelConfig& model = m_window.document()->applied().model;
  const int layer = m_options.layer.value_or(0);
  if (layer < 0 || layer >= model.layers) {
    *error = QObject::tr("--layer: %1 is not a layer of the model (its layers are 0 … %2)")
                 .arg(layer)
                 .arg(model.layers - 1);
    return false;
  }
  if (m_options.reverse && !model.bidirectional) {
    *error = QObject::tr("--direction reverse: the model is not bidirectional");
    return false;
  }
  // The views share one choice: the hidden states' picker holds it. Its shape may still be the
  // previous model's when no snapshot of this one was drawn yet.
  CellChoice* cells = m_window.findChild<HiddenStateHeatmap*>()->layerPicker()->choice();
  cells->setShape(model);
  cells->choose(layer, m_options.reverse ? 1 : 0);
  m_window.presenter()->refresh();
  return true;
}

bool ScriptedRun::rewindAndBranch(QString* error) {
  TrainingController* controller = m_window.controller();
  controller->showHistory(*m_options.rewind);
  QEventLoop rewound;
  QObject::connect(controller, &TrainingController::snapshotReady, &rewound,
                   [&rewound](const TrainingSnapshotPtr& snapshot) {
                     if (snapshot->isHistoryView) {
                       rewound.quit();
                     }
                   });
  QTimer::singleShot(NeverHangMs, &rewound, &QEventLoop::quit);
  if (!controller->latestSnapshot()->isHistoryView) {
    rewound.exec();
  }
  if (!controller->latestSnapshot()->isHistoryView) {
    *error = QObject::tr("--rewind: no answer from training");
    return false;
  }
  if (!m_options.branchRate) {
    return true;
  }
  // The new rate is an edit of the document, so the settings panel shows the rate that trains.
  rnnlab::TrainingSettings settings = m_window.document()->session().training;
  settings.learningRate = *m_options.branchRate;
  m_window.document()->editTraining(settings);
  const long from = controller->latestSnapshot()->viewedIteration;
  controller->branchFromHistory(from, m_window.document()->applied().training);
  // Train only once the branch has been answered (else Play would continue the old run).
  QEventLoop branched;
  QObject::connect(controller, &TrainingController::runsChanged, &branched, &QEventLoop::quit);
  QTimer::singleShot(NeverHangMs, &branched, &QEventLoop::quit);
  branched.exec();
  if (m_options.iterations > 0) {
    trainAndWait();
  }
  return true;
}

void ScriptedRun::waitMs(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

int ScriptedRun::runScript(QString* error) {
  if (m_options.iterations > 0) {
    trainAndWait();
  }
  for (const QString& preset : m_options.thenPresets) {
    if (!m_window.files()->openPreset(preset, error)) {
      return ExitFailed;
    }
    if (m_options.iterations >= 0) {
      m_window.document()->setIterations(m_options.iterations);
    }
    if (m_options.iterations > 0) {
      trainAndWait();
    }
  }
  if (m_options.rewind && !rewindAndBranch(error)) {
    return ExitFailed;
  }
  m_window.presenter()->refresh();
  if (!chooseCell(error)) {
    return ExitFailed;
  }
  for (const QString& dock : m_options.docks) {
    if (!m_window.docks()->raise(dock)) {
      *error = QObject::tr("--dock: no dock '%1' (one of: %2)")
                   .arg(dock, m_window.docks()->names().join(QStringLiteral(", ")));
      return ExitFailed;
    }
  }
  // The raised docks are laid out, then given the latest snapshot (hidden ones were skipped).
  QCoreApplication::processEvents();
  m_window.presenter()->refresh();
  if (m_options.gradientCheck) {
    auto* panel = m_window.findChild<GradientCheckPanel*>();
    QEventLoop checked;
    QObject::connect(panel, &GradientCheckPanel::finished, &checked, &QEventLoop::quit);
    QTimer::singleShot(2 * NeverHangMs, &checked, &QEventLoop::quit);
    panel->runCheck();
    checked.exec();
  }
  // Views that coalesce redraws on short timers (the loss chart) or compute in the background
  // (the Whh spectrum) get a moment to catch up; raised docks get their snapshot.
  waitMs(300);
  m_window.presenter()->refresh();
  if (m_options.phase) {
    m_window.findChild<IterationStepperPanel*>()->setPhaseIndex(*m_options.phase);
    // The stepper drives the diagram only while its own dock shows (a hidden one has no trace):
    // with the diagram raised instead, it gets the phase directly.
    auto* diagram = m_window.findChild<UnrolledNetworkDiagram*>();
    if (diagram != nullptr && diagram->trace()) {
      const auto phases = rnnlab::iterationPhases(diagram->trace()->before.config,
                                                  diagram->trace()->forward.steps());
      if (*m_options.phase >= 0 && static_cast<std::size_t>(*m_options.phase) < phases.size()) {
        diagram->setPhase(phases[static_cast<std::size_t>(*m_options.phase)]);
      }
    }
  }
  waitMs(300);
  QApplication::processEvents();
  if (!m_window.grab().save(m_options.screenshotPath, "PNG")) {
    *error = QObject::tr("%1: could not write the image").arg(m_options.screenshotPath);
    return ExitFailed;
  }
  return ExitOk;
}
