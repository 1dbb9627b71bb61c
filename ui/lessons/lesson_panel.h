#pragma once

// The lesson beside the views: which lesson, how far along (a bar and "Step 2 of 6"), the step's
// title and text (Markdown; equations written with <sub> as the equations panel writes them),
// what the step waits for, and Back / Next, Restart lesson, Leave lesson (the session stays).
// Next is always allowed (a teacher may skip); it is the default button once the step is done.

#include <QWidget>

class LessonRunner;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;

class LessonPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LessonPanel(LessonRunner* runner, QWidget* parent = nullptr);

  QPushButton* backButton() const { return m_back; }
  QPushButton* nextButton() const { return m_next; }
  QPushButton* restartButton() const { return m_restart; }
  QPushButton* leaveButton() const { return m_leave; }
  QString progressText() const;
  QString stepTitle() const;
  QString stepText() const;  // the text as shown (plain)
  QString statusText() const;

  // Shows the runner's current lesson and step.
  void refresh();

 signals:
  void leaveRequested();

 private:
  LessonRunner* m_runner;
  QLabel* m_lessonTitle;
  QProgressBar* m_progress;
  QLabel* m_progressLabel;
  QLabel* m_stepTitle;
  QTextBrowser* m_text;
  QLabel* m_status;
  QPushButton* m_back;
  QPushButton* m_next;
  QPushButton* m_restart;
  QPushButton* m_leave;
};
