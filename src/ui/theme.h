#pragma once

#include <string>

#include "ui/commands.h"

struct ImFontAtlas;

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
bool loadUiFont(ImFontAtlas& atlas, const std::string& path, float pixelSize, float displayScale);

}  // namespace fp
