#include "widgets/first_fit_splitter.h"

#include <QEvent>
#include <algorithm>

FirstFitSplitter::FirstFitSplitter(double maxShare, QWidget* parent)
    : QSplitter(Qt::Vertical, parent), m_maxShare(maxShare) {
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
  const int wanted = widget(0)->sizeHint().height();
  const int first = std::min(wanted, static_cast<int>(m_maxShare * total));
  QList<int> sizes(count(), 0);
  sizes[0] = first;
  sizes[1] = total - first;  // the second widget takes the rest; more would share it equally
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
