#pragma once

#include <string>

#include "ui/commands.h"

struct ImFontAtlas;
struct ImFont;

namespace fp {

/// Resets ImGui's style to `theme` with every size multiplied by `scale` (ImGui units per logical pixel).
/// Call again whenever the theme or the display's scale changes.
void applyImGuiStyle(Theme theme, float scale);

/// Glyph ranges of the UI font: Basic Latin, Latin-1, Latin Extended-A/B, Cyrillic (with Supplement),
/// General Punctuation (dashes, ellipsis) and the degree sign; zero-terminated, static.
const unsigned short* uiGlyphRanges();

/// Replaces the atlas's fonts with the TTF/OTF at `path` rasterised at `pixelSize` physical pixels and shown
/// at `displayScale` of that (1 / framebuffer scale). Falls back to ImGui's built-in font, and returns false,
/// when the file cannot be used. The backend must re-upload the atlas texture afterwards.
/// Also adds the same face at twice the size (Latin and punctuation only) for headlines: see uiLargeFont.
bool loadUiFont(ImFontAtlas& atlas, const std::string& path, float pixelSize, float displayScale);

/// The headline font loadUiFont added (twice the UI size), or the current UI font when there is none: draw
/// with it at twice the UI font's size then.
ImFont* uiLargeFont();

}  // namespace fp
