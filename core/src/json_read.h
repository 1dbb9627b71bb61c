#pragma once

// Reading JSON values of a session file with messages that name the key (private to core):
// "model.weights.Whh: expected 4 rows of 4 numbers, row 2 has 3". Every reader throws
// SessionError; `path` names the value in messages.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/session.h"

namespace rnnlab::detail {

using Json = nlohmann::json;

[[noreturn]] void fail(std::string message);
// "1 row", "3 numbers".
std::string plural(Index count, std::string_view noun);
// How a JSON value looks, for "expected X, got Y" messages.
std::string describe(const Json& value);
// "parent.key", or "key" at the top level.
std::string join(const std::string& parent, std::string_view key);
// The member `key` of an object, or nullptr.
const Json* find(const Json& object, std::string_view key);
// The member `key`, or "parent.key: missing (hint)".
const Json& require(const Json& object, const std::string& parent, std::string_view key,
                    std::string_view hint = {});
const Json& requireObject(const Json& value, const std::string& path);

// A finite number.
double readNumber(const Json& value, const std::string& path);
// A whole number, also when written as 3.0 or 1e3; nullopt for other numbers (fractions, beyond
// long long). Non-numbers are refused.
std::optional<long long> wholeNumber(const Json& value, const std::string& path);
// A number as the file wrote it, for messages.
std::string numberText(const Json& value);
// A whole number in [min, max].
long long readInteger(const Json& value, const std::string& path, long long min, long long max);
// A whole number in [0, 2^64).
std::uint64_t readSeed(const Json& value, const std::string& path);
std::string readString(const Json& value, const std::string& path);
// true or false.
bool readBoolean(const Json& value, const std::string& path);

// A weight matrix of known shape: "expected 4 rows of 4 numbers, row 2 has 3".
Matrix readFixedMatrix(const Json& value, const std::string& path, Index rows, Index cols);
// An array of `size` numbers.
Vector readVector(const Json& value, const std::string& path, Index size);
// States of `rows` cells of `size` units: a vector when rows is 1, else an array of `rows` rows,
// returned one row after the other (row g in entries g·size … g·size + size − 1).
Vector readStateRows(const Json& value, const std::string& path, Index rows, Index size);
// A data matrix: rows are time steps, each with `cols` numbers, e.g.
// "data.inputs: row 3 has 2 numbers, expected 3 (model.input_size)".
Matrix readDataRows(const Json& value, const std::string& path, Index cols,
                    std::string_view colsKey);
// Every parameter block of `config` from `object` (each required; `hint` says so when one is
// missing). A block is allocated only after the file has given its numbers, so a file that
// claims the largest sizes but holds few numbers is refused without asking for gigabytes.
Parameters readBlocks(const Json& object, const std::string& path, const ModelConfig& config,
                      const std::string& hint);

}  // namespace rnnlab::detail
