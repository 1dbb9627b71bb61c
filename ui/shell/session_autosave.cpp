#include "shell/session_autosave.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include "document/session_document.h"
#include "training/training_controller.h"

namespace {

const QString CopyPrefix = QStringLiteral("autosave-");
const QString CopySuffix = QStringLiteral(".rnnlab.json");

// Beside each copy: where it came from, which the session file itself does not say.
QString infoPathOf(const QString& copyPath) {
  return copyPath.left(copyPath.size() - CopySuffix.size()) + QStringLiteral(".info.json");
}

QString lockPathOf(const QString& copyPath) {
  return copyPath.left(copyPath.size() - CopySuffix.size()) + QStringLiteral(".lock");
}

}  // namespace

SessionAutosave::SessionAutosave(SessionDocument* document, const TrainingController* training,
                                 const QString& folder, QObject* parent)
    : QObject(parent),
      m_document(document),
      m_training(training),
      m_folder(folder.isEmpty() ? defaultFolder() : folder),
      // The start time as well as the process id: a new app may get a dead one's id.
      m_id(QStringLiteral("%1-%2")
               .arg(QCoreApplication::applicationPid())
               .arg(QDateTime::currentMSecsSinceEpoch())) {
  m_timer.setInterval(DefaultIntervalMs);
  connect(&m_timer, &QTimer::timeout, this, [this] { saveNow(); });
  connect(document, &SessionDocument::loaded, this, &SessionAutosave::rememberCleanIteration);
  connect(document, &SessionDocument::saved, this, [this] {
    m_cleanIteration = runIteration();
    saveNow();  // nothing unsaved any more: the copy goes
  });
  rememberCleanIteration();
}

SessionAutosave::~SessionAutosave() = default;

QString SessionAutosave::defaultFolder() {
  return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
         QStringLiteral("/autosave");
}

QString SessionAutosave::filePath() const {
  return QDir(m_folder).filePath(CopyPrefix + m_id + CopySuffix);
}

bool SessionAutosave::start(QString* error) {
  if (!QDir().mkpath(m_folder)) {
    if (error != nullptr) {
      *error = tr("Cannot create the autosave folder %1").arg(m_folder);
    }
    return false;
  }
  m_lock = std::make_unique<QLockFile>(lockPathOf(filePath()));
  m_lock->setStaleLockTime(0);  // a live app's lock never goes stale by age
  if (!m_lock->tryLock(0)) {
    if (error != nullptr) {
      *error = tr("Cannot lock the autosave file in %1").arg(m_folder);
    }
    m_lock.reset();
    return false;
  }
  m_timer.start();
  return true;
}

long SessionAutosave::runIteration() const {
  const TrainingSnapshotPtr run = m_training != nullptr ? m_training->latestSnapshot() : nullptr;
  return run ? run->iteration : 0;
}

void SessionAutosave::rememberCleanIteration() {
  const auto& state = m_document->session().trainingState;
  m_cleanIteration = state ? state->iteration : 0;
}

bool SessionAutosave::hasUnsavedWork() const {
  // A run that has moved on from what the file holds is work too: minutes of training.
  return m_document->isModified() || runIteration() != m_cleanIteration;
}

bool SessionAutosave::saveNow(QString* error) {
  if (!m_lock) {
    return false;
  }
  const QString path = filePath();
  if (!hasUnsavedWork()) {
    QFile::remove(path);
    QFile::remove(infoPathOf(path));
    return true;
  }
  const TrainingSnapshotPtr run = m_training != nullptr ? m_training->latestSnapshot() : nullptr;
  const rnnlab::Model* trained =
      run ? (run->trainedModel ? &*run->trainedModel : &run->model) : nullptr;
  QString message;
  bool written =
      m_document->writeCopy(path, &message, trained, run ? &run->trainingState : nullptr);
  if (written) {
    QJsonObject info{
        {QStringLiteral("original"), m_document->filePath()},
        {QStringLiteral("title"), m_document->title()},
        {QStringLiteral("iteration"),
         static_cast<double>(run ? run->trainingState.iteration : runIteration())},
        {QStringLiteral("run_start"), static_cast<double>(run ? run->runStartIteration : 0)},
        {QStringLiteral("target"), static_cast<double>(run ? run->targetIteration : 0)},
        {QStringLiteral("saved_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    QSaveFile file(infoPathOf(path));
    written = file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(info).toJson()) >= 0 &&
              file.commit();
    if (!written) {
      message = tr("%1: %2").arg(file.fileName(), file.errorString());
    }
  }
  if (!written) {
    if (error != nullptr) {
      *error = message;
    }
    if (!m_failing) {
      m_failing = true;
      emit failed(tr("Autosave failed: %1").arg(message));
    }
    return false;
  }
  m_failing = false;
  return true;
}

void SessionAutosave::discard() {
  m_timer.stop();
  if (m_lock) {
    QFile::remove(filePath());
    QFile::remove(infoPathOf(filePath()));
    m_lock.reset();  // unlocking removes the lock file
  }
}

QList<SessionAutosave::Orphan> SessionAutosave::findOrphans(const QString& folder) {
  QList<Orphan> orphans;
  const QDir dir(folder);
  const QStringList copies =
      dir.entryList({CopyPrefix + QStringLiteral("*") + CopySuffix}, QDir::Files, QDir::Time);
  for (const QString& name : copies) {
    const QString path = dir.filePath(name);
    QLockFile lock(lockPathOf(path));
    lock.setStaleLockTime(0);
    // Held by a live app: its own copy, not an orphan. A dead app's lock is stale and taken over.
    if (!lock.tryLock(0)) {
      continue;
    }
    lock.unlock();
    Orphan orphan;
    orphan.sessionPath = path;
    QFile infoFile(infoPathOf(path));
    if (infoFile.open(QIODevice::ReadOnly)) {
      const QJsonObject info = QJsonDocument::fromJson(infoFile.readAll()).object();
      orphan.originalPath = info.value(QStringLiteral("original")).toString();
      orphan.title = info.value(QStringLiteral("title")).toString();
      orphan.iteration = static_cast<long>(info.value(QStringLiteral("iteration")).toDouble());
      if (info.contains(QStringLiteral("target"))) {
        orphan.runStart = static_cast<long>(info.value(QStringLiteral("run_start")).toDouble());
        orphan.target = static_cast<long>(info.value(QStringLiteral("target")).toDouble());
      }
      orphan.savedAt =
          QDateTime::fromString(info.value(QStringLiteral("saved_at")).toString(), Qt::ISODate);
    }
    // The copy itself says how far it was trained: the info file is written after it, so an app
    // killed between the two writes left an info file one save behind its copy.
    try {
      const rnnlab::Session copy = rnnlab::loadSession(path.toStdString());
      orphan.iteration = copy.trainingState ? copy.trainingState->iteration : 0;
    } catch (const rnnlab::SessionError&) {
      // Unreadable: the restore will say why; the info file's number is all there is.
    }
    if (orphan.title.isEmpty()) {
      orphan.title = QFileInfo(path).fileName();
    }
    if (!orphan.savedAt.isValid()) {
      orphan.savedAt = QFileInfo(path).lastModified();
    }
    orphans.append(orphan);
  }
  return orphans;
}

void SessionAutosave::removeOrphan(const Orphan& orphan) {
  QFile::remove(orphan.sessionPath);
  QFile::remove(infoPathOf(orphan.sessionPath));
}
