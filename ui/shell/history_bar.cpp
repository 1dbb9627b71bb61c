#include "shell/history_bar.h"

#include <QAction>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <algorithm>
#include <climits>

#include "training/training_controller.h"

HistoryBar::HistoryBar(TrainingController* controller, QWidget* parent)
    : QToolBar(tr("History"), parent),
      m_controller(controller),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_label(new QLabel(this)),
      m_timer(new QTimer(this)) {
  setObjectName(QStringLiteral("historyToolBar"));
  setToolButtonStyle(Qt::ToolButtonTextOnly);
  addWidget(new QLabel(tr(" History "), this));
  m_slider->setObjectName(QStringLiteral("historySlider"));
  m_slider->setFixedSize(160, m_slider->sizeHint().height());  // see the label below
  m_slider->setToolTip(
      tr("Rewind: every view shows the weights kept at that iteration (long runs keep every "
         "2nd, 4th, … iteration). Training pauses; \"Live\" returns."));
  addWidget(m_slider);
  // A fixed size: a label that asks for a new layout with every "Live, iteration 1,234" would
  // make the window lay its docks out again on every snapshot (see TrainingStatusBar).
  m_label->setObjectName(QStringLiteral("historyLabel"));
  m_label->setFixedSize(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 24,
                        m_label->sizeHint().height());
  addWidget(m_label);
  m_live = addAction(tr("Live"), controller, &TrainingController::leaveHistory);
  m_live->setToolTip(tr("Back to the current iteration"));
  m_continue = addAction(tr("Continue from here"), this, [this] {
    if (m_viewedIteration >= 0) {
      emit continueRequested(m_viewedIteration);
    }
  });
  m_continue->setToolTip(
      tr("Start a new run from the rewound weights with the current settings (change the "
         "learning rate first to compare); the old run stays in Compare runs"));
  m_live->setEnabled(false);
  m_continue->setEnabled(false);
  addSeparator();
  m_whatIf = addAction(tr("What-if edits"));
  m_whatIf->setObjectName(QStringLiteral("whatIfAction"));
  m_whatIf->setCheckable(true);
  m_whatIf->setToolTip(
      tr("While paused, an edited input cell is tried without training (double-click a weight "
         "to try another value for it); Apply keeps the edit"));

  m_timer->setSingleShot(true);
  m_timer->setInterval(60);
  connect(m_timer, &QTimer::timeout, this, &HistoryBar::onSliderMoved);
  connect(m_slider, &QSlider::valueChanged, this, [this] {
    if (!m_updating) {
      m_timer->start();
    }
  });
}

bool HistoryBar::whatIfEnabled() const { return m_whatIf->isChecked(); }

void HistoryBar::showSnapshot(const TrainingSnapshot& snapshot) {
  // The timeline follows the live run unless the user is looking at the past.
  m_updating = true;
  m_slider->setRange(0, static_cast<int>(std::min<long>(snapshot.iteration, INT_MAX)));
  // A rewind asked for elsewhere (a script, a test) moves the handle too; a drag in progress
  // keeps it where the user holds it.
  const bool follow = !m_timer->isActive() && !m_slider->isSliderDown();
  if (snapshot.isHistoryView) {
    m_viewedIteration = snapshot.viewedIteration;
    if (follow) {
      m_slider->setValue(
          static_cast<int>(std::min<long>(snapshot.viewedIteration, m_slider->maximum())));
    }
    m_label->setText(
        tr("Rewound to %L1 of %L2").arg(snapshot.viewedIteration).arg(snapshot.iteration));
  } else {
    m_viewedIteration = -1;
    if (follow) {
      m_slider->setValue(m_slider->maximum());
    }
    m_label->setText(tr("Live, iteration %L1").arg(snapshot.iteration));
  }
  m_updating = false;
  m_live->setEnabled(snapshot.isHistoryView);
  m_continue->setEnabled(snapshot.isHistoryView);
}

void HistoryBar::onSliderMoved() {
  const long value = m_slider->value();
  if (value >= m_slider->maximum() && m_viewedIteration < 0) {
    return;  // already live
  }
  m_controller->showHistory(value);
}
