#pragma once

// The one diverging colour map of every view (blue negative, white 0, red positive) and what is
// built from it: a matrix as an image with one pixel per cell, and the text colour that reads on
// a cell. Views and the legend take their colours from here, not from each other.

#include <Eigen/Core>
#include <QColor>
#include <QImage>
#include <QSize>
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

// As fillColorImage, but at most maxSide pixels a side: a matrix larger than that is pooled in
// blocks of ⌈rows/maxSide⌉ × ⌈cols/maxSide⌉ cells, each pixel coloured by its block's value of
// largest magnitude (NaN first), so a single outlier among 4096×4096 weights still shows. Returns
// the block size (1×1: one pixel per cell, as fillColorImage). A 4096×4096 matrix then costs a
// 4 MB image and 1M colour lookups instead of 64 MB and 16.7M.
QSize fillPooledColorImage(const Eigen::Ref<const rnnlab::Matrix>& values, double maxAbs,
                           int maxSide, QImage& image);
// The pooling of fillPooledColorImage alone, which needs no scale (so it can run on any thread):
// `strongest` gets each block's value of largest magnitude (NaN first), one entry per pixel, and
// the block size is returned. A matrix of at most maxSide a side is not pooled: {1, 1} and an
// empty `strongest`. fillColorImage(strongest, maxAbs, image) then gives fillPooledColorImage's
// image.
QSize poolStrongest(const Eigen::Ref<const rnnlab::Matrix>& values, int maxSide,
                    rnnlab::Matrix& strongest);
