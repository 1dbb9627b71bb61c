#include "shell/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <algorithm>
#include <climits>
#include <cmath>

#include "rnnlab/csv.h"
#include "inspection/equations_panel.h"
#include "inspection/gradient_check_panel.h"
#include "inspection/gradient_flow_strip.h"
#include "widgets/heatmap_widget.h"
#include "views/hidden_state_heatmap.h"
#include "inspection/iteration_stepper_panel.h"
#include "views/loss_chart.h"
#include "views/outputs_view.h"
#include "document/preset_library.h"
#include "views/run_comparison_chart.h"
#include "editors/sequence_editor.h"
#include "editors/settings_panel.h"
#include "inspection/spectrum_view.h"
#include "training/training_controller.h"
#include "inspection/unrolled_network_diagram.h"
#include "views/weight_heatmaps.h"

namespace {

constexpr int RepaintIntervalMs = 33;  // ~30 Hz
constexpr int MaxRecentFiles = 8;
constexpr int SpeedChoices[] = {0, 1, 2, 5, 10, 30, 100};
const QString SessionFilter =
    QStringLiteral("RNN Lab sessions (*.rnnlab.json *.json);;All files (*)");

QString speedName(int speed) {
  return speed == 0 ? MainWindow::tr("Full speed") : MainWindow::tr("%1 it/s").arg(speed);
}

QString formatLoss(double loss) {
  if (std::isnan(loss)) {
    return QStringLiteral("—");
  }
  return QString::number(loss, 'g', 5);
}

QString stateName(TrainingState state) {
  switch (state) {
    case TrainingState::Idle:
      return MainWindow::tr("Ready");
    case TrainingState::Running:
      return MainWindow::tr("Training");
    case TrainingState::Paused:
      return MainWindow::tr("Paused");
    case TrainingState::Finished:
      return MainWindow::tr("Finished");
    case TrainingState::Diverged:
      return MainWindow::tr("Diverged");
  }
  return {};
}

// Weights (and h0) only make sense for the model they were made for; a session whose model
// changed starts again from its seed.
bool sameStart(const rnnlab::Session& a, const rnnlab::Session& b) {
  return a.model == b.model && a.training.seed == b.training.seed &&
         a.training.initScale == b.training.initScale && a.weights == b.weights && a.h0 == b.h0;
}

QWidget* makeBanner(const QString& style, QLabel*& label, QWidget* parent) {
  auto* banner = new QFrame(parent);
  banner->setObjectName(QStringLiteral("banner"));
  banner->setStyleSheet(QStringLiteral("QFrame#banner { %1 border-radius: 4px; }").arg(style));
  auto* layout = new QHBoxLayout(banner);
  layout->setContentsMargins(8, 4, 8, 4);
  label = new QLabel(banner);
  label->setWordWrap(true);
  label->setTextFormat(Qt::PlainText);
  layout->addWidget(label, 1);
  return banner;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_controller(new TrainingController(this)),
      m_repaintTimer(new QTimer(this)) {
  setObjectName(QStringLiteral("MainWindow"));
  setDockNestingEnabled(true);
  setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
  setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
  setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

  createViews();
  createActions();
  createMenus();
  createToolBars();
  createBanners();
  createHistoryBar();
  createStatusBar();

  connect(m_controller, &TrainingController::snapshotReady, this, &MainWindow::onSnapshot);
  connect(m_controller, &TrainingController::stateChanged, this, &MainWindow::onStateChanged);
  connect(m_controller, &TrainingController::diverged, this, &MainWindow::onDiverged);
  connect(m_controller, &TrainingController::runsChanged, this, [this] {
    m_runsDirty = true;
    updateRunComparison();
  });
  m_settingsPanel->setHistoryMemory(m_controller->historyBudget());
  connect(m_settingsPanel, &SettingsPanel::settingsEdited, this, &MainWindow::onSettingsEdited);
  connect(m_settingsPanel, &SettingsPanel::modelEdited, this, &MainWindow::onModelEdited);
  connect(m_sequenceEditor, &SequenceEditor::dataEdited, this, &MainWindow::onDataEdited);
  connect(m_sequenceEditor, &SequenceEditor::statusMessage, this,
          [this](const QString& message) { statusBar()->showMessage(message, 6000); });

  m_repaintTimer->setInterval(RepaintIntervalMs);
  connect(m_repaintTimer, &QTimer::timeout, this, [this] {
    if (m_viewsDirty) {
      refreshViews();
    }
  });
  m_repaintTimer->start();

  restoreLayout();
  loadSession(rnnlab::builtinExample());
  m_documentTitle = tr("Built-in example");
  updateTitle();
}

MainWindow::~MainWindow() = default;

// ---- construction -------------------------------------------------------------------------

void MainWindow::createViews() {
  m_lossChart = new LossChart;
  m_hiddenHeatmap = new HiddenStateHeatmap;
  m_weightHeatmaps = new WeightHeatmaps;
  m_outputsView = new OutputsView;
  m_settingsPanel = new SettingsPanel;
  m_sequenceEditor = new SequenceEditor;

  auto addDock = [this](QWidget* widget, const QString& title, const QString& name,
                        Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);  // saveState() identifies docks by object name
    dock->setWidget(widget);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
  };
  // The settings form is taller than a small screen's dock: it scrolls instead of forcing the
  // window taller.
  auto* settingsScroll = new QScrollArea;
  settingsScroll->setWidget(m_settingsPanel);
  settingsScroll->setWidgetResizable(true);
  settingsScroll->setFrameShape(QFrame::NoFrame);
  settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  settingsScroll->setMinimumWidth(m_settingsPanel->minimumSizeHint().width() +
                                  settingsScroll->verticalScrollBar()->sizeHint().width());
  m_settingsDock = addDock(settingsScroll, tr("Settings"), QStringLiteral("settingsDock"),
                           Qt::LeftDockWidgetArea);
  m_sequenceDock = addDock(m_sequenceEditor, tr("Sequence (inputs and targets)"),
                           QStringLiteral("sequenceDock"), Qt::LeftDockWidgetArea);
  m_lossDock = addDock(m_lossChart, tr("Loss"), QStringLiteral("lossDock"), Qt::TopDockWidgetArea);
  m_hiddenDock = addDock(m_hiddenHeatmap, tr("Hidden states h_t"), QStringLiteral("hiddenDock"),
                         Qt::BottomDockWidgetArea);
  m_weightsDock = addDock(m_weightHeatmaps, tr("Weights"), QStringLiteral("weightsDock"),
                          Qt::RightDockWidgetArea);
  m_outputsDock = addDock(m_outputsView, tr("Outputs y_t and targets"),
                          QStringLiteral("outputsDock"), Qt::RightDockWidgetArea);

  // Inspection views. The stepper drives the diagram and the equations through its phase.
  m_stepper = new IterationStepperPanel;
  m_equations = new EquationsPanel;
  m_diagram = new UnrolledNetworkDiagram;  // scrolls itself beyond ~50 steps
  m_flowStrip = new GradientFlowStrip;
  m_spectrum = new SpectrumView;
  m_gradientCheck = new GradientCheckPanel;
  m_runChart = new RunComparisonChart;
  auto* stepSplitter = new QSplitter(Qt::Vertical);
  stepSplitter->addWidget(m_stepper);
  stepSplitter->addWidget(m_equations);
  stepSplitter->setStretchFactor(0, 3);
  stepSplitter->setStretchFactor(1, 2);
  // The dock layout sizes the bottom row by its size hints (resizeDocks() does not reach a tab
  // group): a minimum keeps the stepper's numbers readable next to the loss curve.
  stepSplitter->setMinimumHeight(340);
  m_stepperDock = addDock(stepSplitter, tr("Step through"), QStringLiteral("stepperDock"),
                          Qt::BottomDockWidgetArea);
  m_diagramDock = addDock(m_diagram, tr("Unrolled network"), QStringLiteral("diagramDock"),
                          Qt::BottomDockWidgetArea);
  m_flowDock = addDock(m_flowStrip, tr("Gradient flow"), QStringLiteral("gradientFlowDock"),
                       Qt::RightDockWidgetArea);
  m_spectrumDock = addDock(m_spectrum, tr("Whh spectrum"), QStringLiteral("spectrumDock"),
                           Qt::RightDockWidgetArea);
  m_gradientCheckDock = addDock(m_gradientCheck, tr("Gradient check"),
                                QStringLiteral("gradientCheckDock"), Qt::RightDockWidgetArea);
  m_runsDock = addDock(m_runChart, tr("Compare runs"), QStringLiteral("compareRunsDock"),
                       Qt::TopDockWidgetArea);
  connect(m_stepper, &IterationStepperPanel::phaseChanged, this,
          [this](int, rnnlab::IterationPhase phase) {
            m_diagram->setPhase(phase);
            m_equations->setPhase(phase);
            m_flowStrip->setHighlightedStep(phase.kind == rnnlab::IterationPhase::Kind::Backward
                                                ? static_cast<int>(phase.step)
                                                : -1);
          });
  connect(m_stepper, &IterationStepperPanel::hoveredElementChanged, m_equations,
          &EquationsPanel::setHoveredElement);
  connect(m_runsDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
    if (visible) {
      updateRunComparison();
    }
  });
  // Double-clicking a weight tries another value for it (a what-if).
  for (int block = 0; block < rnnlab::Parameters::BlockCount; ++block) {
    m_weightHeatmaps->heatmap(block)->installEventFilter(this);
  }
  arrangeDocks(false);
}

