#include "shell/main_actions.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>

#include "editors/sequence_editor.h"
#include "i18n/interface_language.h"
#include "shell/dock_layout.h"
#include "shell/export_actions.h"
#include "shell/file_actions.h"
#include "shell/presentation_mode.h"
#include "shell/share_link_actions.h"
#include "training/pace_limiter.h"
#include "training/training_controller.h"

namespace {

const QString SpeedKey = QStringLiteral("training/speed");

QString speedName(int speed) {
  if (speed == PaceLimiter::Watch) {
    return MainActions::tr("Watch (a run in ~%1 s)").arg(PaceLimiter::WatchSeconds);
  }
  return speed == 0 ? MainActions::tr("Full speed") : MainActions::tr("%1 it/s").arg(speed);
}

}  // namespace

MainActions::MainActions(QMainWindow* window, Parts parts)
    : QObject(window), m_window(window), m_parts(parts) {
  createTrainingActions();
  createMenus();
  createToolBar();
  setSpeed(QSettings().value(SpeedKey, PaceLimiter::Watch).toInt());
}

void MainActions::createTrainingActions() {
  QStyle* style = m_window->style();
  m_play = new QAction(style->standardIcon(QStyle::SP_MediaPlay), tr("&Play"), m_window);
  m_play->setShortcut(Qt::Key_Space);
  m_play->setToolTip(tr("Train until the target iteration (Space); again to pause"));

  m_step = new QAction(style->standardIcon(QStyle::SP_MediaSkipForward), tr("&Step"), m_window);
  m_step->setShortcuts({QKeySequence(Qt::Key_S), QKeySequence(Qt::Key_Right)});
  m_step->setToolTip(tr("Exactly one iteration: forward, loss, backward, update (S or →)"));
  connect(m_step, &QAction::triggered, m_parts.controller, &TrainingController::step);

  m_stop = new QAction(style->standardIcon(QStyle::SP_MediaStop), tr("S&top"), m_window);
  m_stop->setToolTip(tr("End this run; Play continues from the current weights"));
  connect(m_stop, &QAction::triggered, m_parts.controller, &TrainingController::stop);

  m_reset = new QAction(style->standardIcon(QStyle::SP_BrowserReload), tr("&Reset"), m_window);
  m_reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  m_reset->setToolTip(tr("Start again from the initial weights (Ctrl+R)"));

  auto* speedGroup = new QActionGroup(this);
  for (int speed : SpeedChoices) {
    QAction* action = speedGroup->addAction(speedName(speed));
    action->setCheckable(true);
    action->setData(speed);
    connect(action, &QAction::triggered, this, [this, speed] { setSpeed(speed); });
    m_speedActions.append(action);
  }
}

