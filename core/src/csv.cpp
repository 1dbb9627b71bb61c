#include "rnnlab/csv.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "csv_lines.h"
#include "rnnlab/limits.h"
#include "text_io.h"

namespace rnnlab {
namespace {

using detail::detectSeparator;
using detail::nonBlankLines;
using detail::splitCells;

[[noreturn]] void fail(std::string message) { throw SessionError(std::move(message)); }

std::string lineName(std::size_t line) { return "line " + std::to_string(line); }

std::string cellName(std::size_t line, std::size_t column, std::string_view text) {
  std::string shown(text.substr(0, 40));
  return lineName(line) + ", column " + std::to_string(column) + " (\"" + shown + "\")";
}

enum class ParseResult { Ok, NotANumber, NotFinite, OutOfRange };

// Locale-independent (std::from_chars), so a GUI that sets a German locale still reads "1.5".
ParseResult parseNumber(std::string_view text, double& value) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return ParseResult::NotANumber;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size() && error != std::errc::result_out_of_range) {
    return ParseResult::NotANumber;
  }
  if (error == std::errc::result_out_of_range) {
    return ParseResult::OutOfRange;
  }
  if (error != std::errc()) {
    return ParseResult::NotANumber;
  }
  return std::isfinite(value) ? ParseResult::Ok : ParseResult::NotFinite;
}

double readNumber(std::string_view text, std::size_t line, std::size_t column) {
  double value = 0.0;
  switch (parseNumber(text, value)) {
    case ParseResult::Ok:
      return value;
    case ParseResult::NotFinite:
      fail(cellName(line, column, text) + ": not a finite number");
    case ParseResult::OutOfRange:
      fail(cellName(line, column, text) + ": number out of range for a double");
    case ParseResult::NotANumber:
      break;
  }
  fail(cellName(line, column, text) + ": not a number");
}

struct Column {
  bool isInput = true;
  int number = 0;  // from 1
};

// "input3", "Input_3", "x3" → input 3; "target2", "y2" → target 2.
std::optional<Column> parseColumnName(std::string_view text) {
  std::string name;
  for (char c : text) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  Column column;
  std::string_view rest = name;
  if (rest.starts_with("input")) {
    rest.remove_prefix(5);
  } else if (rest.starts_with("target")) {
    column.isInput = false;
    rest.remove_prefix(6);
  } else if (rest.starts_with("x")) {
    rest.remove_prefix(1);
  } else if (rest.starts_with("y")) {
    column.isInput = false;
    rest.remove_prefix(1);
  } else {
    return std::nullopt;
  }
  if (!rest.empty() && (rest.front() == '_' || rest.front() == ' ' || rest.front() == '-')) {
    rest.remove_prefix(1);
  }
  if (rest.empty() || rest.size() > 9 ||
      !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::from_chars(rest.data(), rest.data() + rest.size(), column.number);
  if (column.number < 1) {
    return std::nullopt;
  }
  return column;
}

struct Header {
  std::vector<Column> columns;
  int inputCount = 0;
  int targetCount = 0;
};

Header parseHeader(const std::vector<std::string_view>& cells, std::size_t line) {
  Header header;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const auto column = parseColumnName(cells[k]);
    if (!column) {
      double ignored = 0.0;
      if (k == 0 && parseNumber(cells[k], ignored) == ParseResult::Ok) {
        fail(lineName(line) +
             ": expected a header naming the columns (input1,...,target1,...), found numbers");
      }
      fail(cellName(line, k + 1, cells[k]) +
           ": unknown column name (expected input1, input2, ... and target1, target2, ...)");
    }
    const int limit = column->isInput ? limits::MaxInputSize : limits::MaxOutputSize;
    if (column->number > limit) {
      fail(cellName(line, k + 1, cells[k]) + ": at most " + std::to_string(limit) + " " +
           (column->isInput ? "input" : "target") + " columns are allowed");
    }
    for (std::size_t j = 0; j < k; ++j) {
      if (header.columns[j].isInput == column->isInput &&
          header.columns[j].number == column->number) {
        fail(cellName(line, k + 1, cells[k]) + ": the same column as column " +
             std::to_string(j + 1));
      }
    }
    header.columns.push_back(*column);
    (column->isInput ? header.inputCount : header.targetCount) += 1;
  }
  for (const bool inputs : {true, false}) {
    const int count = inputs ? header.inputCount : header.targetCount;
    const std::string kind = inputs ? "input" : "target";
    if (count == 0) {
      fail(lineName(line) + ": no " + kind + " columns (expected " + kind + "1, " + kind +
           "2, ...)");
    }
    // Numbers are distinct and at least 1, so they are 1..count exactly when none exceeds count.
    for (const Column& column : header.columns) {
      if (column.isInput == inputs && column.number > count) {
        for (int wanted = 1; wanted <= count; ++wanted) {
          const bool present = std::any_of(
              header.columns.begin(), header.columns.end(),
              [&](const Column& c) { return c.isInput == inputs && c.number == wanted; });
          if (!present) {
            fail(lineName(line) + ": column " + kind + std::to_string(wanted) + " is missing (" +
                 kind + " columns are numbered from 1 without gaps)");
          }
        }
      }
    }
  }
  return header;
}

