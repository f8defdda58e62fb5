#pragma once

#include <string>

#include "core/model/map_scene.h"
#include "ui/commands.h"

namespace fp {

/// The legend's row of edit actions for one incident layer: "Save edits" (back to its source, when it can
/// take them), "Save as…" (a new .gpkg, .csv or .geojson file, asked in a popup) and "Copy to own layer".
class IncidentLayerSaveButtons {
public:
    /// Draws the row for `layer` (inside the legend, under its PushID) and appends the commands.
    void draw(const IncidentLayer& layer, float scale, CommandList& out);

private:
    std::string m_path;
    uint64_t m_pathFor = 0;
    bool m_replace = false;
};

/// "<folder of source>/<stem>-edited.gpkg", or "<name>.gpkg" in the working folder for a layer without a
/// file.
std::string defaultSaveAsPath(const IncidentLayer& layer);

}  // namespace fp
