#include "rnnlab/sequence_set_csv.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>

#include "csv_lines.h"
#include "rnnlab/csv.h"
#include "rnnlab/session.h"
#include "text_io.h"

namespace rnnlab {
namespace {

using detail::CsvLine;
using detail::detectSeparator;
using detail::nonBlankLines;
using detail::splitCells;

[[noreturn]] void fail(std::string message) { throw SessionError(std::move(message)); }

std::string prefixed(std::string_view name, const std::string& message) {
  return name.empty() ? message : std::string(name) + ": " + message;
}

bool isIdName(std::string_view cell) {
  std::string name;
  for (const char c : cell) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name == "sequence" || name == "id" || name == "sequence_id" || name == "sequence id" ||
         name == "sequenceid";
}

// parseCsv's messages start with "line K" and may go on with ", column C"; K and C are those of
// the text it was given. Rewrites them to the original file's line and column.
std::string remap(const std::string& message, const std::vector<std::size_t>& lineNumbers,
                  std::size_t idColumn) {
  constexpr std::string_view Line = "line ";
  if (!message.starts_with(Line)) {
    return message;
  }
  std::size_t k = 0;
  const char* begin = message.data() + Line.size();
  const char* end = message.data() + message.size();
  auto [afterLine, lineError] = std::from_chars(begin, end, k);
  if (lineError != std::errc() || k < 1 || k > lineNumbers.size()) {
    return message;
  }
  std::string out = "line " + std::to_string(lineNumbers[k - 1]);
  std::string_view rest(afterLine, static_cast<std::size_t>(end - afterLine));
  constexpr std::string_view Column = ", column ";
  if (rest.starts_with(Column)) {
    std::size_t c = 0;
    const char* columnBegin = rest.data() + Column.size();
    auto [afterColumn, columnError] = std::from_chars(columnBegin, rest.data() + rest.size(), c);
    if (columnError == std::errc()) {
      out += std::string(Column) + std::to_string(c <= idColumn ? c : c + 1);
      rest = std::string_view(afterColumn,
                              static_cast<std::size_t>(rest.data() + rest.size() - afterColumn));
    }
  }
  return out + std::string(rest);
}

void checkSameColumns(const std::vector<SequenceData>& sequences, std::string_view what) {
  for (std::size_t k = 1; k < sequences.size(); ++k) {
    if (sequences[k].inputs.cols() != sequences[0].inputs.cols() ||
        sequences[k].targets.cols() != sequences[0].targets.cols()) {
      fail(std::string(what) + " " + std::to_string(k + 1) + " has " +
           std::to_string(sequences[k].inputs.cols()) + " inputs and " +
           std::to_string(sequences[k].targets.cols()) + " targets, the first has " +
           std::to_string(sequences[0].inputs.cols()) + " and " +
           std::to_string(sequences[0].targets.cols()));
    }
  }
}

}  // namespace

std::vector<SequenceData> parseSequencesCsv(std::string_view text, std::string_view name) {
  const std::vector<CsvLine> lines = nonBlankLines(text);
  if (lines.empty()) {
    fail(prefixed(name, "empty file"));
  }
  const CsvLine& header = lines.front();
  const char separator = detectSeparator(header.text);
  const auto headerCells = splitCells(header.text, separator);
  const auto idIt = std::find_if(headerCells.begin(), headerCells.end(), isIdName);
  if (idIt == headerCells.end()) {
    fail(prefixed(name, "line " + std::to_string(header.number) +
                            ": no sequence id column (expected a column named sequence or id "
                            "beside input1, ..., target1, ...)"));
  }
  const auto idColumn = static_cast<std::size_t>(idIt - headerCells.begin());
  if (lines.size() == 1) {
    fail(prefixed(name, "line " + std::to_string(header.number) +
                            ": no data rows after the header (no sequences)"));
  }

  const auto withoutId = [&](const std::vector<std::string_view>& cells) {
    std::string row;
    bool first = true;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (k == idColumn) {
        continue;
      }
      if (!first) {
        row += separator;
      }
      first = false;
      row += cells[k];
    }
    return row;
  };
  const std::string headerText = withoutId(headerCells);

  struct Group {
    std::string text;
    std::vector<std::size_t> lineNumbers;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> groupOf;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const CsvLine& line = lines[k];
    const auto cells = splitCells(line.text, separator);
    if (cells.size() != headerCells.size()) {
      fail(prefixed(name, "line " + std::to_string(line.number) + ": expected " +
                              std::to_string(headerCells.size()) + " values, found " +
                              std::to_string(cells.size())));
    }
    const std::string id(cells[idColumn]);
    const std::string where =
        "line " + std::to_string(line.number) + ", column " + std::to_string(idColumn + 1);
    if (id.empty()) {
      fail(prefixed(name, where + ": empty sequence id"));
    }
    const auto found = groupOf.find(id);
    if (found == groupOf.end()) {
      groupOf.emplace(id, groups.size());
      groups.push_back({headerText + '\n', {header.number}});
    } else if (found->second + 1 != groups.size()) {
      fail(prefixed(name, where + " (\"" + id.substr(0, 40) +
                              "\"): this sequence id appears again after other sequences (the "
                              "rows of a sequence must be together)"));
    }
    Group& group = groups.back();
    group.text += withoutId(cells);
    group.text += '\n';
    group.lineNumbers.push_back(line.number);
  }

