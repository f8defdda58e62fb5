#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/color.h"
#include "core/model/incident.h"
#include "core/model/incident_draw_style.h"
#include "core/model/incident_source.h"
#include "core/model/layer_style.h"
#include "core/model/place_label_style.h"
#include "core/model/vector_layer.h"
#include "core/proj/crs.h"

namespace fp {

class Gazetteer;

/// A layer on the map: shared immutable data plus its style. `id` is unique for the process's life, so
/// renderers can cache per-layer GPU buffers by it.
struct MapLayer {
    uint64_t id = 0;
    std::string name;  ///< shown in the layers panel; defaults to the data's display name
    std::shared_ptr<const VectorLayer> data;
    LayerStyle style;
    std::string attribution;  ///< source credit shown in exports; empty when unknown
};

/// How an incident layer is drawn (markers, rings, clustering); the category style sheet is shared.
struct IncidentStyle {
    bool visible = true;
    float opacity = 1.0f;
    float markerScale = 1.0f;                   ///< multiplies the style sheet's marker sizes
    bool showUncertainty = true;                ///< rings for location precision 2 and 3
    std::vector<std::string> hiddenCategories;  ///< categories toggled off in the legend
    /// Markers, a heatmap or hexagonal bins; Auto switches to a heatmap in dense views (isDenseView).
    IncidentDrawStyle drawStyle = IncidentDrawStyle::Auto;
    /// Heatmaps and hexagonal bins count fatalities (unreported: 0) instead of incidents.
    bool weightByFatalities = false;
    friend bool operator==(const IncidentStyle&, const IncidentStyle&) = default;
};

/// A set of incidents on the map, from one source.
struct IncidentLayer {
    uint64_t id = 0;
    std::string name;
    std::string source;               ///< path as given, or "PG:..." (password removed)
    IncidentLoadOptions loadOptions;  ///< how `source` was read (field mapping, table, SQL, categories)
    std::shared_ptr<const IncidentStore> data;
    IncidentStyle style;
    std::string attribution;
};

/// Everything that decides what the map shows apart from the view: layers in drawing order (first is
/// drawn first, i.e. at the bottom), the map CRS and the background. The GUI and every CLI command share it.
struct MapScene {
    std::vector<MapLayer> layers;
    std::vector<IncidentLayer> incidentLayers;  ///< drawn above all vector layers, first at the bottom
    Crs crs = Crs::fromUserInput("EPSG:32634").value();
    Color background = Color::rgb(214, 228, 238);  ///< sea / outside every layer
    /// Incidents shown: those whose covered span overlaps this half-open window (see
    /// core/time/time_window.h); nullopt shows all of them.
    std::optional<TimeSpan> timeWindow;
    /// With a window: in-window incidents fade with age (by where their covered span ends in the window).
    bool fadeByAge = false;
    /// With a window: out-of-window incidents are drawn faint instead of hidden.
    bool showGhosts = false;
    /// Offline gazetteer for place labels and reverse geocoding; null when none is loaded.
    std::shared_ptr<const Gazetteer> gazetteer;
    /// How the gazetteer's places are labelled (nothing is drawn without a gazetteer).
    PlaceLabelStyle placeLabels;

    /// Adds a layer on top of the others and returns its id. An empty `name` takes the data's display name.
    uint64_t addLayer(std::shared_ptr<const VectorLayer> data, LayerStyle style, std::string attribution = {},
                      std::string name = {});
    /// Adds an incident layer above the other incident layers and returns its id.
    uint64_t addIncidentLayer(std::shared_ptr<const IncidentStore> data, std::string name, std::string source,
                              std::string attribution = {});
    MapLayer* find(uint64_t id);
    const MapLayer* find(uint64_t id) const;
    /// The incident layer with id `id`; null when there is none.
    IncidentLayer* findIncidentLayer(uint64_t id);
    const IncidentLayer* findIncidentLayer(uint64_t id) const;
    bool remove(uint64_t id);
    /// Moves the layer one step up (towards the top, +1) or down (-1) in the drawing order.
    bool move(uint64_t id, int direction);
    /// Extent of all visible layers in lon/lat; empty when there are none.
    GeoBBox extent() const;
};

/// A new process-unique layer id.
uint64_t nextLayerId();

}  // namespace fp
