#include "widgets/redraw_budget.h"

#include <algorithm>
#include <cmath>

RedrawBudget::RedrawBudget(int fastestMs, int slowestMs, double shareOfCore)
    : m_fastestMs(fastestMs),
      m_slowestMs(std::max(fastestMs, slowestMs)),
      m_share(std::clamp(shareOfCore, 0.01, 1.0)),
      m_intervalMs(fastestMs) {}

void RedrawBudget::spent(double cpuMs) {
  if (!(cpuMs >= 0.0) || !std::isfinite(cpuMs)) {
    return;
  }
  // An exponential average over about four redraws: quick to slow down when a big model comes,
  // quick to speed up again when it goes.
  m_costMs = m_measured ? 0.75 * m_costMs + 0.25 * cpuMs : cpuMs;
  m_measured = true;
  const double wanted = m_costMs / m_share;
  m_intervalMs = static_cast<int>(
      std::clamp(std::ceil(wanted), static_cast<double>(m_fastestMs),
                 static_cast<double>(m_slowestMs)));
}
