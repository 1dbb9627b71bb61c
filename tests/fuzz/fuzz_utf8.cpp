// The strict UTF-8 decoder: valid text re-encodes to the same bytes; on failure the offset is
// inside the text, the code points before it are exactly the valid prefix, and that prefix
// decodes cleanly. Every decoded code point is a Unicode scalar value; describeCodePoint takes
// them.

#include <string>

#include "fuzz_common.h"
#include "rnnlab/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  const std::string_view text = fuzz::asText(data, size);
  std::u32string decoded;
  const auto offset = decodeUtf8(text, decoded);
  for (std::size_t k = 0; k < decoded.size(); ++k) {
    const char32_t c = decoded[k];
    fuzz::check(c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF), "not a scalar value");
    if (k < 8) {  // a few suffice: it is slow, and the input decides which code points come first
      fuzz::check(!describeCodePoint(c).empty(), "empty description");
    }
  }
  const std::string encoded = encodeUtf8(decoded);
  if (!offset) {
    fuzz::check(encoded == text, "encode(decode(x)) != x");
    return 0;
  }
  fuzz::check(*offset < text.size(), "error offset outside the text");
  fuzz::check(encoded == text.substr(0, *offset), "decoded prefix does not match the offset");
  std::u32string prefix;
  fuzz::check(!decodeUtf8(text.substr(0, *offset), prefix).has_value() && prefix == decoded,
              "the valid prefix does not decode alone");
  return 0;
}
