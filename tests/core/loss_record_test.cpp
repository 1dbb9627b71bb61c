// LossRecord: exact up to its cap, then buckets whose minimum, maximum and mean are those of the
// losses folded into them (checked against a plain copy), and a byte count that stays under its
// stated bound however many iterations go in.

#include "rnnlab/loss_record.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

using namespace rnnlab;

namespace {

// A noisy falling curve with rare spikes, so that a bucket's extremes are not at its ends.
double lossOf(std::size_t k) {
  const double spike = k % 997 == 500 ? 50.0 : 0.0;
  return 10.0 / (1.0 + 0.001 * static_cast<double>(k)) + std::sin(0.37 * static_cast<double>(k)) +
         spike;
}

struct Plain {
  double min = INFINITY;
  double max = -INFINITY;
  double sum = 0.0;
  std::size_t count = 0;
};

Plain plainOver(const std::vector<double>& all, std::size_t first, std::size_t end) {
  Plain p;
  for (std::size_t k = first; k < end; ++k) {
    p.min = std::min(p.min, all[k]);
    p.max = std::max(p.max, all[k]);
    p.sum += all[k];
    ++p.count;
  }
  return p;
}

}  // namespace

TEST(LossRecord, BelowItsCapItIsAnExactCopy) {
  LossRecord record(100, 8);
  std::vector<double> losses;
  for (std::size_t k = 0; k < 100; ++k) {
    record.push_back(lossOf(k));
    losses.push_back(lossOf(k));
  }
  EXPECT_TRUE(record == losses);
  EXPECT_EQ(record.exactBegin(), 0u);
  EXPECT_EQ(record.values(), losses);
  const LossRecord::Summary s = record.summarize(10, 19);
  const Plain p = plainOver(losses, 10, 20);
  EXPECT_EQ(s.min, p.min);
  EXPECT_EQ(s.max, p.max);
  EXPECT_DOUBLE_EQ(s.mean, p.sum / 10.0);
  EXPECT_EQ(losses[s.minAt], p.min);
  EXPECT_EQ(losses[s.maxAt], p.max);
}

TEST(LossRecord, BucketsKeepTheMinimumMaximumAndMeanOfWhatTheyHold) {
  const std::size_t exactCap = 1000;
  const std::size_t bucketCap = 64;
  LossRecord record(exactCap, bucketCap);
  std::vector<double> all;
  const std::size_t n = 200'000;
  for (std::size_t k = 0; k < n; ++k) {
    record.push_back(lossOf(k));
    all.push_back(lossOf(k));
  }
  ASSERT_EQ(record.size(), n);
  // The latest exactCap iterations are exact.
  EXPECT_EQ(record.exactBegin(), n - exactCap);
  for (std::size_t k = record.exactBegin(); k < n; ++k) {
    ASSERT_EQ(record.at(k), all[k]);
  }
  // 199,000 folded iterations in at most 64 buckets: the width is the power of two that fits.
  const std::size_t width = record.bucketWidth();
  EXPECT_EQ(width, 4096u);
  // Every bucket against the plain copy.
  for (std::size_t begin = 0; begin < record.exactBegin(); begin += width) {
    const auto [first, end] = record.span(begin);
    ASSERT_EQ(first, begin);
    ASSERT_EQ(end, std::min(begin + width, record.exactBegin()));
    const Plain p = plainOver(all, first, end);
    const LossRecord::Summary s = record.summarize(first, end - 1);
    ASSERT_EQ(s.count, p.count);
    ASSERT_EQ(s.min, p.min);
    ASSERT_EQ(s.max, p.max);  // every spike survives in its bucket's maximum
    ASSERT_NEAR(s.mean, p.sum / static_cast<double>(p.count), 1e-12);
    ASSERT_NEAR(record.at(first + width / 3), s.mean, 1e-12);
  }
  // The whole run: the envelope and the mean of everything.
  const Plain p = plainOver(all, 0, n);
  const LossRecord::Summary s = record.summarize(0, n - 1);
  EXPECT_EQ(s.count, n);
  EXPECT_EQ(s.min, p.min);
  EXPECT_EQ(s.max, p.max);
  EXPECT_NEAR(s.mean, p.sum / static_cast<double>(n), 1e-9);
}

