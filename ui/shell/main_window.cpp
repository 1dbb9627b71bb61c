#include "shell/main_window.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTimer>
#include <algorithm>

#include "document/session_document.h"
#include "document/share_link.h"
#include "editors/sequence_editor.h"
#include "editors/settings_panel.h"
#include "editors/text_settings_panel.h"
#include "inspection/gradient_check_panel.h"
#include "lessons/lesson_runner.h"
#include "shell/autosave_restore.h"
#include "shell/data_set_conversion.h"
#include "shell/data_set_docks.h"
#include "shell/dock_layout.h"
#include "shell/document_sync.h"
#include "shell/export_actions.h"
#include "shell/file_actions.h"
#include "shell/history_bar.h"
#include "shell/lesson_actions.h"
#include "shell/main_actions.h"
#include "shell/notice_bar.h"
#include "shell/presentation_mode.h"
#include "shell/share_link_actions.h"
#include "shell/snapshot_presenter.h"
#include "shell/training_status_bar.h"
#include "shell/view_docks.h"
#include "shell/what_if_editor.h"
#include "training/training_controller.h"
#include "widgets/wheel_guard.h"

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_controller(new TrainingController(this)),
      m_document(new SessionDocument(this)),
      m_docks(new DockLayout(this)),
      m_notices(new NoticeBar(this)),
      m_status(new TrainingStatusBar(this)),
      m_history(new HistoryBar(m_controller, this)) {
  setObjectName(QStringLiteral("MainWindow"));
  setStatusBar(m_status);
  // An empty central strip of no height: with a central widget the dock layout gives spare
  // width to the middle column (its stretch) instead of sharing it out among the side docks
  // anew on every relayout, which made them creep wider.
  auto* centre = new QWidget(this);
  centre->setObjectName(QStringLiteral("centre"));
  centre->setMaximumHeight(0);
  setCentralWidget(centre);
  setAcceptDrops(true);
  // Before the parts exist, so that the wheel gives none of their fields the focus.
  QCoreApplication::instance()->installEventFilter(new WheelGuard(this));
  createParts();
  connectParts();
  m_dataSet = new DataSetDocks(m_controller, m_document, m_docks, m_settingsPanel, m_status, this);
  m_dataSet->conversion()->fillMenu(m_actions->dataMenu());
  m_layoutRestored = m_docks->restore();
  // After the restore: the lesson dock is never part of a saved layout.
  m_lessons = new LessonActions(
      this, {m_document, m_controller, m_docks, m_files, m_actions->play(), m_actions->reset()});
  connectLessonsToPresentationAndLinks();
  m_notices->setVisible(false);  // a restored state may show the row; notices decide
  m_document->openBuiltinExample();
}

MainWindow::~MainWindow() = default;

void MainWindow::createParts() {
  m_settingsPanel = new SettingsPanel;
  m_sequenceEditor = new SequenceEditor;
  m_document->setUndoStack(m_sequenceEditor->undoStack());
  m_settingsPanel->setHistoryMemory(m_controller->historyBudget());
  const SnapshotPresenter::Views views = addViewDocks(m_docks, m_settingsPanel, m_sequenceEditor);
  m_textPanel = new TextSettingsPanel;
  m_docks->add(m_textPanel, tr("Text data"), DockId::TextSettings);
  m_docks->arrange();

  m_presenter = new SnapshotPresenter(m_controller, m_document, m_docks, views, this);
  m_whatIf = new WhatIfEditor(m_controller, m_document, m_sequenceEditor, views.weights, m_history,
                              m_notices, this);
  m_files = new FileActions(m_document, this);
  m_files->setTrainingSource(m_controller);
  auto* exports = new ExportActions(m_controller, m_document, m_presenter, this);
  m_presentation = new PresentationMode(this, m_status);
  m_links = new ShareLinkActions(m_document, m_files, m_status, this);
  m_actions = new MainActions(this, {m_controller, m_files, exports, m_docks, m_sequenceEditor,
                                     m_sequenceEditor->undoStack(), m_presentation, m_links});
  addToolBar(m_history);
  addToolBarBreak();
  addToolBar(Qt::TopToolBarArea, m_notices);
  m_sync = new DocumentSync({m_document, m_controller, m_docks, m_notices, m_status, m_presenter,
                             m_settingsPanel, m_sequenceEditor, m_textPanel, views.gradientCheck},
                            this);
}

