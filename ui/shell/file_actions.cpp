#include "shell/file_actions.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QStatusBar>

#include "document/preset_library.h"
#include "document/session_document.h"
#include "document/session_loader.h"
#include "document/text_file_loader.h"
#include "shell/file_job_progress.h"
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
    : QObject(dialogParent),
      m_document(document),
      m_parent(dialogParent),
      m_loader(new SessionLoader(this)),
      m_textLoader(new TextFileLoader(this)),
      m_progress(new FileJobProgress(dialogParent)) {
  connect(m_loader, &SessionLoader::finished, this, &FileActions::onLoaded);
  connect(m_loader, &SessionLoader::failed, this, &FileActions::onLoadFailed);
  connect(m_textLoader, &TextFileLoader::finished, this, &FileActions::onTextLoaded);
  connect(m_textLoader, &TextFileLoader::failed, this, &FileActions::onTextLoadFailed);
  connect(m_progress, &FileJobProgress::canceled, this, &FileActions::cancelOpen);
  connect(document, &SessionDocument::recentFilesChanged, this, &FileActions::updateRecentMenu);
  connect(document, &SessionDocument::loaded, this, &FileActions::rememberCleanIteration);
  // Anything else opened meanwhile (a preset, a lesson, a link, New) is what the user chose
  // last: the file still loading must not replace it when it arrives.
  connect(document, &SessionDocument::loaded, this, &FileActions::cancelOpen);
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

void FileActions::startOpen(const QString& path, bool reportFailure) {
  if (isOpening()) {
    m_loader->cancel();
    m_textLoader->cancel();
    m_progress->stop();
  }
  if (isPlainText(path)) {
    // Small (a text is at most a few MB) and prepared in milliseconds: no thread needed.
    QString message;
    const bool opened = openFile(path, reportFailure ? nullptr : &message);
    emit openFinished(opened, message);
    return;
  }
  m_reportOpenFailure = reportFailure;
  m_loader->start(path);
  m_progress->watch(
      &m_loader->job(), tr("Opening session"),
      [](const BackgroundFileJob::Progress& progress, double seconds) {
        // The parse cannot say how far it got: the size and the time so far.
        constexpr double MiB = 1024.0 * 1024.0;
        const QLocale locale;
        return tr("Reading the session (%1 MB)… %2 s")
            .arg(locale.toString(static_cast<double>(progress.bytesTotal) / MiB, 'f', 1),
                 locale.toString(seconds, 'f', 1));
      });
}

void FileActions::cancelOpen() {
  if (!isOpening()) {
    return;
  }
  m_loader->cancel();
  m_textLoader->cancel();
  m_progress->stop();
  emit openFinished(false, QString());
}

bool FileActions::isOpening() const { return m_loader->isLoading() || m_textLoader->isLoading(); }

QProgressDialog* FileActions::openProgress() const { return m_progress->dialog(); }

int FileActions::progressDelayMs() const { return m_progress->delayMs(); }

void FileActions::setProgressDelayMs(int ms) { m_progress->setDelayMs(ms); }

void FileActions::onLoaded(const QString& path, const rnnlab::Session& session) {
  if (const QString refusal = unsupportedInTheApp(session); !refusal.isEmpty()) {
    onLoadFailed(path, refusal);
    return;
  }
  // Handing a large session to the window takes a moment more on this thread.
  m_progress->showFinishing(tr("Preparing the model…"));
  {
    const BusyNotice busy(m_parent, tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_document->openLoaded(session, path);
  }
  m_progress->stop();
  emit openFinished(true, QString());
}

void FileActions::onLoadFailed(const QString& /*path*/, const QString& message) {
  m_progress->stop();
  QString unreported;
  report(tr("Cannot open session"), message, m_reportOpenFailure ? nullptr : &unreported);
  emit openFinished(false, message);
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
  const std::unique_ptr<QInputDialog> dialog = pasteTextDialog(m_parent);
  if (dialog->exec() == QDialog::Accepted && !dialog->textValue().isEmpty()) {
    newTextSession(dialog->textValue());
  }
}

std::unique_ptr<QInputDialog> FileActions::pasteTextDialog(QWidget* parent) {
  auto dialog = std::make_unique<QInputDialog>(parent);
  dialog->setWindowTitle(tr("New text session"));
  dialog->setLabelText(
      tr("Paste or type the text the network should learn to write (at least a few hundred "
         "characters; any language):"));
  dialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
  dialog->resize(640, 420);
  // Long lines (a pasted paragraph) wrap at the box's width instead of scrolling sideways, and
  // the prompt wraps instead of widening the dialog.
  if (auto* box = dialog->findChild<QPlainTextEdit*>()) {
    box->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  }
  if (auto* label = dialog->findChild<QLabel*>()) {
    label->setWordWrap(true);
  }
  return dialog;
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

bool FileActions::maybeDiscardEdits() {
  return !m_document->isModified() || maybeDiscard();
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
    startOpen(path);
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
        startOpen(path);
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
      if (maybeDiscardEdits()) {
        openPreset(name);
      }
    });
    action->setToolTip(preset.description);
    action->setStatusTip(preset.description);
  }
  m_presets->setToolTipsVisible(true);
}
