#include "shell/presentation_mode.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLayout>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QTimer>
#include <algorithm>

#include "shell/training_status_bar.h"

namespace {

const QString OnKey = QStringLiteral("presentation/on");
const QString ScaleKey = QStringLiteral("presentation/scale");

}  // namespace

PresentationMode::PresentationMode(QMainWindow* window, TrainingStatusBar* statusBar)
    : QObject(window),
      m_window(window),
      m_statusBar(statusBar),
      m_action(new QAction(tr("&Presentation"), window)) {
  m_action->setObjectName(QStringLiteral("presentationAction"));
  m_action->setCheckable(true);
  m_action->setShortcut(QKeySequence(Qt::Key_F11));
  m_action->setShortcutContext(Qt::ApplicationShortcut);
  m_action->setToolTip(
      tr("Large text, thick lines and high contrast on the full screen, for a projector (F11)"));
  connect(m_action, &QAction::toggled, this, &PresentationMode::setOn);
}

PresentationMode::~PresentationMode() {
  if (m_on) {
    QApplication::setPalette(m_saved.palette);
    QApplication::setFont(m_saved.font);
    PresentationStyle::setCurrent(PresentationStyle());
  }
}

double PresentationMode::storedScale() {
  const double stored = QSettings().value(ScaleKey, 0.0).toDouble();
  return stored > 0.0 ? std::clamp(stored, MinScale, MaxScale) : 0.0;
}

void PresentationMode::setStoredScale(double scale) {
  QSettings().setValue(ScaleKey, scale > 0.0 ? std::clamp(scale, MinScale, MaxScale) : 0.0);
}

double PresentationMode::scale() const {
  if (const double stored = storedScale(); stored > 0.0) {
    return stored;
  }
  const QScreen* screen = m_window->screen();
  if (screen == nullptr) {
    screen = QGuiApplication::primaryScreen();
  }
  return PresentationStyle::automaticScale(screen != nullptr ? screen->availableSize().height()
                                                             : 0);
}

void PresentationMode::restoreRemembered() {
  if (QSettings().value(OnKey, false).toBool()) {
    setOn(true);
  }
}

QPalette PresentationMode::highContrastPalette(const QPalette& base) {
  const bool dark = base.color(QPalette::Window).lightness() < 128;
  const QColor back = dark ? Qt::black : Qt::white;
  // Fields a shade off the window on black: the style's outlines (darker than the window)
  // vanish there, the fill still tells a field from the background.
  const QColor field = dark ? QColor(0x1c, 0x1c, 0x1c) : Qt::white;
  const QColor ink = dark ? Qt::white : Qt::black;
  const QColor button = dark ? QColor(0x30, 0x30, 0x30) : QColor(0xf0, 0xf0, 0xf0);
  const QColor quiet = dark ? QColor(0xc8, 0xc8, 0xc8) : QColor(0x40, 0x40, 0x40);
  QPalette palette(base);
  for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
    palette.setColor(group, QPalette::Window, back);
    palette.setColor(group, QPalette::Base, field);
    palette.setColor(group, QPalette::AlternateBase, button);
    palette.setColor(group, QPalette::WindowText, ink);
    palette.setColor(group, QPalette::Text, ink);
    palette.setColor(group, QPalette::BrightText, ink);
    palette.setColor(group, QPalette::Button, button);
    palette.setColor(group, QPalette::ButtonText, ink);
    palette.setColor(group, QPalette::ToolTipBase, back);
    palette.setColor(group, QPalette::ToolTipText, ink);
    palette.setColor(group, QPalette::PlaceholderText, quiet);
    // Yellow on black and dark blue on white: a highlight seen from anywhere in the room.
    palette.setColor(group, QPalette::Highlight,
                     dark ? QColor(0xff, 0xd7, 0x00) : QColor(0x00, 0x2e, 0xb8));
    palette.setColor(group, QPalette::HighlightedText, dark ? Qt::black : Qt::white);
    palette.setColor(group, QPalette::Link,
                     dark ? QColor(0x7f, 0xd4, 0xff) : QColor(0x00, 0x2e, 0xb8));
    palette.setColor(group, QPalette::Light, dark ? QColor(0x60, 0x60, 0x60) : Qt::white);
    palette.setColor(group, QPalette::Midlight,
                     dark ? QColor(0x80, 0x80, 0x80) : QColor(0xa0, 0xa0, 0xa0));
    palette.setColor(group, QPalette::Mid, quiet);
    palette.setColor(group, QPalette::Dark, ink);
    palette.setColor(group, QPalette::Shadow, ink);
  }
  palette.setColor(QPalette::Disabled, QPalette::Window, back);
  palette.setColor(QPalette::Disabled, QPalette::Base, field);
  palette.setColor(QPalette::Disabled, QPalette::WindowText, quiet);
  palette.setColor(QPalette::Disabled, QPalette::Text, quiet);
  palette.setColor(QPalette::Disabled, QPalette::ButtonText, quiet);
  return palette;
}

