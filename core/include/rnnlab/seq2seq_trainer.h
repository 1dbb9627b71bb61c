#pragma once

// The training loop of a sequence-to-sequence model on `pairs` data (spec v3 §3): each iteration
// one batch of pairs in epoch order (version 2's data-set rules: Rng(seed + 1) shuffles the
// order before every epoch when `shuffle`), its mean loss and exactly its gradient
// (seq2seqBatch), then clipping and the optimizer's update at the iteration's learning rate.
// Dropout masks come from Rng(seed + 2), per pair in batch order. Divergence as Trainer's: the
// update is not applied and the weights stay the last finite ones.

#include <vector>

#include "rnnlab/clipping.h"
#include "rnnlab/optimizer.h"
#include "rnnlab/pairs_data.h"
#include "rnnlab/seq2seq_pass.h"
#include "rnnlab/trainer.h"

namespace rnnlab {

class Seq2SeqTrainer {
 public:
  // `pairs` must be prepared (preparePairs) and fit model.config (validatePairs).
  Seq2SeqTrainer(Model model, PairsData pairs, TrainingSettings settings);

  IterationReport step();
  // The next batch's mean loss with the current weights, without dropout.
  double currentLoss();
  // The mean loss over the validation pairs, or nothing without them.
  std::optional<double> validationLoss();
  // The share of validation pairs whose greedy output equals the target, or nothing without
  // them.
  std::optional<double> validationAccuracy();

  // Continues a saved run exactly (iteration, optimizer, epoch order, generators). Throws
  // std::invalid_argument when the state does not fit.
  void resume(const TrainingState& state);
  TrainingState trainingState() const;

  const Model& model() const { return m_model; }
  long iteration() const { return m_iteration; }
  std::span<const long> nextBatch() const;

 private:
  Model m_model;
  PairsData m_pairs;
  TrainingSettings m_settings;
  Seq2SeqPass m_pass;
  Optimizer m_optimizer;
  Gradients m_grads;
  Parameters m_previous;
  std::vector<long> m_order;
  long m_epochPosition = 0;
  Rng m_shuffleRng{1};
  Rng m_dropoutRng{3};
  long m_iteration = 0;
  bool m_hasPrevious = false;
  std::vector<int> m_decoded;
};

}  // namespace rnnlab
