#pragma once

// When a run takes its validation loss: at fixed iterations, so that every machine draws the
// same points whatever its speed (a time-based cadence drew only the two ends of a short run on
// a fast machine).
//
// A run validates at every multiple of interval() and at its last iteration. The interval gives
// at least PointsPerRun points over the run (its iteration target), or one every epoch where
// that is denser; it is thinned only where one evaluation would cost more than MaxShare of the
// training between two points. Costs are counted in cell steps (a forward step is 1, a training
// step about 3 for the forward pass, backward pass and update), not measured, so the thinning
// too is the same everywhere.
//
// Pure; the training worker asks it after every iteration.

namespace rnnlab {

struct SequenceSet;
struct TextData;

struct ValidationCosts {
  double iterationSteps = 1.0;  // cell steps of one training iteration (forward + backward)
  double evaluationSteps = 0.0; // cell steps of one validation loss (forward only)
  long iterationsPerEpoch = 0;  // 0: not known (no epochs)
};

class ValidationSchedule {
 public:
  static constexpr long PointsPerRun = 50;
  static constexpr double MaxShare = 0.2;  // of the training time between two points
  static constexpr double TrainingStepsPerForwardStep = 3.0;

  ValidationSchedule() = default;
  // A run of `runIterations` iterations (its target minus where it started).
  ValidationSchedule(long runIterations, const ValidationCosts& costs);

  long interval() const { return m_interval; }
  // Validate after iteration `iteration` (the count of updates so far) of a run ending at `target`.
  bool due(long iteration, long target) const {
    return iteration % m_interval == 0 || iteration == target;
  }

  // The costs of a data set (the mean batch of an epoch against all its validation sequences)
  // and of a text (one chunk against its whole validation text).
  static ValidationCosts costsOf(const SequenceSet& set);
  static ValidationCosts costsOf(const TextData& text);

 private:
  long m_interval = 1;
};

}  // namespace rnnlab
