#pragma once

// Reduces a long loss history to what a line chart of `columns` pixel columns can show: for each
// column, the smallest and the largest loss among the iterations that fall into it, in iteration
// order. The drawn curve then covers exactly the band the full curve would cover, with at most
// 2·columns points however long the history is.

#include <QPointF>
#include <vector>

#include "rnnlab/loss_record.h"

class LossDecimator {
 public:
  // ys[i] is the loss of iteration xOffset + i. Uses the indices first..last (inclusive, clamped
  // to the data) split into `columns` equal runs; returns each run's minimum and maximum as
  // (xOffset + index, loss), one point when both are the same element, in index order.
  // When the range holds at most 2·columns points, returns them all. Non-finite losses (a
  // diverged run) are skipped: a chart cannot draw them.
  static std::vector<QPointF> decimate(const std::vector<double>& ys, long first, long last,
                                       int columns, double xOffset = 0.0);
  // The same over a bounded record: exact iterations as above; in its folded part each column
  // gets the minimum and maximum of the buckets it touches, placed at the buckets' middles (so a
  // zoom closer than a bucket shows its envelope as a band, never invented detail).
  static std::vector<QPointF> decimateRecord(const rnnlab::LossRecord& record, long first,
                                             long last, int columns, double xOffset = 0.0);
};