void MainWindow::arrangeDocks(bool compact) {
  for (QDockWidget* dock : m_docks) {
    dock->setFloating(false);
    dock->show();
  }
  if (compact) {
    // Small screens: settings and sequence share the left column as tabs; the loss and the
    // outputs sit on top, hidden states and weights below.
    addDockWidget(Qt::LeftDockWidgetArea, m_settingsDock);
    tabifyDockWidget(m_settingsDock, m_sequenceDock);
    addDockWidget(Qt::TopDockWidgetArea, m_lossDock);
    splitDockWidget(m_lossDock, m_outputsDock, Qt::Horizontal);
    addDockWidget(Qt::BottomDockWidgetArea, m_hiddenDock);
    splitDockWidget(m_hiddenDock, m_weightsDock, Qt::Horizontal);
  } else {
    addDockWidget(Qt::LeftDockWidgetArea, m_settingsDock);
    splitDockWidget(m_settingsDock, m_sequenceDock, Qt::Vertical);
    addDockWidget(Qt::TopDockWidgetArea, m_lossDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_hiddenDock);
    addDockWidget(Qt::RightDockWidgetArea, m_weightsDock);
    splitDockWidget(m_weightsDock, m_outputsDock, Qt::Vertical);
  }
  // The inspection docks are tabs behind the issue-3 views, each beside the view it explains:
  // the stepper and the diagram behind the hidden states, the gradient views behind the
  // outputs, the run comparison behind the loss curve.
  tabifyDockWidget(m_hiddenDock, m_stepperDock);
  tabifyDockWidget(m_hiddenDock, m_diagramDock);
  tabifyDockWidget(m_outputsDock, m_flowDock);
  tabifyDockWidget(m_outputsDock, m_spectrumDock);
  tabifyDockWidget(m_outputsDock, m_gradientCheckDock);
  tabifyDockWidget(m_lossDock, m_runsDock);
  m_hiddenDock->raise();
  m_outputsDock->raise();
  m_lossDock->raise();
  if (compact) {
    m_settingsDock->raise();
  }
}

void MainWindow::showInspectionLayout() {
  for (QDockWidget* dock : {m_stepperDock, m_flowDock, m_runsDock}) {
    dock->show();
    dock->raise();
  }
}

QStringList MainWindow::dockNames() const {
  QStringList names;
  for (QDockWidget* dock : m_docks) {
    names << dock->objectName().chopped(4);  // "stepperDock" → "stepper"
  }
  return names;
}

bool MainWindow::raiseDock(const QString& name) {
  const QString wanted = name.toLower().remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
  for (QDockWidget* dock : m_docks) {
    const QString objectName = dock->objectName().toLower();
    const QString title = dock->windowTitle().toLower().remove(QLatin1Char(' '));
    if (objectName == wanted || objectName == wanted + QStringLiteral("dock") || title == wanted) {
      dock->show();
      dock->raise();
      return true;
    }
  }
  return false;
}

void MainWindow::resetLayout() {
  const bool compact = width() < 1200 || height() < 760;
  arrangeDocks(compact);
  // Proportions of the window, so that the layout suits a projector as well as a laptop.
  const int w = std::max(width(), 800);
  const int h = std::max(height(), 500);
  if (compact) {
    resizeDocks({m_settingsDock}, {std::clamp(w * 28 / 100, 280, 340)}, Qt::Horizontal);
    resizeDocks({m_lossDock, m_outputsDock}, {w * 40 / 100, w * 32 / 100}, Qt::Horizontal);
    resizeDocks({m_hiddenDock, m_weightsDock}, {w * 30 / 100, w * 42 / 100}, Qt::Horizontal);
    resizeDocks({m_lossDock, m_hiddenDock}, {h * 45 / 100, h * 55 / 100}, Qt::Vertical);
  } else {
    resizeDocks({m_settingsDock, m_weightsDock},
                {std::clamp(w * 23 / 100, 280, 380), std::clamp(w * 34 / 100, 340, 620)},
                Qt::Horizontal);
    // The settings form needs about 560 pixels; the sequence table gets the rest.
    const int settingsHeight = std::clamp(h * 64 / 100, 300, 580);
    resizeDocks({m_settingsDock, m_sequenceDock}, {settingsHeight, h - settingsHeight},
                Qt::Vertical);
    resizeDocks({m_lossDock, m_hiddenDock}, {h * 50 / 100, h * 50 / 100}, Qt::Vertical);
    resizeDocks({m_weightsDock, m_outputsDock}, {h * 55 / 100, h * 45 / 100}, Qt::Vertical);
  }
  m_bannerBar->setVisible(m_resetBanner->isVisibleTo(m_bannerBar) ||
                          m_divergenceBanner->isVisibleTo(m_bannerBar));
}

