#include "shell/lesson_actions.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>

#include "i18n/interface_language.h"
#include "inspection/gradient_check_panel.h"
#include "inspection/iteration_stepper_panel.h"
#include "lessons/lesson_file.h"
#include "lessons/lesson_panel.h"
#include "lessons/lesson_runner.h"
#include "lessons/spotlight_overlay.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "text/text_samples_panel.h"

LessonActions::LessonActions(QMainWindow* window, Parts parts)
    : QObject(window), m_window(window), m_parts(parts) {
  LessonHost host;
  host.document = parts.document;
  host.controller = parts.controller;
  host.stepper = window->findChild<IterationStepperPanel*>();
  host.gradientCheck = window->findChild<GradientCheckPanel*>();
  host.samples = window->findChild<TextSamplesPanel*>();
  host.play = parts.play;
  host.reset = parts.reset;
  host.raise = [docks = parts.docks](const QString& name) { return docks->raise(name); };
  m_runner = new LessonRunner(host, this);
  m_runner->setLanguage(InterfaceLanguage::current() == QLatin1String("en")
                            ? QString()
                            : InterfaceLanguage::current());
  m_panel = new LessonPanel(m_runner);
  // Not one of DockLayout's docks: it is there only while a lesson runs, never in a saved layout.
  m_dock = new QDockWidget(tr("Lesson"), window);
  m_dock->setObjectName(QStringLiteral("lessonDock"));
  m_dock->setWidget(m_panel);
  m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
  m_dock->hide();
  m_spotlight = new SpotlightOverlay(window);

  connect(m_panel, &LessonPanel::leaveRequested, this, &LessonActions::leave);
  connect(m_runner, &LessonRunner::stepChanged, this, &LessonActions::showStep);
  // The steps were written for the lesson's session: another one ends the lesson (it is kept).
  connect(m_runner, &LessonRunner::sessionReplaced, this, &LessonActions::leave);
  connect(m_runner, &LessonRunner::failed, this, [this](const QString& message) {
    if (!m_scripted) {
      QMessageBox::warning(m_window, tr("Lesson"), message);
    }
  });
  fillMenu();
}

void LessonActions::fillMenu() {
  // File → Lessons, just before the first separator (after Open Recent and Presets).
  QMenu* file = nullptr;
  for (QAction* action : m_window->menuBar()->actions()) {
    if (action->menu() != nullptr) {
      file = action->menu();
      break;
    }
  }
  m_menu = new QMenu(tr("&Lessons"), m_window);
  m_menu->setObjectName(QStringLiteral("lessonsMenu"));
  const QString language = m_runner->language();
  for (const QString& name : LessonFile::shippedNames()) {
    QString error;
    const std::optional<Lesson> lesson = LessonFile::load(LessonFile::resourcePath(name), &error);
    if (!lesson) {
      qWarning("%s", qPrintable(error));  // the replay test fails on it first
      continue;
    }
    const LessonText text = Lesson::text(lesson->texts, language);
    QAction* action = m_menu->addAction(text.title, this, [this, name] { open(name); });
    action->setToolTip(text.text);
    action->setData(name);
  }
  m_menu->addSeparator();
  m_menu->addAction(tr("Open lesson file…"), this, &LessonActions::openFileDialog);
  m_menu->setToolTipsVisible(true);
  if (file == nullptr) {
    m_window->menuBar()->addMenu(m_menu);
    return;
  }
  QAction* before = nullptr;
  for (QAction* action : file->actions()) {
    if (action->isSeparator()) {
      before = action;
      break;
    }
  }
  file->insertMenu(before, m_menu);
}

void LessonActions::openFileDialog() {
  const QString path = QFileDialog::getOpenFileName(
      m_window, tr("Open lesson"), QString(),
      tr("RNN Lab lessons (*.rnnlab-lesson.json *.json);;All files (*)"));
  if (!path.isEmpty()) {
    open(path);
  }
}

