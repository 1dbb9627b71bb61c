#pragma once

// The progress dialog of a background file job (BackgroundFileJob: a session opening, a text
// being read): once the job has run for delayMs(), a window-modal dialog names the file and
// shows the bytes read, then what the processing step does; its Cancel emits canceled(). One
// job at a time.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QString>
#include <functional>

#include "document/background_file_job.h"

class QTimer;
class QWidget;

class FileJobProgress : public QObject {
  Q_OBJECT

 public:
  // The line that says what processing does, given how far it got and the seconds so far.
  using ProcessingText =
      std::function<QString(const BackgroundFileJob::Progress& progress, double seconds)>;

  explicit FileJobProgress(QWidget* dialogParent);

  // Starts watching `job` (which must outlive the watch) under the dialog title `title`.
  void watch(const BackgroundFileJob* job, const QString& title, ProcessingText processingText);
  // The job is over: the dialog goes (without canceled()).
  void stop();
  // While the result is handed over on the GUI thread: a moving bar and `text`, painted at once.
  void showFinishing(const QString& text);

  QProgressDialog* dialog() const { return m_dialog; }
  int delayMs() const { return m_delayMs; }
  void setDelayMs(int ms) { m_delayMs = ms; }

 signals:
  void canceled();

 private:
  void update();
  QString heading() const;

  QWidget* m_parent;
  QTimer* m_timer;
  QElapsedTimer m_clock;
  const BackgroundFileJob* m_job = nullptr;
  QString m_title;
  ProcessingText m_processingText;
  int m_delayMs = 300;
  QPointer<QProgressDialog> m_dialog;
};