void MainWindow::createActions() {
  m_playAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Play"), this);
  m_playAction->setShortcut(Qt::Key_Space);
  m_playAction->setToolTip(tr("Train until the target iteration (Space); again to pause"));
  connect(m_playAction, &QAction::triggered, this, &MainWindow::togglePlay);

  m_stepAction = new QAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("&Step"), this);
  m_stepAction->setShortcuts({QKeySequence(Qt::Key_S), QKeySequence(Qt::Key_Right)});
  m_stepAction->setToolTip(tr("Exactly one iteration: forward, loss, backward, update (S or →)"));
  connect(m_stepAction, &QAction::triggered, m_controller, &TrainingController::step);

  m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this);
  m_stopAction->setToolTip(tr("End this run; Play continues from the current weights"));
  connect(m_stopAction, &QAction::triggered, m_controller, &TrainingController::stop);

  m_resetAction = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Reset"), this);
  m_resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  m_resetAction->setToolTip(tr("Start again from the initial weights (Ctrl+R)"));
  connect(m_resetAction, &QAction::triggered, this, &MainWindow::resetTraining);

  auto* speedGroup = new QActionGroup(this);
  for (int speed : SpeedChoices) {
    QAction* action = speedGroup->addAction(speedName(speed));
    action->setCheckable(true);
    action->setData(speed);
    connect(action, &QAction::triggered, this, [this, speed] { setSpeed(speed); });
    m_speedActions.append(action);
  }
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* newAction =
      file->addAction(tr("&New (built-in example)"), this, &MainWindow::newSession);
  newAction->setShortcut(QKeySequence::New);
  QAction* openAction = file->addAction(tr("&Open…"), this, &MainWindow::openSession);
  openAction->setShortcut(QKeySequence::Open);
  m_recentMenu = file->addMenu(tr("Open &Recent"));
  m_presetsMenu = file->addMenu(tr("&Presets"));
  updatePresetsMenu();
  file->addSeparator();
  m_saveAction = file->addAction(tr("&Save"), this, &MainWindow::save);
  m_saveAction->setShortcut(QKeySequence::Save);
  QAction* saveAsAction = file->addAction(tr("Save &As…"), this, &MainWindow::saveAs);
  saveAsAction->setShortcut(QKeySequence::SaveAs);
  file->addAction(tr("Export &trained session…"), this, &MainWindow::exportTrainedSession)
      ->setToolTip(tr("Save the session with the current trained weights"));
  file->addSeparator();
  file->addAction(tr("&Import CSV…"), this, &MainWindow::importCsv);
  file->addAction(tr("&Export CSV…"), this, &MainWindow::exportCsv);
  file->addAction(tr("Export &loss history as CSV…"), this, &MainWindow::exportLossHistory);
  m_exportPngMenu = file->addMenu(tr("Export view as P&NG"));
  m_exportPngMenu->addAction(tr("Whole window…"), this,
                             [this] { exportPng(this, QStringLiteral("rnnlab")); });
  m_exportPngMenu->addSeparator();
  for (QDockWidget* dock : m_docks) {
    m_exportPngMenu->addAction(dock->windowTitle() + QStringLiteral("…"), this, [this, dock] {
      exportPng(dock, dock->objectName().remove(QStringLiteral("Dock")));
    });
  }
  file->addSeparator();
  QAction* quitAction = file->addAction(tr("&Quit"), this, &QWidget::close);
  quitAction->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = m_sequenceEditor->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = m_sequenceEditor->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  edit->addAction(tr("Add time step"), m_sequenceEditor, &SequenceEditor::addTimeStep);
  edit->addAction(tr("Remove time step"), m_sequenceEditor, &SequenceEditor::removeTimeStep);
  edit->addAction(tr("Add input column"), m_sequenceEditor, &SequenceEditor::addInputColumn);
  edit->addAction(tr("Remove input column"), m_sequenceEditor, &SequenceEditor::removeInputColumn);
  edit->addAction(tr("Add output column"), m_sequenceEditor, &SequenceEditor::addOutputColumn);
  edit->addAction(tr("Remove output column"), m_sequenceEditor,
                  &SequenceEditor::removeOutputColumn);

  QMenu* training = menuBar()->addMenu(tr("&Training"));
  training->addAction(m_playAction);
  training->addAction(m_stepAction);
  training->addAction(m_stopAction);
  training->addAction(m_resetAction);
  training->addSeparator();
  QMenu* speed = training->addMenu(tr("Speed"));
  speed->addActions(m_speedActions);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (QDockWidget* dock : m_docks) {
    view->addAction(dock->toggleViewAction());
  }
  view->addSeparator();
  view->addAction(tr("Inspection layout"), this, &MainWindow::showInspectionLayout)
      ->setToolTip(tr("Bring the stepper, the gradient flow and the run comparison to the front"));
  view->addAction(tr("Restore default layout"), this, &MainWindow::resetLayout);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About RNN Lab"), this, &MainWindow::showAbout);
}

void MainWindow::createToolBars() {
  QToolBar* bar = addToolBar(tr("Training"));
  bar->setObjectName(QStringLiteral("trainingToolBar"));
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->addAction(m_playAction);
  bar->addAction(m_stepAction);
  bar->addAction(m_stopAction);
  bar->addAction(m_resetAction);
  bar->addSeparator();
  bar->addWidget(new QLabel(tr(" Speed "), bar));
  m_speedCombo = new QComboBox(bar);
  m_speedCombo->setToolTip(
      tr("Iterations per second; slow speeds let the class follow each "
         "update"));
  for (int speed : SpeedChoices) {
    m_speedCombo->addItem(speedName(speed), speed);
  }
  connect(m_speedCombo, &QComboBox::activated, this,
          [this](int index) { setSpeed(m_speedCombo->itemData(index).toInt()); });
  bar->addWidget(m_speedCombo);
}

