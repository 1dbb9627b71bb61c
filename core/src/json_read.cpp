#include "json_read.h"

#include <cmath>
#include <limits>

#include "text_io.h"

namespace rnnlab::detail {

void fail(std::string message) { throw SessionError(std::move(message)); }

std::string plural(Index count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

// How a JSON value looks, for "expected X, got Y" messages.
std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
      std::string text = value.get<std::string>();
      if (text.size() > 40) {
        text = text.substr(0, 37) + "...";
      }
      return "a string (" + Json(text).dump() + ")";
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "the number " + value.dump();
    case Json::value_t::number_float:
      return "the number " + formatNumber(value.get<double>());
    case Json::value_t::array:
      return "an array of " + plural(static_cast<Index>(value.size()), "item");
    case Json::value_t::object:
      return "an object";
    default:
      return "a value of type " + std::string(value.type_name());
  }
}

std::string join(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

const Json* find(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const Json& require(const Json& object, const std::string& parent, std::string_view key,
                    std::string_view hint) {
  const Json* value = find(object, key);
  if (value == nullptr) {
    fail(join(parent, key) + ": missing" + (hint.empty() ? "" : " (" + std::string(hint) + ")"));
  }
  return *value;
}

const Json& requireObject(const Json& value, const std::string& path) {
  if (!value.is_object()) {
    fail(path + ": expected an object, got " + describe(value));
  }
  return value;
}

// A finite number; `path` names the value in messages.
double readNumber(const Json& value, const std::string& path) {
  if (!value.is_number()) {
    fail(path + ": expected a number, got " + describe(value));
  }
  const double number = value.get<double>();
  if (!std::isfinite(number)) {
    fail(path + ": must be a finite number, got " + formatNumber(number));
  }
  return number;
}

// A whole number, also when written as 3.0 or 1e3. Returns nullopt for anything else that is a
// number (fractions, values beyond long long); non-numbers are refused here.
std::optional<long long> wholeNumber(const Json& value, const std::string& path) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
      return std::nullopt;
    }
    return value.get<long long>();
  }
  if (!value.is_number()) {
    fail(path + ": expected a whole number, got " + describe(value));
  }
  const double number = value.get<double>();
  // 2^63 is exactly representable; everything below it that is whole fits a long long.
  if (number == std::trunc(number) && std::abs(number) < 9223372036854775808.0) {
    return static_cast<long long>(number);
  }
  return std::nullopt;
}

std::string numberText(const Json& value) {
  return value.is_number_float() ? formatNumber(value.get<double>()) : value.dump();
}

long long readInteger(const Json& value, const std::string& path, long long min, long long max) {
  const auto number = wholeNumber(value, path);
  if (!number) {
    fail(path + ": must be a whole number between " + std::to_string(min) + " and " +
         std::to_string(max) + ", got " + numberText(value));
  }
  if (*number < min || *number > max) {
    fail(path + ": must be between " + std::to_string(min) + " and " + std::to_string(max) +
         ", got " + std::to_string(*number));
  }
  return *number;
}

std::uint64_t readSeed(const Json& value, const std::string& path) {
  if (value.is_number_unsigned()) {
    return value.get<std::uint64_t>();
  }
  const std::string range = "must be a whole number between 0 and " +
                            std::to_string(std::numeric_limits<std::uint64_t>::max());
  if (!value.is_number()) {
    fail(path + ": " + range + ", got " + describe(value));
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    // 2^64 is exactly representable; every whole double in [0, 2^64) converts exactly.
    if (number >= 0.0 && number < 18446744073709551616.0 && number == std::trunc(number)) {
      return static_cast<std::uint64_t>(number);
    }
  }
  fail(path + ": " + range + ", got " + numberText(value));
}

std::string readString(const Json& value, const std::string& path) {
  if (!value.is_string()) {
    fail(path + ": expected a string, got " + describe(value));
  }
  return value.get<std::string>();
}

bool readBoolean(const Json& value, const std::string& path) {
  if (!value.is_boolean()) {
    fail(path + ": expected true or false, got " + describe(value));
  }
  return value.get<bool>();
}

namespace {

// Refuses a row that is not an array of `cols` values; `expectedShape` is the "expected ..."
// part of messages.
void checkRow(const Json& row, Index rowNumber, const std::string& path, Index cols,
              const std::string& expectedShape) {
  if (!row.is_array()) {
    fail(path + ": " + expectedShape + ", row " + std::to_string(rowNumber + 1) + " is " +
         describe(row));
  }
  if (static_cast<Index>(row.size()) != cols) {
    fail(path + ": " + expectedShape + ", row " + std::to_string(rowNumber + 1) + " has " +
         std::to_string(row.size()));
  }
}

// Reads one row of `cols` numbers, handing each to `assign(column, value)`.
template <class Target>
void readRow(const Json& row, Index rowNumber, const std::string& path, Index cols,
             const std::string& expectedShape, Target&& assign) {
  checkRow(row, rowNumber, path, cols, expectedShape);
  for (Index c = 0; c < cols; ++c) {
    assign(c, readNumber(row[static_cast<std::size_t>(c)],
                         path + ": row " + std::to_string(rowNumber + 1) + ", column " +
                             std::to_string(c + 1)));
  }
}

}  // namespace

