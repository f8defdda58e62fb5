#pragma once

#include <string>
#include <string_view>

namespace fp {

/// Bumped whenever normalizePlaceName changes its output; stored in gazetteer files, whose precomputed keys
/// are only valid for the version that made them.
inline constexpr uint32_t kPlaceNameNormalizationVersion = 1;

/// The search key of a place name: ICU "Any-Latin; Latin-ASCII; Lower" (so case, diacritics and script do not
/// matter: "Štrpce", "Shtërpcë" -> "strpce"/"shterpce", "Штрпце" -> "strpce"), then apostrophes dropped and
/// every other character that is not a-z or 0-9 made a word break; words joined by one space. Returns an
/// empty string when nothing searchable is left (or the input is not valid UTF-8). Thread-safe.
std::string normalizePlaceName(std::string_view utf8);

/// The ASCII-only part of normalizePlaceName, for text known to be ASCII (no ICU call).
std::string normalizeAsciiPlaceName(std::string_view ascii);

/// True when every byte is 7-bit ASCII.
bool isAscii(std::string_view text);

}  // namespace fp
