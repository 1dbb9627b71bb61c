#include "rnnlab/text_scan.h"

#include <algorithm>

#include "rnnlab/limits.h"
#include "rnnlab/utf8.h"

namespace rnnlab {
namespace {

constexpr char32_t CodePoints = 0x110000;

// How many bytes at the end of `bytes` start a sequence that may go on in the next chunk: a lead
// byte among the last three whose sequence is longer than what follows it.
std::size_t cutOffTail(std::string_view bytes) {
  const std::size_t size = bytes.size();
  for (std::size_t back = 1; back <= std::min<std::size_t>(3, size); ++back) {
    const auto byte = static_cast<unsigned char>(bytes[size - back]);
    if ((byte & 0xC0) == 0x80) {
      continue;  // a continuation byte: look further back for its lead
    }
    const std::size_t length = (byte & 0xE0) == 0xC0   ? 2
                               : (byte & 0xF0) == 0xE0 ? 3
                               : (byte & 0xF8) == 0xF0 ? 4
                                                       : 1;
    return length > back ? back : 0;
  }
  return 0;
}

}  // namespace

TextScanner::TextScanner() : m_seen(CodePoints, false) {}

bool TextScanner::fail(TextScanResult::Problem problem, std::size_t offset) {
  m_result.problem = problem;
  m_result.byteOffset = offset;
  return false;
}

bool TextScanner::feed(std::string_view bytes) {
  if (m_result.problem != TextScanResult::Problem::None) {
    return false;
  }
  const std::size_t chunkStart = m_fed;  // the offset of bytes[0]
  m_fed += bytes.size();
  if (chunkStart < BinaryProbeBytes) {
    const std::string_view probe = bytes.substr(0, BinaryProbeBytes - chunkStart);
    const std::size_t nul = probe.find('\0');
    if (nul != std::string_view::npos) {
      return fail(TextScanResult::Problem::Binary, chunkStart + nul);
    }
  }
  // The cut-off start of a sequence from the last chunk goes first.
  const std::size_t pendingStart = chunkStart - m_pending.size();
  std::string joined;
  std::string_view text = bytes;
  if (!m_pending.empty()) {
    joined = m_pending;
    joined.append(bytes);
    text = joined;
  }
  const std::size_t tail = cutOffTail(text);
  const std::string_view whole = text.substr(0, text.size() - tail);
  m_decoded.clear();
  const auto bad = decodeUtf8(whole, m_decoded);
  // Walk the decoded characters with their byte offsets (for a NUL's place).
  std::size_t offset = pendingStart;
  for (const char32_t c : m_decoded) {
    if (c == 0) {
      return fail(TextScanResult::Problem::Binary, offset);
    }
    ++m_result.characters;
    if (!m_seen[c]) {
      m_seen[c] = true;
      ++m_distinct;
      if (m_distinct > static_cast<std::size_t>(limits::MaxInputSize)) {
        return fail(TextScanResult::Problem::TooManyCharacters, offset);
      }
    }
    offset += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  if (bad) {
    return fail(TextScanResult::Problem::InvalidUtf8, pendingStart + *bad);
  }
  m_pending.assign(text.substr(text.size() - tail));
  return true;
}

TextScanResult TextScanner::finish() {
  if (m_result.problem == TextScanResult::Problem::None) {
    if (!m_pending.empty()) {
      fail(TextScanResult::Problem::InvalidUtf8, m_fed - m_pending.size());
    } else if (m_result.characters == 0) {
      fail(TextScanResult::Problem::Empty, 0);
    }
  }
  m_result.vocabulary.clear();
  for (char32_t c = 0; c < CodePoints; ++c) {
    if (m_seen[c]) {
      m_result.vocabulary.push_back(c);
    }
  }
  return m_result;
}

TextScanResult scanText(std::string_view bytes) {
  TextScanner scanner;
  scanner.feed(bytes);
  return scanner.finish();
}

}  // namespace rnnlab
