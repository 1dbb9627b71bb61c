#pragma once

// Tick and label spacing shared by every chart and heatmap, so their axes read alike.

// A round tick step (1, 2 or 5 × 10^k) giving about `ticks` intervals over `span`; 1 for an
// empty or non-finite span.
double niceTickInterval(double span, int ticks);

// The smallest "nice" whole step (1, 2, 5, 10, 20, 50, ...) of at least `minimum`: label every
// n-th row, column or decade when not all fit. 1 for a minimum ≤ 1 or NaN.
int niceStep(double minimum);
