#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fp {

/// Writes `bytes` to `path` so that readers see either the old file or the complete new one, never a part:
/// a temporary file in the same folder, flushed to disk, then renamed over `path`. On any failure the
/// temporary file is removed, `path` is untouched, and the Error names the path and the reason (missing
/// folder, permission denied, disk full, ...).
Status writeFileAtomically(const std::string& path, std::string_view bytes);

/// Checks that a file could be created at `path` (its folder exists and is writable) before expensive work.
Status checkWritableOutput(const std::string& path);

}  // namespace fp