void MainWindow::createBanners() {
  // The banners live in a fixed toolbar row under the main toolbar, so they span the window
  // whatever the user does with the docks.
  addToolBarBreak();
  m_bannerBar = new QToolBar(tr("Notices"), this);
  m_bannerBar->setObjectName(QStringLiteral("bannerBar"));
  m_bannerBar->setMovable(false);
  m_bannerBar->setFloatable(false);
  m_bannerBar->toggleViewAction()->setVisible(false);
  auto* container = new QWidget(m_bannerBar);
  auto* layout = new QVBoxLayout(container);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->setSpacing(4);

  m_resetBanner = makeBanner(QStringLiteral("background: #fff3c4; border: 1px solid #e0b000;"),
                             m_resetLabel, container);
  auto* resetNow = new QPushButton(tr("Reset now"), m_resetBanner);
  resetNow->setToolTip(
      tr("Build the edited model and start training it from its initial "
         "weights"));
  connect(resetNow, &QPushButton::clicked, this, &MainWindow::resetTraining);
  m_resetBanner->layout()->addWidget(resetNow);
  layout->addWidget(m_resetBanner);

  m_divergenceBanner = makeBanner(QStringLiteral("background: #ffd9d9; border: 1px solid #c00000;"),
                                  m_divergenceLabel, container);
  auto* dismiss = new QPushButton(tr("Dismiss"), m_divergenceBanner);
  connect(dismiss, &QPushButton::clicked, this, [this] {
    m_divergenceBanner->hide();
    m_bannerBar->setVisible(m_resetBanner->isVisibleTo(m_bannerBar));
  });
  m_divergenceBanner->layout()->addWidget(dismiss);
  layout->addWidget(m_divergenceBanner);

  m_bannerBar->addWidget(container);
  addToolBar(Qt::TopToolBarArea, m_bannerBar);
  m_resetBanner->hide();
  m_divergenceBanner->hide();
  m_bannerBar->hide();
}

void MainWindow::createStatusBar() {
  auto addLabel = [this](const QString& toolTip, int minimumChars) {
    auto* label = new QLabel(this);
    label->setToolTip(toolTip);
    label->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('0')) * minimumChars);
    statusBar()->addPermanentWidget(label);
    return label;
  };
  m_stateLabel = addLabel(tr("What training is doing"), 8);
  m_iterationLabel = addLabel(tr("Updates applied so far, and where this run stops"), 22);
  m_lossLabel = addLabel(tr("The loss of the latest iteration (before its update)"), 14);
  m_speedLabel = addLabel(tr("Iterations per second over the recent past"), 12);
  m_elapsedLabel = addLabel(tr("Training time since the last reset"), 12);
  m_progress = new QProgressBar(this);
  m_progress->setToolTip(tr("Progress to the target iteration"));
  m_progress->setMaximumWidth(180);
  m_progress->setTextVisible(true);
  statusBar()->addPermanentWidget(m_progress);
}

void MainWindow::restoreLayout() {
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  m_layoutRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  m_bannerBar->hide();  // banners show only when they have something to say
  m_recentFiles = settings.value(QStringLiteral("recentFiles")).toStringList();
  updateRecentMenu();
  setSpeed(settings.value(QStringLiteral("training/speed"), 0).toInt());
}

// ---- documents ---------------------------------------------------------------------------

bool MainWindow::openSessionFile(const QString& path, QString* error) {
  rnnlab::Session session;
  try {
    session = rnnlab::loadSession(path.toStdString());
  } catch (const std::exception& e) {
    const QString message = QString::fromStdString(e.what());
    if (error != nullptr) {
      *error = message;
    } else {
      QMessageBox::warning(this, tr("Cannot open session"), message);
    }
    return false;
  }
  setDocument(session, QFileInfo(path).absoluteFilePath(), QFileInfo(path).fileName());
  addRecentFile(m_filePath);
  return true;
}

void MainWindow::loadSession(const rnnlab::Session& session) {
  setDocument(session, QString(), tr("Untitled"));
}

bool MainWindow::openPreset(const QString& name, QString* error) {
  rnnlab::Session session;
  try {
    session = PresetLibrary::load(name);
  } catch (const std::exception& e) {
    const QString message = QString::fromStdString(e.what());
    if (error != nullptr) {
      *error = message;
    } else {
      QMessageBox::warning(this, tr("Cannot open preset"), message);
    }
    return false;
  }
  QString title = name;
  for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
    if (preset.name == name) {
      title = preset.title;
    }
  }
  setDocument(session, QString(), title);
  return true;
}

void MainWindow::setDocument(const rnnlab::Session& session, const QString& path,
                             const QString& title) {
  m_session = session;
  m_clean = session;
  m_filePath = path;
  m_documentTitle = title;
  showSession();
  if (!applySession()) {
    // A session that parsed always validates; keep the old model running if it somehow did not.
    m_resetBanner->show();
    m_bannerBar->show();
  }
  m_divergenceBanner->hide();
  m_bannerBar->setVisible(m_resetBanner->isVisibleTo(m_bannerBar));
  updateTitle();
}

void MainWindow::setIterations(long iterations) {
  const bool wasModified = isModified();
  m_session.training.iterations = iterations;
  if (!wasModified) {
    m_clean = m_session;
  }
  m_settingsPanel->setValues(m_session.model, m_session.training);
  syncController();
  updateTitle();
}

void MainWindow::showSession() {
  m_settingsPanel->setValues(m_session.model, m_session.training);
  m_sequenceEditor->setData(m_session.data, m_session.model.outputMode);
}

bool MainWindow::saveSessionFile(const QString& path, QString* error) {
  try {
    rnnlab::saveSession(m_session, path.toStdString());
  } catch (const std::exception& e) {
    const QString message = QString::fromStdString(e.what());
    if (error != nullptr) {
      *error = message;
    } else {
      QMessageBox::warning(this, tr("Cannot save session"), message);
    }
    return false;
  }
  m_clean = m_session;
  m_filePath = QFileInfo(path).absoluteFilePath();
  m_documentTitle = QFileInfo(path).fileName();
  addRecentFile(m_filePath);
  updateTitle();
  return true;
}

void MainWindow::newSession() {
  if (!maybeDiscard()) {
    return;
  }
  setDocument(rnnlab::builtinExample(), QString(), tr("Built-in example"));
}

void MainWindow::openSession() {
  if (!maybeDiscard()) {
    return;
  }
  QString folder = m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).absolutePath();
  QString path = QFileDialog::getOpenFileName(this, tr("Open session"), folder, SessionFilter);
  if (!path.isEmpty()) {
    openSessionFile(path);
  }
}

bool MainWindow::save() {
  if (m_filePath.isEmpty()) {
    return saveAs();
  }
  return saveSessionFile(m_filePath);
}

bool MainWindow::saveAs() {
  QString suggested = m_filePath.isEmpty() ? QStringLiteral("session.rnnlab.json") : m_filePath;
  QString path = QFileDialog::getSaveFileName(this, tr("Save session"), suggested, SessionFilter);
  if (path.isEmpty()) {
    return false;
  }
  if (!path.endsWith(QStringLiteral(".json"))) {
    path += QStringLiteral(".rnnlab.json");
  }
  return saveSessionFile(path);
}

bool MainWindow::isModified() const { return !(m_session == m_clean); }

