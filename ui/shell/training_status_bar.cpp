#include "shell/training_status_bar.h"

#include <QEvent>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <algorithm>
#include <cmath>

namespace {

QString formatLoss(double loss) {
  return std::isnan(loss) ? QStringLiteral("—") : QString::number(loss, 'g', 5);
}

QString stateName(TrainingState state) {
  switch (state) {
    case TrainingState::Idle:
      return TrainingStatusBar::tr("Ready");
    case TrainingState::Running:
      return TrainingStatusBar::tr("Training");
    case TrainingState::Paused:
      return TrainingStatusBar::tr("Paused");
    case TrainingState::Finished:
      return TrainingStatusBar::tr("Finished");
    case TrainingState::Diverged:
      return TrainingStatusBar::tr("Diverged");
  }
  return {};
}

}  // namespace

void TrainingStatusBar::fixSizes() {
  // From the status bar's own font: when the font changes, the bar hears of it before its
  // children do, so their size hints would still be those of the old font.
  const QFontMetrics metrics(font());
  const int zero = metrics.horizontalAdvance(QLatin1Char('0'));
  for (QLabel* label : {m_state, m_iteration, m_rate, m_loss, m_speed, m_elapsed}) {
    label->setFixedSize(zero * label->property("chars").toInt(), metrics.height() + m_labelExtra);
  }
  m_progress->setFixedSize(zero * 15, metrics.height() + m_progressExtra);
}

void TrainingStatusBar::setField(QLabel* field, const QString& text) {
  field->setText(text);
  // Wide enough for what it says (a text session's loss and speed say more): the fields are
  // permanent widgets side by side, so a text wider than its field would run under the next.
  // Grown only, back to the set widths at a restart, so the fields do not jitter.
  const QFontMetrics metrics(font());
  const int needed = metrics.horizontalAdvance(text) + metrics.horizontalAdvance(QLatin1Char('0'));
  if (needed > field->width()) {
    field->setFixedWidth(needed);
  }
}

void TrainingStatusBar::changeEvent(QEvent* event) {
  QStatusBar::changeEvent(event);
  if (event->type() == QEvent::FontChange && m_progress != nullptr) {
    fixSizes();
  }
}

void TrainingStatusBar::setDetailsVisible(bool visible) {
  m_detailsVisible = visible;
  applyDetailsVisible(visible);
  makeRoomFor(currentMessage());
}

void TrainingStatusBar::applyDetailsVisible(bool visible) {
  m_speed->setVisible(visible);
  m_elapsed->setVisible(visible);
  m_progress->setVisible(visible);
}

void TrainingStatusBar::makeRoomFor(const QString& message) {
  if (!m_detailsVisible) {
    return;
  }
  if (message.isEmpty()) {
    applyDetailsVisible(true);
    return;
  }
  // The message is drawn left of the leftmost permanent widget.
  int room = width();
  for (QWidget* child : findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
    if (child->isVisible() && child->x() > 0) {
      room = std::min(room, child->x());
    }
  }
  const int margin = 2 * fontMetrics().horizontalAdvance(QLatin1Char('0'));
  if (fontMetrics().horizontalAdvance(message) + margin > room) {
    applyDetailsVisible(false);
  }
}

TrainingStatusBar::TrainingStatusBar(QWidget* parent)
    : QStatusBar(parent), m_clock(new QTimer(this)) {
  setObjectName(QStringLiteral("trainingStatusBar"));
  // Fixed sizes in both directions: then a new text does not ask the window for a new layout
  // (QWidget::updateGeometry stops at fixed-size widgets). Each relayout of a window without a
  // central widget moved the dock separators a few pixels, so Step after Step widened the side
  // docks.
  auto addLabel = [this](const QString& name, const QString& toolTip, int chars) {
    auto* label = new QLabel(this);
    label->setObjectName(name);
    label->setToolTip(toolTip);
    label->setProperty("chars", chars);
    addPermanentWidget(label);
    return label;
  };
  m_state = addLabel(QStringLiteral("stateLabel"), tr("What training is doing"), 8);
  m_iteration = addLabel(QStringLiteral("iterationLabel"),
                         tr("Updates applied so far, and where this run stops"), 22);
  m_epoch = addLabel(QStringLiteral("epochLabel"),
                     tr("Data sets: the epoch (one pass over all training sequences) the next "
                        "minibatch belongs to, counted from 0"),
                     9);
  m_epoch->setVisible(false);
  m_rate = addLabel(QStringLiteral("rateLabel"),
                    tr("The learning rate the next update uses: with learning-rate decay, "
                       "η·γ^⌊max(0, k − s) / n⌋ for iteration k (shown only while the rate "
                       "decays)"),
                    12);  // "η = 1.953e-05"
  m_rate->setVisible(false);
  m_loss = addLabel(
      QStringLiteral("lossLabel"),
      tr("The loss of the weights on screen (while training: of the latest iteration, before "
         "its update)"),
      18);  // "Batch loss 3.5334e-05" (letters are narrower than digits)
  m_speed =
      addLabel(QStringLiteral("speedLabel"), tr("Iterations per second over the recent past"), 10);
  m_elapsed = addLabel(QStringLiteral("elapsedLabel"),
                       tr("Training time since the last reset (wall clock while training)"), 9);
  m_progress = new QProgressBar(this);
  m_progress->setToolTip(tr("Progress to the target iteration"));
  m_progress->setRange(0, 1000);  // per mille: QProgressBar counts in int
  m_progress->setTextVisible(true);
  addPermanentWidget(m_progress);
  m_labelExtra = std::max(0, m_state->sizeHint().height() - fontMetrics().height());
  m_progressExtra = std::max(0, m_progress->sizeHint().height() - fontMetrics().height());
  fixSizes();
  connect(this, &QStatusBar::messageChanged, this, &TrainingStatusBar::makeRoomFor);
  m_clock->setInterval(250);
  connect(m_clock, &QTimer::timeout, this, &TrainingStatusBar::updateElapsed);
  updateElapsed();
}

