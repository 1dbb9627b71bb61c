#include "widgets/loss_decimator.h"

#include <algorithm>
#include <cmath>

std::vector<QPointF> LossDecimator::decimate(const std::vector<double>& ys, long first, long last,
                                             int columns, double xOffset) {
  std::vector<QPointF> points;
  const long size = static_cast<long>(ys.size());
  first = std::max(first, 0L);
  last = std::min(last, size - 1);
  if (first > last) {
    return points;
  }
  columns = std::max(columns, 1);
  const long count = last - first + 1;
  const auto point = [&](long i) { return QPointF(xOffset + static_cast<double>(i), ys[i]); };

  if (count <= 2L * columns) {
    points.reserve(static_cast<std::size_t>(count));
    for (long i = first; i <= last; ++i) {
      if (std::isfinite(ys[i])) {
        points.push_back(point(i));
      }
    }
    return points;
  }

  points.reserve(2 * static_cast<std::size_t>(columns));
  for (long column = 0; column < columns; ++column) {
    // Run boundaries by integer arithmetic: every index lands in exactly one run.
    const long begin = first + count * column / columns;
    const long end = first + count * (column + 1) / columns;  // exclusive
    long lowest = -1;
    long highest = -1;
    for (long i = begin; i < end; ++i) {
      const double y = ys[i];
      if (!std::isfinite(y)) {
        continue;
      }
      if (lowest < 0 || y < ys[lowest]) {
        lowest = i;
      }
      if (highest < 0 || y > ys[highest]) {
        highest = i;
      }
    }
    if (lowest < 0) {
      continue;
    }
    if (lowest == highest) {
      points.push_back(point(lowest));
    } else {
      points.push_back(point(std::min(lowest, highest)));
      points.push_back(point(std::max(lowest, highest)));
    }
  }
  return points;
}

std::vector<QPointF> LossDecimator::decimateRecord(const rnnlab::LossRecord& record, long first,
                                                   long last, int columns, double xOffset) {
  std::vector<QPointF> points;
  const long size = static_cast<long>(record.size());
  first = std::max({first, 0L, static_cast<long>(record.origin())});
  last = std::min(last, size - 1);
  if (first > last) {
    return points;
  }
  columns = std::max(columns, 1);
  const long count = last - first + 1;
  const auto point = [&](std::size_t i, double y) {
    return QPointF(xOffset + static_cast<double>(i), y);
  };
  if (count <= 2L * columns && record.isExact(static_cast<std::size_t>(first))) {
    points.reserve(static_cast<std::size_t>(count));
    for (long i = first; i <= last; ++i) {
      const double y = record.at(static_cast<std::size_t>(i));
      if (std::isfinite(y)) {
        points.push_back(point(static_cast<std::size_t>(i), y));
      }
    }
    return points;
  }
  const long runs = std::min<long>(columns, count);
  points.reserve(2 * static_cast<std::size_t>(runs));
  for (long column = 0; column < runs; ++column) {
    const long begin = first + count * column / runs;
    const long end = first + count * (column + 1) / runs;  // exclusive
    const rnnlab::LossRecord::Summary s = record.summarize(static_cast<std::size_t>(begin),
                                                           static_cast<std::size_t>(end - 1));
    // Infinite losses (a diverged run) cannot be drawn: such a column is left out.
    if (s.count == 0 || !std::isfinite(s.min) || !std::isfinite(s.max)) {
      continue;
    }
    if (s.minAt == s.maxAt && s.min == s.max) {
      points.push_back(point(s.minAt, s.min));
    } else if (s.minAt <= s.maxAt) {
      points.push_back(point(s.minAt, s.min));
      points.push_back(point(s.maxAt, s.max));
    } else {
      points.push_back(point(s.maxAt, s.max));
      points.push_back(point(s.minAt, s.min));
    }
  }
  return points;
}
