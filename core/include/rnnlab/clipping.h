#pragma once

// Gradient clipping, as training applies it: first every element to [−clipValue, clipValue]
// (clipValue > 0; 0 disables), then, if the global L2 norm of all gradients exceeds clipNorm
// (clipNorm > 0; 0 disables), every element is multiplied by exactly clipNorm / ‖g‖.

#include "rnnlab/model.h"

namespace rnnlab {

struct ClipReport {
  double normBefore = 0.0;  // ‖g‖ before any clipping
  double normAfter = 0.0;   // ‖g‖ after both steps
  Index valuesClipped = 0;  // elements that value clipping changed
  bool normClipped = false;

  bool acted() const { return valuesClipped > 0 || normClipped; }
};

double globalNorm(const Gradients& grads);

ClipReport clipGradients(Gradients& grads, double clipValue, double clipNorm);

}  // namespace rnnlab
