#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/model/layer_style.h"
#include "core/model/map_view.h"

namespace fp {

/// The ImGui theme; the app may also darken the map background for Dark.
enum class Theme { Dark, Light };

/// The toggleable windows of the GUI.
enum class PanelId { Layers, Log, Crs };

/// Move the view so the map follows a drag of (dx, dy) physical pixels.
struct Pan {
    double dx = 0.0;
    double dy = 0.0;
};
/// Zoom by `factor` (>1 zooms in) keeping the map point under `anchor` (physical pixels) fixed.
struct Zoom {
    ScreenXY anchor;
    double factor = 1.0;
};
/// Frame the default extent again.
struct ResetView {};
/// Replace a layer's style (visibility, colours, widths, opacity).
struct SetLayerStyle {
    uint64_t layerId = 0;
    LayerStyle style;
};
/// Move a layer one step up (+1, drawn later) or down (-1) in the drawing order.
struct MoveLayer {
    uint64_t layerId = 0;
    int direction = 0;
};
struct RemoveLayer {
    uint64_t layerId = 0;
};
/// Frame the layer's extent.
struct ZoomToLayer {
    uint64_t layerId = 0;
};
/// Load every layer of a vector source (path as typed or dropped) on top of the others.
struct AddLayer {
    std::string path;
};
/// Switch the map CRS (EPSG code, PROJ string or WKT); on failure the old CRS stays.
struct SetCrs {
    std::string definition;
};
struct SetTheme {
    Theme theme = Theme::Light;
};
/// Empty the process log.
struct ClearLog {};
/// Open or close a panel; `focus` also puts the keyboard into its main field. Handled inside the UI: the app
/// never sees it.
struct ShowPanel {
    PanelId panel = PanelId::Layers;
    bool show = true;
    bool focus = false;
};
/// Close the application.
struct Quit {};

/// Everything the UI can ask of the application. Panels append these; the app applies them to its state
/// after the UI frame and reports failures back (MainUi::onCommandResult).
using Command = std::variant<Pan, Zoom, ResetView, SetLayerStyle, MoveLayer, RemoveLayer, ZoomToLayer,
                             AddLayer, SetCrs, SetTheme, ClearLog, ShowPanel, Quit>;
using CommandList = std::vector<Command>;

}  // namespace fp
