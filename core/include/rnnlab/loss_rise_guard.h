#pragma once

// Notices a run whose loss has climbed far above the best it reached and stays there: the sign
// of a learning rate far too high that clipping keeps finite (so the NaN guard never fires). On
// the example at η = 10 with clip value 5 the loss jumps from 2.0 to between 1,487 and 228,667
// at the first update and oscillates there for good.
//
// A loss has risen when it is more than `factor` times the best loss of the run AND above the
// run's first loss. The second condition keeps a well-trained model quiet: a loss wobbling from
// 1e-6 to 1e-5 is ten times its best but still far better than where the run began. The guard
// trips when the loss has risen for `sustain` iterations in a row, so that one bad step that
// the optimizer recovers from (a gradient cliff) does not count. After tripping it stays quiet
// until the loss comes back down (the user was told; continuing is their choice), and then
// watches again.
//
// Defaults, ×10 for 50 iterations: healthy training overshoots by a factor of 2 or 3 at most
// (momentum, a large but stable rate), never 10 for long; 50 iterations outlast a spike yet
// take well under a second at the speeds the app trains at, so the run stops almost at once.
//
// Pure and O(1) per loss, without allocation: cheap enough for the training loop.

namespace rnnlab {

class LossRiseGuard {
 public:
  static constexpr double DefaultFactor = 10.0;
  static constexpr long DefaultSustain = 50;

  explicit LossRiseGuard(double factor = DefaultFactor, long sustain = DefaultSustain);

  // Forgets the run: the next loss observed is its first.
  void restart();

  // The loss of the next iteration, `iteration` its number. Returns true exactly when the rise
  // has just lasted `sustain` iterations (once per excursion). Non-finite losses are ignored
  // (the trainer reports those as a divergence).
  bool observe(long iteration, double loss);

  double factor() const { return m_factor; }
  long sustain() const { return m_sustain; }
  bool hasBest() const { return m_seen; }
  double firstLoss() const { return m_first; }
  double bestLoss() const { return m_best; }
  long bestIteration() const { return m_bestIteration; }
  // Iterations in a row whose loss has risen, up to the latest one observed.
  long risenFor() const { return m_risenFor; }
  // Tripped and waiting for the loss to come back down.
  bool tripped() const { return m_tripped; }

 private:
  bool risen(double loss) const;

  double m_factor;
  long m_sustain;
  bool m_seen = false;
  double m_first = 0.0;
  double m_best = 0.0;
  long m_bestIteration = 0;
  long m_risenFor = 0;
  bool m_tripped = false;
};

}  // namespace rnnlab
