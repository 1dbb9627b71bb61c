#include "rnnlab/gradient_check.h"

#include <algorithm>
#include <cmath>

#include "rnnlab/backward_pass.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/blog_backward.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/rng.h"

namespace rnnlab {

double GradientCheckResult::worst() const {
  // Unused entries are zero, so they never win.
  return *std::max_element(maxRelativeError.begin(), maxRelativeError.end());
}

namespace {

// `lossOf(model)` is the loss; `analyticGrads` its gradient at `model`.
template <class LossOf>
GradientCheckResult check(const Model& model, double loss, const Gradients& analyticGrads,
                          LossOf lossOf, const GradientCheckOptions& options) {
  GradientCheckResult result;
  result.loss = loss;
  const double floor = 1e-4 * std::max(1.0, std::abs(loss));

  Model probe = model;
  Rng rng(options.sampleSeed);
  result.blockCount = model.params.blockCount();
  result.cell = model.config.cell;
  for (int b = 0; b < result.blockCount; ++b) {
    const auto analytic = analyticGrads.flat(b);
    auto theta = probe.params.flat(b);
    double worst = 0.0;
    const Index size = theta.size();
    const bool sampled = options.maxElementsPerBlock > 0 && size > options.maxElementsPerBlock;
    const Index count = sampled ? options.maxElementsPerBlock : size;
    result.checkedElements[static_cast<std::size_t>(b)] = count;
    for (Index k = 0; k < count; ++k) {
      if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) {
        result.cancelled = true;
        return result;
      }
      const Index i =
          sampled ? static_cast<Index>(rng.nextU64() % static_cast<std::uint64_t>(size)) : k;
      const double saved = theta(i);
      theta(i) = saved + GradientCheckResult::Step;
      const double plus = lossOf(probe);
      theta(i) = saved - GradientCheckResult::Step;
      const double minus = lossOf(probe);
      theta(i) = saved;
      const double numeric = (plus - minus) / (2.0 * GradientCheckResult::Step);
      const double a = analytic(i);
      const double error = std::abs(a - numeric) / std::max(std::abs(a) + std::abs(numeric), floor);
      worst = std::max(worst, std::isnan(error) ? INFINITY : error);
    }
    result.maxRelativeError[static_cast<std::size_t>(b)] = worst;
  }
  return result;
}

}  // namespace

GradientCheckResult gradientCheck(const Model& model, const SequenceData& data,
                                  const GradientCheckOptions& options) {
  if (model.config.stacked()) {
    // A stack runs as a batch of one (the session allows no blog bugs for it).
    const long first[] = {0};
    return gradientCheck(model, std::span<const SequenceData>(&data, 1), first, options);
  }
  ForwardPass pass;
  BackwardPass back;
  if (options.blogBugs.any()) {
    forwardBlog(model, data, options.blogBugs, pass);
    backwardBlog(model, pass, options.blogBugs, back);
    return check(
        model, pass.loss, back.grads,
        [&](const Model& probe) {
          forwardBlog(probe, data, options.blogBugs, pass);
          return pass.loss;
        },
        options);
  }
  forward(model, data, pass);
  backward(model, pass, back);
  return check(
      model, pass.loss, back.grads,
      [&](const Model& probe) {
        forward(probe, data, pass);
        return pass.loss;
      },
      options);
}

GradientCheckResult gradientCheck(const Model& model, std::span<const SequenceData> sequences,
                                  std::span<const long> batch,
                                  const GradientCheckOptions& options) {
  BatchPass pass;
  pass.reserve(model.config, sequences, static_cast<Index>(sequences.size()));
  const double loss = pass.forward(model, sequences, batch);
  Gradients grads = Parameters::zeros(model.config);
  pass.backward(model, grads);
  return check(
      model, loss, grads, [&](const Model& probe) { return pass.forward(probe, sequences, batch); },
      options);
}

}  // namespace rnnlab
