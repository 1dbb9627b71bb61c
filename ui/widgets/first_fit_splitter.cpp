#include "widgets/first_fit_splitter.h"

#include <QEvent>
#include <algorithm>

FirstFitSplitter::FirstFitSplitter(int secondLines, QWidget* parent)
    : QSplitter(Qt::Vertical, parent), m_secondLines(secondLines) {
  connect(this, &QSplitter::splitterMoved, this, [this] {
    if (!m_fitting) {
      m_userMoved = true;
    }
  });
}

void FirstFitSplitter::fit() {
  if (m_userMoved || count() < 2) {
    return;
  }
  const int total = height() - handleWidth() * (count() - 1);
  if (total <= 0) {
    return;
  }
  const int kept = m_secondLines * widget(1)->fontMetrics().lineSpacing();
  const int first = std::clamp(widget(0)->sizeHint().height(), 0, std::max(0, total - kept));
  QList<int> sizes(count(), 0);
  sizes[0] = first;
  sizes[1] = total - first;
  m_fitting = true;
  setSizes(sizes);
  m_fitting = false;
}

void FirstFitSplitter::resizeEvent(QResizeEvent* event) {
  QSplitter::resizeEvent(event);
  fit();
}

bool FirstFitSplitter::event(QEvent* event) {
  const bool handled = QSplitter::event(event);
  if (event->type() == QEvent::LayoutRequest) {
    fit();
  }
  return handled;
}
