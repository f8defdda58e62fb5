#pragma once

#include <span>
#include <string>

#include "core/export/export_settings.h"
#include "core/model/color.h"
#include "core/util/log.h"
#include "ui/commands.h"

struct ImVec4;

namespace fp {

/// `text` cut at a UTF-8 character boundary and ended with "…" so it fits `maxWidth` in the current font.
std::string ellipsize(const std::string& text, float maxWidth);

/// Shows `text` as a tooltip when the last item is hovered.
void itemTooltip(const char* text);

/// Puts the next item on the line of the last one when an item `nextWidth` pixels wide still fits in the
/// window there; otherwise it starts a new line (a row of radio buttons or check boxes that wraps instead
/// of being cut at a narrow panel's edge).
void sameLineIfFits(float nextWidth);

/// The width of a check box or radio button labelled `label`.
float toggleWidth(const char* label);

/// The colour log entries of `level` are drawn in, readable on the theme's window background.
ImVec4 logLevelColor(LogLevel level, Theme theme);

/// `text` without leading and trailing blanks (spaces, tabs, newlines).
std::string trimBlanks(const std::string& text);

/// A path as typed, pasted or dropped, cleaned up: surrounding blanks and quotes removed, a file:// URL
/// turned into its path (percent escapes decoded), a leading "~/" expanded with $HOME.
std::string cleanPathInput(const std::string& text);

/// A text field over a std::string (ImGui 1.86 has no std::string overload without imgui_stdlib); true
/// when the text was edited this frame. Holds up to 1023 bytes.
bool inputText(const char* label, std::string& value, const char* hint = nullptr);

/// Centres the next window (or popup) on the display when it appears.
void centreNextWindow();

/// For a dialog about to Begin: centres the next window on the display when it appears, and focuses it when
/// `appearing` is set (which it then clears: the dialog was just opened).
void centreNextDialog(bool& appearing);

/// An export size choice; a dpi of 0 leaves the settings' DPI as it is.
struct SizePreset {
    const char* label;
    int widthPx, heightPx;
    double dpi = 0.0;
};

/// A "Size" combo over settings.widthPx/heightPx (and dpi when the preset gives one), `width` ImGui units
/// wide, showing "Custom" when no preset matches.
void sizePresetCombo(std::span<const SizePreset> presets, ExportSettings& settings, float width);

}  // namespace fp
