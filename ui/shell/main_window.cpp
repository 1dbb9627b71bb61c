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
#include "shell/data_set_conversion.h"
#include "shell/data_set_docks.h"
#include "shell/dock_layout.h"
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
  m_gradientCheck = views.gradientCheck;
  m_textPanel = new TextSettingsPanel;
  m_docks->add(m_textPanel, tr("Text data"), QStringLiteral("textSettingsDock"));
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
  QPushButton* resetNow = m_notices->addButton(
      NoticeKind::ResetPending, tr("Reset now"),
      tr("Build the edited model and start training it from its initial weights"));
  connect(resetNow, &QPushButton::clicked, this, &MainWindow::resetTraining);
  QPushButton* scale = m_notices->addButton(
      NoticeKind::Preset, tr("Scale inputs to [−1, 1]"),
      tr("Map the inputs linearly onto [−1, 1] so that tanh does not saturate (Ctrl+Z undoes it)"));
  connect(scale, &QPushButton::clicked, this, &MainWindow::scaleInputs);
  m_scaleInputsButton = scale;
}

void MainWindow::connectParts() {
  connect(m_document, &SessionDocument::loaded, this, &MainWindow::onLoaded);
  connect(m_document, &SessionDocument::edited, this, &MainWindow::onEdited);
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
      showTextSettings(false);  // back to what the document holds
    }
  });
  connect(m_sequenceEditor, &SequenceEditor::statusMessage, this,
          [this](const QString& message) { m_status->showMessage(message, 6000); });

  connect(m_controller, &TrainingController::snapshotReady, m_presenter, &SnapshotPresenter::take);
  connect(m_controller, &TrainingController::stateChanged, this, [this](TrainingState state) {
    m_actions->showState(state);
    m_status->showState(state, m_document->applied().training.iterations);
  });
  connect(m_controller, &TrainingController::diverged, this, &MainWindow::onDiverged);
  // A loss far above its best pauses training like a NaN does: one notice explains either.
  connect(m_controller, &TrainingController::lossRising, this, &MainWindow::onDiverged);
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
  connect(m_actions->play(), &QAction::triggered, this, &MainWindow::togglePlay);
  connect(m_actions->reset(), &QAction::triggered, this, &MainWindow::resetTraining);
}

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

void MainWindow::onLoaded() {
  const rnnlab::Session& session = m_document->session();
  m_settingsPanel->setValues(session.model, session.training);
  m_sequenceEditor->setData(session.data, session.model.outputMode);
  showTextSettings(true);
  showBlogBugs();
  m_notices->clear(NoticeKind::Divergence);
  m_discardedRuns.clear();  // their undo steps went with the old session
  m_gradientCheck->clearResult();
  const bool applied = applySession();
  // Compare runs is about this task (see ComparedTask); runs of this session's model and
  // settings edits stay (they go through a reset, not here).
  if (m_comparedTask.changesTo(session)) {
    m_controller->clearPreviousRuns();
  }
  if (!applied) {
    // A session that parsed always validates; the old model keeps running if it somehow did not.
    syncController();
  }
  showPresetNotice();
  updateTitle();
}

void MainWindow::showPresetNotice() {
  const rnnlab::Session& session = m_document->session();
  const bool large =
      session.data.inputs.size() > 0 && session.data.inputs.cwiseAbs().maxCoeff() > 1;
  if (m_document->description().isEmpty()) {
    m_notices->clear(NoticeKind::Preset);
    return;
  }
  m_notices->show(NoticeKind::Preset,
                  QStringLiteral("%1: %2").arg(m_document->title(), m_document->description()));
  m_scaleInputsButton->setVisible(large);
}

void MainWindow::showTextSettings(bool raise) {
  const rnnlab::Session& session = m_document->session();
  m_textPanel->setText(session.text);
  if (!raise) {
    return;
  }
  // A text session has no table to edit: its data settings are in front instead.
  QDockWidget* dock = m_docks->dock(session.text ? QStringLiteral("textSettingsDock")
                                                 : QStringLiteral("sequenceDock"));
  if (dock != nullptr && !dock->isFloating()) {
    dock->raise();
  }
}

void MainWindow::onEdited() {
  if (m_document->description().isEmpty()) {
    m_notices->clear(NoticeKind::Preset);  // e.g. Generate… replaced the preset's data
  }
  const rnnlab::Session& session = m_document->session();
  m_settingsPanel->setValues(session.model, session.training);
  showTextSettings(false);
  showBlogBugs();
  syncController();
  updateTitle();
}

void MainWindow::showBlogBugs() {
  const rnnlab::Session& session = m_document->session();
  m_settingsPanel->setSingleSequence(!session.text && !session.sequences);
  m_gradientCheck->setBlogBugs(session.training.blogBugs);
  const QString notice = SettingsPanel::blogBugsNotice(session.training.blogBugs);
  if (notice.isEmpty()) {
    m_notices->clear(NoticeKind::BlogBugs);
  } else {
    m_notices->show(NoticeKind::BlogBugs, notice);
  }
}

