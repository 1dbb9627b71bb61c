#include "shell/dock_layout.h"

#include <QChildEvent>
#include <QDockWidget>
#include <QMainWindow>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QTabBar>
#include <algorithm>

namespace {

// Holds a dock's content in its scroll area. A content whose layout has height-for-width (any
// word-wrapped label) made QScrollArea ask for its *preferred* height at the dock's width, so
// docks scrolled in every small window though their content could shrink (the k-step view, the
// loss chart). This holder reports no height-for-width: the scroll area scrolls only below the
// content's minimum size, and otherwise the content fills the dock.
class DockContent : public QWidget {
 public:
  explicit DockContent(QWidget* content) : m_content(content) {
    content->setParent(this);
    QSizePolicy policy = content->sizePolicy();
    policy.setHeightForWidth(false);
    setSizePolicy(policy);
  }
  QSize sizeHint() const override { return m_content->sizeHint(); }
  QSize minimumSizeHint() const override {
    return m_content->minimumSizeHint().expandedTo(m_content->minimumSize());
  }

 protected:
  void resizeEvent(QResizeEvent* event) override {
    QWidget::resizeEvent(event);
    m_content->setGeometry(rect());
  }
  bool event(QEvent* event) override {
    if (event->type() == QEvent::LayoutRequest) {
      updateGeometry();  // the content's minimum changed: the scroll area asks again
    }
    return QWidget::event(event);
  }

 private:
  QWidget* m_content;
};

const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");

}  // namespace

DockLayout::DockLayout(QMainWindow* window) : QObject(window), m_window(window) {
  window->setDockNestingEnabled(true);
  window->setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
  window->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  window->setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
  window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
  window->installEventFilter(this);
}

bool DockLayout::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_window && event->type() == QEvent::ChildPolished) {
    if (auto* bar = qobject_cast<QTabBar*>(static_cast<QChildEvent*>(event)->child())) {
      bar->setElideMode(Qt::ElideNone);
      bar->setUsesScrollButtons(true);
    }
  }
  return QObject::eventFilter(watched, event);
}

QDockWidget* DockLayout::add(QWidget* content, const QString& title, DockId id) {
  const QString name = dockObjectName(id);
  auto* dock = new QDockWidget(title, m_window);
  dock->setObjectName(name);
  auto* scroll = new QScrollArea(dock);
  scroll->setObjectName(name + QStringLiteral("Scroll"));
  scroll->setWidget(new DockContent(content));
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  // Small enough for the compact layout at 1024×600; the content scrolls below its own minimum.
  scroll->setMinimumSize(160, 120);
  dock->setWidget(scroll);
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                    QDockWidget::DockWidgetClosable);
  m_window->addDockWidget(Qt::LeftDockWidgetArea, dock);
  m_docks.append(dock);
  return dock;
}

QDockWidget* DockLayout::dock(DockId id) const {
  const QString name = dockObjectName(id);
  for (QDockWidget* dock : m_docks) {
    if (dock->objectName() == name) {
      return dock;
    }
  }
  return nullptr;
}

QStringList DockLayout::names() const {
  QStringList names;
  for (QDockWidget* dock : m_docks) {
    names << dock->objectName().chopped(4);  // "stepperDock" → "stepper"
  }
  return names;
}

bool DockLayout::raise(const QString& name) {
  const QString wanted = name.toLower().remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
  for (QDockWidget* dock : m_docks) {
    const QString objectName = dock->objectName().toLower();
    const QString title = dock->windowTitle().toLower().remove(QLatin1Char(' '));
    if (objectName == wanted || objectName == wanted + QStringLiteral("dock") || title == wanted) {
      dock->show();
      dock->raise();
      return true;
    }
  }
  return false;
}

DockLayout::MainDocks DockLayout::mainDocks() const {
  return {dock(DockId::Settings), dock(DockId::Sequence), dock(DockId::Loss),
          dock(DockId::Hidden),   dock(DockId::Weights),  dock(DockId::Outputs)};
}

