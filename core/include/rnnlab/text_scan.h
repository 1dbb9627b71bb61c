#pragma once

// Checks the bytes of a file as a text to learn from, chunk by chunk, so that a caller reading a
// file of megabytes on another thread can show how far it got and stop between chunks. A text
// passes when it is non-empty, strict UTF-8 (see utf8.h), not binary, and has at most
// limits::MaxInputSize distinct characters (the vocabulary is the model's input and output).
//
// Binary, as git decides it: a NUL byte in the first BinaryProbeBytes bytes (a file of UTF-16,
// an image, an executable) makes the file binary even when a byte that is not UTF-8 comes first;
// a NUL anywhere later does too (it is no character of a text).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rnnlab {

struct TextScanResult {
  enum class Problem { None, Empty, Binary, InvalidUtf8, TooManyCharacters };
  Problem problem = Problem::None;
  // Binary: the NUL byte's offset; InvalidUtf8: the first byte that starts no valid sequence
  // (a sequence cut off at the end counts). From 0, counting every byte fed.
  std::size_t byteOffset = 0;
  long characters = 0;  // code points read (up to the problem)
  // The distinct code points in ascending order (up to the problem; TooManyCharacters stops at
  // limits::MaxInputSize + 1 of them).
  std::u32string vocabulary;
};

class TextScanner {
 public:
  static constexpr std::size_t BinaryProbeBytes = 8000;

  TextScanner();
  // The next bytes of the text. False once a problem is known (later chunks are ignored).
  bool feed(std::string_view bytes);
  // After the last chunk: the outcome.
  TextScanResult finish();
  std::size_t bytesFed() const { return m_fed; }

 private:
  bool fail(TextScanResult::Problem problem, std::size_t offset);

  std::vector<bool> m_seen;  // by code point
  std::string m_pending;     // the start of a sequence the last chunk cut off
  std::size_t m_fed = 0;
  std::size_t m_distinct = 0;
  std::u32string m_decoded;  // scratch for one chunk
  TextScanResult m_result;
};

// All of `bytes` at once.
TextScanResult scanText(std::string_view bytes);

}  // namespace rnnlab