void MainWindow::syncController() {
  if (m_document->acceptLiveSettings()) {
    m_controller->setSettings(m_document->applied().training);
  }
  const rnnlab::Session& session = m_document->session();
  if (m_document->resetPending()) {
    // Where the new model starts: its own weights (imported, or given by the file) or its seed.
    QString text = session.weights
                       ? tr("The model changed (%1). Training still runs the old model until you "
                            "reset: the new one starts from its given weights.")
                             .arg(m_document->resetReason())
                       : tr("The model changed (%1). Training still runs the old model until you "
                            "reset: the new one starts from fresh initial weights (seed %2).")
                             .arg(m_document->resetReason())
                             .arg(session.training.seed);
    if (std::optional<std::string> problem = rnnlab::validate(session)) {
      text += u'\n' + tr("Cannot reset yet: %1").arg(QString::fromStdString(*problem));
    }
    m_notices->show(NoticeKind::ResetPending, text);
    return;
  }
  m_notices->clear(NoticeKind::ResetPending);
  if (!(session.data == m_document->applied().data) ||
      !(session.text == m_document->applied().text) ||
      !(session.sequences == m_document->applied().sequences)) {
    // New data for the same model: the run restarts from the same initial weights, so the loss
    // curve always belongs to one data set. The run it leaves is kept: an undo that brings its
    // data back brings the run back too.
    const bool wasRunning = m_controller->state() == TrainingState::Running;
    m_discardedRuns.keep(*m_controller, m_document->applied());
    if (const std::optional<long> iteration = m_discardedRuns.bringBack(*m_controller, session)) {
      m_document->markApplied();
      m_presenter->restart();
      m_status->showMessage(
          tr("The data is as it was: its run is back, at iteration %L1.").arg(*iteration), 6000);
    } else {
      if (!applySession()) {
        return;
      }
      m_status->showMessage(tr("The data changed: training restarted from the initial weights "
                               "(Undo brings the run back)."),
                            6000);
    }
    if (wasRunning) {
      m_controller->play();
    }
  }
}

bool MainWindow::applySession() {
  if (std::optional<std::string> problem = rnnlab::validate(m_document->session())) {
    m_notices->show(NoticeKind::ResetPending,
                    tr("Cannot use this session: %1").arg(QString::fromStdString(*problem)));
    return false;
  }
  m_controller->setSession(m_document->session());
  m_document->markApplied();
  m_notices->clear(NoticeKind::ResetPending);
  m_status->restart();
  m_presenter->restart();
  return true;
}

void MainWindow::resetTraining() {
  if (m_document->resetPending()) {
    if (!applySession()) {
      return;
    }
    const rnnlab::Session& session = m_document->session();
    m_status->showMessage(session.weights ? tr("New model built from its given weights.")
                                          : tr("New model built from seed %1.")
                                                .arg(session.training.seed),
                          5000);
  } else {
    m_controller->reset();
    m_status->restart();
    m_presenter->restart();
  }
  m_notices->clear(NoticeKind::Divergence);
}

void MainWindow::togglePlay() {
  if (m_controller->state() == TrainingState::Running) {
    m_controller->pause();
    return;
  }
  m_notices->clear(NoticeKind::Divergence);
  m_controller->play();
}

void MainWindow::scaleInputs() {
  const rnnlab::Matrix& inputs = m_document->session().data.inputs;
  const double low = inputs.minCoeff();
  const double high = inputs.maxCoeff();
  if (!(high > low)) {
    return;
  }
  // Through the table editor, so that it is one undo step like any paste.
  QString text;
  for (rnnlab::Index t = 0; t < inputs.rows(); ++t) {
    QStringList row;
    for (rnnlab::Index c = 0; c < inputs.cols(); ++c) {
      row << QString::number(2.0 * (inputs(t, c) - low) / (high - low) - 1.0, 'g', 6);
    }
    text += row.join(u'\t') + u'\n';
  }
  m_sequenceEditor->pasteText(SequenceEditor::Table::Inputs, 0, 0, text);
  m_notices->clear(NoticeKind::Preset);
}

void MainWindow::onDiverged(const QString& message) {
  // One explanation, in the notice row (no dialog on top): the controller's message already says
  // what happened and what to try.
  m_notices->show(NoticeKind::Divergence,
                  message.isEmpty() ? tr("The loss became NaN or infinite. Training paused and the "
                                         "last finite weights were restored; try a smaller "
                                         "learning rate or gradient clipping.")
                                    : message);
  m_status->showMessage(tr("Training paused: see the notice above."), 10000);
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
  offerRestore(m_autosave->folder());
  QString error;
  if (!m_autosave->start(&error)) {
    m_status->showMessage(tr("Autosave is off: %1").arg(error), 10000);
  }
}

void MainWindow::offerRestore(const QString& folder) {
  for (const SessionAutosave::Orphan& orphan : SessionAutosave::findOrphans(folder)) {
    QMessageBox box(QMessageBox::Question, tr("Restore unsaved work?"),
                    tr("RNN Lab did not close properly last time. It had autosaved “%1” at %2 "
                       "(trained to iteration %L3). Restore it?")
                        .arg(orphan.title,
                             QLocale().toString(orphan.savedAt.toLocalTime(), QLocale::ShortFormat))
                        .arg(orphan.iteration),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("restoreAutosaveBox"));
    QPushButton* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("Not now"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.setInformativeText(tr("“Not now” keeps it and asks again at the next start."));
    box.exec();
    if (box.clickedButton() == discard) {
      SessionAutosave::removeOrphan(orphan);
      continue;
    }
    if (box.clickedButton() != restore) {
      continue;
    }
    QString error;
    if (m_document->restoreCopy(orphan.sessionPath, orphan.originalPath, orphan.title, &error)) {
      if (orphan.target >= 0) {
        m_controller->setRunSpan(orphan.runStart, orphan.target);  // "1,202 / 3,000" as it was
      }
      SessionAutosave::removeOrphan(orphan);
      m_status->showMessage(tr("Restored “%1”: save it to keep it.").arg(orphan.title), 10000);
      return;  // one document at a time; any others are offered at the next start
    }
    QMessageBox::warning(this, tr("Cannot restore"), error);
  }
}
