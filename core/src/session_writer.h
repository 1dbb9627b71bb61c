#pragma once

// Writing a session file's text (private to core): objects with one member per line, two spaces
// of indentation per level, matrices one row per line, numbers as the shortest text that reads
// back exactly (formatNumber).

#include <string>
#include <string_view>

#include "rnnlab/types.h"
#include "text_io.h"

namespace rnnlab::detail {

// "[1, 2.5, -3]".
void appendRow(std::string& out, const auto& values) {
  out += '[';
  for (Index k = 0; k < values.size(); ++k) {
    if (k > 0) {
      out += ", ";
    }
    out += formatNumber(values(k));
  }
  out += ']';
}

// A matrix as an array of rows, one row per line; `indent` is that of the closing bracket.
void appendMatrix(std::string& out, const Matrix& m, const std::string& indent);
// States of `rows` cells held one row after the other (readStateRows' form): a row when rows is
// 1, else a matrix.
void appendStateRows(std::string& out, const Vector& states, Index rows, const std::string& indent);

// A JSON string with its quotes and escapes.
std::string jsonString(std::string_view text);

// Builds `"key": value` lines inside one object at one indentation.
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, std::string indent);

  // Starts a member; the caller appends the value.
  std::string& key(std::string_view name);
  void finish();
  std::string childIndent() const { return m_indent + "  "; }

 private:
  std::string& m_out;
  std::string m_indent;
  bool m_first = true;
};

}  // namespace rnnlab::detail
