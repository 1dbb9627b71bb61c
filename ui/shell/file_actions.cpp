#include "shell/file_actions.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

#include "document/preset_library.h"
#include "document/session_document.h"
#include "training/training_controller.h"

namespace {

// A function, not a constant: the text is translated, and translators exist only once main runs.
QString sessionFilter() {
  return FileActions::tr("RNN Lab sessions (*.rnnlab.json *.json);;All files (*)");
}

QString openFilter() {
  return FileActions::tr(
      "RNN Lab sessions and texts (*.rnnlab.json *.json *.txt);;RNN Lab sessions (*.rnnlab.json "
      "*.json);;Plain text, a new text session (*.txt);;All files (*)");
}

// A plain text to learn from rather than a session: by its name, or, for any other name, by
// not starting like JSON.
bool isPlainText(const QString& path) {
  if (path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
    return false;
  }
  if (path.endsWith(QStringLiteral(".txt"), Qt::CaseInsensitive)) {
    return true;
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return false;  // the session reader says why
  }
  return !file.read(64).trimmed().startsWith('{');
}

}  // namespace

FileActions::FileActions(SessionDocument* document, QWidget* dialogParent)
    : QObject(dialogParent), m_document(document), m_parent(dialogParent) {
  connect(document, &SessionDocument::recentFilesChanged, this, &FileActions::updateRecentMenu);
  connect(document, &SessionDocument::loaded, this, &FileActions::rememberCleanIteration);
  connect(document, &SessionDocument::saved, this, [this] { m_cleanIteration = runIteration(); });
}

void FileActions::setTrainingSource(const TrainingController* controller) {
  m_training = controller;
  rememberCleanIteration();
}

long FileActions::runIteration() const {
  const TrainingSnapshotPtr run = m_training != nullptr ? m_training->latestSnapshot() : nullptr;
  return run ? run->iteration : m_cleanIteration;
}

void FileActions::rememberCleanIteration() {
  const auto& state = m_document->session().trainingState;
  m_cleanIteration = state ? state->iteration : 0;
}

bool FileActions::hasUnsavedWork() const {
  return m_document->isModified() || runIteration() != m_cleanIteration;
}

void FileActions::setMenus(QMenu* recent, QMenu* presets) {
  m_recent = recent;
  m_presets = presets;
  updateRecentMenu();
  updatePresetsMenu();
}

void FileActions::report(const QString& title, const QString& message, QString* error) {
  if (error != nullptr) {
    *error = message;
  } else if (!m_scripted) {
    QMessageBox::warning(m_parent, title, message);
  }
}

namespace {

// Opening a large session takes seconds (parsing, then the first forward and backward pass of
// its model): a busy cursor and a status line say so meanwhile. Painted at once, without
// running the event loop (nothing else may happen halfway through an open).
class BusyNotice {
 public:
  BusyNotice(QWidget* parent, const QString& text) {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto* window = qobject_cast<QMainWindow*>(parent);
    if (window != nullptr && window->isVisible()) {
      m_bar = window->statusBar();
      m_bar->showMessage(text);
      m_bar->repaint();
    }
  }
  ~BusyNotice() {
    if (m_bar != nullptr) {
      m_bar->clearMessage();
    }
    QApplication::restoreOverrideCursor();
  }
  BusyNotice(const BusyNotice&) = delete;
  BusyNotice& operator=(const BusyNotice&) = delete;

 private:
  QStatusBar* m_bar = nullptr;
};

}  // namespace

bool FileActions::openFile(const QString& path, QString* error) {
  const bool text = isPlainText(path);
  QString message;
  bool opened = false;
  {
    const BusyNotice busy(m_parent, tr("Opening %1…").arg(QFileInfo(path).fileName()));
    opened = text ? m_document->openTextFile(path, &message) : m_document->openFile(path, &message);
  }
  if (opened) {
    return true;
  }
  report(text ? tr("Cannot open text") : tr("Cannot open session"), message, error);
  return false;
}