bool MainWindow::maybeDiscard() {
  if (!isModified()) {
    return true;
  }
  auto answer = QMessageBox::warning(
      this, tr("Unsaved changes"),
      tr("%1 has unsaved changes. Save them first?").arg(m_documentTitle),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save) {
    return save();
  }
  return answer == QMessageBox::Discard;
}

void MainWindow::updateTitle() {
  setWindowTitle(QStringLiteral("%1[*] — RNN Lab").arg(m_documentTitle));
  setWindowModified(isModified());
}

void MainWindow::addRecentFile(const QString& path) {
  m_recentFiles.removeAll(path);
  m_recentFiles.prepend(path);
  while (m_recentFiles.size() > MaxRecentFiles) {
    m_recentFiles.removeLast();
  }
  QSettings().setValue(QStringLiteral("recentFiles"), m_recentFiles);
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  m_recentMenu->clear();
  for (const QString& path : m_recentFiles) {
    QAction* action = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
      if (maybeDiscard()) {
        openSessionFile(path);
      }
    });
    action->setToolTip(path);
    action->setStatusTip(path);
  }
  if (!m_recentFiles.isEmpty()) {
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear list"), this, [this] {
      m_recentFiles.clear();
      QSettings().setValue(QStringLiteral("recentFiles"), m_recentFiles);
      updateRecentMenu();
    });
  }
  m_recentMenu->setEnabled(!m_recentFiles.isEmpty());
}

void MainWindow::updatePresetsMenu() {
  m_presetsMenu->clear();
  for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
    QAction* action = m_presetsMenu->addAction(preset.title, this, [this, name = preset.name] {
      if (maybeDiscard()) {
        openPreset(name);
      }
    });
    action->setToolTip(preset.description);
    action->setStatusTip(preset.description);
  }
  m_presetsMenu->setToolTipsVisible(true);
}

// ---- editing -----------------------------------------------------------------------------

void MainWindow::onSettingsEdited(const rnnlab::TrainingSettings& settings) {
  m_session.training = settings;
  m_settingsPanel->setValues(m_session.model, m_session.training);
  syncController();
  updateTitle();
}

void MainWindow::onModelEdited(const rnnlab::ModelConfig& model,
                               const rnnlab::TrainingSettings& settings) {
  const rnnlab::OutputMode oldMode = m_session.model.outputMode;
  m_session.model = model;
  m_session.training = settings;
  if (model.outputMode != oldMode) {
    // The targets change shape with the mode: `last` keeps the final row, `sequence` gives the
    // earlier steps zero targets that the user can then fill in.
    m_session.data.targets = m_session.data.targetsFor(model.outputMode);
    m_sequenceEditor->setData(m_session.data, model.outputMode);
    statusBar()->showMessage(
        model.outputMode == rnnlab::OutputMode::Last
            ? tr("Only the last step has a target now (its row was kept).")
            : tr("Every step has a target now: the earlier rows start at 0, edit them."),
        8000);
  }
  if (!sameStart(m_session, m_clean)) {
    // Stored weights belong to the old model (or seed): the new model starts from its seed.
    m_session.weights.reset();
    m_session.h0.reset();
  }
  m_settingsPanel->setValues(m_session.model, m_session.training);
  syncController();
  updateTitle();
}

void MainWindow::onDataEdited(const rnnlab::SequenceData& sequence) {
  // What-if edits: same shapes, not running, the toggle on: the edit is tried without training
  // and without becoming the document's data until applied.
  if (m_whatIfAction->isChecked() && m_controller->state() != TrainingState::Running &&
      sequence.inputs.rows() == m_applied.data.inputs.rows() &&
      sequence.inputs.cols() == m_applied.data.inputs.cols() &&
      sequence.targets.rows() == m_applied.data.targets.rows() &&
      sequence.targets.cols() == m_applied.data.targets.cols() && m_latest &&
      !m_latest->isHistoryView) {
    m_whatIfData = sequence;
    m_controller->setWhatIf(m_latest->model, sequence);
    return;
  }
  m_session.data = sequence;
  m_session.model.inputSize = static_cast<int>(sequence.inputs.cols());
  m_session.model.outputSize = static_cast<int>(sequence.targets.cols());
  if (m_session.weights && !m_session.weights->hasShape(m_session.model)) {
    m_session.weights.reset();
    m_session.h0.reset();
  }
  m_settingsPanel->setValues(m_session.model, m_session.training);
  syncController();
  updateTitle();
}

bool MainWindow::resetPending() const { return !sameStart(m_session, m_applied); }

QString MainWindow::resetBannerText() const {
  return m_resetBanner->isVisibleTo(m_bannerBar) ? m_resetLabel->text() : QString();
}

QString MainWindow::divergenceText() const {
  return m_divergenceBanner->isVisibleTo(m_bannerBar) ? m_divergenceLabel->text() : QString();
}

void MainWindow::syncController() {
  // Live settings first: they apply to whatever model is training. Seed and init scale only
  // matter for a new model, so they stay with the applied one until a reset.
  rnnlab::TrainingSettings live = m_session.training;
  live.seed = m_applied.training.seed;
  live.initScale = m_applied.training.initScale;
  if (!rnnlab::validate(live) && !(live == m_applied.training)) {
    m_applied.training = live;
    m_controller->setSettings(live);
  }

  if (resetPending()) {
    QStringList changes;
    const rnnlab::ModelConfig& a = m_applied.model;
    const rnnlab::ModelConfig& b = m_session.model;
    if (a.inputSize != b.inputSize)
      changes << tr("input size %1 → %2").arg(a.inputSize).arg(b.inputSize);
    if (a.hiddenSize != b.hiddenSize)
      changes << tr("hidden size %1 → %2").arg(a.hiddenSize).arg(b.hiddenSize);
    if (a.outputSize != b.outputSize)
      changes << tr("output size %1 → %2").arg(a.outputSize).arg(b.outputSize);
    if (a.outputMode != b.outputMode) changes << tr("output mode");
    if (a.loss != b.loss) changes << tr("loss");
    if (m_applied.training.seed != m_session.training.seed) changes << tr("seed");
    if (m_applied.training.initScale != m_session.training.initScale) changes << tr("init scale");
    if (changes.isEmpty()) changes << tr("initial weights");
    QString text = tr("The model changed (%1). Training still runs the old model until you "
                      "reset: the new one starts from fresh initial weights.")
                       .arg(changes.join(QStringLiteral(", ")));
    if (std::optional<std::string> problem = rnnlab::validate(m_session)) {
      text +=
          QStringLiteral("\n") + tr("Cannot reset yet: %1").arg(QString::fromStdString(*problem));
    }
    m_resetLabel->setText(text);
    m_resetBanner->show();
    m_bannerBar->show();
    return;
  }
  m_resetBanner->hide();
  m_bannerBar->setVisible(m_divergenceBanner->isVisibleTo(m_bannerBar));

  if (!(m_session.data == m_applied.data)) {
    // New data for the same model: the run restarts from the same initial weights, so the loss
    // curve always belongs to one data set.
    const bool wasRunning = m_controller->state() == TrainingState::Running;
    if (applySession()) {
      statusBar()->showMessage(tr("The data changed: training restarted from the initial "
                                  "weights."),
                               6000);
      if (wasRunning) {
        m_controller->play();
      }
    }
  }
}

