#pragma once

#include <string_view>
#include <vector>

namespace fp {

/// The code point that stands in for every malformed UTF-8 sequence.
inline constexpr char32_t kReplacementChar = 0xFFFD;

/// Decodes UTF-8 into code points. Never fails: each maximal ill-formed subsequence (stray continuation
/// byte, truncated sequence, overlong form, UTF-16 surrogate, value above U+10FFFF, bytes 0xF5..0xFF)
/// becomes one U+FFFD, as the Unicode standard recommends, and decoding resumes at the next byte that can
/// start a character.
std::vector<char32_t> decodeUtf8(std::string_view utf8);

}  // namespace fp
