#pragma once

// A round tick step (1, 2 or 5 × 10^k) giving about `ticks` intervals over `span`; 1 for an
// empty or non-finite span. Shared by every chart so their axes read alike.
double niceTickInterval(double span, int ticks);
