#pragma once

// What a local source file holds, checked before or after GDAL opens it, so that a file GDAL cannot read, or
// must not read without the user's consent, gets a message that says why.

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fp {

/// The wide Unicode encoding of text starting with `head`: "UTF-16LE", "UTF-16BE", "UTF-32LE" or
/// "UTF-32BE", by byte-order mark or, without one, by the NUL bytes that ASCII characters have in it; empty
/// when the bytes are not such text.
std::string wideTextEncoding(std::string_view head);

/// Why GDAL could not open `path` as vector data: for UTF-16 or UTF-32 text, the encoding and what to do;
/// else "not a vector data format GDAL can read", with GDAL's own reason in brackets when it gave one.
std::string unreadableVectorReason(const std::string& path, const std::string& gdalReason);

/// Refuses a GDAL virtual dataset file (an OGR VRT or a raster VRT, recognised by its content whatever the
/// extension) whose sources, or those of the VRT files it names, would be read over the network, unless the
/// user allowed it: the same rule as for a project's sources (checkNetworkAllowed). The Error names `path`
/// and the network source (without secrets). Anything that is not a readable VRT passes.
Status checkVrtSources(const std::string& path);

}  // namespace fp
