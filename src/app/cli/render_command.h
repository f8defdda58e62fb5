#pragma once

#include "app/cli/incident_read_flags.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace fp {

/// Options of `flashpoint render`, as given on the command line (validated when run).
struct RenderOptions {
    std::string project;  ///< optional positional PROJECT.json; empty: the embedded default project
    std::string output;
    std::string size;   ///< WIDTHxHEIGHT; empty: the project's export size (1920x1080 by default)
    std::string title;  ///< --title: the export title (ExportSettings furniture titleText)
    std::string bbox;
    std::string crs;
    std::vector<std::string> layers;
    std::vector<std::string> incidents;  ///< incident sources drawn above the layers
    IncidentReadFlags read;              ///< --date-format, --encoding for `incidents`
    bool noDefaultLayers = false;
    bool noLabels = false;
    std::string style;         ///< --style auto|markers|heatmap|hexbin; empty: each incident layer's own
    std::string placeLabels;   ///< --place-labels none|local|latin|english; empty: the project's, else local
    bool timings = false;      ///< print phase timings to stderr (for bench/)
    std::string at;            ///< --at DATE: the time cursor; empty: no time filter
    std::string window;        ///< --window 12h|7d|1w|1m|cumulative|all (needs --at; default one day)
    std::string from;          ///< --from DATE: start of an explicit window (not with --at/--window)
    std::string to;            ///< --to DATE: its end; a date alone includes its whole day
    bool fade = false;         ///< --fade: fade in-window incidents by age (needs a window)
    bool ghosts = false;       ///< --ghosts: out-of-window incidents as faint ghosts (needs a window)
    double dpi = 0.0;          ///< --dpi: labels, markers, furniture sized for it; 0: the project's (96)
    int quality = 0;           ///< --quality: JPEG quality 1..100; 0: the project's (90)
    bool worldFile = false;    ///< .png: also write a .pgw world file and a .prj
    bool furniture = false;    ///< --furniture: title, legend, scale bar, ... (implied by the texts below)
    bool noFurniture = false;  ///< --no-furniture: the bare map whatever else says
    std::string subtitle;      ///< --subtitle TEXT (default: the window's date range)
    std::string banner;        ///< --banner TEXT: caveat/classification banner, top and bottom
    std::string saveProject;   ///< --save-project P.flashpoint.json: also save what was rendered as a project
};

/// Declares the subcommand and its flags on `app`.
void addRenderCommand(CLI::App& app, RenderOptions& options);
/// Renders the map to a PNG, JPEG, GeoTIFF or GeoPDF (by the output's extension) with EGL surfaceless (no X
/// server). Returns an ExitCode.
int runRenderCommand(const RenderOptions& options);

}  // namespace fp
