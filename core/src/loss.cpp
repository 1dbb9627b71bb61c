#include "rnnlab/loss.h"

#include <cmath>

namespace rnnlab {
namespace {

// One step's loss and ∂L/∂y; `prob` is written for cross-entropy only.
double stepLoss(LossKind loss, const Eigen::Ref<const Vector>& y, const Eigen::Ref<const Vector>& d,
                Eigen::Ref<Vector> grad, Eigen::Ref<Vector> prob) {
  if (loss == LossKind::Mse) {
    grad = y - d;
    return 0.5 * grad.squaredNorm();
  }
  // log p = y − (m + log Σ exp(y − m)), m = max y: no exp overflows and log p is finite.
  const double m = y.maxCoeff();
  const double logSumExp = m + std::log((y.array() - m).exp().sum());
  double value = 0.0;
  double targetMass = 0.0;
  for (Index k = 0; k < y.size(); ++k) {
    const double logP = y(k) - logSumExp;
    prob(k) = std::exp(logP);
    if (d(k) != 0.0) {
      value -= d(k) * logP;
    }
    targetMass += d(k);
  }
  grad = prob * targetMass - d;
  return value;
}

}  // namespace

double evaluateLoss(LossKind loss, OutputMode mode, const Eigen::Ref<const Matrix>& outputs,
                    const Eigen::Ref<const Matrix>& targets, Eigen::Ref<Vector> stepLossOut,
                    Eigen::Ref<Matrix> grad, Eigen::Ref<Matrix> probabilities) {
  const Index steps = outputs.cols();
  const bool crossEntropy = loss == LossKind::CrossEntropy;
  double total = 0.0;
  const Index firstTargetStep = mode == OutputMode::Last ? steps - 1 : 0;
  if (firstTargetStep > 0) {
    grad.leftCols(firstTargetStep).setZero();
    stepLossOut.head(firstTargetStep).setZero();
  }
  for (Index t = firstTargetStep; t < steps; ++t) {
    const Index targetColumn = mode == OutputMode::Last ? 0 : t;
    // For mse the probabilities are unused; a column of `grad` stands in so no buffer is needed.
    auto prob = crossEntropy ? probabilities.col(t) : grad.col(t);
    stepLossOut(t) = stepLoss(loss, outputs.col(t), targets.col(targetColumn), grad.col(t), prob);
    total += stepLossOut(t);
  }
  if (crossEntropy && firstTargetStep > 0) {
    // Probabilities of the steps without a target are still shown by the views.
    for (Index t = 0; t < firstTargetStep; ++t) {
      const auto y = outputs.col(t);
      const double m = y.maxCoeff();
      probabilities.col(t) = (y.array() - m).exp().matrix();
      probabilities.col(t) /= probabilities.col(t).sum();
    }
  }
  return total;
}

double evaluateCrossEntropy(const Eigen::Ref<const Matrix>& outputs,
                            const Eigen::Ref<const Eigen::VectorXi>& targets,
                            Eigen::Ref<Vector> stepLossOut, Eigen::Ref<Matrix> grad,
                            Eigen::Ref<Matrix> probabilities) {
  double total = 0.0;
  for (Index t = 0; t < outputs.cols(); ++t) {
    // As stepLoss() above with d = e_k: the same operations in the same order, so the numbers
    // are bit for bit those of the one-hot columns.
    const auto y = outputs.col(t);
    const Index k = targets(t);
    const double m = y.maxCoeff();
    const double logSumExp = m + std::log((y.array() - m).exp().sum());
    auto prob = probabilities.col(t);
    for (Index j = 0; j < y.size(); ++j) {
      prob(j) = std::exp(y(j) - logSumExp);
    }
    grad.col(t) = prob * 1.0;
    grad(k, t) -= 1.0;
    const double value = -(y(k) - logSumExp);
    stepLossOut(t) = value;
    total += value;
  }
  return total;
}

}  // namespace rnnlab
