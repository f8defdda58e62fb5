#pragma once

#include <optional>
#include <string>

#include "app/session/session.h"
#include "core/model/map_scene.h"
#include "core/util/result.h"

namespace fp {

/// Exit codes of every subcommand: 0 success, 1 the work failed (bad input file, render error), 2 the
/// command line itself is wrong (unknown flag, malformed value).
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// Help text of `--style` (render and animate).
inline constexpr const char* kStyleFlagHelp =
    "Draw every incident layer as markers, heatmap or hexbin (hexagonal bins with counts), or auto (markers "
    "until the view is dense, then a heatmap); default: as the project says, else auto";

/// The value of `--style`: nullopt when `text` is empty (each layer keeps its style), else the style, or an
/// InvalidArgument naming --style: "--style: 'dots' is not one of auto, markers, heatmap, hexbin".
Result<std::optional<IncidentDrawStyle>> parseStyleFlag(const std::string& text);
/// Sets every incident layer of the session to `style`, when there is one, through SetIncidentStyle.
Status applyStyleFlag(Session& session, std::optional<IncidentDrawStyle> style);

/// Parses the command line and runs the chosen subcommand headless. Errors go to stderr, one line each.
int runCli(int argc, char** argv);

}  // namespace fp
