// The scan of a file's bytes as a text to learn from: what it counts, and each way a file is
// refused (empty, binary, not UTF-8, too many distinct characters), with the byte it names,
// whatever the chunks it is fed in.

#include "rnnlab/text_scan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "rnnlab/limits.h"
#include "rnnlab/utf8.h"

using namespace rnnlab;
using Problem = TextScanResult::Problem;

namespace {

TextScanResult scanInChunks(const std::string& bytes, std::size_t chunk) {
  TextScanner scanner;
  for (std::size_t at = 0; at < bytes.size(); at += chunk) {
    if (!scanner.feed(std::string_view(bytes).substr(at, chunk))) {
      break;
    }
  }
  return scanner.finish();
}

}  // namespace

TEST(TextScan, CountsCharactersAndTheirVocabularyInAnyChunks) {
  // 2-, 3- and 4-byte sequences, so that chunks of 1 … 7 bytes cut each of them somewhere.
  const std::string text = "天地玄黄, é ü 😀!\n宇宙洪荒 😀 é";
  // 21 characters; their distinct ones in ascending order of code point (地 U+5730 < 天 U+5929).
  const std::u32string expectedVocabulary = U"\n !,éü地天宇宙洪玄荒黄😀";
  for (std::size_t chunk = 1; chunk <= 7; ++chunk) {
    const TextScanResult result = scanInChunks(text, chunk);
    EXPECT_EQ(result.problem, Problem::None) << "chunk " << chunk;
    EXPECT_EQ(result.characters, 21) << "chunk " << chunk;
    EXPECT_EQ(result.vocabulary, expectedVocabulary) << "chunk " << chunk;
  }
}

TEST(TextScan, RefusesAnEmptyText) { EXPECT_EQ(scanText("").problem, Problem::Empty); }

TEST(TextScan, NamesTheFirstByteThatIsNotUtf8) {
  // "héllo" in Latin-1: é is the single byte 0xE9, which starts a 3-byte sequence that "ll"
  // does not continue.
  const TextScanResult latin1 = scanText("h\xe9llo");
  EXPECT_EQ(latin1.problem, Problem::InvalidUtf8);
  EXPECT_EQ(latin1.byteOffset, 1u);
  EXPECT_EQ(latin1.characters, 1);
  // A sequence cut off by the end of the file, fed in pieces.
  const TextScanResult cut = scanInChunks("ab\xe4\xb8", 1);
  EXPECT_EQ(cut.problem, Problem::InvalidUtf8);
  EXPECT_EQ(cut.byteOffset, 2u);
  // Far into the file, across chunks: the offset counts every byte fed.
  std::string long_(20000, 'a');
  long_[12345] = '\x80';
  const TextScanResult far = scanInChunks(long_, 1000);
  EXPECT_EQ(far.problem, Problem::InvalidUtf8);
  EXPECT_EQ(far.byteOffset, 12345u);
}

TEST(TextScan, CallsAFileWithAZeroByteBinary) {
  // An image: its first byte is no UTF-8, but a zero byte soon after says what it is.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  const TextScanResult image = scanText(png);
  EXPECT_EQ(image.problem, Problem::Binary);
  EXPECT_EQ(image.byteOffset, 8u);
  // UTF-16: ASCII letters each followed by a zero byte.
  const TextScanResult utf16 = scanText(std::string("h\0i\0", 4));
  EXPECT_EQ(utf16.problem, Problem::Binary);
  EXPECT_EQ(utf16.byteOffset, 1u);
  // A zero byte far into a valid text, past the first bytes git looks at.
  std::string text(TextScanner::BinaryProbeBytes + 500, 'x');
  text[TextScanner::BinaryProbeBytes + 100] = '\0';
  const TextScanResult late = scanInChunks(text, 4096);
  EXPECT_EQ(late.problem, Problem::Binary);
  EXPECT_EQ(late.byteOffset, TextScanner::BinaryProbeBytes + 100);
}

TEST(TextScan, AllowsAsManyDistinctCharactersAsTheModelHasInputs) {
  std::string atLimit;
  for (int k = 0; k < limits::MaxInputSize; ++k) {
    appendUtf8(atLimit, static_cast<char32_t>(0x4E00 + k));
  }
  const TextScanResult fits = scanInChunks(atLimit, 1000);
  EXPECT_EQ(fits.problem, Problem::None);
  EXPECT_EQ(fits.vocabulary.size(), static_cast<std::size_t>(limits::MaxInputSize));
  std::string over = atLimit;
  appendUtf8(over, U'a');
  const TextScanResult tooMany = scanInChunks(over, 1000);
  EXPECT_EQ(tooMany.problem, Problem::TooManyCharacters);
  EXPECT_EQ(tooMany.byteOffset, atLimit.size());
}

TEST(TextScan, TinyShakespeareHasItsSixtyFiveCharacters) {
  const std::filesystem::path file = "/work/shared/data/tinyshakespeare.txt";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "no " << file;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  const TextScanResult result = scanInChunks(bytes, 1 << 18);
  ASSERT_EQ(result.problem, Problem::None);
  // Its README: 1,115,394 bytes, all ASCII, 65 distinct characters.
  EXPECT_EQ(result.characters, 1115394);
  const std::set<char> distinct(bytes.begin(), bytes.end());
  EXPECT_EQ(result.vocabulary.size(), 65u);
  EXPECT_EQ(result.vocabulary, std::u32string(distinct.begin(), distinct.end()));
}
