// The sequence-to-sequence generators: determinism (same seed, same pairs; another seed, others),
// each task's rule checked on every pair, and the date formats against dates written out here.

#include "rnnlab/pair_generators.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "rnnlab/utf8.h"

using namespace rnnlab;

namespace {

std::u32string points(const std::string& text) {
  std::u32string out;
  EXPECT_EQ(decodeUtf8(text, out), std::nullopt);
  return out;
}

}  // namespace

TEST(PairGenerators, SameSeedGivesTheSamePairsAndAnotherSeedOthers) {
  StringPairOptions options;
  options.counts = {20, 5, 7};
  EXPECT_EQ(generateReversePairs(options), generateReversePairs(options));
  StringPairOptions other = options;
  other.counts.seed = 8;
  EXPECT_NE(generateReversePairs(other).train, generateReversePairs(options).train);
  DatePairOptions dates;
  dates.counts = {30, 4, 3};
  EXPECT_EQ(generateDatePairs(dates), generateDatePairs(dates));
  AddPairOptions add;
  add.counts = {30, 4, 3};
  EXPECT_EQ(generateAddPairs(add), generateAddPairs(add));
}

TEST(PairGenerators, StringTasksFollowTheirRules) {
  StringPairOptions options;
  options.counts = {200, 20, 5};
  options.alphabet = "abcxyz";
  options.minLength = 5;
  options.maxLength = 15;
  const PairsData reverse = generateReversePairs(options);
  const PairsData sort = generateSortPairs(options);
  const PairsData copy = generateCopyPairs(options);
  ASSERT_EQ(reverse.train.size(), 200u);
  ASSERT_EQ(reverse.validation.size(), 20u);
  std::set<std::size_t> lengths;
  for (std::size_t k = 0; k < reverse.train.size(); ++k) {
    const std::string& source = reverse.train[k].first;
    lengths.insert(source.size());
    EXPECT_TRUE(source.find_first_not_of("abcxyz") == std::string::npos) << source;
    EXPECT_EQ(reverse.train[k].second, std::string(source.rbegin(), source.rend()));
    // The same draws give the same sources for every string task.
    EXPECT_EQ(sort.train[k].first, source);
    std::string sorted = source;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sort.train[k].second, sorted);
    EXPECT_EQ(copy.train[k].second, source);
  }
  EXPECT_EQ(*lengths.begin(), 5u);
  EXPECT_EQ(*lengths.rbegin(), 15u);
  EXPECT_TRUE(reverse.vocabulary == U"abcxyz");
  EXPECT_EQ(reverse.trainTokens.size(), 200u);  // prepared
}

TEST(PairGenerators, ReverseKeepsMultiByteCharacters) {
  StringPairOptions options;
  options.counts = {10, 0, 2};
  options.alphabet = "年月日";
  const PairsData data = generateReversePairs(options);
  for (const auto& [source, target] : data.train) {
    std::u32string reversed = points(source);
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_EQ(points(target), reversed);
  }
}

TEST(PairGenerators, AdditionSumsNumbersOfUpToNDigits) {
  AddPairOptions options;
  options.counts = {300, 0, 4};
  options.digits = 3;
  long largest = 0;
  for (const auto& [source, target] : generateAddPairs(options).train) {
    const std::size_t plus = source.find('+');
    ASSERT_NE(plus, std::string::npos) << source;
    const long a = std::stol(source.substr(0, plus));
    const long b = std::stol(source.substr(plus + 1));
    EXPECT_EQ(std::to_string(a) + "+" + std::to_string(b), source);  // no leading zeros
    EXPECT_EQ(target, std::to_string(a + b));
    largest = std::max({largest, a, b});
  }
  EXPECT_LE(largest, 999);
  EXPECT_GE(largest, 900);  // 600 draws of 0 … 999
}

TEST(PairGenerators, DateFormatsWriteTheSameDay) {
  // 2020-01-25 was a Saturday; 1950-03-07 a Tuesday; 2049-12-31 a Friday.
  EXPECT_EQ(dateInFormat(2020, 1, 25, 0), "25 Jan 2020");
  EXPECT_EQ(dateInFormat(2020, 1, 25, 1), "January 25, 2020");
  EXPECT_EQ(dateInFormat(2020, 1, 25, 2), "1/25/20");
  EXPECT_EQ(dateInFormat(2020, 1, 25, 3), "Saturday 25 January 2020");
  EXPECT_EQ(dateInFormat(2020, 1, 25, 4), "2020年1月25日");
  EXPECT_EQ(dateInFormat(2020, 1, 25, 5), "25.01.2020");
  EXPECT_EQ(dateInFormat(2020, 1, 25, 6), "Jan 25, 2020");
  EXPECT_EQ(dateInFormat(1950, 3, 7, 3), "Tuesday 7 March 1950");
  EXPECT_EQ(dateInFormat(1950, 3, 7, 2), "3/7/50");
  EXPECT_EQ(dateInFormat(2049, 12, 31, 3), "Friday 31 December 2049");
  EXPECT_EQ(dateInFormat(2000, 2, 29, 3), "Tuesday 29 February 2000");
  EXPECT_EQ(isoDate(1950, 3, 7), "1950-03-07");
  EXPECT_THROW(dateInFormat(2020, 1, 25, DateFormatCount), std::invalid_argument);
}

TEST(PairGenerators, DatesCoverEveryFormatAndTheCentury) {
  DatePairOptions options;
  options.counts = {700, 50, 9};
  const PairsData data = generateDatePairs(options);
  std::set<int> formats;
  int earliest = 9999;
  int latest = 0;
  for (const auto& [source, target] : data.train) {
    ASSERT_EQ(target.size(), 10u) << target;
    const int year = std::stoi(target.substr(0, 4));
    const int month = std::stoi(target.substr(5, 2));
    const int day = std::stoi(target.substr(8, 2));
    EXPECT_EQ(isoDate(year, month, day), target);
    earliest = std::min(earliest, year);
    latest = std::max(latest, year);
    int matched = -1;
    for (int f = 0; f < DateFormatCount; ++f) {
      if (dateInFormat(year, month, day, f) == source) {
        matched = f;
      }
    }
    EXPECT_GE(matched, 0) << source << " is not " << target << " in any format";
    formats.insert(matched);
  }
  EXPECT_EQ(static_cast<int>(formats.size()), DateFormatCount);
  EXPECT_GE(earliest, 1950);
  EXPECT_LE(latest, 2049);
  EXPECT_LE(earliest, 1953);
  EXPECT_GE(latest, 2046);
  EXPECT_NE(data.vocabulary.find(U'年'), std::u32string::npos);
}

TEST(PairGenerators, BadOptionsAreRefused) {
  StringPairOptions options;
  options.alphabet = "aba";
  EXPECT_THROW(generateReversePairs(options), std::invalid_argument);
  options.alphabet = "";
  EXPECT_THROW(generateCopyPairs(options), std::invalid_argument);
  options.alphabet = "ab";
  options.minLength = 6;
  options.maxLength = 5;
  EXPECT_THROW(generateSortPairs(options), std::invalid_argument);
  options.maxLength = 6;
  options.counts.train = 0;
  EXPECT_THROW(generateSortPairs(options), std::invalid_argument);
  AddPairOptions add;
  add.digits = 10;
  EXPECT_THROW(generateAddPairs(add), std::invalid_argument);
}
