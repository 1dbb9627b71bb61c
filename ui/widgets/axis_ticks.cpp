#include "widgets/axis_ticks.h"

#include <cmath>
#include <initializer_list>

double niceTickInterval(double span, int ticks) {
  if (!(span > 0.0) || !std::isfinite(span)) {
    return 1.0;
  }
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (factor * magnitude >= raw) {
      return factor * magnitude;
    }
  }
  return 10.0 * magnitude;
}

int niceStep(double minimum) {
  if (!(minimum > 1.0)) {
    return 1;
  }
  long long step = 1;
  constexpr long long Largest = 1'000'000'000;
  while (step < Largest) {
    for (const int factor : {1, 2, 5}) {
      if (static_cast<double>(step * factor) >= minimum) {
        return static_cast<int>(step * factor);
      }
    }
    step *= 10;
  }
  return static_cast<int>(Largest);
}