void DockLayout::place(bool compact) {
  QMainWindow* w = m_window;
  const auto [settings, sequence, loss, hidden, weights, outputs] = mainDocks();
  for (QDockWidget* d : m_docks) {
    d->setFloating(false);
    d->show();
  }
  w->addDockWidget(Qt::LeftDockWidgetArea, settings);
  if (compact) {
    // Small screens: settings and sequence share the left column as tabs; the loss and the
    // outputs sit on top, hidden states and weights below.
    w->tabifyDockWidget(settings, sequence);
    if (auto* text = dock(DockId::TextSettings)) {
      w->tabifyDockWidget(settings, text);
    }
    if (auto* dataSet = dock(DockId::DataSet)) {
      w->tabifyDockWidget(settings, dataSet);
    }
    w->addDockWidget(Qt::TopDockWidgetArea, loss);
    w->splitDockWidget(loss, outputs, Qt::Horizontal);
    w->addDockWidget(Qt::BottomDockWidgetArea, hidden);
    w->splitDockWidget(hidden, weights, Qt::Horizontal);
  } else {
    w->splitDockWidget(settings, sequence, Qt::Vertical);
    // A text session's data settings take the place of the table (as a tab beside it).
    if (auto* text = dock(DockId::TextSettings)) {
      w->tabifyDockWidget(sequence, text);
    }
    // So does a data set's list of sequences.
    if (auto* dataSet = dock(DockId::DataSet)) {
      w->tabifyDockWidget(sequence, dataSet);
    }
    w->addDockWidget(Qt::TopDockWidgetArea, loss);
    w->addDockWidget(Qt::BottomDockWidgetArea, hidden);
    w->addDockWidget(Qt::RightDockWidgetArea, weights);
    w->splitDockWidget(weights, outputs, Qt::Vertical);
  }
  // The inspection docks are tabs behind the views they explain: the stepper and the diagram
  // behind the hidden states, the gradient views behind the outputs, the run comparison behind
  // the loss curve.
  w->tabifyDockWidget(hidden, dock(DockId::Stepper));
  w->tabifyDockWidget(hidden, dock(DockId::Diagram));
  w->tabifyDockWidget(outputs, dock(DockId::GradientFlow));
  w->tabifyDockWidget(outputs, dock(DockId::Spectrum));
  w->tabifyDockWidget(outputs, dock(DockId::Memory));
  w->tabifyDockWidget(outputs, dock(DockId::GradientCheck));
  w->tabifyDockWidget(loss, dock(DockId::CompareRuns));
  // A data set's k-step predictions are a tab behind the outputs they extend.
  if (QDockWidget* prediction = dock(DockId::Prediction)) {
    w->tabifyDockWidget(outputs, prediction);
  }
  // The text dock (shown for text sessions only) is a tab beside the loss curve it follows.
  if (QDockWidget* text = dock(DockId::Text)) {
    w->tabifyDockWidget(loss, text);
  }
  hidden->raise();
  outputs->raise();
  loss->raise();
  settings->raise();
}

void DockLayout::arrange() {
  QMainWindow* w = m_window;
  const bool compact = w->width() < 1200 || w->height() < 760;
  place(compact);
  // Proportions of the window, so that the layout suits a projector as well as a laptop.
  const int width = std::max(w->width(), 800);
  const int height = std::max(w->height(), 500);
  const auto [settings, sequence, loss, hidden, weights, outputs] = mainDocks();
  if (compact) {
    w->resizeDocks({settings}, {std::clamp(width * 28 / 100, 260, 340)}, Qt::Horizontal);
    w->resizeDocks({loss, outputs}, {width * 40 / 100, width * 32 / 100}, Qt::Horizontal);
    w->resizeDocks({hidden, weights}, {width * 30 / 100, width * 42 / 100}, Qt::Horizontal);
    w->resizeDocks({loss, hidden}, {height * 45 / 100, height * 55 / 100}, Qt::Vertical);
  } else {
    w->resizeDocks({settings, weights},
                   {std::clamp(width * 23 / 100, 280, 380), std::clamp(width * 34 / 100, 340, 620)},
                   Qt::Horizontal);
    // The settings form needs about 560 pixels; the sequence table gets the rest.
    const int settingsHeight = std::clamp(height * 64 / 100, 300, 580);
    w->resizeDocks({settings, sequence}, {settingsHeight, height - settingsHeight}, Qt::Vertical);
    w->resizeDocks({loss, hidden}, {height * 50 / 100, height * 50 / 100}, Qt::Vertical);
    w->resizeDocks({weights, outputs}, {height * 55 / 100, height * 45 / 100}, Qt::Vertical);
  }
}

void DockLayout::raise(DockId id) {
  if (QDockWidget* d = dock(id)) {
    d->show();
    d->raise();
  }
}

void DockLayout::showInspection() {
  for (const DockId id : {DockId::Stepper, DockId::GradientFlow, DockId::CompareRuns}) {
    raise(id);
  }
}

bool DockLayout::restore() {
  QSettings settings;
  if (!m_window->restoreGeometry(settings.value(GeometryKey).toByteArray())) {
    // First start: most of the screen, so the charts are readable on a classroom projector
    // (the size hint of the docks alone gives a cramped ~980×560 window).
    if (const QScreen* screen = m_window->screen()) {
      const QRect available = screen->availableGeometry();
      const QSize size = (available.size() * 0.92)
                             .boundedTo(QSize(1680, 1050))
                             .expandedTo(m_window->minimumSizeHint())
                             .boundedTo(available.size());
      m_window->resize(size);
      m_window->move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    }
  }
  return m_window->restoreState(settings.value(StateKey).toByteArray());
}

void DockLayout::save() const {
  QSettings settings;
  settings.setValue(GeometryKey, m_window->saveGeometry());
  settings.setValue(StateKey, m_window->saveState());
}
