#include "lessons/lesson_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "lessons/lesson_runner.h"

LessonPanel::LessonPanel(LessonRunner* runner, QWidget* parent)
    : QWidget(parent),
      m_runner(runner),
      m_lessonTitle(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_progressLabel(new QLabel(this)),
      m_stepTitle(new QLabel(this)),
      m_text(new QTextBrowser(this)),
      m_status(new QLabel(this)),
      m_back(new QPushButton(tr("◀ Back"), this)),
      m_next(new QPushButton(tr("Next ▶"), this)),
      m_restart(new QPushButton(tr("Restart lesson"), this)),
      m_leave(new QPushButton(tr("Leave lesson (keep the session)"), this)) {
  setObjectName(QStringLiteral("lessonPanel"));
  m_lessonTitle->setObjectName(QStringLiteral("lessonTitle"));
  m_lessonTitle->setWordWrap(true);
  QFont small = m_lessonTitle->font();
  small.setBold(true);
  m_lessonTitle->setFont(small);
  m_progress->setTextVisible(false);
  m_progress->setMaximumHeight(8);
  m_progressLabel->setObjectName(QStringLiteral("lessonProgress"));
  m_stepTitle->setObjectName(QStringLiteral("lessonStepTitle"));
  m_stepTitle->setWordWrap(true);
  QFont large = m_stepTitle->font();
  large.setPointSizeF(large.pointSizeF() * 1.3);
  large.setBold(true);
  m_stepTitle->setFont(large);
  m_text->setObjectName(QStringLiteral("lessonText"));
  m_text->setOpenExternalLinks(true);
  m_text->setFrameShape(QFrame::NoFrame);
  m_status->setObjectName(QStringLiteral("lessonStatus"));
  m_status->setWordWrap(true);
  m_back->setObjectName(QStringLiteral("lessonBack"));
  m_next->setObjectName(QStringLiteral("lessonNext"));
  m_restart->setObjectName(QStringLiteral("lessonRestart"));
  m_leave->setObjectName(QStringLiteral("lessonLeave"));
  m_back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_PageUp));
  m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_PageDown));
  m_back->setToolTip(tr("The previous step (Alt+Page Up)"));
  m_next->setToolTip(tr("The next step (Alt+Page Down); a teacher may skip a step"));
  m_restart->setToolTip(tr("Open the lesson's session again and start at its first step"));
  m_leave->setToolTip(
      tr("Close the lesson and show every control again; the session stays "
         "as it is"));

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_lessonTitle);
  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(m_progress, 1);
  progressRow->addWidget(m_progressLabel);
  layout->addLayout(progressRow);
  layout->addWidget(m_stepTitle);
  layout->addWidget(m_text, 1);
  layout->addWidget(m_status);
  auto* navigation = new QHBoxLayout;
  navigation->addWidget(m_back);
  navigation->addStretch(1);
  navigation->addWidget(m_next);
  layout->addLayout(navigation);
  auto* leaving = new QHBoxLayout;
  leaving->addWidget(m_restart);
  leaving->addStretch(1);
  leaving->addWidget(m_leave);
  layout->addLayout(leaving);

  connect(m_back, &QPushButton::clicked, m_runner, &LessonRunner::back);
  connect(m_next, &QPushButton::clicked, m_runner, &LessonRunner::next);
  connect(m_restart, &QPushButton::clicked, m_runner, &LessonRunner::restart);
  connect(m_leave, &QPushButton::clicked, this, &LessonPanel::leaveRequested);
  connect(m_runner, &LessonRunner::stepChanged, this, &LessonPanel::refresh);
  connect(m_runner, &LessonRunner::stepDone, this, &LessonPanel::refresh);
  refresh();
}

void LessonPanel::refresh() {
  if (!m_runner->isActive()) {
    m_lessonTitle->clear();
    m_stepTitle->clear();
    m_text->clear();
    m_status->clear();
    m_progressLabel->clear();
    m_progress->setValue(0);
    m_back->setEnabled(false);
    m_next->setEnabled(false);
    return;
  }
  const Lesson& lesson = m_runner->lesson();
  const QString language = m_runner->language();
  const int index = m_runner->stepIndex();
  const int count = static_cast<int>(lesson.steps.size());
  m_lessonTitle->setText(Lesson::text(lesson.texts, language).title);
  m_progress->setRange(0, count);
  m_progress->setValue(index + 1);
  m_progressLabel->setText(tr("Step %1 of %2").arg(index + 1).arg(count));
  const LessonText text = Lesson::text(m_runner->step().texts, language);
  m_stepTitle->setText(text.title);
  m_text->document()->setMarkdown(text.text);
  const bool done = m_runner->isStepDone();
  m_status->setText(m_runner->waitingText());
  // Waiting is plain; done is green, so the class sees at a glance that it may go on.
  m_status->setStyleSheet(done ? QStringLiteral("color: #1a7f37; font-weight: bold;") : QString());
  m_back->setEnabled(index > 0);
  m_next->setEnabled(index + 1 < count);
  m_next->setDefault(done);
}

QString LessonPanel::progressText() const { return m_progressLabel->text(); }

QString LessonPanel::stepTitle() const { return m_stepTitle->text(); }

QString LessonPanel::stepText() const { return m_text->toPlainText(); }

QString LessonPanel::statusText() const { return m_status->text(); }
