#include "training/loss_history.h"

#include <QtGlobal>
#include <algorithm>
#include <limits>

LossHistory::LossHistory(QObject* parent) : QObject(parent) {}

std::size_t LossHistory::merge(std::vector<double>& losses, std::size_t first,
                               const std::vector<double>& batch, std::size_t end) {
  const std::size_t kept = std::min({losses.size(), first, end});
  if (first > losses.size()) {
    // A run resumed from a file starts at its saved iteration with no losses before it: a gap,
    // not a loss on the way.
    if (!losses.empty()) {
      qWarning("LossHistory: losses of iterations %zu..%zu are missing", losses.size(), first - 1);
    }
    losses.resize(first, std::numeric_limits<double>::quiet_NaN());
  } else {
    losses.resize(first);
  }
  const std::size_t taken = end > first ? std::min(batch.size(), end - first) : 0;
  losses.insert(losses.end(), batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(taken));
  if (losses.size() > end) {
    losses.resize(end);
  }
  return kept;
}

void LossHistory::update(std::size_t first, const std::vector<double>& batch, std::size_t end) {
  const std::size_t before = m_losses.size();
  const std::size_t kept = merge(m_losses, first, batch, end);
  // Points of weights the run no longer has: those beyond the new end, and, when the batch
  // starts before the end (a branch), those beyond its start.
  if (cutValidation(static_cast<long>(std::min(end, first < before ? first : end)))) {
    emit validationChanged();
  }
  if (kept < before) {
    emit cutBack(kept);
  }
  if (m_losses.size() > kept) {
    emit grown(kept);
  }
}

void LossHistory::clear() {
  if (!m_validation.empty()) {
    m_validation.clear();
    emit validationChanged();
  }
  if (m_losses.empty()) {
    return;
  }
  m_losses.clear();
  emit cutBack(0);
}

void LossHistory::addValidation(const std::vector<Point>& points) {
  if (points.empty()) {
    return;
  }
  for (const Point& point : points) {
    cutValidation(point.iteration - 1);
    m_validation.push_back(point);
  }
  emit validationChanged();
}

bool LossHistory::cutValidation(long iteration) {
  const auto beyond = std::find_if(m_validation.begin(), m_validation.end(),
                                   [iteration](const Point& p) { return p.iteration > iteration; });
  if (beyond == m_validation.end()) {
    return false;
  }
  m_validation.erase(beyond, m_validation.end());
  return true;
}