// A weight matrix of known shape: "expected 4 rows of 4 numbers, row 2 has 3".
Matrix readFixedMatrix(const Json& value, const std::string& path, Index rows, Index cols) {
  const std::string expected = "expected " + plural(rows, "row") + " of " + plural(cols, "number");
  if (!value.is_array()) {
    fail(path + ": " + expected + ", got " + describe(value));
  }
  if (static_cast<Index>(value.size()) != rows) {
    fail(path + ": " + expected + ", got " + plural(static_cast<Index>(value.size()), "row"));
  }
  // Every row's length first: the matrix is allocated only once the file holds its numbers.
  for (Index r = 0; r < rows; ++r) {
    checkRow(value[static_cast<std::size_t>(r)], r, path, cols, expected);
  }
  Matrix out(rows, cols);
  for (Index r = 0; r < rows; ++r) {
    readRow(value[static_cast<std::size_t>(r)], r, path, cols, expected,
            [&](Index c, double number) { out(r, c) = number; });
  }
  return out;
}

Vector readVector(const Json& value, const std::string& path, Index size) {
  const std::string expected = "expected an array of " + plural(size, "number");
  if (!value.is_array()) {
    fail(path + ": " + expected + ", got " + describe(value));
  }
  if (static_cast<Index>(value.size()) != size) {
    fail(path + ": " + expected + ", got " + plural(static_cast<Index>(value.size()), "number"));
  }
  Vector out(size);
  for (Index k = 0; k < size; ++k) {
    out(k) =
        readNumber(value[static_cast<std::size_t>(k)], path + ": number " + std::to_string(k + 1));
  }
  return out;
}

// A data matrix: rows are time steps, each with `cols` numbers, e.g.
// "data.inputs: row 3 has 2 numbers, expected 3 (model.input_size)".
Matrix readDataRows(const Json& value, const std::string& path, Index cols,
                    std::string_view colsKey) {
  const std::string perRow = plural(cols, "number") + " (" + std::string(colsKey) + ")";
  if (!value.is_array()) {
    fail(path + ": expected an array of rows of " + perRow + ", got " + describe(value));
  }
  const auto rows = static_cast<Index>(value.size());
  // Every row's length first: rows × cols is allocated only once the file holds that many
  // numbers (a row of "[]" must not ask for room for cols numbers).
  for (Index r = 0; r < rows; ++r) {
    const Json& row = value[static_cast<std::size_t>(r)];
    const std::string rowName = "row " + std::to_string(r + 1);
    if (!row.is_array()) {
      fail(path + ": " + rowName + " is " + describe(row) + ", expected an array of " + perRow);
    }
    if (static_cast<Index>(row.size()) != cols) {
      fail(path + ": " + rowName + " has " + plural(static_cast<Index>(row.size()), "number") +
           ", expected " + std::to_string(cols) + " (" + std::string(colsKey) + ")");
    }
  }
  Matrix out(rows, cols);
  for (Index r = 0; r < rows; ++r) {
    const Json& row = value[static_cast<std::size_t>(r)];
    const std::string rowName = "row " + std::to_string(r + 1);
    for (Index c = 0; c < cols; ++c) {
      out(r, c) = readNumber(row[static_cast<std::size_t>(c)],
                             path + ": " + rowName + ", column " + std::to_string(c + 1));
    }
  }
  return out;
}

namespace {

}  // namespace

// Every parameter block of `config` from `object` (each required; `hint` says so when one is
// missing). A block is allocated only after the file has given its numbers, so a file that
// claims the largest sizes but holds few numbers is refused without asking for gigabytes.
Vector readStateRows(const Json& value, const std::string& path, Index rows, Index size) {
  if (rows == 1) {
    return readVector(value, path, size);
  }
  const Matrix m = readFixedMatrix(value, path, rows, size);
  Vector out(rows * size);
  for (Index g = 0; g < rows; ++g) {
    out.segment(g * size, size) = m.row(g).transpose();
  }
  return out;
}

Parameters readBlocks(const Json& object, const std::string& path, const ModelConfig& config,
                      const std::string& hint) {
  // The cell's blocks at size 1, replaced one by one with what the file gives.
  ModelConfig tiny{1, 1, 1, config.outputMode, config.loss, config.cell};
  tiny.layers = config.layers;
  tiny.bidirectional = config.bidirectional;
  tiny.seq2seq = config.seq2seq;
  tiny.attention = config.attention;
  Parameters params = Parameters::zeros(tiny);
  for (int k = 0; k < params.blockCount(); ++k) {
    const std::string name(params.blockName(k));
    const Json& entry = require(object, path, name, hint);
    const auto [rows, cols] = Parameters::shape(config, k);
    params.block(k) = params.isBias(k) ? Matrix(readVector(entry, path + "." + name, rows))
                                       : readFixedMatrix(entry, path + "." + name, rows, cols);
  }
  return params;
}

}  // namespace rnnlab::detail
