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
#include "core/time/time_window.h"

namespace fp {

class Gazetteer;

/// Which incident is selected and which place's incidents are spread apart, for highlighting and layout.
struct IncidentFocus {
    uint64_t selectedLayer = 0;  ///< IncidentLayer::id; 0: nothing selected
    uint32_t selectedIndex = 0;  ///< IncidentStore row
    uint64_t spreadLayer = 0;    ///< 0: no group spread
    uint32_t spreadGroup = 0;    ///< the renderer's group index, as its hit test reported it
    friend bool operator==(const IncidentFocus&, const IncidentFocus&) = default;
};

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
    /// What its source holds: the store as loaded or last saved. `data` is another store after an edit
    /// (see hasUnsavedEdits). Null for a layer of the user's own that was never saved.
    std::shared_ptr<const IncidentStore> savedData;
    std::string format;  ///< the loader's format name ("generic", "acled", "gdelt"...); "" for own layers
    bool own = false;    ///< made in Flashpoint (New incident layer, a copy): saved as a file of its own
};

/// True when `layer` holds edits its source (or, for a layer of the user's own, any file) does not.
bool hasUnsavedEdits(const IncidentLayer& layer);
/// Why the incidents of `layer` cannot be edited in place (a GDELT export, an SQL query), or "" when
/// they can: such incidents are copied into a layer of the user's own first.
std::string readOnlyReason(const IncidentLayer& layer);

/// Everything that decides what the map shows apart from the view: layers in drawing order (first is
/// drawn first, i.e. at the bottom), the map CRS and the background. The GUI and every CLI command share it.
struct MapScene {
    std::vector<MapLayer> layers;
    std::vector<IncidentLayer> incidentLayers;  ///< drawn above all vector layers, first at the bottom
    Crs crs = Crs::fromUserInput("EPSG:32634").value();
    Color background = Color::rgb(214, 228, 238);  ///< sea / outside every layer
    /// The time controls' state (window mode and length, cursor, fade by age, ghosts): the only copy. What
    /// the map shows follows it every frame (timeWindow()); nothing else needs updating when it changes.
    TimeState time{TimeWindowSpec{WindowMode::All, 0, 0}, TimePoint{}};
    /// The selected incident and the spread group, drawn by the renderer every frame.
    IncidentFocus incidentFocus;
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

    /// Union of the time ranges of all incident layers (by covered span); {0, 0} when there are none.
    TimeSpan dataTimeSpan() const;
    /// Incidents shown: those whose covered span overlaps this half-open window (see
    /// core/time/time_window.h); nullopt (WindowMode::All) shows all of them. windowAt(time, dataTimeSpan()):
    /// O(incident layers), cheap enough to ask every frame.
    std::optional<TimeSpan> timeWindow() const;
};

/// A new process-unique layer id.
uint64_t nextLayerId();

}  // namespace fp
