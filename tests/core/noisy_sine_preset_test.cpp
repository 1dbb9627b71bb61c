// The noisy-sine data set preset teaches two lessons, checked here headlessly:
// - generalization: the validation loss tracks the loss over the training set while both fall;
// - drift: a network that predicts the next value well drifts away when its own predictions are
//   fed back (the k-step-ahead failure of Dive into Deep Learning's sequence chapter), so the
//   64-step free-running error is far above the 1-step error.

#include <gtest/gtest.h>

#include <cmath>

#include "rnnlab/batch_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/sequence_generators.h"
#include "rnnlab/session.h"
#include "rnnlab/text_model.h"
#include "rnnlab/trainer.h"

using namespace rnnlab;

namespace {

Session preset() {
  return loadSession(std::string(RNNLAB_SOURCE_DIR) +
                     "/resources/presets/sequences/noisy-sine.rnnlab.json");
}

}  // namespace

TEST(NoisySinePreset, ValidationLossTracksTrainingLoss) {
  const Session session = preset();
  ASSERT_TRUE(session.sequences.has_value());
  const SequenceSet& set = *session.sequences;
  Trainer trainer(session.makeModel(), set, session.training);
  BatchPass whole;
  whole.reserve(session.model, set.train, static_cast<Index>(set.train.size()));
  const double firstValidation = *trainer.validationLoss();
  for (int checkpoint = 1; checkpoint <= 6; ++checkpoint) {
    trainer.run(100, nullptr);
    const double train = whole.forwardAll(trainer.model(), set.train);
    const double validation = *trainer.validationLoss();
    // Same distribution, unseen sequences: within a factor 1.5 of each other.
    EXPECT_LT(validation, 1.5 * train) << "after " << 100 * checkpoint;
    EXPECT_GT(validation, train / 1.5) << "after " << 100 * checkpoint;
  }
  EXPECT_LT(*trainer.validationLoss(), 0.05 * firstValidation);
}

TEST(NoisySinePreset, SixtyFourStepFreeRunningErrorIsFarAboveOneStepError) {
  const Session session = preset();
  Trainer trainer(session.makeModel(), *session.sequences, session.training);
  trainer.run(session.training.iterations, nullptr);
  const Model& model = trainer.model();

  constexpr int Prime = 20;
  constexpr int Horizon = 64;
  Rng rng(2024);
  double oneStep = 0.0;
  double freeRunning = 0.0;
  constexpr int Sequences = 16;
  ForwardPass pass;
  for (int k = 0; k < Sequences; ++k) {
    const double phase = 2.0 * 3.141592653589793 * rng.uniform();
    const SequenceData s = sineSequence(Prime + Horizon, 20.0, 0.05, phase, rng);
    // Teacher forcing: y_t predicts x_{t+1} from the true x_0..x_t.
    forward(model, s, pass);
    // Free running from x_0..x_{Prime−1}: row n predicts x_{Prime+n}.
    const Matrix predictions = generateSequence(model, s.inputs.topRows(Prime), Horizon);
    const Index target = Prime + Horizon - 1;  // x_{Prime+Horizon−1}: 64 steps ahead
    const double truth = s.targets(target - 1, 0);
    oneStep += std::pow(pass.outputs(0, target - 1) - truth, 2) / Sequences;
    freeRunning += std::pow(predictions(Horizon - 1, 0) - truth, 2) / Sequences;
  }
  std::cout << "mean squared error, 1 step ahead " << oneStep << ", 64 steps ahead " << freeRunning
            << '\n';
  EXPECT_GT(freeRunning, 5.0 * oneStep);
}
