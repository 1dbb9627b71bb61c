#pragma once

// Seeded generators of sequence-to-sequence tasks (spec v3 §3, `data.kind` = pairs): a training
// and a validation list drawn in that order from one Rng(seed). The same options give the same
// pairs; the pairs themselves are not part of the numeric contract.
//
//   reverse: a random string over `alphabet` of minLength … maxLength characters → reversed.
//   sort:    the same strings → their characters in ascending code point order.
//   copy:    the same strings → themselves.
//   add:     "a+b" with a, b of 1 … digits digits (uniform in 0 … 10^digits − 1) → the sum.
//   dates:   a day uniform in 1950-01-01 … 2049-12-31 written in one of DateFormatCount human
//            formats (dateInFormat) → "YYYY-MM-DD".
//
// The returned data is prepared (preparePairs): vocabulary built from the pairs, tokens filled.

#include <cstdint>
#include <string>

#include "rnnlab/pairs_data.h"
#include "rnnlab/sequence_generators.h"

namespace rnnlab {

struct StringPairOptions {
  GeneratorCounts counts;
  std::string alphabet = "abcdefghijklmnopqrstuvwxyz";  // UTF-8, each character once
  int minLength = 5;
  int maxLength = 15;
};

struct AddPairOptions {
  GeneratorCounts counts;
  int digits = 3;  // 1 … 9
};

struct DatePairOptions {
  GeneratorCounts counts;
};

// Each throws std::invalid_argument (naming the option) for counts or sizes out of range:
// train ≥ 1, validation ≥ 0, a non-empty alphabet without repeats, 1 ≤ minLength ≤ maxLength ≤
// PairsData::MaxSourceLength, 1 ≤ digits ≤ 9.
PairsData generateReversePairs(const StringPairOptions& options);
PairsData generateSortPairs(const StringPairOptions& options);
PairsData generateCopyPairs(const StringPairOptions& options);
PairsData generateAddPairs(const AddPairOptions& options);
PairsData generateDatePairs(const DatePairOptions& options);

// The date formats, format 0 … DateFormatCount − 1 for 2020-01-25:
//   0 "25 Jan 2020"   1 "January 25, 2020"   2 "1/25/20"   3 "Saturday 25 January 2020"
//   4 "2020年1月25日"  5 "25.01.2020"          6 "Jan 25, 2020"
constexpr int DateFormatCount = 7;
// A valid date (1 ≤ month ≤ 12, day within the month) in format `format`.
std::string dateInFormat(int year, int month, int day, int format);
// "YYYY-MM-DD".
std::string isoDate(int year, int month, int day);

}  // namespace rnnlab