void MainWindow::connectParts() {
  connect(m_sync, &DocumentSync::titleChanged, this, &MainWindow::updateTitle);
  connect(m_document, &SessionDocument::titleChanged, this, &MainWindow::updateTitle);
  connect(m_document, &SessionDocument::dataReshaped, this, [this] {
    const rnnlab::Session& session = m_document->session();
    m_sequenceEditor->reshape(session.data, session.model.outputMode);
    m_status->showMessage(
        session.model.outputMode == rnnlab::OutputMode::Last
            ? tr("Only the last step has a target now (its row was kept).")
            : tr("Every step has a target now: the earlier rows start at 0, edit them."),
        8000);
  });
  connect(m_settingsPanel, &SettingsPanel::settingsEdited, m_document,
          &SessionDocument::editTraining);
  connect(m_settingsPanel, &SettingsPanel::modelEdited, m_document, &SessionDocument::editModel);
  connect(m_sequenceEditor, &SequenceEditor::dataEdited, this,
          [this](const rnnlab::SequenceData& edited) {
            if (!m_whatIf->tryData(edited)) {
              m_document->editData(edited);
            }
          });
  connect(m_textPanel, &TextSettingsPanel::textEdited, this, [this](const rnnlab::TextData& text) {
    QString error;
    if (!m_document->editText(text, &error)) {
      m_status->showMessage(tr("Text settings not changed: %1").arg(error), 10000);
      m_sync->showTextSettings(false);  // back to what the document holds
    }
  });
  connect(m_sequenceEditor, &SequenceEditor::statusMessage, this,
          [this](const QString& message) { m_status->showMessage(message, 6000); });

  connect(m_controller, &TrainingController::snapshotReady, m_presenter, &SnapshotPresenter::take);
  connect(m_controller, &TrainingController::stateChanged, this, [this](TrainingState state) {
    m_actions->showState(state);
    m_status->showState(state, m_document->applied().training.iterations);
  });
  connect(m_controller, &TrainingController::runsChanged, m_presenter,
          &SnapshotPresenter::markRunsChanged);
  connect(m_presenter, &SnapshotPresenter::drawn, this, [this](const TrainingSnapshot& snapshot) {
    m_status->showSnapshot(snapshot);
    m_history->showSnapshot(snapshot);
    m_whatIf->showSnapshot(snapshot);
  });
  connect(m_whatIf, &WhatIfEditor::dataChanged, m_presenter, &SnapshotPresenter::setWhatIfData);
  connect(m_history, &HistoryBar::continueRequested, this, [this](long iteration) {
    m_controller->branchFromHistory(iteration, m_document->applied().training);
    m_status->showMessage(tr("A new run continues from iteration %L1; the old one is kept in "
                             "Compare runs.")
                              .arg(iteration),
                          6000);
  });
  connect(m_actions->play(), &QAction::triggered, m_sync, &DocumentSync::togglePlay);
  connect(m_actions->reset(), &QAction::triggered, m_sync, &DocumentSync::resetTraining);
}

void MainWindow::resetTraining() { m_sync->resetTraining(); }

void MainWindow::togglePlay() { m_sync->togglePlay(); }

void MainWindow::scaleInputs() { m_sync->scaleInputs(); }

void MainWindow::connectLessonsToPresentationAndLinks() {
  // In front of a class the spotlight also dims the rest of the window.
  connect(m_presentation, &PresentationMode::toggled, m_lessons,
          &LessonActions::setSpotlightStrength);
  m_lessons->setSpotlightStrength(m_presentation->isOn());
  // A copied link takes the student to the step the lesson is at.
  LessonRunner* runner = m_lessons->runner();
  connect(runner, &LessonRunner::stepChanged, this, [this, runner](int index) {
    m_links->setLessonStep(share_link::LessonStep{runner->lesson().name, index});
  });
  connect(runner, &LessonRunner::stopped, this, [this] { m_links->setLessonStep(std::nullopt); });
  connect(m_links, &ShareLinkActions::lessonStepRequested, this,
          [this](const QString& lesson, int step) {
            if (m_lessons->open(lesson)) {
              m_lessons->runner()->goTo(step);
            }
          });
}

void MainWindow::setScripted(bool scripted) {
  m_files->setScripted(scripted);
  m_links->setScripted(scripted);
  m_lessons->setScripted(scripted);
  m_dataSet->conversion()->setScripted(scripted);
}

void MainWindow::updateTitle() {
  setWindowTitle(QStringLiteral("%1[*] — RNN Lab").arg(m_document->title()));
  setWindowModified(m_document->isModified());
}

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (!m_layoutRestored) {
    m_layoutRestored = true;
    m_docks->arrange();
    // Once more after the first layout pass, when the docks have their real sizes.
    QTimer::singleShot(0, m_docks, &DockLayout::arrange);
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!m_files->maybeDiscard()) {
    event->ignore();
    return;
  }
  // A file still opening is abandoned, not waited for: its parse ends in the background.
  m_files->cancelOpen();
  if (m_lessons->isActive()) {
    m_lessons->leave();  // the layout saved for the next start is the user's, not the lesson's
  }
  m_docks->save();
  m_controller->pause();
  if (m_autosave != nullptr) {
    m_autosave->discard();
  }
  event->accept();
}

namespace {

// The one local file a drag carries, or nothing.
QString droppedFile(const QMimeData* mime) {
  if (mime == nullptr || !mime->hasUrls() || mime->urls().size() != 1) {
    return {};
  }
  const QUrl url = mime->urls().front();
  return url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile() ? url.toLocalFile() : QString();
}

}  // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!droppedFile(event->mimeData()).isEmpty()) {
    event->acceptProposedAction();
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = droppedFile(event->mimeData());
  if (path.isEmpty()) {
    return;
  }
  event->acceptProposedAction();
  if (m_files->maybeDiscard()) {
    m_files->startOpen(path);
  }
}

void MainWindow::startAutosave(const QString& folder, int intervalMs) {
  delete m_autosave;
  m_autosave = new SessionAutosave(m_document, m_controller, folder, this);
  m_autosave->setInterval(intervalMs);
  connect(m_autosave, &SessionAutosave::failed, this,
          [this](const QString& message) { m_status->showMessage(message, 10000); });
  AutosaveRestore::offer(this, m_autosave->folder(), m_document, m_controller, m_status);
  QString error;
  if (!m_autosave->start(&error)) {
    m_status->showMessage(tr("Autosave is off: %1").arg(error), 10000);
  }
}
