#pragma once

#include <string>

#include "core/util/result.h"
#include "render/gl/offscreen_target.h"

namespace fp {

/// Encodes `image` as PNG and writes it atomically to `path` (see writeFileAtomically).
Status writePng(const Image& image, const std::string& path);

/// Encodes `image` as PNG bytes (for writers that place the file themselves). IoError when encoding fails.
Result<std::string> encodePng(const Image& image);

/// Encodes `image` as baseline JPEG at `quality` (1..100, clamped) on white: JPEG has no alpha.
Result<std::string> encodeJpeg(const Image& image, int quality);

/// Encodes `image` as JPEG (see encodeJpeg) and writes it atomically to `path`.
Status writeJpeg(const Image& image, const std::string& path, int quality);

/// Reads a PNG (or any format stb_image knows) into RGBA8.
Result<Image> readImage(const std::string& path);

}  // namespace fp
