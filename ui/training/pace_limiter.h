#pragma once

// The iterations-per-second limit of a paced run. A timer ticks every tickIntervalMs(); each tick
// runs however many iterations are due since the paced stretch began, so the average rate is the
// speed whatever the timer's jitter. Arithmetic on time points the caller passes in (the worker
// owns the timer), so it can be tested without waiting.

#include <chrono>

class PaceLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // A speed that spreads each run over about WatchSeconds, whatever its length, so that a class
  // sees the loss fall and the views change (full speed ran the example's 1,000 iterations in
  // 0.02 s): watchSpeed() of the run's length.
  static constexpr int Watch = -1;
  static constexpr int WatchSeconds = 15;
  static int watchSpeed(long runIterations);

  // 0 = full speed: not limited.
  void setSpeed(int iterationsPerSecond);
  int speed() const { return m_speed; }
  bool limited() const { return m_speed > 0; }

  // The tick: at the speed itself for slow speeds, every 10 ms for fast ones (at most 100 ms,
  // so a speed change or a pause is noticed quickly).
  int tickIntervalMs() const;

  // A paced stretch begins at `now`: the first iteration is due at once.
  void start(Clock::time_point now);
  // Iterations due at `now` that have not run yet.
  long due(Clock::time_point now) const;
  // `count` of `due` iterations ran, finishing at `now`. Fewer than due (too slow for this
  // speed, or interrupted): the stretch starts afresh at `now` instead of bursting to catch up.
  void ran(long count, long due, Clock::time_point now);

 private:
  int m_speed = 0;
  Clock::time_point m_start;
  long m_done = 0;  // iterations run since m_start
};
