#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fp {

/// Upper-cases UTF-8 text with full Unicode rules (ICU, root locale): "Србија" -> "СРБИЈА", "ß" -> "SS".
/// Invalid UTF-8 is returned unchanged.
std::string toUpperUtf8(std::string_view text);

/// Decimal digits grouped by thousands with commas: 1273651 -> "1,273,651".
std::string groupThousands(uint64_t value);

}  // namespace fp
