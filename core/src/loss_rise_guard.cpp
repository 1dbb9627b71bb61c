#include "rnnlab/loss_rise_guard.h"

#include <cmath>

namespace rnnlab {

LossRiseGuard::LossRiseGuard(double factor, long sustain) : m_factor(factor), m_sustain(sustain) {}

void LossRiseGuard::restart() {
  m_seen = false;
  m_first = 0.0;
  m_best = 0.0;
  m_bestIteration = 0;
  m_risenFor = 0;
  m_tripped = false;
}

bool LossRiseGuard::risen(double loss) const { return loss > m_factor * m_best && loss > m_first; }

bool LossRiseGuard::observe(long iteration, double loss) {
  if (!std::isfinite(loss)) {
    return false;
  }
  if (!m_seen) {
    m_seen = true;
    m_first = loss;
    m_best = loss;
    m_bestIteration = iteration;
    return false;
  }
  if (loss < m_best) {
    m_best = loss;
    m_bestIteration = iteration;
  }
  if (!risen(loss)) {
    m_risenFor = 0;
    m_tripped = false;  // back down: watch again
    return false;
  }
  ++m_risenFor;
  if (!m_tripped && m_risenFor >= m_sustain) {
    m_tripped = true;
    return true;
  }
  return false;
}

}  // namespace rnnlab
