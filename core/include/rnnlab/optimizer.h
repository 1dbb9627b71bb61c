#pragma once

// The four optimizers of the spec, element-wise, with k the update's number counted from 1 and
// all state starting at zero:
//   sgd:      θ ← θ − η·g
//   momentum: v ← μ·v + g ;  θ ← θ − η·v                              (PyTorch's SGD momentum)
//   adagrad:  G ← G + g² ;   θ ← θ − η·g / √(G + ε)                    (min-char-rnn's form)
//   adam:     m ← β1·m + (1−β1)·g ; v ← β2·v + (1−β2)·g² ;
//             θ ← θ − η·(m / (1−β1^k)) / (√(v / (1−β2^k)) + ε)        (PyTorch's Adam)

#include "rnnlab/model.h"
#include "rnnlab/training_settings.h"
#include "rnnlab/training_state.h"

namespace rnnlab {

class Optimizer {
 public:
  Optimizer() = default;
  explicit Optimizer(const ModelConfig& config);

  // Applies one update with the hyper-parameters in `settings`. Switching to another optimizer
  // kind restarts the state at zero. Does not allocate once the state is sized.
  void step(Parameters& params, const Gradients& grads, const TrainingSettings& settings);

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
  Parameters m_first;   // momentum's v, Adagrad's G, Adam's m
  Parameters m_second;  // Adam's v
  long m_updates = 0;
};

}  // namespace rnnlab
