#pragma once

#include <string>

#include "core/util/result.h"
#include "render/gl/offscreen_target.h"

namespace fp {

/// Encodes `image` as PNG and writes it atomically to `path` (see writeFileAtomically).
Status writePng(const Image& image, const std::string& path);

/// Encodes `image` as PNG bytes (for writers that place the file themselves). IoError when encoding fails.
Result<std::string> encodePng(const Image& image);

/// Reads a PNG (or any format stb_image knows) into RGBA8.
Result<Image> readImage(const std::string& path);

}  // namespace fp
