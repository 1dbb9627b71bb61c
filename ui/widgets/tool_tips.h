#pragma once

#include <QRect>
#include <QString>

class QHelpEvent;
class QWidget;

// Answers a QEvent::ToolTip for `widget`: shows `text` at the event's position (kept while the
// mouse stays in `area`, if given), or hides any tooltip and ignores the event when `text` is
// empty. Views compute the text themselves; this is the Qt plumbing they all share.
void answerToolTip(QWidget* widget, QHelpEvent* event, const QString& text,
                   const QRect& area = QRect());
