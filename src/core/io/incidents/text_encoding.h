#pragma once

// Internal to core/io/incidents: the character encoding of a text file, and its conversion to UTF-8.

#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fp::incident_io {

/// How a text file was decoded.
struct DecodedText {
    /// The text as UTF-8 when it had to be converted; empty optional when the file's own bytes are UTF-8
    /// (a UTF-8 byte-order mark is left for the reader to skip).
    std::optional<std::string> utf8;
    std::string encoding;  ///< "UTF-8", "UTF-16LE", "UTF-16BE", "WINDOWS-1252" or the one asked for
    /// True when the encoding was a guess: the bytes are not UTF-8 and no encoding was asked for.
    bool guessed = false;
};

/// Decodes `bytes`: `encoding` when given (any name iconv knows, e.g. "ISO-8859-2", "CP1251"), else UTF-16
/// with a byte-order mark, else UTF-8 when the bytes are well-formed UTF-8, else Windows-1252 (`guessed`).
/// Bytes the encoding cannot map become U+FFFD. InvalidArgument naming `path` for an unknown encoding.
Result<DecodedText> decodeText(std::string_view bytes, const std::string& encoding, const std::string& path);

/// `utf8` in `encoding` (any name iconv knows). InvalidArgument naming the encoding and the first character
/// it has none for (e.g. Cyrillic in WINDOWS-1252): nothing is replaced silently.
Result<std::string> encodeText(std::string_view utf8, const std::string& encoding);

}  // namespace fp::incident_io