bool MainWindow::applySession() {
  if (std::optional<std::string> problem = rnnlab::validate(m_session)) {
    m_resetLabel->setText(tr("Cannot use this session: %1").arg(QString::fromStdString(*problem)));
    return false;
  }
  m_controller->setSession(m_session);
  m_applied = m_session;
  m_lossChart->clear();
  m_latest = m_controller->latestSnapshot();
  m_viewsDirty = true;
  m_resetBanner->hide();
  m_bannerBar->setVisible(m_divergenceBanner->isVisibleTo(m_bannerBar));
  refreshViews();
  return true;
}

void MainWindow::resetTraining() {
  if (resetPending()) {
    if (!applySession()) {
      m_resetBanner->show();
      m_bannerBar->show();
      return;
    }
    statusBar()->showMessage(tr("New model built from seed %1.").arg(m_session.training.seed),
                             5000);
  } else {
    m_controller->reset();
    m_lossChart->clear();
  }
  m_divergenceBanner->hide();
  m_bannerBar->setVisible(m_resetBanner->isVisibleTo(m_bannerBar));
}

void MainWindow::togglePlay() {
  if (m_controller->state() == TrainingState::Running) {
    m_controller->pause();
    return;
  }
  m_divergenceBanner->hide();
  m_bannerBar->setVisible(m_resetBanner->isVisibleTo(m_bannerBar));
  m_controller->play();
}

void MainWindow::setSpeed(int iterationsPerSecond) {
  int index = m_speedCombo->findData(iterationsPerSecond);
  if (index < 0) {
    iterationsPerSecond = 0;
    index = 0;
  }
  m_speedCombo->setCurrentIndex(index);
  for (QAction* action : m_speedActions) {
    action->setChecked(action->data().toInt() == iterationsPerSecond);
  }
  m_controller->setSpeed(iterationsPerSecond);
  QSettings().setValue(QStringLiteral("training/speed"), iterationsPerSecond);
}

// ---- training results --------------------------------------------------------------------

void MainWindow::onSnapshot(TrainingSnapshotPtr snapshot) {
  // A snapshot of another model (queued before a setSession) must not reach the views: they
  // would pair its weights with the new data.
  if (!snapshot || !(snapshot->model.config == m_applied.model)) {
    return;
  }
  // The controller may hand over several of the worker's snapshots as one (only the latest is
  // emitted), but its loss history has every iteration: append whatever the chart lacks. A
  // snapshot that starts before the chart's end (a divergence took an update back) replaces the
  // chart's history from there on.
  const std::vector<double>& history = m_controller->lossHistory();
  long have = m_lossChart->firstIteration() + static_cast<long>(m_lossChart->history().size());
  if (m_lossChart->firstIteration() != 0 || static_cast<long>(history.size()) < have) {
    m_lossChart->clear();
    have = 0;
  }
  if (!snapshot->newLosses.empty()) {
    have = std::min(have, snapshot->firstNewIteration);
  }
  if (static_cast<long>(history.size()) > have) {
    m_lossChart->appendLosses(have, std::vector<double>(history.begin() + have, history.end()));
  }
  m_latest = std::move(snapshot);
  m_viewsDirty = true;
}

void MainWindow::refreshViews() {
  m_viewsDirty = false;
  if (!m_latest) {
    m_latest = m_controller->latestSnapshot();
  }
  if (m_latest) {
    drawSnapshot(*m_latest);
  }
}

void MainWindow::drawSnapshot(const TrainingSnapshot& snapshot) {
  // Snapshots always carry a forward pass (of the current weights before the first iteration).
  if (snapshot.forward.steps() > 0) {
    m_hiddenHeatmap->setForwardPass(snapshot.forward);
    m_outputsView->setForwardPass(snapshot.forward, snapshot.model.config.outputMode,
                                  snapshot.model.config.loss);
  }
  m_weightHeatmaps->setParameters(snapshot.model.params, snapshot.backward.grads);
  drawInspection(snapshot);
  updateStatus(snapshot);
}

void MainWindow::drawInspection(const TrainingSnapshot& snapshot) {
  // The trace is shared (immutable); the views are given a new one only when it changes. While
  // running there is none: the stepper empties until the next pause.
  if (snapshot.nextIteration != m_shownTrace) {
    m_shownTrace = snapshot.nextIteration;
    m_stepper->setSettings(snapshot.settings);
    m_equations->setSettings(snapshot.settings);
    m_stepper->setTrace(snapshot.nextIteration);
    m_diagram->setTrace(snapshot.nextIteration);
    m_equations->setTrace(snapshot.nextIteration);
    if (snapshot.nextIteration) {
      const rnnlab::IterationPhase phase = m_stepper->phase();
      m_diagram->setPhase(phase);
      m_equations->setPhase(phase);
    }
  }
  if (snapshot.backward.hiddenGrad.cols() > 0) {
    m_flowStrip->setBackwardPass(snapshot.backward);
  }
  m_flowStrip->setClipStatistics(snapshot.clippedIterations, snapshot.clipCountedIterations,
                                 snapshot.lastNormBefore, snapshot.lastNormAfter);
  const long shownIteration =
      snapshot.isHistoryView ? snapshot.viewedIteration : snapshot.iteration;
  if (!snapshot.isHistoryView && !snapshot.isWhatIf && shownIteration < m_spectrumIteration) {
    m_spectrum->clearHistory();  // a reset or a branch: ρ over training starts again
  }
  if (!snapshot.isWhatIf) {
    m_spectrumIteration = shownIteration;
  }
  // The spectrum (an eigen-decomposition) and the gradient check restart their work on every
  // new input: give them each snapshot once, not on every repaint.
  if (&snapshot != m_inspectedSnapshot.get()) {
    m_inspectedSnapshot = m_latest;
    m_spectrum->setRecurrentWeights(snapshot.model.params.Whh(), shownIteration);
    if (snapshot.state != TrainingState::Running) {
      m_gradientCheck->setModelAndData(
          snapshot.model, m_whatIfData && snapshot.isWhatIf ? *m_whatIfData : m_applied.data);
    }
  }

  // The history timeline follows the live run unless the user is looking at the past.
  m_updatingSlider = true;
  m_historySlider->setRange(0, static_cast<int>(std::min<long>(snapshot.iteration, INT_MAX)));
  if (snapshot.isHistoryView) {
    m_viewedIteration = snapshot.viewedIteration;
    // A rewind asked for elsewhere (a script, a test) moves the handle too; a drag in progress
    // keeps it where the user holds it.
    if (!m_historyTimer->isActive() && !m_historySlider->isSliderDown()) {
      m_historySlider->setValue(
          static_cast<int>(std::min<long>(snapshot.viewedIteration, m_historySlider->maximum())));
    }
    m_historyLabel->setText(tr("Rewound to iteration %L1 of %L2")
                                .arg(snapshot.viewedIteration)
                                .arg(snapshot.iteration));
  } else {
    m_viewedIteration = -1;
    if (!m_historyTimer->isActive() && !m_historySlider->isSliderDown()) {
      m_historySlider->setValue(m_historySlider->maximum());
    }
    m_historyLabel->setText(tr("Live, iteration %L1").arg(snapshot.iteration));
  }
  m_updatingSlider = false;
  m_liveAction->setEnabled(snapshot.isHistoryView);
  m_continueAction->setEnabled(snapshot.isHistoryView);

  m_whatIfBar->setVisible(snapshot.isWhatIf);
  if (!snapshot.isWhatIf) {
    m_whatIfData.reset();
  }
  if (m_runsDock->isVisible() && m_controller->lossHistory().size() != m_liveRunLength) {
    updateRunComparison();
  }
}