void TrainingStatusBar::showSnapshot(const TrainingSnapshot& snapshot) {
  setField(m_state, stateName(snapshot.state));
  setField(m_iteration,
       tr("Iteration %L1 / %L2").arg(snapshot.iteration).arg(snapshot.targetIteration));
  // The loss of the weights on screen when there is a trace of them (paused, finished), as the
  // outputs view shows it; while training, the latest iteration's (before its update).
  const bool before = snapshot.iteration == 0 || std::isnan(snapshot.loss);
  // A data set's trace is of the one sequence shown: the run's loss is the last minibatch's.
  const bool dataSet = snapshot.epoch >= 0;
  const double loss = dataSet && !before ? snapshot.loss
                      : snapshot.trace   ? snapshot.trace->forward.loss
                      : before           ? snapshot.forward.loss
                                         : snapshot.loss;
  QString lossText = snapshot.iteration == 0 ? tr("Loss %1 (initial)").arg(formatLoss(loss))
                     : dataSet && !before    ? tr("Batch loss %1").arg(formatLoss(loss))
                                             : tr("Loss %1").arg(formatLoss(loss));
  if (snapshot.text && snapshot.text->sequenceLength > 0) {
    // A chunk's loss is summed over its characters: per character it compares across lengths.
    lossText += tr(", %1 per character").arg(formatLoss(loss / snapshot.text->sequenceLength));
  }
  setField(m_loss, lossText);
  m_epoch->setVisible(dataSet);
  if (dataSet) {
    setField(m_epoch, tr("epoch %L1").arg(snapshot.epoch));
    m_epoch->setToolTip(tr("Epoch %L1, minibatch %L2 of %L3 next (an epoch is one pass over all "
                           "training sequences)")
                            .arg(snapshot.epoch)
                            .arg(snapshot.batchInEpoch + 1)
                            .arg(snapshot.batchesPerEpoch));
  }
  // With decay the rate changes as training goes: the one the next iteration uses.
  const bool decaying = snapshot.settings.lrDecay < 1.0;
  m_rate->setVisible(decaying);
  if (decaying) {
    const double rate = rnnlab::learningRateAt(snapshot.settings, snapshot.iteration);
    setField(m_rate, tr("η = %1").arg(QString::number(rate, 'g', 4)));
  }
  if (snapshot.text && snapshot.iterationsPerSecond > 0) {
    setField(m_speed,
        tr("%L1 it/s, %L2 chars/s")
            .arg(snapshot.iterationsPerSecond, 0, 'f', 0)
            .arg(snapshot.iterationsPerSecond * snapshot.text->sequenceLength, 0, 'f', 0));
  } else {
    setField(m_speed, snapshot.iterationsPerSecond > 0
                      ? tr("%L1 it/s").arg(snapshot.iterationsPerSecond, 0, 'f', 0)
                      : tr("— it/s"));
  }
  if (snapshot.iteration < m_lastIteration) {
    restart();  // a reset or a branch: the old run's time and messages are no longer true
  }
  m_lastIteration = snapshot.iteration;
  const double fraction = snapshot.targetIteration > 0
                              ? std::clamp(static_cast<double>(snapshot.iteration) /
                                               static_cast<double>(snapshot.targetIteration),
                                           0.0, 1.0)
                              : 0.0;
  m_progress->setValue(static_cast<int>(std::lround(fraction * 1000)));
  m_progress->setFormat(QStringLiteral("%1%").arg(fraction * 100, 0, 'f', 0));
  updateElapsed();
}

void TrainingStatusBar::showState(TrainingState state, long iterationsPerPlay) {
  setField(m_state, stateName(state));
  const bool running = state == TrainingState::Running;
  if (running && !m_running.isValid()) {
    m_running.start();
    m_clock->start();
  } else if (!running && m_running.isValid()) {
    m_elapsedBefore += static_cast<double>(m_running.elapsed()) / 1000.0;
    m_running.invalidate();
    m_clock->stop();
  }
  if (state == TrainingState::Finished) {
    showMessage(tr("Target reached: Play runs %L1 more.").arg(iterationsPerPlay), 5000);
  }
  updateElapsed();
}

void TrainingStatusBar::restart() {
  clearMessage();
  fixSizes();
  m_elapsedBefore = 0.0;
  if (m_running.isValid()) {
    m_running.restart();
  }
  updateElapsed();
}

double TrainingStatusBar::elapsedSeconds() const {
  return m_elapsedBefore +
         (m_running.isValid() ? static_cast<double>(m_running.elapsed()) / 1000.0 : 0.0);
}

void TrainingStatusBar::updateElapsed() {
  const double seconds = elapsedSeconds();
  setField(m_elapsed, tr("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 2 : 1));
}
