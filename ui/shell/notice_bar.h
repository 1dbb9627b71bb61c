#pragma once

// The row of notices under the toolbars: one notice per kind at most, each a coloured strip with
// its text and buttons. show(kind, text) puts up (or replaces) that kind's notice, clear(kind)
// takes it down; the row hides itself when no notice is left. The row sits in a fixed toolbar
// area so it spans the window whatever the user does with the docks.

#include <QToolBar>
#include <array>

class QFrame;
class QLabel;
class QPushButton;

enum class NoticeKind {
  Preset,        // what the opened preset teaches (dismissable)
  ResetPending,  // the edited model waits for a reset
  Divergence,    // training stopped: NaN or a loss far above its best (dismissable)
  WhatIf,        // an untrained edit is on screen
  BlogBugs,      // teaching: the gradient is the blog's, wrong on purpose
};

class NoticeBar : public QToolBar {
  Q_OBJECT

 public:
  static constexpr int KindCount = 5;

  explicit NoticeBar(QWidget* parent = nullptr);

  void show(NoticeKind kind, const QString& text);
  void clear(NoticeKind kind);
  bool isShown(NoticeKind kind) const;
  // The notice's text, or empty when it is not shown.
  QString text(NoticeKind kind) const;
  // Adds a button to a kind's notice (before its Dismiss button); the caller connects it.
  QPushButton* addButton(NoticeKind kind, const QString& text, const QString& toolTip = {});

 signals:
  void dismissed(NoticeKind kind);

 private:
  struct Notice {
    QFrame* frame = nullptr;
    QLabel* label = nullptr;
  };
  void updateVisibility();

  std::array<Notice, KindCount> m_notices;
};
