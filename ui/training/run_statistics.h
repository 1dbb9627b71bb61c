#pragma once

// What snapshots report about a run besides its losses: the latest loss and clipping, how often
// clipping acted, the iteration rate over the recent past and the time spent training. Owned by
// the worker; count() runs once per iteration, so it only adds and compares.

#include <chrono>
#include <deque>

#include "rnnlab/clipping.h"
#include "rnnlab/trainer.h"

struct TrainingSnapshot;

class RunStatistics {
 public:
  using Clock = std::chrono::steady_clock;

  RunStatistics();

  // A new run (a reset, a new session, a branch): the latest loss and clipping, the clip counts
  // and the rate start over. The training time does not: it counts since the last reset, which
  // clearTrainingTime() marks.
  void startRun();
  void clearTrainingTime() { m_elapsedSeconds = 0.0; }

  // After every applied update.
  void count(const rnnlab::IterationReport& report) {
    m_lastLoss = report.loss;
    m_lastClip = report.clip;
    ++m_countedIterations;
    if (report.clip.acted()) {
      ++m_clippedIterations;
    }
    m_lastNormBefore = report.clip.normBefore;
    m_lastNormAfter = report.clip.normAfter;
  }
  // A divergence: its loss is the latest one (NaN or the finite loss of non-finite gradients);
  // no update was applied, so there is no clipping to show (the norms stay those of the last
  // update that was).
  void diverged(double loss);
  void addTrainingTime(Clock::duration duration);

  // The rate is measured afresh from here (a run resumes: the pause must not count).
  void restartRate() { m_rateSamples.clear(); }
  // Iterations per second over the last second, with `iteration` updates done at `now`. Called
  // once per snapshot. Not running: 0, and the samples are forgotten.
  double sampleRate(Clock::time_point now, long iteration, bool running);

  double lastLoss() const { return m_lastLoss; }
  const rnnlab::ClipReport& lastClip() const { return m_lastClip; }
  long clippedIterations() const { return m_clippedIterations; }
  long countedIterations() const { return m_countedIterations; }
  double elapsedSeconds() const { return m_elapsedSeconds; }

  // The latest loss, the clip counts and norms and the training time, into a snapshot.
  void fill(TrainingSnapshot& snapshot) const;

 private:
  struct RateSample {
    Clock::time_point time;
    long iteration;
  };

  double m_lastLoss;
  rnnlab::ClipReport m_lastClip;
  long m_clippedIterations = 0;
  long m_countedIterations = 0;
  double m_lastNormBefore = 0.0;  // the last applied update's gradient norm before and after
  double m_lastNormAfter = 0.0;   // clipping
  double m_elapsedSeconds = 0.0;
  std::deque<RateSample> m_rateSamples;
};
