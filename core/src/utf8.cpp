#include "rnnlab/utf8.h"

#include <array>
#include <cstdio>

namespace rnnlab {

std::optional<std::size_t> decodeUtf8(std::string_view text, std::u32string& out) {
  const std::size_t size = text.size();
  std::size_t k = 0;
  while (k < size) {
    const auto lead = static_cast<unsigned char>(text[k]);
    if (lead < 0x80) {
      out.push_back(lead);
      ++k;
      continue;
    }
    int length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2;
      value = lead & 0x1F;
      minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      value = lead & 0x0F;
      minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      value = lead & 0x07;
      minimum = 0x10000;
    } else {
      return k;  // a continuation byte without a lead, or 0xF8..0xFF
    }
    if (k + static_cast<std::size_t>(length) > size) {
      return k;
    }
    for (int j = 1; j < length; ++j) {
      const auto next = static_cast<unsigned char>(text[k + static_cast<std::size_t>(j)]);
      if ((next & 0xC0) != 0x80) {
        return k;
      }
      value = (value << 6) | (next & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      return k;
    }
    out.push_back(value);
    k += static_cast<std::size_t>(length);
  }
  return std::nullopt;
}

void appendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string encodeUtf8(std::u32string_view codePoints) {
  std::string out;
  out.reserve(codePoints.size());
  for (const char32_t c : codePoints) {
    appendUtf8(out, c);
  }
  return out;
}

std::string describeCodePoint(char32_t codePoint) {
  std::array<char, 16> number{};
  std::snprintf(number.data(), number.size(), "U+%04X", static_cast<unsigned>(codePoint));
  // Control characters and spaces would be invisible or break the one-line message.
  if (codePoint <= 0x20 || codePoint == 0x7F || (codePoint >= 0x80 && codePoint < 0xA0)) {
    return number.data();
  }
  std::string out = "'";
  appendUtf8(out, codePoint);
  return out + "' (" + number.data() + ")";
}

}  // namespace rnnlab