void MainWindow::updateRunComparison() {
  const std::vector<double>& live = m_controller->lossHistory();
  if (m_runsDirty) {
    m_runsDirty = false;
    m_runChart->clear();
    for (const TrainingController::RunRecord& run : m_controller->previousRuns()) {
      m_runChart->addRun(run.label, run.losses);
    }
    m_liveRunId = m_runChart->addRun(m_controller->liveRunLabel() + tr(" (live)"), live);
  } else {
    m_runChart->updateRun(m_liveRunId, live);
  }
  m_liveRunLength = live.size();
}

void MainWindow::createHistoryBar() {
  m_historyBar = addToolBar(tr("History"));
  m_historyBar->setObjectName(QStringLiteral("historyToolBar"));
  m_historyBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  m_historyBar->addWidget(new QLabel(tr(" History "), m_historyBar));
  m_historySlider = new QSlider(Qt::Horizontal, m_historyBar);
  m_historySlider->setMinimumWidth(180);
  m_historySlider->setToolTip(
      tr("Rewind: every view shows the weights kept at that iteration (long runs keep every "
         "2nd, 4th, … iteration). Training pauses; \"Live\" returns."));
  m_historyBar->addWidget(m_historySlider);
  m_historyLabel = new QLabel(m_historyBar);
  m_historyLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 26);
  m_historyBar->addWidget(m_historyLabel);
  m_liveAction =
      m_historyBar->addAction(tr("Live"), this, [this] { m_controller->leaveHistory(); });
  m_liveAction->setToolTip(tr("Back to the current iteration"));
  m_continueAction =
      m_historyBar->addAction(tr("Continue from here"), this, &MainWindow::continueFromHere);
  m_continueAction->setToolTip(
      tr("Start a new run from the rewound weights with the current settings (change the "
         "learning rate first to compare); the old run stays in Compare runs"));
  m_liveAction->setEnabled(false);
  m_continueAction->setEnabled(false);
  m_historyBar->addSeparator();
  m_whatIfAction = m_historyBar->addAction(tr("What-if edits"));
  m_whatIfAction->setCheckable(true);
  m_whatIfAction->setToolTip(
      tr("While paused, an edited input cell is tried without training (double-click a weight "
         "to try another value for it); Apply keeps the edit"));

  m_historyTimer = new QTimer(this);
  m_historyTimer->setSingleShot(true);
  m_historyTimer->setInterval(60);
  connect(m_historyTimer, &QTimer::timeout, this, &MainWindow::onHistorySliderMoved);
  connect(m_historySlider, &QSlider::valueChanged, this, [this] {
    if (!m_updatingSlider) {
      m_historyTimer->start();
    }
  });

  // The what-if banner: its own row, shown while a what-if is on screen.
  addToolBarBreak();
  m_whatIfBar = new QToolBar(tr("What-if"), this);
  m_whatIfBar->setObjectName(QStringLiteral("whatIfBar"));
  m_whatIfBar->setMovable(false);
  m_whatIfBar->setFloatable(false);
  m_whatIfBar->toggleViewAction()->setVisible(false);
  m_whatIfBanner = makeBanner(QStringLiteral("background: #dcefff; border: 1px solid #3b7dd8;"),
                              m_whatIfLabel, m_whatIfBar);
  m_whatIfLabel->setText(
      tr("What-if: not trained. Every view shows the edited value's effect; the trained weights "
         "are unchanged until you apply it."));
  auto* apply = new QPushButton(tr("Apply"), m_whatIfBanner);
  apply->setToolTip(tr("Keep the edit: training continues from it"));
  connect(apply, &QPushButton::clicked, this, &MainWindow::applyWhatIf);
  auto* discard = new QPushButton(tr("Discard"), m_whatIfBanner);
  connect(discard, &QPushButton::clicked, this, &MainWindow::discardWhatIf);
  m_whatIfBanner->layout()->addWidget(apply);
  m_whatIfBanner->layout()->addWidget(discard);
  m_whatIfBar->addWidget(m_whatIfBanner);
  addToolBar(Qt::TopToolBarArea, m_whatIfBar);
  m_whatIfBar->hide();
}

void MainWindow::onHistorySliderMoved() {
  const long value = m_historySlider->value();
  if (value >= m_historySlider->maximum() && m_viewedIteration < 0) {
    return;  // already live
  }
  m_controller->showHistory(value);
}

void MainWindow::continueFromHere() {
  if (m_viewedIteration < 0) {
    return;
  }
  m_controller->branchFromHistory(m_viewedIteration, m_applied.training);
  statusBar()->showMessage(tr("A new run continues from iteration %L1; the old one is kept in "
                              "Compare runs.")
                               .arg(m_viewedIteration),
                           6000);
}

QString MainWindow::whatIfBannerText() const {
  return m_whatIfBar->isVisibleTo(this) ? m_whatIfLabel->text() : QString();
}

void MainWindow::applyWhatIf() {
  if (m_whatIfData) {
    // The edited data becomes the document's and the trained data, without a restart.
    m_session.data = *m_whatIfData;
    m_applied.data = *m_whatIfData;
  }
  m_whatIfData.reset();
  m_controller->applyWhatIf();
  updateTitle();
}

void MainWindow::discardWhatIf() {
  if (m_whatIfData) {
    m_sequenceEditor->setData(m_session.data, m_session.model.outputMode);
  }
  m_whatIfData.reset();
  m_controller->clearWhatIf();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::MouseButtonDblClick) {
    for (int block = 0; block < rnnlab::Parameters::BlockCount; ++block) {
      if (watched == m_weightHeatmaps->heatmap(block)) {
        editWeightAt(block, static_cast<QMouseEvent*>(event)->position().toPoint());
        return true;
      }
    }
  }
  return QMainWindow::eventFilter(watched, event);
}

