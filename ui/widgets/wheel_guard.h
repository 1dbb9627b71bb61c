#pragma once

// Spin boxes, combo boxes and sliders take the mouse wheel only when they have the keyboard
// focus, as in KDE's applications: scrolling a panel of settings with the pointer passing over
// them must not change the model. An unfocused one passes the wheel on to its parent (the scroll
// area scrolls), and the wheel no longer gives them the focus (Qt::StrongFocus).
//
// Installed on the application (QCoreApplication::installEventFilter) it covers every such
// widget of every window; its parent decides how long.

#include <QObject>

class WheelGuard : public QObject {
  Q_OBJECT

 public:
  explicit WheelGuard(QObject* parent = nullptr);

  // A widget the guard keeps the wheel from while it is not focused.
  static bool guards(const QObject* object);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};
