#include "training/pace_limiter.h"

#include <algorithm>

int PaceLimiter::watchSpeed(long runIterations) {
  const long perSecond = (std::max(1L, runIterations) + WatchSeconds - 1) / WatchSeconds;
  return static_cast<int>(std::min<long>(perSecond, 1'000'000'000L));
}

void PaceLimiter::setSpeed(int iterationsPerSecond) { m_speed = std::max(0, iterationsPerSecond); }

int PaceLimiter::tickIntervalMs() const { return std::clamp(1000 / std::max(1, m_speed), 10, 100); }

void PaceLimiter::start(Clock::time_point now) {
  m_start = now;
  m_done = 0;
}

long PaceLimiter::due(Clock::time_point now) const {
  const double elapsed = std::chrono::duration<double>(now - m_start).count();
  return static_cast<long>(elapsed * m_speed) + 1 - m_done;
}

void PaceLimiter::ran(long count, long due, Clock::time_point now) {
  if (count < due) {
    start(now);
  } else {
    m_done += count;
  }
}
