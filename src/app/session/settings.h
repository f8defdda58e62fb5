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
    /// Field mappings the user applied in the field-mapping dialog, by source (fieldMappingKey): canonical
    /// incident field -> column, "" for a field left unread. Applied when the source is added again.
    std::map<std::string, std::map<std::string, std::string>> fieldMappings;
    /// Project files opened or saved, most recent first, at most kMaxRecentProjects.
    std::vector<std::string> recentProjects;
    bool fromFile = false;  ///< read from a settings file (sizes are then already scaled for the display)
};

/// $XDG_CONFIG_HOME/flashpoint, else ~/.config/flashpoint; empty when neither variable is set.
std::string guiConfigDir();

/// Reads settings.json from `path`. A missing file gives the defaults; a corrupt or partly wrong one logs a
/// warning and keeps the defaults for whatever could not be read. Never fails.
GuiSettings loadGuiSettings(const std::string& path);

/// Writes `settings` to `path` atomically (creating its folder), so a crash never leaves half a file.
Status saveGuiSettings(const std::string& path, const GuiSettings& settings);

}  // namespace fp
