#include "widgets/latest_only_job.h"

#include <QEvent>
#include <QWidget>
#include <algorithm>

LatestOnlyJobBase::LatestOnlyJobBase(const LatestOnlyJobPolicy& policy) : m_policy(policy) {
  m_timer.setSingleShot(true);
  connect(&m_timer, &QTimer::timeout, this, &LatestOnlyJobBase::startIfDue);
  if (m_policy.onlyWhileVisible != nullptr) {
    m_policy.onlyWhileVisible->installEventFilter(this);
  }
}

LatestOnlyJobBase::~LatestOnlyJobBase() = default;

void LatestOnlyJobBase::markPending() {
  m_pending = true;
  schedule();
  emit busyChanged();
}

std::shared_ptr<std::atomic<bool>> LatestOnlyJobBase::beginPoolRun() {
  m_running = true;
  m_cancel = std::make_shared<std::atomic<bool>>(false);
  return m_cancel;
}

void LatestOnlyJobBase::endPoolRun(bool runAgain) {
  m_running = false;
  m_pending = m_pending || runAgain;
}

void LatestOnlyJobBase::scheduleNext() {
  schedule();
  emit busyChanged();
}

void LatestOnlyJobBase::stopForGood() {
  m_stopped = true;
  m_timer.stop();
  if (m_cancel) {
    m_cancel->store(true);
  }
}

bool LatestOnlyJobBase::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_policy.onlyWhileVisible) {
    if (event->type() == QEvent::Show) {
      schedule();
    } else if (event->type() == QEvent::Hide) {
      // Nobody looks: leave the cores to training. The run's end queues its input again.
      m_timer.stop();
      if (m_cancel) {
        m_cancel->store(true);
      }
    }
  }
  return QObject::eventFilter(watched, event);
}

bool LatestOnlyJobBase::mayRun() const {
  return !m_stopped &&
         (m_policy.onlyWhileVisible == nullptr || m_policy.onlyWhileVisible->isVisible());
}

void LatestOnlyJobBase::schedule() {
  if (m_running || !m_pending || m_timer.isActive() || !mayRun()) {
    return;
  }
  const qint64 interval = m_policy.minimumIntervalMs;
  const qint64 since = m_sinceStart.isValid() ? m_sinceStart.elapsed() : interval;
  const auto delay = static_cast<int>(std::clamp<qint64>(interval - since, 0, interval));
  if (delay == 0 && m_policy.start == JobStart::AtOnce) {
    startIfDue();
    return;
  }
  m_timer.start(delay);
}

void LatestOnlyJobBase::startIfDue() {
  if (m_running || !m_pending || !mayRun()) {
    return;
  }
  m_pending = false;
  m_sinceStart.start();
  runLatest();
  emit busyChanged();
}
