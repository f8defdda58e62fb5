#pragma once

#include <string>
#include <vector>

namespace fp {

/// How the window is opened. The defaults are what `flashpoint` without arguments does.
struct GuiOptions {
    std::string project;              ///< project file to open; empty: the embedded default project
    std::vector<std::string> layers;  ///< added on top of the embedded default, as if dropped on the window
    /// incident sources (paths or "PG:..." strings) added after the layers, as the Incidents panel's Add does
    std::vector<std::string> incidents;
    std::string screenshotPath;  ///< when set: draw `frames` frames, save the window as PNG, and exit
    int frames = 3;
    /// Time to start at (--at DATE, as the timeline's date field reads it) and the window (--window 12h, 7d,
    /// 1w, 1m, cumulative, all; a 1-day window when empty). Both empty: all time.
    std::string at;
    std::string window;
    std::string findPlace;  ///< --find: open Find place with this query (waits for the gazetteer)
};

/// Runs the window with `options`; see runGui. Exit code 1 also when the screenshot cannot be written, 2 when
/// --at or --window is malformed (before any window opens).
int runGuiWith(const GuiOptions& options);

/// Opens the Flashpoint window on the embedded default map (Kosovo and Serbia) and runs until it is closed.
/// Settings (window geometry, theme, open panels) are read from and saved to
/// $XDG_CONFIG_HOME/flashpoint/settings.json. Returns the process exit code: 0 after a normal close, 1 when
/// no window or GL context could be created.
int runGui(int argc, char** argv);

}  // namespace fp

// main() calls it unqualified.
using fp::runGui;
