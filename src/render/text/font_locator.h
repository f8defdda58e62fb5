#pragma once

#include <string>

#include "core/util/result.h"

namespace fp {

/// Path of an installed scalable font file for map labels, found through fontconfig. The font must cover
/// Latin Extended and Cyrillic (it is checked for Š U+0160, ë U+00EB, ć U+0107, Đ U+0110, ш U+0448,
/// Ж U+0416), so labels in the region's scripts never fall back to boxes. `family` is tried first, then
/// "Noto Sans", "DejaVu Sans" and "Liberation Sans"; fontconfig may substitute a similar family for each.
/// `bold` asks for a bold weight (a regular face is accepted if no bold one covers the scripts).
/// Fails with ErrorCode::NotFound naming `family` when no installed font qualifies.
Result<std::string> findSystemFont(const std::string& family = "DejaVu Sans", bool bold = false);

}  // namespace fp