void appendRow(std::string& out, const auto& values) {
  for (Index k = 0; k < values.size(); ++k) {
    if (k > 0) {
      out += ',';
    }
    out += detail::formatNumber(values(k));
  }
}

void requireFinite(const Matrix& m, std::string_view key) {
  for (Index r = 0; r < m.rows(); ++r) {
    for (Index c = 0; c < m.cols(); ++c) {
      if (!std::isfinite(m(r, c))) {
        fail("cannot write CSV: " + std::string(key) + ": row " + std::to_string(r + 1) +
             ", column " + std::to_string(c + 1) + " is not a finite number");
      }
    }
  }
}

}  // namespace

SequenceData parseCsv(std::string_view text) {
  const std::vector<detail::CsvLine> lines = nonBlankLines(text);
  if (lines.empty()) {
    fail("empty file");
  }
  const char separator = detectSeparator(lines.front().text);
  const Header header =
      parseHeader(splitCells(lines.front().text, separator), lines.front().number);
  if (lines.size() == 1) {
    fail(lineName(lines.front().number) + ": no data rows after the header");
  }
  const auto steps = static_cast<Index>(lines.size() - 1);
  if (steps > limits::MaxSequenceLength) {
    fail(lineName(lines[limits::MaxSequenceLength + 1].number) + ": more than " +
         std::to_string(limits::MaxSequenceLength) + " rows (time steps)");
  }

  // Every row's cell count first: steps × columns is allocated only once the file holds a cell
  // for each (a short line must not ask for room for thousands of columns).
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const auto cells = static_cast<std::size_t>(
                           std::count(lines[k].text.begin(), lines[k].text.end(), separator)) +
                       1;
    if (cells != header.columns.size()) {
      fail(lineName(lines[k].number) + ": expected " + std::to_string(header.columns.size()) +
           " values, found " + std::to_string(cells));
    }
  }

  SequenceData data;
  data.inputs.resize(steps, header.inputCount);
  Matrix targets(steps, header.targetCount);
  std::vector<bool> hasTargets(static_cast<std::size_t>(steps), false);
  for (Index t = 0; t < steps; ++t) {
    const detail::CsvLine& line = lines[static_cast<std::size_t>(t) + 1];
    const auto cells = splitCells(line.text, separator);
    if (cells.size() != header.columns.size()) {
      fail(lineName(line.number) + ": expected " + std::to_string(header.columns.size()) +
           " values, found " + std::to_string(cells.size()));
    }
    // A row gives all of its targets or none (`last` mode leaves them empty but on the last row).
    const auto isTargetCell = [&](std::size_t k) { return !header.columns[k].isInput; };
    std::size_t firstEmptyTarget = cells.size();
    std::size_t firstFilledTarget = cells.size();
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (isTargetCell(k)) {
        std::size_t& first = cells[k].empty() ? firstEmptyTarget : firstFilledTarget;
        first = std::min(first, k);
      }
    }
    const bool rowHasTargets = firstFilledTarget < cells.size();
    if (rowHasTargets && firstEmptyTarget < cells.size()) {
      fail(lineName(line.number) + ", column " + std::to_string(firstEmptyTarget + 1) +
           ": empty target cell (give all target values of a row, or none)");
    }
    hasTargets[static_cast<std::size_t>(t)] = rowHasTargets;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      const Column& column = header.columns[k];
      if (column.isInput) {
        if (cells[k].empty()) {
          fail(lineName(line.number) + ", column " + std::to_string(k + 1) +
               ": empty input cell, expected a number");
        }
        data.inputs(t, column.number - 1) = readNumber(cells[k], line.number, k + 1);
      } else if (rowHasTargets) {
        targets(t, column.number - 1) = readNumber(cells[k], line.number, k + 1);
      }
    }
  }

  const auto withTargets = std::count(hasTargets.begin(), hasTargets.end(), true);
  constexpr std::string_view Hint =
      "give targets on every row, or only on the last row for output_mode last";
  if (!hasTargets.back()) {
    fail(lineName(lines.back().number) + ": the last row has no target values (" +
         std::string(Hint) + ")");
  }
  if (withTargets == steps) {
    data.targets = std::move(targets);
  } else if (withTargets == 1) {
    data.targets = targets.bottomRows(1);
  } else {
    const auto missing =
        std::find(hasTargets.begin(), hasTargets.end(), false) - hasTargets.begin();
    fail(lineName(lines[static_cast<std::size_t>(missing) + 1].number) + ": no target values (" +
         std::string(Hint) + ")");
  }
  return data;
}

