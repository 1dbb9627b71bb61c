#pragma once

// The five optimizers of the spec, element-wise, with k the update's number counted from 1 and
// all state starting at zero:
//   sgd:      θ ← θ − η·g
//   momentum: v ← μ·v + g ;  θ ← θ − η·v                              (PyTorch's SGD momentum)
//   adagrad:  G ← G + g² ;   θ ← θ − η·g / √(G + ε)                    (min-char-rnn's form)
//   adam:     m ← β1·m + (1−β1)·g ; v ← β2·v + (1−β2)·g² ;
//             θ ← θ − η·(m / (1−β1^k)) / (√(v / (1−β2^k)) + ε)        (PyTorch's Adam)
//   rmsprop:  v ← α·v + (1−α)·g² ;  θ ← θ − η·g / (√v + ε)
//             (PyTorch's RMSprop without momentum or centering)
// η is the iteration's learning rate: learningRateAt(settings, k) with learning-rate decay.

#include "rnnlab/model.h"
#include "rnnlab/training_settings.h"
#include "rnnlab/training_state.h"

namespace rnnlab {

class Optimizer {
 public:
  Optimizer() = default;
  explicit Optimizer(const ModelConfig& config);

  // Applies one update with the hyper-parameters in `settings` and the learning rate η =
  // `learningRate` (the iteration's, see learningRateAt()). Switching to another optimizer kind
  // restarts the state at zero. Does not allocate once the state is sized.
  void step(Parameters& params, const Gradients& grads, const TrainingSettings& settings,
            double learningRate);
  // The same with η = settings.learningRate (no decay).
  void step(Parameters& params, const Gradients& grads, const TrainingSettings& settings) {
    step(params, grads, settings, settings.learningRate);
  }

  // Forgets all state (the next update is number 1 again).
  void reset();

  long updates() const { return m_updates; }
  // The kind of the current state (the last update's; sgd before any).
  OptimizerKind kind() const { return m_kind; }

  // The state as a value (kind, update count and the kind's slots), to save and restore later.
  OptimizerState state() const;
  // Continues from a saved state. Throws std::invalid_argument naming the slot and block when a
  // slot does not have the shape of this optimizer's model (or the kind's slot count is wrong).
  void setState(const OptimizerState& state);
  // Writes the state into `out`, reusing its memory when the shapes match (no allocation then):
  // for copies taken every iteration.
  void copyStateTo(OptimizerState& out) const;

 private:
  ModelConfig m_config;
  OptimizerKind m_kind = OptimizerKind::Sgd;
  Parameters m_first;   // momentum's v, Adagrad's G, Adam's m, RMSprop's square_avg
  Parameters m_second;  // Adam's v
  long m_updates = 0;
};

}  // namespace rnnlab
