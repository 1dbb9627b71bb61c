#include "rnnlab/training_settings.h"

#include <cmath>

#include "rnnlab/limits.h"
#include "text_io.h"

namespace rnnlab {
namespace {

std::string problem(std::string_view key, std::string_view what, double value) {
  return "training." + std::string(key) + ": " + std::string(what) + ", got " +
         detail::formatNumber(value);
}

bool isUnitInterval(double value) { return value >= 0.0 && value < 1.0; }

}  // namespace

std::optional<std::string> validate(const TrainingSettings& settings) {
  // Written so that NaN fails every test (comparisons with NaN are false).
  if (!(settings.learningRate > 0.0 && std::isfinite(settings.learningRate))) {
    return problem("learning_rate", "must be a positive number", settings.learningRate);
  }
  if (!(settings.clipValue >= 0.0 && std::isfinite(settings.clipValue))) {
    return problem("clip_value", "must be a number >= 0 (0 turns it off)", settings.clipValue);
  }
  if (!(settings.clipNorm >= 0.0 && std::isfinite(settings.clipNorm))) {
    return problem("clip_norm", "must be a number >= 0 (0 turns it off)", settings.clipNorm);
  }
  if (!isUnitInterval(settings.momentum)) {
    return problem("momentum", "must be at least 0 and below 1", settings.momentum);
  }
  if (!isUnitInterval(settings.beta1)) {
    return problem("beta1", "must be at least 0 and below 1", settings.beta1);
  }
  if (!isUnitInterval(settings.beta2)) {
    return problem("beta2", "must be at least 0 and below 1", settings.beta2);
  }
  if (!(settings.epsilon > 0.0 && std::isfinite(settings.epsilon))) {
    return problem("epsilon", "must be a positive number", settings.epsilon);
  }
  if (settings.iterations < 0 || settings.iterations > limits::MaxIterations) {
    return "training.iterations: must be between 0 and " + std::to_string(limits::MaxIterations) +
           ", got " + std::to_string(settings.iterations);
  }
  if (!(settings.initScale >= 0.0 && std::isfinite(settings.initScale))) {
    return problem("init_scale", "must be a number >= 0", settings.initScale);
  }
  return std::nullopt;
}

}  // namespace rnnlab