bool LessonActions::open(const QString& nameOrPath, QString* error) {
  QString message;
  std::optional<Lesson> lesson = LessonFile::open(nameOrPath, &message);
  if (lesson && (m_scripted || m_parts.files->maybeDiscard())) {
    if (m_runner->isActive()) {
      leave();
    }
    // The user's own layout, put back when the lesson ends (or the window closes inside it):
    // what a lesson hides, shows or raises is the lesson's business only while it runs.
    const QByteArray userLayout = m_window->saveState();
    if (m_runner->start(*lesson, &message)) {
      m_userLayout = userLayout;
      applyLayout(*lesson);
      m_dock->show();
      m_dock->raise();
      giveRoom();
      // Once more when the window has laid the dock out (a first show has no sizes yet).
      QTimer::singleShot(0, this, &LessonActions::giveRoom);
      m_panel->refresh();
      showStep();
      return true;
    }
  } else if (lesson) {
    return false;  // the user kept the unsaved session
  }
  if (error != nullptr) {
    *error = message;
  }
  if (!m_scripted) {
    QMessageBox::warning(m_window, tr("Cannot open the lesson"), message);
  }
  return false;
}

QWidget* LessonActions::resolve(const QString& name) const {
  const QString wanted = name.toLower();
  for (QDockWidget* dock : m_parts.docks->docks()) {
    const QString dockName = dock->objectName().toLower();
    if (dockName == wanted || dockName == wanted + QStringLiteral("dock")) {
      return dock;
    }
  }
  return m_window->findChild<QWidget*>(name);
}

void LessonActions::applyLayout(const Lesson& lesson) {
  for (const QString& name : lesson.hide) {
    QWidget* widget = resolve(name);
    if (widget != nullptr && !widget->isHidden()) {
      widget->hide();
      m_hidden.append(widget);
    }
  }
  for (const QString& name : lesson.lock) {
    QWidget* widget = resolve(name);
    if (auto* dock = qobject_cast<QDockWidget*>(widget)) {
      widget = dock->widget();  // the content: the dock itself can still move
    }
    if (widget != nullptr && widget->isEnabled()) {
      widget->setEnabled(false);
      m_locked.append(widget);
    }
  }
}

void LessonActions::restoreLayout() {
  for (const QPointer<QWidget>& widget : m_hidden) {
    if (widget != nullptr) {
      widget->show();
    }
  }
  for (const QPointer<QWidget>& widget : m_locked) {
    if (widget != nullptr) {
      widget->setEnabled(true);
    }
  }
  m_hidden.clear();
  m_locked.clear();
}

void LessonActions::leave() {
  m_runner->stop();
  restoreLayout();
  if (!m_userLayout.isEmpty()) {
    m_window->restoreState(m_userLayout);
    m_userLayout.clear();
  }
  m_spotlight->setTarget(nullptr);
  m_dock->hide();
  m_panel->refresh();
}

bool LessonActions::isActive() const { return m_runner->isActive(); }

void LessonActions::showStep() {
  if (!m_runner->isActive()) {
    return;
  }
  const QString name = m_runner->step().highlight;
  QWidget* target = name.isEmpty() ? nullptr : resolve(name);
  if (auto* dock = qobject_cast<QDockWidget*>(target)) {
    if (!dock->isVisible() || dock->visibleRegion().isEmpty()) {
      m_parts.docks->raise(dock->objectName());
    }
  }
  m_spotlight->setTarget(target);
}

void LessonActions::giveRoom() {
  // The step's text is what the class reads: more than half the column's height, and a width
  // for lines of some 50 characters.
  const int height = m_window->height() * 3 / 5;
  const int width = m_panel->fontMetrics().averageCharWidth() * 55;
  m_window->resizeDocks({m_dock}, {height}, Qt::Vertical);
  m_window->resizeDocks({m_dock}, {width}, Qt::Horizontal);
}

void LessonActions::setSpotlightStrength(bool strong) { m_spotlight->setStrong(strong); }
