#pragma once

#include <string>

#include "core/model/color.h"
#include "core/util/log.h"
#include "ui/commands.h"

struct ImVec4;

namespace fp {

/// `text` cut at a UTF-8 character boundary and ended with "…" so it fits `maxWidth` in the current font.
std::string ellipsize(const std::string& text, float maxWidth);

/// Shows `text` as a tooltip when the last item is hovered.
void itemTooltip(const char* text);

/// The colour log entries of `level` are drawn in, readable on the theme's window background.
ImVec4 logLevelColor(LogLevel level, Theme theme);

/// `text` without leading and trailing blanks (spaces, tabs, newlines).
std::string trimBlanks(const std::string& text);

/// A path as typed, pasted or dropped, cleaned up: surrounding blanks and quotes removed, a file:// URL
/// turned into its path (percent escapes decoded), a leading "~/" expanded with $HOME.
std::string cleanPathInput(const std::string& text);

}  // namespace fp
