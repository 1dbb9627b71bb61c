#pragma once

// The main window: toolbar, menus, status bar and the dockable views around one session.
//
// Three sessions are kept apart on purpose:
//  - m_session: what the user edits and what Save writes;
//  - m_applied: what the TrainingController runs. Live settings go to the controller at once;
//    a different model (size, mode, loss, seed, init scale) waits for "Reset now", so a run never
//    mixes two models;
//  - m_clean: the last session loaded or saved; the window is "modified" when m_session differs.
//
// Snapshots arrive from the controller (queued from the worker thread); their losses go straight
// into the loss chart, and only the latest snapshot is kept, drawn by a ~30 Hz timer.

#include <QMainWindow>
#include <QStringList>
#include <memory>
#include <optional>

#include "rnnlab/session.h"
#include "training/training_snapshot.h"

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTimer;
class QSlider;
class QToolBar;
class EquationsPanel;
class GradientCheckPanel;
class GradientFlowStrip;
class HiddenStateHeatmap;
class IterationStepperPanel;
class RunComparisonChart;
class SpectrumView;
class UnrolledNetworkDiagram;
class LossChart;
class OutputsView;
class SequenceEditor;
class SettingsPanel;
class TrainingController;
class WeightHeatmaps;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Loads a session file. On failure nothing changes and the message (the SessionError's) goes
  // to *error, or, when error is nullptr, into a message box.
  bool openSessionFile(const QString& path, QString* error = nullptr);
  // Shows and applies a session as a fresh, unmodified document without a file.
  void loadSession(const rnnlab::Session& session);
  // Loads a built-in preset by name (see PresetLibrary).
  bool openPreset(const QString& name, QString* error = nullptr);
  bool saveSessionFile(const QString& path, QString* error = nullptr);
  // Sets how many iterations Play runs, as part of the document (not an edit): for scripts.
  void setIterations(long iterations);

  // The session as edited (what Save writes).
  rnnlab::Session currentSession() const { return m_session; }
  TrainingController* controller() const { return m_controller; }
  SequenceEditor* sequenceEditor() const { return m_sequenceEditor; }
  SettingsPanel* settingsPanel() const { return m_settingsPanel; }
  LossChart* lossChart() const { return m_lossChart; }
  IterationStepperPanel* stepper() const { return m_stepper; }
  UnrolledNetworkDiagram* diagram() const { return m_diagram; }
  EquationsPanel* equationsPanel() const { return m_equations; }
  GradientFlowStrip* gradientFlowStrip() const { return m_flowStrip; }
  SpectrumView* spectrumView() const { return m_spectrum; }
  GradientCheckPanel* gradientCheckPanel() const { return m_gradientCheck; }
  RunComparisonChart* runComparisonChart() const { return m_runChart; }
  QSlider* historySlider() const { return m_historySlider; }
  // Raises the dock whose object name or title (case-insensitive, "Dock" suffix optional)
  // matches `name`; false if there is none. For scripted screenshots of each view.
  bool raiseDock(const QString& name);
  QStringList dockNames() const;
  QString whatIfBannerText() const;
  QString filePath() const { return m_filePath; }
  bool isModified() const;
  // True when the edited model differs from the one being trained (the reset banner shows).
  bool resetPending() const;
  QString resetBannerText() const;
  QString divergenceText() const;

  // In scripted runs (screenshots) no modal box may wait for a user.
  void setScripted(bool scripted) { m_scripted = scripted; }
  // Draws the latest snapshot now instead of at the next timer tick.
  void refreshViews();

 public slots:
  void newSession();
  void openSession();
  bool save();
  bool saveAs();
  void resetTraining();  // applies a pending model, or restarts the current one
  void togglePlay();
  // The docks where they start out, sized for the current window.
  void resetLayout();
  // Brings the inspection docks (stepper, diagram, gradient flow, compare runs) to the front.
  void showInspectionLayout();
  // What-if: applies the edited weight or input as the model/data, or discards it.
  void applyWhatIf();
  void discardWhatIf();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void createViews();
  void createActions();
  void createMenus();
  void createToolBars();
  void createStatusBar();
  void createBanners();
  void restoreLayout();
  void arrangeDocks(bool compact);
  void createHistoryBar();
  void drawInspection(const TrainingSnapshot& snapshot);
  void updateRunComparison();
  void onHistorySliderMoved();
  void continueFromHere();
  // Asks for a new value of one weight of the shown model and tries it as a what-if.
  void editWeightAt(int block, const QPoint& position);
  bool eventFilter(QObject* watched, QEvent* event) override;

  void onSnapshot(TrainingSnapshotPtr snapshot);
  void onStateChanged(TrainingState state);
  void onDiverged(const QString& message);
  void onSettingsEdited(const rnnlab::TrainingSettings& settings);
  void onModelEdited(const rnnlab::ModelConfig& model, const rnnlab::TrainingSettings& settings);
  void onDataEdited(const rnnlab::SequenceData& sequence);

  // Brings the controller in line with m_session as far as is safe (see the class comment).
  void syncController();
  bool applySession();
  void showSession();
  void drawSnapshot(const TrainingSnapshot& snapshot);
  void updateStatus(const TrainingSnapshot& snapshot);
  void updateTitle();
  void setSpeed(int iterationsPerSecond);

  bool maybeDiscard();  // asks before unsaved edits are lost; false = the user cancelled
  void setDocument(const rnnlab::Session& session, const QString& path, const QString& title);
  void addRecentFile(const QString& path);
  void updateRecentMenu();
  void updatePresetsMenu();
  void importCsv();
  void exportCsv();
  void exportLossHistory();
  void exportTrainedSession();
  void exportPng(QWidget* widget, const QString& suggestedName);
  void showAbout();

  TrainingController* m_controller;  // child QObject; owns the worker thread

  rnnlab::Session m_session;
  rnnlab::Session m_applied;
  rnnlab::Session m_clean;
  QString m_filePath;
  QString m_documentTitle;
  bool m_scripted = false;

  TrainingSnapshotPtr m_latest;
  bool m_viewsDirty = false;
  QTimer* m_repaintTimer;
  // Views (children of their docks).
  LossChart* m_lossChart = nullptr;
  HiddenStateHeatmap* m_hiddenHeatmap = nullptr;
  WeightHeatmaps* m_weightHeatmaps = nullptr;
  OutputsView* m_outputsView = nullptr;
  SettingsPanel* m_settingsPanel = nullptr;
  SequenceEditor* m_sequenceEditor = nullptr;
  QList<QDockWidget*> m_docks;
  QDockWidget* m_lossDock = nullptr;
  QDockWidget* m_hiddenDock = nullptr;
  QDockWidget* m_weightsDock = nullptr;
  QDockWidget* m_outputsDock = nullptr;
  QDockWidget* m_settingsDock = nullptr;
  QDockWidget* m_sequenceDock = nullptr;
  // Inspection (issue 4): tabbed behind the primary docks by default.
  IterationStepperPanel* m_stepper = nullptr;
  EquationsPanel* m_equations = nullptr;
  UnrolledNetworkDiagram* m_diagram = nullptr;
  GradientFlowStrip* m_flowStrip = nullptr;
  SpectrumView* m_spectrum = nullptr;
  GradientCheckPanel* m_gradientCheck = nullptr;
  RunComparisonChart* m_runChart = nullptr;
  QDockWidget* m_stepperDock = nullptr;
  QDockWidget* m_diagramDock = nullptr;
  QDockWidget* m_flowDock = nullptr;
  QDockWidget* m_spectrumDock = nullptr;
  QDockWidget* m_gradientCheckDock = nullptr;
  QDockWidget* m_runsDock = nullptr;
  // What the inspection views were last given, so a repaint tick passes each value once.
  std::shared_ptr<const rnnlab::IterationTrace> m_shownTrace;
  TrainingSnapshotPtr m_inspectedSnapshot;  // the last one the spectrum and gradient check got
  long m_spectrumIteration = -1;
  int m_liveRunId = -1;
  std::size_t m_liveRunLength = 0;
  bool m_runsDirty = true;

  // History timeline: a slider over 0..current iteration; moving it rewinds every view.
  QToolBar* m_historyBar = nullptr;
  QSlider* m_historySlider = nullptr;
  QLabel* m_historyLabel = nullptr;
  QAction* m_liveAction = nullptr;
  QAction* m_continueAction = nullptr;
  QAction* m_whatIfAction = nullptr;  // checked: data edits while paused are what-ifs
  QTimer* m_historyTimer = nullptr;   // coalesces slider moves into one rewind per 60 ms
  bool m_updatingSlider = false;
  long m_viewedIteration = -1;  // the rewound iteration shown, −1 when live

  QToolBar* m_whatIfBar = nullptr;
  QWidget* m_whatIfBanner = nullptr;
  QLabel* m_whatIfLabel = nullptr;
  std::optional<rnnlab::SequenceData> m_whatIfData;  // the edited data of a pending what-if
  bool m_layoutRestored = false;  // a saved layout was restored (else defaults at first show)

  QToolBar* m_bannerBar = nullptr;
  QWidget* m_resetBanner = nullptr;
  QLabel* m_resetLabel = nullptr;
  QWidget* m_divergenceBanner = nullptr;
  QLabel* m_divergenceLabel = nullptr;

  QAction* m_playAction = nullptr;
  QAction* m_stepAction = nullptr;
  QAction* m_stopAction = nullptr;
  QAction* m_resetAction = nullptr;
  QAction* m_saveAction = nullptr;
  QList<QAction*> m_speedActions;
  QComboBox* m_speedCombo = nullptr;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_presetsMenu = nullptr;
  QMenu* m_exportPngMenu = nullptr;
  QStringList m_recentFiles;

  QLabel* m_stateLabel = nullptr;
  QLabel* m_iterationLabel = nullptr;
  QLabel* m_lossLabel = nullptr;
  QLabel* m_speedLabel = nullptr;
  QLabel* m_elapsedLabel = nullptr;
  QProgressBar* m_progress = nullptr;
};