TEST(LossRecord, MemoryStaysUnderItsBoundWhateverTheCount) {
  LossRecord record(4096, 512);
  std::size_t largest = 0;
  for (std::size_t k = 0; k < 20'000'000; ++k) {
    record.push_back(lossOf(k));
    if ((k & 0xffff) == 0) {
      largest = std::max(largest, record.byteSize());
    }
  }
  largest = std::max(largest, record.byteSize());
  EXPECT_LE(largest, record.maxBytes());
  EXPECT_LE(record.maxBytes(), sizeof(LossRecord) + 4096 * 8 + 513 * 32);
  EXPECT_EQ(record.size(), 20'000'000u);
  // The default caps: 16 MiB and a bit, for any run.
  EXPECT_LE(LossRecord().maxBytes(), (std::size_t{16} << 20) + 1024);
}

TEST(LossRecord, MergeFollowsTheHistoryRuleInBothParts) {
  LossRecord record(10, 4);
  for (std::size_t k = 0; k < 100; ++k) {
    record.push_back(static_cast<double>(k));
  }
  // A divergence takes the last update back: exact.
  EXPECT_EQ(record.merge(100, {}, 99), 99u);
  EXPECT_EQ(record.size(), 99u);
  EXPECT_EQ(record.back(), 98.0);
  // A batch from earlier within the exact part replaces from there on.
  EXPECT_EQ(record.merge(95, {-1.0, -2.0}, 97), 95u);
  EXPECT_EQ(record.size(), 97u);
  EXPECT_EQ(record.at(95), -1.0);
  EXPECT_EQ(record.at(94), 94.0);
  // A branch from an iteration in the folded part: the new losses follow it exactly.
  EXPECT_EQ(record.merge(40, {7.0, 8.0}, 42), 40u);
  EXPECT_EQ(record.size(), 42u);
  EXPECT_EQ(record.exactBegin(), 40u);
  EXPECT_EQ(record.at(41), 8.0);
  EXPECT_TRUE(std::isfinite(record.at(39)));
  // A reset.
  EXPECT_EQ(record.merge(0, {3.0}, 1), 0u);
  EXPECT_TRUE(record == std::vector<double>({3.0}));
}

TEST(LossRecord, AResumedRunStartsLateWithoutStoringTheGap) {
  LossRecord record(16, 4);
  record.merge(1'000'000'000, {2.0, 1.0}, 1'000'000'002);
  EXPECT_EQ(record.size(), 1'000'000'002u);
  EXPECT_TRUE(std::isnan(record.at(5)));
  EXPECT_EQ(record.at(1'000'000'001), 1.0);
  EXPECT_LE(record.byteSize(), record.maxBytes());
  const LossRecord::Summary s = record.summarize(0, record.size() - 1);
  EXPECT_EQ(s.count, 2u);
  EXPECT_EQ(s.min, 1.0);
  // The CSV leaves the gap out.
  EXPECT_EQ(serializeLossRecord(record), "iteration,loss\n1000000000,2\n1000000001,1\n");
}

TEST(LossRecord, TheCsvHasOneRowPerBucketThenOnePerExactIteration) {
  LossRecord record(2, 2);
  for (double loss : {1.0, 3.0, 5.0, 7.0, 9.0, 11.0}) {
    record.push_back(loss);
  }
  // Iterations 0-3 folded into two buckets of width 2 (means 2 and 6), 4 and 5 exact.
  ASSERT_EQ(record.bucketWidth(), 2u);
  EXPECT_EQ(serializeLossRecord(record), "iteration,loss\n0,2\n2,6\n4,9\n5,11\n");
}
