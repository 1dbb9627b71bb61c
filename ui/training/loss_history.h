#pragma once

// The one store of a run's losses on the GUI thread: losses()[k] is the loss of iteration k
// (computed before that iteration's update). TrainingController fills it from the snapshots;
// views read it and follow its two signals instead of keeping copies of their own. The losses
// are a rnnlab::LossRecord: exact for the latest 2^20 iterations, older ones in min/max/mean
// buckets, at most 16 MiB for any run; the validation points are thinned beyond
// MaxValidationPoints.
//
// Losses arrive in batches that may start before the current end: a divergence takes the last
// update back, a branch continues from an earlier iteration, a reset starts at 0. merge() is the
// one place that rule is written.

#include <QObject>
#include <cstddef>
#include <vector>

#include "rnnlab/loss_record.h"

class LossHistory : public QObject {
  Q_OBJECT

 public:
  // One point of a second series measured now and then rather than every iteration (e.g. a
  // validation loss): its value for the weights after `iteration` updates.
  struct Point {
    long iteration = 0;
    double value = 0.0;
    friend bool operator==(const Point&, const Point&) = default;
  };

  // Beyond this many validation points every other older one is dropped (a data set's
  // validation may come every few milliseconds for days).
  static constexpr std::size_t MaxValidationPoints = std::size_t{1} << 16;

  explicit LossHistory(QObject* parent = nullptr);
  // A history whose record has other caps (tests).
  LossHistory(std::size_t exactCap, std::size_t bucketCap, QObject* parent = nullptr);

  const rnnlab::LossRecord& losses() const { return m_losses; }
  std::size_t size() const { return m_losses.size(); }
  bool empty() const { return m_losses.empty(); }

  // Takes a batch: `batch[k]` is the loss of iteration first + k, and the run has done `end`
  // iterations. Everything from `first` on is replaced by the batch, then everything from `end`
  // on is dropped (a divergence took those updates back). Emits cutBack() if losses that were
  // here are gone or replaced, then grown() if any were added.
  void update(std::size_t first, const std::vector<double>& batch, std::size_t end);
  // Drops everything (a reset or a new session); emits cutBack(0) unless already empty.
  void clear();
  // Replaces everything with a run's record and validation points (a run brought back).
  void restore(const rnnlab::LossRecord& losses, const std::vector<Point>& validation);

  // The second series, in increasing iteration order. update() drops its points beyond the
  // run's new end (a divergence, a branch from an earlier iteration), like the losses.
  const std::vector<Point>& validation() const { return m_validation; }
  // Appends points (each after the last one kept; an earlier or equal iteration replaces the
  // points from there on). Emits validationChanged() when anything changed. Beyond
  // MaxValidationPoints every other point but the latest is dropped: the kept ones stay exact.
  void addValidation(const std::vector<Point>& points);

  // The rule of update() on a plain vector (rnnlab::LossRecord::merge() is the same rule). Returns how many
  // of the old losses were kept unchanged. A batch starting beyond the end leaves a gap of NaN
  // (with a warning: losses were lost on the way).
  static std::size_t merge(std::vector<double>& losses, std::size_t first,
                           const std::vector<double>& batch, std::size_t end);

 signals:
  // losses()[first .. size()) are new.
  void grown(std::size_t first);
  // Everything from `size` on was dropped (a rewind, a branch, a reset); grown() may follow.
  void cutBack(std::size_t size);
  // validation() changed (points added or dropped).
  void validationChanged();

 private:
  // Drops the validation points beyond `iteration`; true if any were dropped.
  bool cutValidation(long iteration);

  rnnlab::LossRecord m_losses;
  std::vector<Point> m_validation;
};
