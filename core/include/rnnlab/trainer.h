#pragma once

// The training loop. One iteration: forward over the sequence, loss, BPTT, clipping, optimizer
// update. Every buffer is allocated in the constructor, so an iteration does not allocate (at the
// sizes where Eigen's products need no blocking buffers).
//
// Divergence: if an iteration's loss or gradients are not finite, the update is not applied, the
// weights go back to the last ones whose loss was finite (those before the previous update) and
// the iteration reports Status::Diverged. The weights are never left non-finite.

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "rnnlab/backward_pass.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/clipping.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"
#include "rnnlab/optimizer.h"
#include "rnnlab/sequence_data.h"
#include "rnnlab/sequence_set.h"
#include "rnnlab/text_data.h"
#include "rnnlab/training_settings.h"
#include "rnnlab/training_state.h"

namespace rnnlab {

struct IterationReport {
  enum class Status { Ok, Diverged };
  Status status = Status::Ok;
  long iteration = 0;  // counted from 0
  double loss = 0.0;   // from this iteration's forward pass, before its update
  ClipReport clip;
  long chunkStart = 0;  // text: the position p of this iteration's chunk
};

class Trainer {
 public:
  // `data` must fit model.config (see validate() in session.h).
  Trainer(Model model, SequenceData data, TrainingSettings settings);
  // A character-level language model (the spec's `text` data: min-char-rnn's loop with position
  // p, the reset rule, the carried state and truncated BPTT). `text` must be prepared
  // (prepareText) and fit model.config (I = O = V, cross-entropy, sequence mode).
  Trainer(Model model, TextData text, TrainingSettings settings);
  // A data set of many sequences (the spec's `sequences`): each iteration one minibatch in
  // epoch order, its mean loss and exactly its gradient, run as matrix-matrix products (see
  // batch_pass.h). The order is shuffled with Rng(settings.seed + 1) before every epoch when
  // set.shuffle. `set` must fit model.config (validateSequenceSet). lastForward() and
  // lastBackward() stay empty: views run forward() on the sequence they show.
  Trainer(Model model, SequenceSet set, TrainingSettings settings);
  // Continues an interrupted run: as resume(state) after the first constructor.
  Trainer(Model model, SequenceData data, TrainingSettings settings, const TrainingState& state);

  // One iteration. After Diverged the model is the last finite one and iteration() is its number.
  IterationReport step();

  // Runs up to `count` iterations, calling onIteration after each; it returns false to stop.
  // Stops early on divergence. Returns the last report.
  IterationReport run(long count, const std::function<bool(const IterationReport&)>& onIteration);

  // The loss of the current weights (a forward pass; the last forward pass is overwritten). For
  // text: the loss the next iteration would compute (its chunk, from its carried state).
  double currentLoss();
  // Text with a validation text: the mean per-character validation loss of the current weights
  // (textValidationLoss); a data set with validation sequences: the mean of their losses.
  // Nothing otherwise. Text allocates; a data set does not.
  std::optional<double> validationLoss();

  // Takes effect from the next iteration. A different optimizer kind restarts its state.
  void setSettings(const TrainingSettings& settings) { m_settings = settings; }
  const TrainingSettings& settings() const { return m_settings; }

  // Replaces the weights (keeps the shape); the optimizer state restarts.
  void setModel(const Model& model);
  // Continues from earlier (or edited) weights as if `iteration` updates had been applied: the
  // weights and the iteration counter are set, the optimizer state restarts (momentum and Adam's
  // moments are not part of a model history), and there are no previous weights to fall back to.
  void restart(const Model& model, long iteration);

  // Continues from a saved run with the current weights: the iteration counter and the optimizer
  // state are set as they were, so the following iterations equal those of the run that was never
  // interrupted, bit for bit. There are no previous weights to fall back to. Throws
  // std::invalid_argument (naming the slot) if the optimizer state does not fit the model.
  void resume(const TrainingState& state);
  // Like restart(), with the optimizer state that belongs to those weights (exact for every
  // optimizer).
  void restart(const Model& model, const TrainingState& state);
  // Everything beyond the weights that the next iteration depends on.
  TrainingState trainingState() const;

