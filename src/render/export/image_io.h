#pragma once

#include <string>

#include "core/util/result.h"
#include "render/gl/offscreen_target.h"

namespace fp {

/// Encodes `image` as PNG and writes it atomically to `path` (see writeFileAtomically).
Status writePng(const Image& image, const std::string& path);

/// Reads a PNG (or any format stb_image knows) into RGBA8.
Result<Image> readImage(const std::string& path);

}  // namespace fp
