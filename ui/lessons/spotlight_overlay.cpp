#include "lessons/spotlight_overlay.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

SpotlightOverlay::SpotlightOverlay(QWidget* window) : QWidget(window) {
  setObjectName(QStringLiteral("lessonSpotlight"));
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setAttribute(Qt::WA_NoSystemBackground);
  setFocusPolicy(Qt::NoFocus);
  window->installEventFilter(this);
  setGeometry(window->rect());
  m_follow.setInterval(FollowMs);
  connect(&m_follow, &QTimer::timeout, this, &SpotlightOverlay::follow);
  hide();
}

QColor SpotlightOverlay::frameColor() { return QColor(255, 140, 0); }

void SpotlightOverlay::setTarget(QWidget* target) {
  m_target = target;
  if (target == nullptr) {
    m_follow.stop();
  } else {
    m_follow.start();
  }
  follow();
}

void SpotlightOverlay::setStrong(bool strong) {
  m_strong = strong;
  follow();
  update();
}

QRect SpotlightOverlay::highlightRect() const { return m_shown; }

void SpotlightOverlay::follow() {
  QRect rect;
  QWidget* window = parentWidget();
  // A target in a dock tabbed behind another, or in a floating dock, is not framed.
  if (m_target != nullptr && m_target->isVisible() && !m_target->visibleRegion().isEmpty() &&
      m_target->window() == window) {
    rect = QRect(m_target->mapTo(window, QPoint(0, 0)), m_target->size())
               .adjusted(-Margin, -Margin, Margin, Margin)
               .intersected(window->rect());
  }
  if (geometry() != window->rect()) {
    setGeometry(window->rect());
  }
  const bool changed = rect != m_shown;
  m_shown = rect;
  setVisible(!m_shown.isEmpty());
  // Above docks created or re-added since; raising only when needed, since every raise repaints.
  if (isVisible() && window->children().constLast() != this) {
    raise();
  }
  if (changed) {
    update();
  }
}

bool SpotlightOverlay::eventFilter(QObject* watched, QEvent* event) {
  if (watched == parentWidget() && event->type() == QEvent::Resize) {
    follow();
  }
  return QWidget::eventFilter(watched, event);
}

void SpotlightOverlay::paintEvent(QPaintEvent*) {
  if (m_shown.isEmpty()) {
    return;
  }
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  if (m_strong) {
    QPainterPath dim;
    dim.addRect(QRectF(rect()));
    QPainterPath hole;
    hole.addRoundedRect(QRectF(m_shown), 8, 8);
    painter.fillPath(dim.subtracted(hole), QColor(0, 0, 0, StrongDim));
  }
  const int width = m_strong ? 2 * PenWidth : PenWidth;
  painter.setPen(QPen(frameColor(), width));
  painter.setBrush(Qt::NoBrush);
  painter.drawRoundedRect(
      QRectF(m_shown).adjusted(width / 2.0, width / 2.0, -width / 2.0, -width / 2.0), 8, 8);
}