SequenceData loadCsv(const std::filesystem::path& path) {
  return parseCsv(detail::readTextFile(path));
}

std::string serializeCsv(const SequenceData& data) {
  const Index steps = data.inputs.rows();
  if (steps < 1 || data.inputs.cols() < 1 || data.targets.cols() < 1) {
    fail("cannot write CSV: the data needs at least one row, one input and one target column");
  }
  if (data.targets.rows() != steps && data.targets.rows() != 1) {
    fail("cannot write CSV: data.targets has " + std::to_string(data.targets.rows()) +
         " rows, expected " + std::to_string(steps) + " (one per step) or 1 (last step only)");
  }
  requireFinite(data.inputs, "data.inputs");
  requireFinite(data.targets, "data.targets");

  std::string out;
  for (Index k = 0; k < data.inputs.cols(); ++k) {
    out += (k > 0 ? ",input" : "input") + std::to_string(k + 1);
  }
  for (Index k = 0; k < data.targets.cols(); ++k) {
    out += ",target" + std::to_string(k + 1);
  }
  out += '\n';
  const bool everyStep = data.targets.rows() == steps;
  for (Index t = 0; t < steps; ++t) {
    appendRow(out, data.inputs.row(t));
    out += ',';
    if (everyStep) {
      appendRow(out, data.targets.row(t));
    } else if (t + 1 == steps) {
      appendRow(out, data.targets.row(0));
    } else {
      out += std::string(static_cast<std::size_t>(data.targets.cols() - 1), ',');
    }
    out += '\n';
  }
  return out;
}

void saveCsv(const SequenceData& data, const std::filesystem::path& path) {
  writeFileAtomically(path, serializeCsv(data));
}

}  // namespace rnnlab

namespace rnnlab {

std::string serializeLossHistory(const std::vector<double>& losses) {
  std::string out = "iteration,loss\n";
  out.reserve(out.size() + losses.size() * 26);
  for (std::size_t i = 0; i < losses.size(); ++i) {
    out += std::to_string(i);
    out += ',';
    out += detail::formatNumber(losses[i]);
    out += '\n';
  }
  return out;
}

}  // namespace rnnlab