void MainWindow::editWeightAt(int block, const QPoint& position) {
  const QPoint cell = m_weightHeatmaps->heatmap(block)->cellAt(position);
  if (cell.x() < 0 || !m_latest || m_controller->state() == TrainingState::Running) {
    return;
  }
  rnnlab::Model model = m_latest->model;
  auto blocks = model.params.blocks();
  const rnnlab::Index rows = block == 0   ? model.params.Wxh().rows()
                             : block == 1 ? model.params.Whh().rows()
                             : block == 2 ? model.params.Why().rows()
                                          : blocks[static_cast<std::size_t>(block)].size();
  // Eigen's default is column-major: element (r, c) of a block is flat index c·rows + r.
  const rnnlab::Index index = static_cast<rnnlab::Index>(cell.x()) * rows + cell.y();
  double& weight = blocks[static_cast<std::size_t>(block)](index);
  const QString name = QString::fromUtf8(
      rnnlab::Parameters::BlockNames[static_cast<std::size_t>(block)].data(),
      static_cast<qsizetype>(
          rnnlab::Parameters::BlockNames[static_cast<std::size_t>(block)].size()));
  const QString element =
      block < 3 ? QStringLiteral("%1[%2, %3]").arg(name).arg(cell.y() + 1).arg(cell.x() + 1)
                : QStringLiteral("%1[%2]").arg(name).arg(cell.y() + 1);
  bool ok = false;
  const double value = QInputDialog::getDouble(
      this, tr("What-if: %1").arg(element),
      tr("Try another value for %1 (not trained; Apply keeps it):").arg(element), weight, -1e6, 1e6,
      6, &ok);
  if (!ok) {
    return;
  }
  weight = value;
  m_controller->setWhatIf(model, m_whatIfData ? *m_whatIfData : m_applied.data);
}

void MainWindow::updateStatus(const TrainingSnapshot& snapshot) {
  m_stateLabel->setText(stateName(snapshot.state));
  m_iterationLabel->setText(
      tr("Iteration %L1 / %L2").arg(snapshot.iteration).arg(snapshot.targetIteration));
  const bool before = snapshot.iteration == 0 || std::isnan(snapshot.loss);
  m_lossLabel->setText(before ? tr("Loss %1 (initial)").arg(formatLoss(snapshot.forward.loss))
                              : tr("Loss %1").arg(formatLoss(snapshot.loss)));
  m_speedLabel->setText(snapshot.iterationsPerSecond > 0
                            ? tr("%L1 it/s").arg(snapshot.iterationsPerSecond, 0, 'f', 0)
                            : tr("— it/s"));
  m_elapsedLabel->setText(
      tr("%1 s").arg(snapshot.elapsedSeconds, 0, 'f', snapshot.elapsedSeconds < 10 ? 2 : 1));
  // QProgressBar counts in int: scale long iteration counts to per mille.
  m_progress->setRange(0, 1000);
  const double fraction =
      snapshot.targetIteration > 0
          ? static_cast<double>(snapshot.iteration) / static_cast<double>(snapshot.targetIteration)
          : 0.0;
  m_progress->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
  m_progress->setFormat(QStringLiteral("%1%").arg(std::clamp(fraction, 0.0, 1.0) * 100, 0, 'f', 0));
}

void MainWindow::onStateChanged(TrainingState state) {
  const bool running = state == TrainingState::Running;
  m_playAction->setText(running ? tr("&Pause") : tr("&Play"));
  m_playAction->setIcon(
      style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  m_stateLabel->setText(stateName(state));
  if (state == TrainingState::Finished) {
    statusBar()->showMessage(
        tr("Target reached: Play runs %L1 more.").arg(m_applied.training.iterations), 5000);
  }
}

void MainWindow::onDiverged(const QString& message) {
  // The controller's message already says what happened and what to try.
  const QString text = message.isEmpty()
                           ? tr("The loss became NaN or infinite. Training paused and the last "
                                "finite weights were restored; try a smaller learning rate or "
                                "gradient clipping.")
                           : message;
  m_divergenceLabel->setText(text);
  m_divergenceBanner->show();
  m_bannerBar->show();
  statusBar()->showMessage(tr("Training diverged: see the message above."), 10000);
  if (!m_scripted) {
    // Window-modal but not blocking: the event loop (and the views) keep running.
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Training diverged"), text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
  }
}

// ---- import / export ---------------------------------------------------------------------

void MainWindow::importCsv() { m_sequenceEditor->importCsv(); }

void MainWindow::exportCsv() { m_sequenceEditor->exportCsv(); }

void MainWindow::exportLossHistory() {
  QString path =
      QFileDialog::getSaveFileName(this, tr("Export loss history"), QStringLiteral("loss.csv"),
                                   tr("CSV files (*.csv);;All files (*)"));
  if (path.isEmpty()) {
    return;
  }
  try {
    rnnlab::writeFileAtomically(path.toStdString(),
                                 rnnlab::serializeLossHistory(m_controller->lossHistory()));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot export loss history"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportTrainedSession() {
  QString path = QFileDialog::getSaveFileName(this, tr("Export trained session"),
                                              QStringLiteral("trained.rnnlab.json"), SessionFilter);
  if (path.isEmpty()) {
    return;
  }
  // The applied session is the one the weights were trained on (the edited one may differ).
  rnnlab::Session trained = m_applied;
  if (TrainingSnapshotPtr snapshot = m_controller->latestSnapshot()) {
    trained.setModel(snapshot->model);
  }
  try {
    rnnlab::saveSession(trained, path.toStdString());
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot export session"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportPng(QWidget* widget, const QString& suggestedName) {
  QString path = QFileDialog::getSaveFileName(this, tr("Export view as PNG"),
                                              suggestedName + QStringLiteral(".png"),
                                              tr("PNG images (*.png)"));
  if (path.isEmpty()) {
    return;
  }
  refreshViews();
  if (!widget->grab().save(path, "PNG")) {
    QMessageBox::warning(this, tr("Cannot export image"), tr("Could not write %1.").arg(path));
  }
}

void MainWindow::showAbout() {
  QMessageBox::about(
      this, tr("About RNN Lab"),
      tr("<h3>RNN Lab %1</h3><p>Watch a small recurrent neural network learn: press Play (Space) "
         "and follow the loss, the hidden states and the weights.</p><p>h<sub>t</sub> = "
         "tanh(W<sub>xh</sub>·x<sub>t</sub> + W<sub>hh</sub>·h<sub>t−1</sub> + b<sub>h</sub>), "
         "y<sub>t</sub> = W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub></p>")
          .arg(QApplication::applicationVersion()));
}

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (!m_layoutRestored) {
    m_layoutRestored = true;
    resetLayout();
    // Once more after the first layout pass, when the docks have their real sizes.
    QTimer::singleShot(0, this, &MainWindow::resetLayout);
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeDiscard()) {
    event->ignore();
    return;
  }
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  m_controller->pause();
  event->accept();
}
