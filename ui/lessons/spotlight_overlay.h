#pragma once

// A frame drawn around the control or view a lesson step talks about, on a transparent widget
// laid over the whole window (mouse clicks pass through it). Strong (for presentation mode), the
// rest of the window is dimmed as well, so the back of a classroom sees where to look.

#include <QPointer>
#include <QTimer>
#include <QWidget>

class SpotlightOverlay : public QWidget {
  Q_OBJECT

 public:
  static constexpr int Margin = 4;  // the frame's distance from the target
  static constexpr int PenWidth = 4;
  static constexpr int StrongDim = 150;  // the dimming's alpha (of 255) when strong
  static constexpr int FollowMs = 200;   // how often it follows a target that moved

  // Covers `window` (its child) and follows its size.
  explicit SpotlightOverlay(QWidget* window);

  // nullptr (or a target that is not on screen) draws nothing.
  void setTarget(QWidget* target);
  QWidget* target() const { return m_target; }
  void setStrong(bool strong);
  bool isStrong() const { return m_strong; }
  // The frame's rectangle in the overlay's (= the window's) coordinates; empty when none shows.
  QRect highlightRect() const;
  static QColor frameColor();

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void follow();

  QPointer<QWidget> m_target;
  bool m_strong = false;
  QRect m_shown;
  QTimer m_follow;
};
