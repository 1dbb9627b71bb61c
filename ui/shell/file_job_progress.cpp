#include "shell/file_job_progress.h"

#include <QFileInfo>
#include <QLocale>
#include <QTimer>

FileJobProgress::FileJobProgress(QWidget* dialogParent)
    : QObject(dialogParent), m_parent(dialogParent), m_timer(new QTimer(this)) {
  // Often enough for a moving count of bytes, rarely enough to cost nothing.
  m_timer->setInterval(50);
  connect(m_timer, &QTimer::timeout, this, &FileJobProgress::update);
}

void FileJobProgress::watch(const BackgroundFileJob* job, const QString& title,
                            ProcessingText processingText) {
  stop();
  m_job = job;
  m_title = title;
  m_processingText = std::move(processingText);
  m_clock.start();
  m_timer->start();
}

void FileJobProgress::stop() {
  m_timer->stop();
  m_job = nullptr;
  if (m_dialog) {
    // Not canceled() again when it goes: the job is over.
    m_dialog->disconnect(this);
    m_dialog->hide();
    m_dialog->deleteLater();
    m_dialog = nullptr;
  }
}

QString FileJobProgress::heading() const {
  return tr("Opening %1").arg(QFileInfo(m_job != nullptr ? m_job->path() : QString()).fileName());
}

void FileJobProgress::showFinishing(const QString& text) {
  m_timer->stop();
  if (m_dialog) {
    m_dialog->setRange(0, 0);
    m_dialog->setLabelText(heading() + QStringLiteral("\n") + text);
    m_dialog->repaint();
  }
}

void FileJobProgress::update() {
  if (m_job == nullptr || !m_job->isRunning()) {
    return;
  }
  if (!m_dialog && m_clock.elapsed() >= m_delayMs) {
    m_dialog = new QProgressDialog(m_parent);
    m_dialog->setObjectName(QStringLiteral("openProgressDialog"));
    m_dialog->setWindowTitle(m_title);
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_dialog->setMinimumWidth(360);
    connect(m_dialog, &QProgressDialog::canceled, this, &FileJobProgress::canceled);
    m_dialog->show();
  }
  if (!m_dialog) {
    return;
  }
  const BackgroundFileJob::Progress progress = m_job->progress();
  constexpr double MiB = 1024.0 * 1024.0;
  const QLocale locale;
  QString phase;
  switch (progress.phase) {
    case BackgroundFileJob::Phase::Waiting:
      phase = tr("Waiting for a cancelled open to finish…");
      m_dialog->setRange(0, 0);
      break;
    case BackgroundFileJob::Phase::Reading:
      phase = tr("Reading: %1 of %2 MB")
                  .arg(locale.toString(static_cast<double>(progress.bytesRead) / MiB, 'f', 1),
                       locale.toString(static_cast<double>(progress.bytesTotal) / MiB, 'f', 1));
      m_dialog->setRange(0, 1000);
      m_dialog->setValue(progress.bytesTotal > 0
                             ? static_cast<int>(1000 * progress.bytesRead / progress.bytesTotal)
                             : 0);
      break;
    case BackgroundFileJob::Phase::Processing:
      phase = m_processingText(progress, static_cast<double>(m_clock.elapsed()) / 1000.0);
      // A step that cannot say how far it got: a moving bar.
      if (progress.processedPerMille < 0) {
        m_dialog->setRange(0, 0);
      } else {
        m_dialog->setRange(0, 1000);
        m_dialog->setValue(progress.processedPerMille);
      }
      break;
  }
  m_dialog->setLabelText(heading() + QStringLiteral("\n") + phase);
}
