#include "rnnlab/clipping.h"

#include <cmath>

namespace rnnlab {

double globalNorm(const Gradients& grads) {
  double sum = 0.0;
  for (int b = 0; b < grads.blockCount(); ++b) {
    sum += grads.flat(b).square().sum();
  }
  return std::sqrt(sum);
}

ClipReport clipGradients(Gradients& grads, double clipValue, double clipNorm) {
  ClipReport report;
  report.normBefore = globalNorm(grads);
  if (clipValue > 0.0) {
    for (int b = 0; b < grads.blockCount(); ++b) {
      auto block = grads.flat(b);
      report.valuesClipped += (block.abs() > clipValue).count();
      block = block.max(-clipValue).min(clipValue);
    }
  }
  report.normAfter = report.valuesClipped > 0 ? globalNorm(grads) : report.normBefore;
  if (clipNorm > 0.0 && report.normAfter > clipNorm) {
    const double factor = clipNorm / report.normAfter;
    for (int b = 0; b < grads.blockCount(); ++b) {
      grads.flat(b) *= factor;
    }
    report.normClipped = true;
    report.normAfter = globalNorm(grads);
  }
  return report;
}

}  // namespace rnnlab
