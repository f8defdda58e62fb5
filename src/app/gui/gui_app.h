#pragma once

namespace fp {

/// Opens the Flashpoint window on the embedded default map (Kosovo and Serbia) and runs until it is closed.
/// Settings (window geometry, theme, open panels) are read from and saved to
/// $XDG_CONFIG_HOME/flashpoint/settings.json. Returns the process exit code: 0 after a normal close, 1 when
/// no window or GL context could be created.
int runGui(int argc, char** argv);

}  // namespace fp

// main() calls it unqualified.
using fp::runGui;