  std::vector<SequenceData> sequences;
  sequences.reserve(groups.size());
  for (const Group& group : groups) {
    try {
      sequences.push_back(parseCsv(group.text));
    } catch (const SessionError& error) {
      fail(prefixed(name, remap(error.what(), group.lineNumbers, idColumn)));
    }
  }
  return sequences;
}

std::vector<SequenceData> loadSequencesCsv(const std::filesystem::path& path) {
  return parseSequencesCsv(detail::readTextFile(path), path.string());
}

std::vector<SequenceData> loadSequenceFolder(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    fail(folder.string() + ": not a folder");
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    std::string extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".csv" && entry.is_regular_file(error)) {
      files.push_back(entry.path());
    }
  }
  if (error) {
    fail(folder.string() + ": cannot read the folder (" + error.message() + ")");
  }
  if (files.empty()) {
    fail(folder.string() + ": no .csv files (expected one file per sequence)");
  }
  std::sort(files.begin(), files.end());
  std::vector<SequenceData> sequences;
  for (const fs::path& file : files) {
    SequenceData sequence;
    try {
      sequence = parseCsv(detail::readTextFile(file));
    } catch (const SessionError& e) {
      const std::string message = e.what();
      fail(message.starts_with(file.string()) ? message : file.string() + ": " + message);
    }
    if (!sequences.empty() && (sequence.inputs.cols() != sequences[0].inputs.cols() ||
                               sequence.targets.cols() != sequences[0].targets.cols())) {
      fail(file.string() + ": line 1: " + std::to_string(sequence.inputs.cols()) + " input and " +
           std::to_string(sequence.targets.cols()) + " target columns, but " +
           files[0].filename().string() + " has " + std::to_string(sequences[0].inputs.cols()) +
           " and " + std::to_string(sequences[0].targets.cols()));
    }
    sequences.push_back(std::move(sequence));
  }
  return sequences;
}

std::string serializeSequencesCsv(const std::vector<SequenceData>& sequences) {
  if (sequences.empty()) {
    fail("cannot write CSV: no sequences");
  }
  checkSameColumns(sequences, "cannot write CSV: sequence");
  std::string out;
  for (std::size_t k = 0; k < sequences.size(); ++k) {
    const std::string csv = serializeCsv(sequences[k]);
    const std::size_t headerEnd = csv.find('\n');
    if (k == 0) {
      out += "sequence," + csv.substr(0, headerEnd + 1);
    }
    const std::string id = std::to_string(k + 1) + ",";
    std::size_t start = headerEnd + 1;
    while (start < csv.size()) {
      const std::size_t end = csv.find('\n', start);
      out += id;
      out.append(csv, start, end - start + 1);
      start = end + 1;
    }
  }
  return out;
}

void saveSequencesCsv(const std::vector<SequenceData>& sequences,
                      const std::filesystem::path& path) {
  writeFileAtomically(path, serializeSequencesCsv(sequences));
}

void saveSequenceFolder(const std::vector<SequenceData>& sequences,
                        const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  if (sequences.empty()) {
    fail("cannot write CSV: no sequences");
  }
  std::vector<std::string> texts;  // all of them first: bad data writes nothing
  texts.reserve(sequences.size());
  for (const SequenceData& sequence : sequences) {
    texts.push_back(serializeCsv(sequence));
  }
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    fail(folder.string() + ": cannot create the folder (" + error.message() + ")");
  }
  for (std::size_t k = 0; k < texts.size(); ++k) {
    std::string number = std::to_string(k + 1);
    number.insert(0, number.size() < 4 ? 4 - number.size() : 0, '0');  // sorts by name
    writeFileAtomically(folder / ("sequence-" + number + ".csv"), texts[k]);
  }
}

SequenceSet splitForValidation(std::vector<SequenceData> sequences, double validationFraction) {
  SequenceSet set;
  const auto n = static_cast<long>(sequences.size());
  const double fraction =
      std::clamp(std::isfinite(validationFraction) ? validationFraction : 0.0, 0.0, 1.0);
  const long validation =
      std::min(std::max(n - 1, 0L), std::lround(fraction * static_cast<double>(n)));
  for (long k = 0; k < n; ++k) {
    (k < n - validation ? set.train : set.validation)
        .push_back(std::move(sequences[static_cast<std::size_t>(k)]));
  }
  return set;
}

}  // namespace rnnlab
