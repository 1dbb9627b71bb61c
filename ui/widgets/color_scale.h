#pragma once

// The one diverging colour map of every view (blue negative, white 0, red positive) and what is
// built from it: a matrix as an image with one pixel per cell, and the text colour that reads on
// a cell. Views and the legend take their colours from here, not from each other.

#include <Eigen/Core>
#include <QColor>
#include <QImage>
#include <cmath>

#include "rnnlab/types.h"

// The largest finite |value| (0 when there is none): what a symmetric colour scale centred on 0
// must cover. NaN and infinities are drawn as such and must not blow the scale up.
template <class Derived>
double largestFiniteMagnitude(const Eigen::DenseBase<Derived>& values) {
  if (values.size() == 0) {
    return 0.0;
  }
  return values.derived()
      .array()
      .abs()
      .unaryExpr([](double v) { return std::isfinite(v) ? v : 0.0; })
      .maxCoeff();
}

// value/maxAbs clamped to [−1, 1] through ColorBrewer's RdBu (reversed, so negative is blue),
// white at exactly 0. NaN is grey; maxAbs ≤ 0 gives white for every value.
QRgb divergingRgb(double value, double maxAbs);
QColor divergingColor(double value, double maxAbs);

// Black or white, whichever reads better on that background.
QColor textColorOn(const QColor& background);

// Pixel (c, r) is the colour of values(r, c). `image` is reused when it already has the size
// (a heatmap redrawn every iteration allocates nothing); otherwise it is replaced. An empty matrix
// gives a null image.
void fillColorImage(const Eigen::Ref<const rnnlab::Matrix>& values, double maxAbs, QImage& image);
QImage colorImage(const Eigen::Ref<const rnnlab::Matrix>& values, double maxAbs);