bool FileActions::newTextSession(const QString& text, QString* error) {
  QString message;
  if (m_document->newTextSession(text, tr("Pasted text"), &message)) {
    return true;
  }
  report(tr("Cannot use this text"), message, error);
  return false;
}

void FileActions::pasteText() {
  if (!maybeDiscard()) {
    return;
  }
  bool ok = false;
  const QString text = QInputDialog::getMultiLineText(
      m_parent, tr("New text session"),
      tr("Paste or type the text the network should learn to write (at least a few hundred "
         "characters; any language):"),
      QString(), &ok);
  if (ok && !text.isEmpty()) {
    newTextSession(text);
  }
}

bool FileActions::openPreset(const QString& name, QString* error) {
  QString message;
  if (m_document->openPreset(name, &message)) {
    return true;
  }
  report(tr("Cannot open preset"), message, error);
  return false;
}

bool FileActions::saveFile(const QString& path, QString* error) {
  QString message;
  const TrainingSnapshotPtr run = m_training ? m_training->latestSnapshot() : nullptr;
  const rnnlab::Model* trained =
      run ? (run->trainedModel ? &*run->trainedModel : &run->model) : nullptr;
  if (m_document->saveFile(path, &message, trained, run ? &run->trainingState : nullptr)) {
    return true;
  }
  report(tr("Cannot save session"), message, error);
  return false;
}

bool FileActions::maybeDiscard() {
  if (!hasUnsavedWork() || m_scripted) {
    return true;
  }
  const auto answer = QMessageBox::warning(
      m_parent, tr("Unsaved changes"),
      tr("%1 has unsaved changes. Save them first?").arg(m_document->title()),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save) {
    return save();
  }
  return answer == QMessageBox::Discard;
}

void FileActions::newSession() {
  if (maybeDiscard()) {
    m_document->openBuiltinExample();
  }
}

void FileActions::open() {
  if (!maybeDiscard()) {
    return;
  }
  const QString folder = m_document->filePath().isEmpty()
                             ? QString()
                             : QFileInfo(m_document->filePath()).absolutePath();
  const QString path =
      QFileDialog::getOpenFileName(m_parent, tr("Open session or text"), folder, openFilter());
  if (!path.isEmpty()) {
    openFile(path);
  }
}

bool FileActions::save() {
  if (m_document->filePath().isEmpty()) {
    return saveAs();
  }
  return saveFile(m_document->filePath());
}

bool FileActions::saveAs() {
  const QString suggested = m_document->filePath().isEmpty() ? QStringLiteral("session.rnnlab.json")
                                                             : m_document->filePath();
  QString path =
      QFileDialog::getSaveFileName(m_parent, tr("Save session"), suggested, sessionFilter());
  if (path.isEmpty()) {
    return false;
  }
  if (!path.endsWith(QStringLiteral(".json"))) {
    path += QStringLiteral(".rnnlab.json");
  }
  return saveFile(path);
}

void FileActions::updateRecentMenu() {
  if (m_recent == nullptr) {
    return;
  }
  m_recent->clear();
  const QStringList files = m_document->recentFiles();
  for (const QString& path : files) {
    QAction* action = m_recent->addAction(QFileInfo(path).fileName(), this, [this, path] {
      if (maybeDiscard()) {
        openFile(path);
      }
    });
    action->setToolTip(path);
    action->setStatusTip(path);
  }
  if (!files.isEmpty()) {
    m_recent->addSeparator();
    m_recent->addAction(tr("Clear list"), m_document, &SessionDocument::clearRecentFiles);
  }
  m_recent->setEnabled(!files.isEmpty());
}

void FileActions::updatePresetsMenu() {
  m_presets->clear();
  for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
    QAction* action = m_presets->addAction(preset.title, this, [this, name = preset.name] {
      if (maybeDiscard()) {
        openPreset(name);
      }
    });
    action->setToolTip(preset.description);
    action->setStatusTip(preset.description);
  }
  m_presets->setToolTipsVisible(true);
}
