#include "training/loss_history.h"

#include <QtGlobal>
#include <algorithm>
#include <limits>

LossHistory::LossHistory(QObject* parent) : QObject(parent) {}

LossHistory::LossHistory(std::size_t exactCap, std::size_t bucketCap, QObject* parent)
    : QObject(parent), m_losses(exactCap, bucketCap) {}

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
  if (first > before && before > 0) {
    qWarning("LossHistory: losses of iterations %zu..%zu are missing", before, first - 1);
  }
  const std::size_t kept = m_losses.merge(first, batch, end);
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

void LossHistory::restore(const rnnlab::LossRecord& losses, const std::vector<Point>& validation) {
  clear();
  m_losses = losses;
  m_validation = validation;
  if (!m_validation.empty()) {
    emit validationChanged();
  }
  if (!m_losses.empty()) {
    emit grown(0);
  }
}

void LossHistory::addValidation(const std::vector<Point>& points) {
  if (points.empty()) {
    return;
  }
  for (const Point& point : points) {
    cutValidation(point.iteration - 1);
    m_validation.push_back(point);
  }
  if (m_validation.size() > MaxValidationPoints) {
    // Keep the even-numbered points and the latest.
    const Point latest = m_validation.back();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_validation.size(); i += 2) {
      m_validation[kept++] = m_validation[i];
    }
    m_validation.resize(kept);
    if (!(m_validation.back() == latest)) {
      m_validation.push_back(latest);
    }
  }
  emit validationChanged();
}

bool LossHistory::cutValidation(long iteration) {
  // The points are in increasing iteration order: a binary search, not a scan per added point.
  const auto beyond =
      std::upper_bound(m_validation.begin(), m_validation.end(), iteration,
                       [](long value, const Point& p) { return value < p.iteration; });
  if (beyond == m_validation.end()) {
    return false;
  }
  m_validation.erase(beyond, m_validation.end());
  return true;
}
