#include "widgets/tool_tips.h"

#include <QHelpEvent>
#include <QToolTip>
#include <QWidget>

void answerToolTip(QWidget* widget, QHelpEvent* event, const QString& text, const QRect& area) {
  if (text.isEmpty()) {
    QToolTip::hideText();
    event->ignore();
  } else {
    QToolTip::showText(event->globalPos(), text, widget, area);
  }
}
