#pragma once

// The tokenizing both CSV readers share (csv.cpp for one sequence, sequence_set_csv.cpp for a
// data set): lines with their numbers, cells trimmed of spaces and of one pair of quotes, and
// the separator guessed from the header.

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace rnnlab::detail {

inline bool isCsvSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

inline std::string_view trimCell(std::string_view text) {
  while (!text.empty() && isCsvSpace(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && isCsvSpace(text.back())) {
    text.remove_suffix(1);
  }
  // Spreadsheets sometimes quote every cell; separators inside quotes are not supported.
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = trimCell(text.substr(1, text.size() - 2));
  }
  return text;
}

struct CsvLine {
  std::size_t number;  // from 1
  std::string_view text;
};

// The lines that are not blank, numbered as in the file (a UTF-8 byte order mark, as
// spreadsheets write it, is skipped).
inline std::vector<CsvLine> nonBlankLines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  std::vector<CsvLine> lines;
  std::size_t number = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!std::all_of(line.begin(), line.end(), isCsvSpace)) {
      lines.push_back({number, line});
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
    ++number;
  }
  return lines;
}

inline std::vector<std::string_view> splitCells(std::string_view line, char separator) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = line.find(separator, start);
    cells.push_back(trimCell(line.substr(start, end - start)));
    if (end == std::string_view::npos) {
      return cells;
    }
    start = end + 1;
  }
}

// The tab, semicolon or comma, guessed from the header line in that order of preference.
inline char detectSeparator(std::string_view header) {
  if (header.find('\t') != std::string_view::npos) {
    return '\t';
  }
  if (header.find(';') != std::string_view::npos) {
    return ';';
  }
  return ',';
}

}  // namespace rnnlab::detail
