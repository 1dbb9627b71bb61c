#pragma once

// UTF-8 to Unicode code points and back. The decoder is strict (RFC 3629): overlong forms,
// surrogates (U+D800..U+DFFF), code points above U+10FFFF, stray continuation bytes and cut-off
// sequences are all refused, so that a text file either means one thing or is rejected.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rnnlab {

// Appends the code points of `text` to `out`. Returns the byte offset (from 0) of the first
// byte that does not start a valid sequence, or nothing when the whole text is valid (`out`
// then holds every code point; on failure it holds those before the offset).
std::optional<std::size_t> decodeUtf8(std::string_view text, std::u32string& out);

// Appends the UTF-8 form of a code point (which must be a valid scalar value).
void appendUtf8(std::string& out, char32_t codePoint);
std::string encodeUtf8(std::u32string_view codePoints);

// A code point for messages: the character itself when printable, and always its number,
// e.g. "'é' (U+00E9)" or "U+000A".
std::string describeCodePoint(char32_t codePoint);

}  // namespace rnnlab
