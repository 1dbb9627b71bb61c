#include "shell/notice_bar.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QTextLayout>
#include <QVBoxLayout>
#include <algorithm>

namespace {

QString colours(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::Preset:
      return QStringLiteral("background: #eef6e8; border: 1px solid #6aa84f;");
    case NoticeKind::ResetPending:
      return QStringLiteral("background: #fff3c4; border: 1px solid #e0b000;");
    case NoticeKind::Divergence:
      return QStringLiteral("background: #ffd9d9; border: 1px solid #c00000;");
    case NoticeKind::WhatIf:
      return QStringLiteral("background: #dcefff; border: 1px solid #3b7dd8;");
    case NoticeKind::BlogBugs:
      return QStringLiteral("background: #ffe0b2; border: 2px dashed #c00000;");
  }
  return {};
}

// A wrapped label as tall as its text needs at the width it has, up to MaxLines lines: a longer
// text ends in "…" (its whole text is the tooltip) and a click shows it all. QLabel's own size hint
// guesses a width for wrapping; in a toolbar row (which sizes by hints, not by height-for-width)
// that guess made a long notice hundreds of pixels tall, and two long notices at once pushed a
// 640-pixel window past the screen.
class NoticeLabel : public QLabel {
 public:
  static constexpr int MaxLines = 2;

  explicit NoticeLabel(QWidget* parent) : QLabel(parent) {
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  }
  void setFullText(const QString& text) {
    m_fullText = text;
    m_expanded = false;
    refit(std::max(width(), 300));
  }
  const QString& fullText() const { return m_fullText; }
  QSize sizeHint() const override {
    return {fontMetrics().averageCharWidth() * 40, heightForWidth(std::max(width(), 300))};
  }
  QSize minimumSizeHint() const override { return sizeHint(); }
  // The layouts would otherwise ask for the height at the narrowest width the row could get.
  bool hasHeightForWidth() const override { return false; }

 protected:
  void resizeEvent(QResizeEvent* event) override {
    const int before = heightForWidth(event->oldSize().width());
    QLabel::resizeEvent(event);
    refit(width());
    if (heightForWidth(width()) != before) {
      updateGeometry();  // the row grows or shrinks to the wrapped text
    }
  }
  void mousePressEvent(QMouseEvent* event) override {
    if (m_cut || m_expanded) {
      m_expanded = !m_expanded;
      refit(width());
      updateGeometry();
    }
    QLabel::mousePressEvent(event);
  }

 private:
  // Shows the whole text, or its first MaxLines lines at `width` with the last one elided.
  void refit(int width) {
    QString shown = m_fullText;
    m_cut = false;
    if (!m_expanded && width > 0 && !m_fullText.isEmpty()) {
      QTextLayout layout(m_fullText, font());
      layout.beginLayout();
      int lines = 0;
      int cutAt = -1;
      for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (++lines == MaxLines) {
          cutAt = line.textStart();
        }
      }
      layout.endLayout();
      if (lines > MaxLines) {
        m_cut = true;
        shown = m_fullText.left(cutAt) +
                fontMetrics().elidedText(m_fullText.mid(cutAt).simplified() + QStringLiteral(" …"),
                                         Qt::ElideRight, width);
      }
    }
    setToolTip(m_cut ? m_fullText + QStringLiteral("\n\n") + NoticeBar::tr("Click to read it all.")
                     : QString());
    setCursor(m_cut || m_expanded ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (text() != shown) {
      setText(shown);
    }
  }

  QString m_fullText;
  bool m_cut = false;
  bool m_expanded = false;
};

bool dismissable(NoticeKind kind) {
  return kind == NoticeKind::Preset || kind == NoticeKind::Divergence;
}

}  // namespace

NoticeBar::NoticeBar(QWidget* parent) : QToolBar(tr("Notices"), parent) {
  setObjectName(QStringLiteral("noticeBar"));
  setMovable(false);
  setFloatable(false);
  toggleViewAction()->setVisible(false);
  auto* container = new QWidget(this);
  auto* layout = new QVBoxLayout(container);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->setSpacing(4);
  for (int i = 0; i < KindCount; ++i) {
    const auto kind = static_cast<NoticeKind>(i);
    Notice& notice = m_notices[static_cast<std::size_t>(i)];
    notice.frame = new QFrame(container);
    notice.frame->setObjectName(QStringLiteral("notice%1").arg(i));
    notice.frame->setStyleSheet(
        // Dark text on the light colours, also under a dark palette.
        QStringLiteral("QFrame#notice%1 { %2 border-radius: 4px; } QFrame#notice%1 QLabel { color: "
                       "#1a1a1a; }")
            .arg(i)
            .arg(colours(kind)));
    auto* row = new QHBoxLayout(notice.frame);
    row->setContentsMargins(8, 4, 8, 4);
    // A long notice wraps within the window's width instead of widening the window.
    notice.label = new NoticeLabel(notice.frame);
    row->addWidget(notice.label, 1);
    if (dismissable(kind)) {
      auto* dismiss = new QPushButton(tr("Dismiss"), notice.frame);
      connect(dismiss, &QPushButton::clicked, this, [this, kind] {
        clear(kind);
        emit dismissed(kind);
      });
      row->addWidget(dismiss);
    }
    layout->addWidget(notice.frame);
    notice.frame->hide();
  }
  addWidget(container);
  setVisible(false);
}

void NoticeBar::show(NoticeKind kind, const QString& text) {
  const Notice& notice = m_notices[static_cast<std::size_t>(kind)];
  static_cast<NoticeLabel*>(notice.label)->setFullText(text);
  notice.frame->setVisible(true);
  updateVisibility();
}

void NoticeBar::clear(NoticeKind kind) {
  const Notice& notice = m_notices[static_cast<std::size_t>(kind)];
  notice.frame->setVisible(false);
  static_cast<NoticeLabel*>(notice.label)->setFullText({});
  updateVisibility();
}

bool NoticeBar::isShown(NoticeKind kind) const {
  // The frame's own flag: the toolbar lays its widget out (and shows it) only once shown itself.
  return !m_notices[static_cast<std::size_t>(kind)].frame->isHidden();
}

QString NoticeBar::text(NoticeKind kind) const {
  return isShown(kind)
             ? static_cast<const NoticeLabel*>(m_notices[static_cast<std::size_t>(kind)].label)
                   ->fullText()
             : QString();
}

QPushButton* NoticeBar::addButton(NoticeKind kind, const QString& text, const QString& toolTip) {
  const Notice& notice = m_notices[static_cast<std::size_t>(kind)];
  auto* button = new QPushButton(text, notice.frame);
  button->setToolTip(toolTip);
  auto* row = static_cast<QHBoxLayout*>(notice.frame->layout());
  // Before the Dismiss button, if the kind has one.
  row->insertWidget(dismissable(kind) ? row->count() - 1 : row->count(), button);
  return button;
}

void NoticeBar::updateVisibility() {
  bool any = false;
  for (const Notice& notice : m_notices) {
    any = any || !notice.frame->isHidden();
  }
  setVisible(any);
}
