#include "rnnlab/gradient_check.h"

#include <algorithm>
#include <cmath>

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"

namespace rnnlab {

double GradientCheckResult::worst() const {
  return *std::max_element(maxRelativeError.begin(), maxRelativeError.end());
}

GradientCheckResult gradientCheck(const Model& model, const SequenceData& data) {
  GradientCheckResult result;
  ForwardPass pass;
  BackwardPass back;
  forward(model, data, pass);
  backward(model, pass, back);
  result.loss = pass.loss;
  const double floor = 1e-6 * std::max(1.0, std::abs(pass.loss));

  Model probe = model;
  const auto analytic = back.grads.blocks();
  auto theta = probe.params.blocks();
  for (int b = 0; b < Parameters::BlockCount; ++b) {
    double worst = 0.0;
    for (Index i = 0; i < theta[b].size(); ++i) {
      const double saved = theta[b](i);
      theta[b](i) = saved + GradientCheckResult::Step;
      forward(probe, data, pass);
      const double plus = pass.loss;
      theta[b](i) = saved - GradientCheckResult::Step;
      forward(probe, data, pass);
      const double minus = pass.loss;
      theta[b](i) = saved;
      const double numeric = (plus - minus) / (2.0 * GradientCheckResult::Step);
      const double a = analytic[b](i);
      const double error = std::abs(a - numeric) / std::max(std::abs(a) + std::abs(numeric), floor);
      worst = std::max(worst, std::isnan(error) ? INFINITY : error);
    }
    result.maxRelativeError[b] = worst;
  }
  return result;
}

}  // namespace rnnlab
