#pragma once

// The docks of the main window: creating them, where they start out (a wide arrangement, and a
// compact one for small screens where more of them are tabs), raising one by name, and saving
// and restoring the user's arrangement.
//
// Every dock's content sits in a scroll area: a view whose minimum size does not fit scrolls
// instead of pushing the window's minimum size up, so the window fits 1024×600.

#include <QList>
#include <QObject>
#include <QStringList>

#include "shell/dock_id.h"

class QDockWidget;
class QEvent;
class QMainWindow;
class QWidget;

class DockLayout : public QObject {
  Q_OBJECT

 public:
  explicit DockLayout(QMainWindow* window);

  // Creates the dock `id` (its object name, which saveState() keys on, from dockObjectName()).
  QDockWidget* add(QWidget* content, const QString& title, DockId id);
  // The dock, or nullptr while it does not exist (the data-set docks come with a data set).
  QDockWidget* dock(DockId id) const;
  const QList<QDockWidget*>& docks() const { return m_docks; }
  // Object names without the "Dock" suffix: "stepper", "gradientFlow", …
  QStringList names() const;
  // Shows and raises the dock whose object name or title (case-insensitive, "Dock" suffix
  // optional) matches; false if there is none. For names from outside (`--dock`, lessons).
  bool raise(const QString& name);
  void raise(DockId id);
  // The docks where they start out, sized for the current window: compact below 1200×760.
  void arrange();
  // Brings the stepper, the gradient flow and the run comparison to the front.
  void showInspection();
  // Restores the saved arrangement; false when there is none (then arrange() at first show).
  bool restore();
  void save() const;

 protected:
  // The main window's tab bars (made when docks are tabbed together) show whole titles and
  // scroll, instead of shrinking every title to "S…" in a narrow window.
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  // The six docks every session has, which the arrangements place first.
  struct MainDocks {
    QDockWidget* settings;
    QDockWidget* sequence;
    QDockWidget* loss;
    QDockWidget* hidden;
    QDockWidget* weights;
    QDockWidget* outputs;
  };
  MainDocks mainDocks() const;
  void place(bool compact);

  QMainWindow* m_window;
  QList<QDockWidget*> m_docks;
};
