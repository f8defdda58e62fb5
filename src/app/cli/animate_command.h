#pragma once

#include "app/cli/incident_read_flags.h"

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace fp {

/// Options of `flashpoint animate`, as given on the command line (validated when run).
struct AnimateOptions {
    std::string project;     ///< PROJECT.json; empty: the embedded default project
    std::string output;      ///< .mp4, .gif, or a folder for PNG frames
    std::string from;        ///< first frame's date; empty: the first day of the incidents
    std::string to;          ///< last frame's date (included); empty: the last day of the incidents
    std::string step;        ///< 1h, 1d, 1w, 1m...; empty: the playback step (1 day)
    std::optional<int> fps;  ///< unset: the project's export settings' rate
    std::string size;        ///< WIDTHxHEIGHT; empty: the export settings' size
    std::string window;      ///< 7d, 1w, 1m, cumulative, all; empty: the time state's, or one step
    bool fade = false;
    bool ghosts = false;
    std::string style;  ///< --style auto|markers|heatmap|hexbin; empty: each incident layer's own
    std::string bbox;
    std::vector<std::string> layers;
    std::vector<std::string> incidents;
    IncidentReadFlags read;  ///< --date-format, --encoding for `incidents`
    bool noDefaultLayers = false;
    bool quiet = false;  ///< no progress on stderr
};

/// Declares the subcommand and its flags on `app`.
void addAnimateCommand(CLI::App& app, AnimateOptions& options);
/// Renders the frames headless (EGL) to MP4/GIF through ffmpeg or to a PNG folder, with progress on stderr.
/// SIGINT cancels and removes everything written (exit 130). Returns an ExitCode otherwise. The encoder
/// program is $FLASHPOINT_FFMPEG when set, else `ffmpeg` on PATH.
int runAnimateCommand(const AnimateOptions& options);

}  // namespace fp
