#include "widgets/wheel_guard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>
#include <QWidget>

WheelGuard::WheelGuard(QObject* parent) : QObject(parent) {}

bool WheelGuard::guards(const QObject* object) {
  if (qobject_cast<const QScrollBar*>(object) != nullptr) {
    return false;  // scroll bars are for the wheel
  }
  return qobject_cast<const QAbstractSpinBox*>(object) != nullptr ||
         qobject_cast<const QComboBox*>(object) != nullptr ||
         qobject_cast<const QAbstractSlider*>(object) != nullptr;
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
  const QEvent::Type type = event->type();
  if (type != QEvent::Wheel && type != QEvent::Polish) {
    return false;
  }
  if (!guards(watched)) {
    return false;
  }
  auto* widget = static_cast<QWidget*>(watched);
  if (type == QEvent::Polish) {
    // Qt gives a Qt::WheelFocus widget the focus before any filter sees the wheel event.
    if (widget->focusPolicy() == Qt::WheelFocus) {
      widget->setFocusPolicy(Qt::StrongFocus);
    }
    return false;
  }
  if (widget->hasFocus()) {
    return false;
  }
  // Ignored and filtered: QApplication offers the event to the parent widgets in turn.
  event->ignore();
  return true;
}
