#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "ui/commands.h"

namespace fp {

/// What the GUI remembers between runs.
struct GuiSettings {
    int width = 1280;  ///< window size in screen coordinates, when not maximized
    int height = 820;
    bool hasPosition = false;  ///< false: let the window manager place the window
    int x = 0;
    int y = 0;
    bool maximized = false;
    Theme theme = Theme::Light;
    bool layersOpen = true;
    bool logOpen = false;
    bool crsOpen = false;
    /// The side bars (left: Layers; right: Incidents, inspector): hidden to their strips, panel widths in
    /// logical pixels.
    bool leftBarCollapsed = false;
    bool rightBarCollapsed = false;
    int leftBarWidth = 360;
    int rightBarWidth = 360;
    /// The keys-and-mouse overlay was shown once (it opens by itself only on the first start).
    bool keysHelpShown = false;
    /// Field mappings the user applied in the field-mapping dialog, by source (fieldMappingKey): canonical
    /// incident field -> column, "" for a field left unread. Applied when the source is added again.
    std::map<std::string, std::map<std::string, std::string>> fieldMappings;
    /// Project files opened or saved, most recent first, at most kMaxRecentProjects.
    std::vector<std::string> recentProjects;
    bool fromFile = false;  ///< read from a settings file (sizes are then already scaled for the display)
};

/// A screen rectangle in screen coordinates (a monitor's work area: without panels and docks).
struct ScreenRect {
    int x = 0, y = 0, width = 0, height = 0;
};

/// Fits the window geometry of `settings` (size, and the position when it has one) into the work area `area`
/// of the screen it opens on: a size larger than the area shrinks to it (less a margin for the window
/// frame), a position that would put part of the window off the area moves it back on. An empty area
/// changes nothing.
void fitWindowToScreen(GuiSettings& settings, const ScreenRect& area);

/// $XDG_CONFIG_HOME/flashpoint, else ~/.config/flashpoint; empty when neither variable is set.
std::string guiConfigDir();

/// Reads settings.json from `path`. A missing file gives the defaults; a corrupt or partly wrong one logs a
/// warning and keeps the defaults for whatever could not be read. Never fails.
GuiSettings loadGuiSettings(const std::string& path);

/// Writes `settings` to `path` atomically (creating its folder), so a crash never leaves half a file.
Status saveGuiSettings(const std::string& path, const GuiSettings& settings);

}  // namespace fp
