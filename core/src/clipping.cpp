#include "rnnlab/clipping.h"

#include <cmath>

namespace rnnlab {

double globalNorm(const Gradients& grads) {
  double sum = 0.0;
  for (const auto& block : grads.blocks()) {
    sum += block.square().sum();
  }
  return std::sqrt(sum);
}

ClipReport clipGradients(Gradients& grads, double clipValue, double clipNorm) {
  ClipReport report;
  report.normBefore = globalNorm(grads);
  if (clipValue > 0.0) {
    for (auto block : grads.blocks()) {
      report.valuesClipped += (block.abs() > clipValue).count();
      block = block.max(-clipValue).min(clipValue);
    }
  }
  report.normAfter = report.valuesClipped > 0 ? globalNorm(grads) : report.normBefore;
  if (clipNorm > 0.0 && report.normAfter > clipNorm) {
    const double factor = clipNorm / report.normAfter;
    for (auto block : grads.blocks()) {
      block *= factor;
    }
    report.normClipped = true;
    report.normAfter = globalNorm(grads);
  }
  return report;
}

}  // namespace rnnlab
