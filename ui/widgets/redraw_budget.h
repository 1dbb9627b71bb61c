#pragma once

// How often views may be redrawn so that drawing takes at most a set share of one core. The
// caller reports the CPU time the drawing thread spent per redraw (the update itself and the
// painting and event handling it caused); the next interval is that cost divided by the share,
// never shorter than the fastest interval nor longer than the slowest. A small model keeps the
// full rate; a large one (4096×4096 weights) or a slow machine gets fewer, cheaper-in-total
// redraws, and the training thread keeps its core.
//
// Plain arithmetic on the costs the caller measures, so it can be tested without timing anything.

class RedrawBudget {
 public:
  RedrawBudget(int fastestMs, int slowestMs, double shareOfCore);

  // One redraw cost `cpuMs` of the drawing thread. The cost is smoothed over the last few
  // redraws, so one slow frame (a dock shown for the first time) does not halve the rate.
  void spent(double cpuMs);
  // The interval until the next redraw, in milliseconds.
  int intervalMs() const { return m_intervalMs; }
  double smoothedCostMs() const { return m_costMs; }
  double shareOfCore() const { return m_share; }

 private:
  int m_fastestMs;
  int m_slowestMs;
  double m_share;
  double m_costMs = 0.0;
  bool m_measured = false;
  int m_intervalMs;
};
