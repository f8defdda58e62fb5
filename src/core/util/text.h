#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fp {

/// Upper-cases UTF-8 text with full Unicode rules (ICU, root locale): "Србија" -> "СРБИЈА", "ß" -> "SS".
/// Invalid UTF-8 is returned unchanged.
std::string toUpperUtf8(std::string_view text);

/// `s` without leading and trailing ASCII white space (space, tab, CR, LF).
inline std::string_view trimSpaces(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

/// Decimal digits grouped by thousands with commas: 1273651 -> "1,273,651".
std::string groupThousands(uint64_t value);

}  // namespace fp
