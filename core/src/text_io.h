#pragma once

// Helpers shared by the session and CSV readers and writers (private to the core library).

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>

#include "rnnlab/session.h"

namespace rnnlab::detail {

// The shortest text that reads back as exactly `value` (std::to_chars, locale-independent).
// Whole numbers below 1e15 are written without exponent ("100000", not "1e+05") for readability;
// -0 keeps its sign as "-0.0" because JSON readers take "-0" for the integer 0. Non-finite values
// come out as "inf", "-inf" or "nan" (only used in messages: files never hold them).
inline std::string formatNumber(double value) {
  if (value == 0.0 && std::signbit(value)) {
    return "-0.0";
  }
  std::array<char, 64> buffer{};
  std::to_chars_result result{};
  if (std::isfinite(value) && std::abs(value) < 1e15 && value == std::trunc(value)) {
    result = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                           static_cast<std::int64_t>(value));
  } else {
    result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  }
  return std::string(buffer.data(), result.ptr);
}

// The whole file as bytes. Throws SessionError starting with the path.
inline std::string readTextFile(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    throw SessionError(path.string() + ": no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw SessionError(path.string() + ": is a folder, not a file");
  }
  // A device or pipe (/dev/zero, /dev/stdin, a FIFO) could be read forever.
  if (!std::filesystem::is_regular_file(status)) {
    throw SessionError(path.string() + ": not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw SessionError(path.string() + ": cannot open the file for reading");
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    throw SessionError(path.string() + ": reading the file failed");
  }
  return std::move(contents).str();
}

}  // namespace rnnlab::detail
