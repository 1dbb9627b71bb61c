#include "training/run_statistics.h"

#include <limits>

#include "training/training_snapshot.h"

namespace {

// iterationsPerSecond is measured over this much of the recent past.
constexpr auto RateWindow = std::chrono::seconds(1);

}  // namespace

RunStatistics::RunStatistics() { startRun(); }

void RunStatistics::startRun() {
  m_lastLoss = std::numeric_limits<double>::quiet_NaN();
  m_lastClip = {};
  m_clippedIterations = 0;
  m_countedIterations = 0;
  m_lastNormBefore = 0.0;
  m_lastNormAfter = 0.0;
  m_rateSamples.clear();
}

void RunStatistics::diverged(double loss) {
  m_lastLoss = loss;
  m_lastClip = {};
}

void RunStatistics::addTrainingTime(Clock::duration duration) {
  m_elapsedSeconds += std::chrono::duration<double>(duration).count();
}

double RunStatistics::sampleRate(Clock::time_point now, long iteration, bool running) {
  if (!running) {
    m_rateSamples.clear();
    return 0.0;
  }
  m_rateSamples.push_back({now, iteration});
  while (m_rateSamples.size() > 2 && now - m_rateSamples[1].time >= RateWindow) {
    m_rateSamples.pop_front();
  }
  const RateSample& oldest = m_rateSamples.front();
  const double span = std::chrono::duration<double>(now - oldest.time).count();
  return span > 0.0 ? static_cast<double>(iteration - oldest.iteration) / span : 0.0;
}

void RunStatistics::fill(TrainingSnapshot& snapshot) const {
  snapshot.loss = m_lastLoss;
  snapshot.clippedIterations = m_clippedIterations;
  snapshot.clipCountedIterations = m_countedIterations;
  snapshot.lastNormBefore = m_lastNormBefore;
  snapshot.lastNormAfter = m_lastNormAfter;
  snapshot.elapsedSeconds = m_elapsedSeconds;
}
