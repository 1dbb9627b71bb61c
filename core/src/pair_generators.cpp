// The sequence-to-sequence task generators (pair_generators.h).

#include "rnnlab/pair_generators.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>
#include <stdexcept>
#include <string_view>

#include "rnnlab/rng.h"
#include "rnnlab/utf8.h"

namespace rnnlab {
namespace {

// floor(uniform · n): a whole number in 0 … n − 1 from one draw.
long pick(Rng& rng, long n) {
  return std::min(n - 1, static_cast<long>(std::floor(rng.uniform() * static_cast<double>(n))));
}

void checkCounts(const GeneratorCounts& counts) {
  if (counts.train < 1) {
    throw std::invalid_argument("train: at least 1 pair is needed");
  }
  if (counts.validation < 0) {
    throw std::invalid_argument("validation: must not be negative");
  }
}

using PairOf = std::function<std::pair<std::string, std::string>(Rng&)>;

PairsData drawPairs(const GeneratorCounts& counts, const PairOf& pairOf) {
  checkCounts(counts);
  PairsData data;
  data.batchSize = 32;
  data.shuffle = true;
  Rng rng(counts.seed);
  for (int k = 0; k < counts.train; ++k) {
    data.train.push_back(pairOf(rng));
  }
  for (int k = 0; k < counts.validation; ++k) {
    data.validation.push_back(pairOf(rng));
  }
  int longest = 0;
  for (const auto* list : {&data.train, &data.validation}) {
    for (const auto& pair : *list) {
      std::u32string target;
      decodeUtf8(pair.second, target);
      longest = std::max(longest, static_cast<int>(target.size()));
    }
  }
  data.maxOutputLength = std::max(PairsData::DefaultMaxOutputLength, longest + 1);
  if (const auto problem = preparePairs(data)) {
    throw std::invalid_argument(*problem);  // a generator's bug, not the caller's
  }
  return data;
}

std::u32string checkedAlphabet(const StringPairOptions& options) {
  std::u32string alphabet;
  if (decodeUtf8(options.alphabet, alphabet) || alphabet.empty()) {
    throw std::invalid_argument("alphabet: needs at least one character (UTF-8)");
  }
  if (std::set<char32_t>(alphabet.begin(), alphabet.end()).size() != alphabet.size()) {
    throw std::invalid_argument("alphabet: a character is repeated");
  }
  if (options.minLength < 1 || options.maxLength < options.minLength ||
      options.maxLength > PairsData::MaxSourceLength) {
    throw std::invalid_argument("length: needs 1 <= minimum <= maximum <= " +
                                std::to_string(PairsData::MaxSourceLength));
  }
  return alphabet;
}

PairsData stringPairs(const StringPairOptions& options,
                      const std::function<std::u32string(std::u32string)>& targetOf) {
  const std::u32string alphabet = checkedAlphabet(options);
  return drawPairs(options.counts, [&](Rng& rng) {
    const long length = options.minLength + pick(rng, options.maxLength - options.minLength + 1);
    std::u32string source;
    for (long k = 0; k < length; ++k) {
      source += alphabet[static_cast<std::size_t>(pick(rng, static_cast<long>(alphabet.size())))];
    }
    return std::pair{encodeUtf8(source), encodeUtf8(targetOf(source))};
  });
}

constexpr std::array<std::string_view, 12> MonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> WeekdayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
long daysFromCivil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long>(era) * 146097 + doe - 719468;
}

// The civil date of a day count (civil_from_days).
void civilFromDays(long days, int& year, int& month, int& day) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

std::string padded(int value, int width) {
  std::string text = std::to_string(value);
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(text.size()))),
                     '0') +
         text;
}

}  // namespace

PairsData generateReversePairs(const StringPairOptions& options) {
  return stringPairs(options, [](std::u32string s) {
    std::reverse(s.begin(), s.end());
    return s;
  });
}

PairsData generateSortPairs(const StringPairOptions& options) {
  return stringPairs(options, [](std::u32string s) {
    std::sort(s.begin(), s.end());
    return s;
  });
}

PairsData generateCopyPairs(const StringPairOptions& options) {
  return stringPairs(options, [](std::u32string s) { return s; });
}

PairsData generateAddPairs(const AddPairOptions& options) {
  if (options.digits < 1 || options.digits > 9) {
    throw std::invalid_argument("digits: needs 1 to 9");
  }
  long bound = 1;
  for (int k = 0; k < options.digits; ++k) {
    bound *= 10;
  }
  return drawPairs(options.counts, [bound](Rng& rng) {
    const long a = pick(rng, bound);
    const long b = pick(rng, bound);
    return std::pair{std::to_string(a) + "+" + std::to_string(b), std::to_string(a + b)};
  });
}

PairsData generateDatePairs(const DatePairOptions& options) {
  const long first = daysFromCivil(1950, 1, 1);
  const long count = daysFromCivil(2050, 1, 1) - first;
  return drawPairs(options.counts, [first, count](Rng& rng) {
    int year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(first + pick(rng, count), year, month, day);
    const int format = static_cast<int>(pick(rng, DateFormatCount));
    return std::pair{dateInFormat(year, month, day, format), isoDate(year, month, day)};
  });
}

std::string isoDate(int year, int month, int day) {
  return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2);
}

std::string dateInFormat(int year, int month, int day, int format) {
  const std::string monthName(MonthNames[static_cast<std::size_t>(month - 1)]);
  const std::string shortMonth = monthName.substr(0, 3);
  const std::string y = std::to_string(year);
  const std::string m = std::to_string(month);
  const std::string d = std::to_string(day);
  switch (format) {
    case 0:
      return d + " " + shortMonth + " " + y;
    case 1:
      return monthName + " " + d + ", " + y;
    case 2:
      return m + "/" + d + "/" + padded(year % 100, 2);
    case 3: {
      // 1970-01-01 was a Thursday (index 3 from Monday).
      const long weekday = ((daysFromCivil(year, month, day) % 7) + 7 + 3) % 7;
      return std::string(WeekdayNames[static_cast<std::size_t>(weekday)]) + " " + d + " " +
             monthName + " " + y;
    }
    case 4:
      return y + "年" + m + "月" + d + "日";
    case 5:
      return padded(day, 2) + "." + padded(month, 2) + "." + y;
    case 6:
      return shortMonth + " " + d + ", " + y;
    default:
      throw std::invalid_argument("date format: needs 0 to " + std::to_string(DateFormatCount - 1));
  }
}

}  // namespace rnnlab
