#pragma once

// Losses over a sequence's outputs, with their gradient with respect to the outputs.
//
//   mse:           L_t = ½ Σ_k (y_tk − d_tk)²                 ∂L/∂y_t = y_t − d_t
//   cross_entropy: p_t = softmax(y_t), L_t = −Σ_k d_tk log p_tk  ∂L/∂y_t = p_t·Σ_k d_tk − d_t
//                  (= p_t − d_t when the target row sums to 1, the spec's form). log p is taken as
//                  y − logsumexp(y), finite for every finite y.

#include "rnnlab/types.h"

namespace rnnlab {

// outputs: O×T. targets: O×T, or O×1 for `last` mode (compared with the last column only).
// Writes stepLoss (T), grad (O×T, zero where there is no target) and, for cross-entropy,
// probabilities (O×T). Returns the total loss. All outputs must be sized by the caller.
double evaluateLoss(LossKind loss, OutputMode mode, const Eigen::Ref<const Matrix>& outputs,
                    const Eigen::Ref<const Matrix>& targets, Eigen::Ref<Vector> stepLoss,
                    Eigen::Ref<Matrix> grad, Eigen::Ref<Matrix> probabilities);

// Cross-entropy against one-hot targets given as indices (targets(t) is the class of step t),
// at every step: the same numbers evaluateLoss gives for the one-hot columns, without them.
double evaluateCrossEntropy(const Eigen::Ref<const Matrix>& outputs,
                            const Eigen::Ref<const Eigen::VectorXi>& targets,
                            Eigen::Ref<Vector> stepLoss, Eigen::Ref<Matrix> grad,
                            Eigen::Ref<Matrix> probabilities);

}  // namespace rnnlab
