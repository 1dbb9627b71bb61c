#include "widgets/color_scale.h"

#include <algorithm>
#include <array>
#include <vector>

namespace {

// ColorBrewer RdBu (11 classes) reversed: −1 is dark blue, +1 dark red. The middle class
// (#f7f7f7) is replaced by pure white so that an exact 0 reads as "nothing".
constexpr std::array<QRgb, 11> Anchors = {
    0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xffffff,
    0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f,
};
constexpr QRgb NanColor = 0x9e9e9e;

}  // namespace

QRgb divergingRgb(double value, double maxAbs) {
  if (std::isnan(value)) {
    return 0xff000000 | NanColor;
  }
  if (!(maxAbs > 0.0) || value == 0.0) {
    return 0xff000000 | Anchors[5];
  }
  // Position on the anchors: 0 at −maxAbs, 10 at +maxAbs (inf saturates through the clamp).
  const double t = std::clamp(value / maxAbs, -1.0, 1.0);
  const double position = (t + 1.0) * 5.0;
  const int lower = std::min(9, static_cast<int>(position));
  const double f = position - lower;
  const QRgb a = Anchors[lower];
  const QRgb b = Anchors[lower + 1];
  // Rounds half up like std::lround for these non-negative values, without its library call (the
  // heatmaps colour millions of cells a second while training).
  const auto mix = [f](int x, int y) { return static_cast<int>(x + (y - x) * f + 0.5); };
  return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

QColor divergingColor(double value, double maxAbs) {
  return QColor::fromRgb(divergingRgb(value, maxAbs));
}

QColor textColorOn(const QColor& background) {
  // Perceived brightness (Rec. 601 weights): black text on light cells, white on dark ones.
  const double luminance =
      0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue();
  return luminance > 140.0 ? QColor(Qt::black) : QColor(Qt::white);
}

void fillColorImage(const Eigen::Ref<const rnnlab::Matrix>& values, double maxAbs, QImage& image) {
  const auto rows = static_cast<int>(values.rows());
  const auto cols = static_cast<int>(values.cols());
  if (rows == 0 || cols == 0) {
    image = QImage();
    return;
  }
  if (image.width() != cols || image.height() != rows || image.format() != QImage::Format_RGB32) {
    image = QImage(cols, rows, QImage::Format_RGB32);
  }
  for (int r = 0; r < rows; ++r) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
    for (int c = 0; c < cols; ++c) {
      line[c] = divergingRgb(values(r, c), maxAbs);
    }
  }
}

QSize poolStrongest(const Eigen::Ref<const rnnlab::Matrix>& values, int maxSide,
                    rnnlab::Matrix& strongest) {
  const auto rows = static_cast<int>(values.rows());
  const auto cols = static_cast<int>(values.cols());
  maxSide = std::max(1, maxSide);
  if (rows <= maxSide && cols <= maxSide) {
    strongest.resize(0, 0);
    return {1, 1};
  }
  const int blockRows = (rows + maxSide - 1) / maxSide;
  const int blockCols = (cols + maxSide - 1) / maxSide;
  const int height = (rows + blockRows - 1) / blockRows;
  const int width = (cols + blockCols - 1) / blockCols;
  strongest.setZero(height, width);
  // Column-major storage: walk each block column by column, contiguous in memory.
  for (int x = 0; x < width; ++x) {
    double* kept = strongest.col(x).data();
    const int c1 = std::min(cols, (x + 1) * blockCols);
    for (int c = x * blockCols; c < c1; ++c) {
      const double* column = values.col(c).data();
      for (int y = 0; y < height; ++y) {
        const int r1 = std::min(rows, (y + 1) * blockRows);
        for (int r = y * blockRows; r < r1; ++r) {
          const double v = column[r];
          if (std::isnan(v) || (!std::isnan(kept[y]) && std::abs(v) > std::abs(kept[y]))) {
            kept[y] = v;
          }
        }
      }
    }
  }
  return {blockCols, blockRows};
}

QSize fillPooledColorImage(const Eigen::Ref<const rnnlab::Matrix>& values, double maxAbs,
                           int maxSide, QImage& image) {
  rnnlab::Matrix strongest;
  const QSize block = poolStrongest(values, maxSide, strongest);
  fillColorImage(block == QSize(1, 1) ? values : Eigen::Ref<const rnnlab::Matrix>(strongest),
                 maxAbs, image);
  return block;
}

QImage colorImage(const Eigen::Ref<const rnnlab::Matrix>& values, double maxAbs) {
  QImage image;
  fillColorImage(values, maxAbs, image);
  return image;
}