void PresentationMode::setOn(bool on) {
  if (on == m_on) {
    return;
  }
  m_on = on;
  if (on) {
    enter();
  } else {
    leave();
  }
  {
    const QSignalBlocker blocker(m_action);
    m_action->setChecked(on);
  }
  if (m_remembering) {
    QSettings().setValue(OnKey, on);
  }
  emit toggled(on);
}

void PresentationMode::enter() {
  m_saved.font = QApplication::font();
  m_saved.palette = QApplication::palette();
  m_saved.windowState = m_window->saveState();
  m_saved.windowStates = m_window->windowState();
  m_saved.iconSize = m_window->iconSize();
  m_saved.dockFeatures.clear();
  m_saved.titleBars.clear();

  PresentationStyle style;
  style.textScale = scale();
  style.lineScale = LineScale;
  style.highContrast = true;
  // The palette before the style: the charts take their colours from it when the style changes.
  QApplication::setPalette(highContrastPalette(m_saved.palette));
  QApplication::setFont(style.font(m_saved.font));
  settleFonts();
  PresentationStyle::setCurrent(style);
  m_window->setIconSize(m_saved.iconSize * style.textScale);
  // No close or float buttons on the docks: a click meant for a view must not close it.
  // QDockWidget draws its own title in the font it had when it was made; a label of the
  // application's font replaces the title (and its buttons) while presenting.
  for (QDockWidget* dock : m_window->findChildren<QDockWidget*>()) {
    m_saved.dockFeatures.insert(dock, static_cast<int>(dock->features()));
    m_saved.titleBars.insert(dock, dock->titleBarWidget());
    dock->setFeatures(dock->features() &
                      ~(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetFloatable));
    auto* title = new QLabel(dock->windowTitle(), dock);
    title->setObjectName(QStringLiteral("presentationTitle"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setContentsMargins(6, 2, 6, 2);
    connect(dock, &QDockWidget::windowTitleChanged, title, &QLabel::setText);
    dock->setTitleBarWidget(title);
  }
  repolishStyleSheets();
  if (m_statusBar != nullptr) {
    m_statusBar->setDetailsVisible(false);
  }
  if (m_fullScreenUsed) {
    m_window->setWindowState(m_saved.windowStates | Qt::WindowFullScreen);
  }
}

void PresentationMode::leave() {
  if (m_fullScreenUsed) {
    m_window->setWindowState(m_saved.windowStates);
  }
  if (m_statusBar != nullptr) {
    m_statusBar->setDetailsVisible(true);
  }
  for (auto it = m_saved.dockFeatures.cbegin(); it != m_saved.dockFeatures.cend(); ++it) {
    it.key()->setFeatures(QDockWidget::DockWidgetFeatures(it.value()));
    QWidget* presentationTitle = it.key()->titleBarWidget();
    it.key()->setTitleBarWidget(m_saved.titleBars.value(it.key()));
    delete presentationTitle;
  }
  m_window->setIconSize(m_saved.iconSize);
  QApplication::setPalette(m_saved.palette);
  QApplication::setFont(m_saved.font);
  settleFonts();
  PresentationStyle::setCurrent(PresentationStyle());
  repolishStyleSheets();
  // The dock sizes are put back once the widgets have their old font and have asked for their
  // old sizes; before that, the next layout pass would move them again.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  if (m_statusBar != nullptr) {
    m_statusBar->updateGeometry();  // the window's layout keeps the bar's big height otherwise
  }
  m_window->layout()->invalidate();
  m_window->layout()->activate();
  m_window->restoreState(m_saved.windowState);
  // Once more when the event loop has answered the last layout requests (the status bar and the
  // toolbars shrink back a little later): the docks end exactly where they were.
  QTimer::singleShot(0, this, [this, state = m_saved.windowState] {
    if (!m_on) {
      m_window->restoreState(state);
    }
  });
}

void PresentationMode::settleFonts() {
  // A new application font reaches the widgets through a posted event: delivered now, every
  // widget has its new font before anything is measured or restored.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::ApplicationFontChange);
  QCoreApplication::sendPostedEvents(nullptr, QEvent::ApplicationPaletteChange);
}

void PresentationMode::repolishStyleSheets() {
  for (QWidget* widget : m_window->findChildren<QWidget*>()) {
    if (!widget->styleSheet().isEmpty()) {
      widget->setStyleSheet(widget->styleSheet());
    }
  }
}
