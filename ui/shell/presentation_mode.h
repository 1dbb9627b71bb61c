#pragma once

// Presentation mode (View → Presentation, F11): the window as a class sees it on a projector.
// The whole interface's text is scaled (150–200 % by screen size, or the factor in the
// settings), views draw thicker lines (PresentationStyle), the palette becomes a high-contrast
// one (light or dark, after the palette in force), the status bar's details and the docks' title
// buttons go, and the window fills the screen. Leaving it puts back exactly what was there: the
// application font and palette, the window state, the dock arrangement and dock features, the
// icon size.
//
// Whether it was on is remembered (off the first time); restoreRemembered() turns it on again at
// the start of an interactive run. toggled() tells others (the lesson spotlight) when it changes.

#include <QByteArray>
#include <QFont>
#include <QHash>
#include <QObject>
#include <QPalette>
#include <QSize>

#include "widgets/presentation_style.h"

class QAction;
class QDockWidget;
class QMainWindow;
class TrainingStatusBar;

class PresentationMode : public QObject {
  Q_OBJECT

 public:
  static constexpr double MinScale = 1.5;
  static constexpr double MaxScale = 2.0;
  static constexpr double LineScale = 2.0;  // lines in charts, heatmap borders, the diagram

  // `statusBar` may be null (then no details are hidden).
  PresentationMode(QMainWindow* window, TrainingStatusBar* statusBar);
  // A window closed while presenting gives the application its font, palette and style back.
  ~PresentationMode() override;

  // The checkable View → Presentation action (F11).
  QAction* action() const { return m_action; }
  bool isOn() const { return m_on; }
  // The text scale a presentation uses: the stored factor (presentation/scale, clamped to
  // 150–200 %) when there is one, else PresentationStyle::automaticScale of the window's screen.
  double scale() const;
  // 0 = by screen size (the default).
  static double storedScale();
  static void setStoredScale(double scale);
  // Whether fullscreen is part of it (true; tests turn it off to keep the window's size).
  void setFullScreenUsed(bool used) { m_fullScreenUsed = used; }
  // Whether on/off is stored for the next start (true; scripted pictures do not store it).
  void setRemembering(bool remembering) { m_remembering = remembering; }
  // Turns the mode on when it was on when the app last left it.
  void restoreRemembered();
  // The palette a presentation uses over `base`: black on white, or white on black when `base`
  // is dark, with a strong highlight.
  static QPalette highContrastPalette(const QPalette& base);

 public slots:
  void setOn(bool on);

 signals:
  void toggled(bool on);

 private:
  void enter();
  void leave();

  // What entering changed, to be put back exactly.
  struct Saved {
    QFont font;
    QPalette palette;
    QByteArray windowState;  // QMainWindow::saveState: docks and toolbars
    Qt::WindowStates windowStates;
    QSize iconSize;
    QHash<QDockWidget*, int> dockFeatures;
    QHash<QDockWidget*, QWidget*> titleBars;  // the docks' own title bar widgets (usually none)
  };

  // Widgets with a style sheet keep the font they were polished with: polished again, they take
  // the application's new one.
  void repolishStyleSheets();
  void settleFonts();

  QMainWindow* m_window;
  TrainingStatusBar* m_statusBar;
  QAction* m_action;
  Saved m_saved;
  bool m_on = false;
  bool m_fullScreenUsed = true;
  bool m_remembering = true;
};