  const Model& model() const { return m_model; }
  const SequenceData& data() const { return m_data; }  // empty for text
  // Text: the data; nullptr for numeric data.
  const TextData* text() const { return m_text.get(); }
  bool isText() const { return m_text != nullptr; }
  // Whether iterations run through the batched pass (a data set, a stack, text in streams):
  // lastForward() and lastBackward() then stay empty.
  bool batched() const { return m_batched; }
  // A data set: the data; nullptr otherwise.
  const SequenceSet* sequenceSet() const { return m_set.get(); }
  bool isSequenceSet() const { return m_set != nullptr; }
  // A data set: the current epoch's order, the position in it of the next batch, the epoch the
  // next iteration belongs to (iteration / batchesPerEpoch, counted from 0) and the training
  // sequences (indices into sequenceSet()->train) of the next batch.
  const std::vector<long>& epochOrder() const { return m_order; }
  long epochPosition() const { return m_epochPosition; }
  long epoch() const { return m_set ? m_iteration / m_set->batchesPerEpoch() : 0; }
  std::span<const long> nextBatch() const;
  // The batched pass of the last iteration (or currentLoss()) of a data set: per-sequence
  // losses, outputs and hidden states of the batch.
  const BatchPass& lastBatch() const { return m_batchPass; }

  // Text: the position p and the carried state s = (h, c) that the next iteration starts from
  // (unless the reset rule applies: iteration 0, or p + L ≥ M). carriedCell() is empty for
  // cells other than lstm. With B streams and L layers each holds B·L·H values, stream-major
  // (v3 §2). For saving and restoring a run exactly.
  long textPosition() const { return m_textPosition; }
  const Vector& carriedHidden() const { return m_carriedH; }
  const Vector& carriedCell() const { return m_carriedC; }
  // Sets p and s (h: B·L·H values; c: as many for an lstm, else empty). Throws
  // std::invalid_argument when they do not fit (p < 0 or sizes).
  void setTextState(long position, const Vector& hidden, const Vector& cell);
  // The optimizer whose state the next update continues (copyStateTo() it without allocating).
  const Optimizer& optimizer() const { return m_optimizer; }
  // Number of updates applied so far (the next iteration's number).
  long iteration() const { return m_iteration; }
  // The last iteration's forward and backward passes (weights before its update), and its
  // gradients after clipping.
  const ForwardPass& lastForward() const { return m_forward; }
  const BackwardPass& lastBackward() const { return m_backward; }
  const Gradients& lastClippedGradients() const { return m_clipped; }

 private:
  // Text: runs the next chunk (after the reset rule) with the current weights into `pass` (or,
  // batched, into m_batchPass with the dropout generator when given) and returns where it starts.
  long forwardNextChunk(ForwardPass& pass, Rng* dropout = nullptr);
  long streamLength() const;  // M of v3 §2
  // Text: throws std::invalid_argument when a saved position or carried state does not fit.
  void checkTextState(const TrainingState& state) const;
  void restoreTextState(const TrainingState& state);
  // Data sets: throws std::invalid_argument when a saved epoch state does not fit the set;
  // restores it, or derives it from the iteration when absent.
  void checkEpochState(const TrainingState& state) const;
  void restoreEpochState(const TrainingState& state);
  void setEpochStateAt(long iteration);

  Model m_model;
  SequenceData m_data;
  std::shared_ptr<const TextData> m_text;  // shared: copies of a trainer need not copy the text
  long m_textPosition = 0;
  Vector m_carriedH;
  Vector m_carriedC;
  Vector m_initialC;  // c0 of an lstm (zeros when absent); empty otherwise
  Vector m_resetH;    // h0 for every stream (B·L·H), what the reset rule sets
  Vector m_resetC;
  std::vector<long> m_streamStarts;  // where each stream's chunk starts
  // The text state before the last update, restored with m_previous on divergence.
  long m_previousPosition = 0;
  Vector m_previousH;
  Vector m_previousC;
  ForwardPass m_validation;
  std::shared_ptr<const SequenceSet> m_set;
  BatchPass m_batchPass;
  BatchPass m_validationPass;
  std::vector<long> m_order;
  long m_epochPosition = 0;
  Rng m_shuffleRng{1};
  // The epoch state before the last update, restored with m_previous on divergence.
  std::vector<long> m_previousOrder;
  long m_previousEpochPosition = 0;
  Rng m_previousShuffleRng{1};
  bool m_batched = false;
  Rng m_dropoutRng{3};  // Rng(seed + 2): the dropout masks
  Rng m_previousDropoutRng{3};
  TrainingSettings m_settings;
  Optimizer m_optimizer;
  ForwardPass m_forward;
  BackwardPass m_backward;
  Gradients m_clipped;
  Parameters m_previous;  // the weights before the last update
  bool m_hasPrevious = false;
  long m_iteration = 0;
};

}  // namespace rnnlab