void MainActions::createMenus() {
  QMenuBar* bar = m_window->menuBar();
  FileActions* files = m_parts.files;
  ExportActions* exports = m_parts.exports;
  SequenceEditor* editor = m_parts.sequenceEditor;

  QMenu* file = bar->addMenu(tr("&File"));
  file->addAction(tr("&New (built-in example)"), files, &FileActions::newSession)
      ->setShortcut(QKeySequence::New);
  file->addAction(tr("&Open…"), files, &FileActions::open)->setShortcut(QKeySequence::Open);
  file->addAction(tr("New te&xt session from pasted text…"), files, &FileActions::pasteText)
      ->setToolTip(tr("A character-level language model of the text you paste (File → Open "
                      "also takes a .txt file)"));
  file->addAction(tr("New text session from a fi&le…"), files,
                  &FileActions::newTextSessionFromFile)
      ->setToolTip(tr("A character-level language model of a UTF-8 text file of up to a few "
                      "megabytes, read in the background, with a small or char-rnn's model"));
  QMenu* recent = file->addMenu(tr("Open &Recent"));
  QMenu* presets = file->addMenu(tr("&Presets"));
  files->setMenus(recent, presets);
  file->addSeparator();
  file->addAction(tr("&Save"), files, &FileActions::save)->setShortcut(QKeySequence::Save);
  file->addAction(tr("Save &As…"), files, &FileActions::saveAs)->setShortcut(QKeySequence::SaveAs);
  file->addAction(tr("Export &trained session…"), exports, &ExportActions::exportTrainedSession)
      ->setToolTip(tr("Save the session with the current trained weights"));
  file->addAction(tr("Export &weights…"), exports, &ExportActions::exportWeights)
      ->setToolTip(tr("The trained weights as safetensors with PyTorch's names (nn.RNN/LSTM/GRU "
                      "as rnn, nn.Linear as fc)"));
  file->addAction(tr("Import w&eights…"), exports, &ExportActions::importWeights)
      ->setToolTip(tr("Weights from a safetensors file with PyTorch's names; a reset applies "
                      "them"));
  file->addSeparator();
  file->addAction(tr("Copy lin&k"), m_parts.links, &ShareLinkActions::copyLink)
      ->setToolTip(tr("The session (settings, data, seed; not the trained weights) as an "
                      "rnnlab: text to paste to someone"));
  file->addAction(tr("Open from c&lipboard"), m_parts.links, &ShareLinkActions::openFromClipboard)
      ->setToolTip(tr("Open the rnnlab: link on the clipboard"));
  file->addSeparator();
  file->addAction(tr("&Import CSV…"), editor, &SequenceEditor::importCsv);
  file->addAction(tr("&Export CSV…"), editor, &SequenceEditor::exportCsv);
  file->addAction(tr("Export &loss history as CSV…"), exports, &ExportActions::exportLossHistory);
  exports->fillPngMenu(file->addMenu(tr("Export view as P&NG")), m_parts.docks);
  file->addSeparator();
  file->addAction(tr("&Quit"), m_window, &QWidget::close)->setShortcut(QKeySequence::Quit);

  QMenu* edit = bar->addMenu(tr("&Edit"));
  QAction* undo = m_parts.undoStack->createUndoAction(m_window, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = m_parts.undoStack->createRedoAction(m_window, tr("&Redo"));
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  edit->addAction(tr("Add time step"), editor, &SequenceEditor::addTimeStep);
  edit->addAction(tr("Remove time step"), editor, &SequenceEditor::removeTimeStep);
  edit->addAction(tr("Add input column"), editor, &SequenceEditor::addInputColumn);
  edit->addAction(tr("Remove input column"), editor, &SequenceEditor::removeInputColumn);
  edit->addAction(tr("Add output column"), editor, &SequenceEditor::addOutputColumn);
  edit->addAction(tr("Remove output column"), editor, &SequenceEditor::removeOutputColumn);

  m_dataMenu = bar->addMenu(tr("&Data"));
  m_dataMenu->setObjectName(QStringLiteral("dataMenu"));

  QMenu* training = bar->addMenu(tr("&Training"));
  training->addActions({m_play, m_step, m_stop, m_reset});
  training->addSeparator();
  training->addMenu(tr("Speed"))->addActions(m_speedActions);

  QMenu* view = bar->addMenu(tr("&View"));
  for (QDockWidget* dock : m_parts.docks->docks()) {
    view->addAction(dock->toggleViewAction());
  }
  view->addSeparator();
  view->addAction(tr("Inspection layout"), m_parts.docks, &DockLayout::showInspection)
      ->setToolTip(tr("Bring the stepper, the gradient flow and the run comparison to the front"));
  view->addAction(tr("Restore default layout"), m_parts.docks, &DockLayout::arrange);
  view->addSeparator();
  view->addAction(m_parts.presentation->action());
  view->addSeparator();
  InterfaceLanguage::fillMenu(view->addMenu(tr("&Language")), m_window);

  QMenu* help = bar->addMenu(tr("&Help"));
  QAction* quickStart = help->addAction(tr("&Quick start"), this, [this] {
    showHtml(tr("Quick start"), quickStartText(), QStringLiteral("quickStartDialog"));
  });
  quickStart->setShortcut(QKeySequence::HelpContents);
  help->addAction(tr("&Keyboard shortcuts"), this, [this] {
    showHtml(tr("Keyboard shortcuts"), shortcutsText(), QStringLiteral("shortcutsDialog"));
  });
  help->addSeparator();
  help->addAction(tr("&About RNN Lab"), this, [this] {
    QMessageBox::about(
        m_window, tr("About RNN Lab"),
        tr("<h3>RNN Lab %1</h3><p>Watch a small recurrent neural network learn: press Play "
           "(Space) and follow the loss, the hidden states and the weights.</p><p>h<sub>t</sub> "
           "= tanh(W<sub>xh</sub>·x<sub>t</sub> + W<sub>hh</sub>·h<sub>t−1</sub> + "
           "b<sub>h</sub>), y<sub>t</sub> = W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub></p>")
            .arg(QApplication::applicationVersion()));
  });
}

void MainActions::createToolBar() {
  QToolBar* bar = m_window->addToolBar(tr("Training"));
  bar->setObjectName(QStringLiteral("trainingToolBar"));
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->addActions({m_play, m_step, m_stop, m_reset});
  bar->addSeparator();
  bar->addWidget(new QLabel(tr(" Speed "), bar));
  m_speedCombo = new QComboBox(bar);
  m_speedCombo->setObjectName(QStringLiteral("speedCombo"));
  m_speedCombo->setToolTip(
      tr("Iterations per second. Watch spreads each run over about %1 s, so that the class "
         "sees learning happen; slow speeds let it follow each update.")
          .arg(PaceLimiter::WatchSeconds));
  for (int speed : SpeedChoices) {
    m_speedCombo->addItem(speedName(speed), speed);
  }
  connect(m_speedCombo, &QComboBox::activated, this,
          [this](int index) { setSpeed(m_speedCombo->itemData(index).toInt()); });
  bar->addWidget(m_speedCombo);
}

void MainActions::showState(TrainingState state) {
  const bool running = state == TrainingState::Running;
  m_play->setText(running ? tr("&Pause") : tr("&Play"));
  m_play->setIcon(
      m_window->style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void MainActions::setSpeed(int iterationsPerSecond) {
  int index = m_speedCombo->findData(iterationsPerSecond);
  if (index < 0) {
    iterationsPerSecond = 0;  // a saved speed this version does not offer: full speed
    index = m_speedCombo->findData(0);
  }
  m_speedCombo->setCurrentIndex(index);
  for (QAction* action : m_speedActions) {
    action->setChecked(action->data().toInt() == iterationsPerSecond);
  }
  m_parts.controller->setSpeed(iterationsPerSecond);
  QSettings().setValue(SpeedKey, iterationsPerSecond);
}

void MainActions::showHtml(const QString& title, const QString& html, const QString& name) {
  // Not modal: the window stays usable while the text is read.
  auto* box = new QMessageBox(QMessageBox::Information, title, html, QMessageBox::Close, m_window);
  box->setObjectName(name);
  box->setTextFormat(Qt::RichText);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setModal(false);
  box->show();
}

QString MainActions::quickStartText() {
  return tr(
      "<h3>Quick start</h3><ol>"
      "<li><b>Play</b> (Space) trains the network on the sequence; watch the <b>Loss</b> "
      "curve fall.</li>"
      "<li><b>Step</b> (S or →) runs exactly one iteration: forward pass, loss, backward pass, "
      "update. The <b>Step through</b> tab shows each phase with its numbers.</li>"
      "<li>Change the learning rate or the clipping in <b>Settings</b>: they apply at once. A "
      "different model (hidden size, seed, …) waits for <b>Reset</b> (Ctrl+R).</li>"
      "<li>Edit the inputs and targets in <b>Sequence</b>; training restarts on the new data.</li>"
      "<li>Drag the <b>History</b> slider to rewind every view; <b>Continue from here</b> starts a "
      "new run to compare in <b>Compare runs</b>.</li>"
      "<li><b>File → Presets</b> opens ready-made tasks; each says what it teaches.</li></ol>");
}

QString MainActions::shortcutsText() {
  return tr(
      "<h3>Keyboard shortcuts</h3><table cellspacing='4'>"
      "<tr><td><b>Space</b></td><td>Play / pause</td></tr>"
      "<tr><td><b>S</b>, <b>→</b></td><td>One iteration</td></tr>"
      "<tr><td><b>Ctrl+R</b></td><td>Reset (applies a changed model)</td></tr>"
      "<tr><td><b>Ctrl+Z</b>, <b>Ctrl+Shift+Z</b></td><td>Undo, redo (settings and sequence "
      "edits)</td></tr>"
      "<tr><td><b>Ctrl+N</b>, <b>Ctrl+O</b></td><td>New (built-in example), open</td></tr>"
      "<tr><td><b>Ctrl+S</b>, <b>Ctrl+Shift+S</b></td><td>Save, save as</td></tr>"
      "<tr><td><b>F1</b></td><td>Quick start</td></tr>"
      "<tr><td><b>F11</b></td><td>Presentation mode (large text, full screen)</td></tr>"
      "<tr><td><b>Ctrl+Q</b></td><td>Quit</td></tr></table>");
}
