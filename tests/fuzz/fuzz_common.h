#pragma once

// Shared by the fuzz targets: the input as a string_view, and the rule that a parser may throw
// only its documented error type. Anything else (another exception, a sanitizer report, a
// failed check) stops the fuzzer with the input that caused it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace rnnlab::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A property that must hold for every input; a failure aborts, which libFuzzer reports as a
// crash and saves the input.
inline void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
  }
}

}  // namespace rnnlab::fuzz
