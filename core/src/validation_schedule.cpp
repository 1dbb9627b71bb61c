#include "rnnlab/validation_schedule.h"

#include <algorithm>
#include <cmath>

#include "rnnlab/sequence_set.h"
#include "rnnlab/text_data.h"

namespace rnnlab {

ValidationSchedule::ValidationSchedule(long runIterations, const ValidationCosts& costs) {
  long interval = std::max(1L, runIterations / PointsPerRun);
  if (costs.iterationsPerEpoch > 0) {
    interval = std::min(interval, costs.iterationsPerEpoch);
  }
  // Thin where one evaluation would outweigh MaxShare of the training between two points.
  if (costs.iterationSteps > 0.0 && costs.evaluationSteps > 0.0) {
    const double fewest = std::ceil(costs.evaluationSteps / (MaxShare * costs.iterationSteps));
    if (fewest > static_cast<double>(interval)) {
      interval = fewest >= 1e15 ? static_cast<long>(1e15) : static_cast<long>(fewest);
    }
  }
  m_interval = std::max(1L, interval);
}

ValidationCosts ValidationSchedule::costsOf(const SequenceSet& set) {
  ValidationCosts costs;
  double trainSteps = 0.0;
  for (const SequenceData& sequence : set.train) {
    trainSteps += static_cast<double>(sequence.inputs.rows());
  }
  double validationSteps = 0.0;
  for (const SequenceData& sequence : set.validation) {
    validationSteps += static_cast<double>(sequence.inputs.rows());
  }
  costs.iterationsPerEpoch = std::max(1L, set.batchesPerEpoch());
  costs.iterationSteps =
      TrainingStepsPerForwardStep * trainSteps / static_cast<double>(costs.iterationsPerEpoch);
  costs.evaluationSteps = validationSteps;
  return costs;
}

ValidationCosts ValidationSchedule::costsOf(const TextData& text) {
  ValidationCosts costs;
  const long length = std::max(1, text.sequenceLength);
  costs.iterationsPerEpoch = std::max(1L, text.size() / length);
  costs.iterationSteps = TrainingStepsPerForwardStep * static_cast<double>(length);
  costs.evaluationSteps = static_cast<double>(text.validationIndices.size());
  return costs;
}

}  // namespace rnnlab
