#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/geocode/geocode_reviews.h"
#include "core/io/incidents/incident_loader.h"
#include "core/io/load_report.h"
#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/time/playback.h"
#include "core/time/time_window.h"
#include "core/util/result.h"

namespace fp {

/// One incident singled out on the map: the selected one (ringed, shown by the inspector) and the group of
/// incidents at one place spread apart for picking. It is the scene's focus (MapScene::incidentFocus), which
/// the renderer reads every frame.
using IncidentSelection = IncidentFocus;

/// The headless engine both the GUI and the CLI drive: scene, map projection, view, time state, playback,
/// geocoding reviews and the incident selection. Everything is read through const accessors and changed only
/// through the commands below, so that every change is validated in one place. Commands return their errors
/// and never log them: the caller says them once. No GL here.
class MapState {
public:
    /// Starts from `scene`, projecting into scene.crs; fails if that CRS has no transformation from WGS 84.
    static Result<MapState> create(MapScene scene);
    /// An independent copy (its own PROJ transformers; layer data shared), e.g. for an export that draws
    /// frames at their own times while the map goes on. Fails only when PROJ does.
    Result<MapState> copy() const;

    const MapScene& scene() const { return m_scene; }
    const MapProjection& projection() const { return m_projection; }
    const MapView& view() const { return m_view; }
    /// The time state (window mode and length, cursor, fade, ghosts): the scene's (MapScene::time), which
    /// the map follows every frame. Starts as WindowMode::All with the cursor at 0.
    const TimeState& time() const { return m_scene.time; }
    /// Playback step, speed and loop (used by the GUI's player and by animation exports).
    const PlaybackSettings& playback() const { return m_playback; }
    /// Rows of incident layers held for a geocoding decision, and the decisions made (see GeocodeReviews).
    const GeocodeReviews& geocodeReviews() const { return m_geocodeReviews; }
    const IncidentSelection& selection() const { return m_scene.incidentFocus; }
    /// Load reports of the last addLayers/addIncidents (row problems are kept here, not logged).
    const std::vector<LoadReport>& lastReports() const { return m_reports; }
    const IncidentFormatInfo& lastIncidentFormat() const { return m_lastIncidentFormat; }

    /// Loads every layer of `source` (see loadVectorSource) on top of the others with a default style.
    /// On failure nothing changes and the Error names the source and the reason; row problems are kept in
    /// lastReports().
    Result<std::vector<uint64_t>> addLayers(const std::string& source);
    /// Loads the incidents of `source` (see loadIncidents) into a new incident layer above the others and
    /// returns its id. The layer is named after the file or table and records the source without any
    /// password. On failure nothing changes and the Error says why; row problems are kept in lastReports(),
    /// the detected format in lastIncidentFormat().
    Result<uint64_t> addIncidents(const std::string& source, const IncidentLoadOptions& options = {});
    /// Adds incidents made in memory (not read from a source) as a new incident layer on top; returns its id.
    uint64_t addIncidentLayer(std::shared_ptr<const IncidentStore> data, std::string name,
                              std::string source = {}, std::string attribution = {}) {
        return m_scene.addIncidentLayer(std::move(data), std::move(name), std::move(source),
                                        std::move(attribution));
    }
    /// Replaces every incident layer with `layers` exactly as given, what their files hold (savedData,
    /// source) included: a recovered session's layers (app/session/recovery_incidents.h). Layers keep their
    /// ids, so their geocoding reviews stay; the selection is cleared.
    void setIncidentLayers(std::vector<IncidentLayer> layers) {
        m_scene.incidentLayers = std::move(layers);
        m_scene.incidentFocus = {};
    }
    /// Puts incident layer `newId` (just added) in the place of `oldId`, keeping the old one's style and
    /// drawing position; the old layer and its geocoding review go. NotFound when either is missing.
    Status replaceIncidentLayer(uint64_t oldId, uint64_t newId);

    // Incident edits (map_state_edits.cpp). Each gives the layer a new store (the old one stays with the
    // undo history), stamps the incident's provenance (stampProvenance), selects it at its new row and
    // fails with NotFound for a missing layer or row, InvalidArgument for a bad value (naming the field) or
    // a read-only layer (readOnlyReason): nothing changes then.

    /// Adds `incident` to layer `layerId`; returns its row.
    Result<uint32_t> addIncident(uint64_t layerId, Incident incident);
    /// Replaces every field of row `index` of layer `layerId` with `incident`'s.
    Status editIncident(uint64_t layerId, uint32_t index, Incident incident);
    /// Moves row `index` of layer `layerId` to `position`.
    Status moveIncident(uint64_t layerId, uint32_t index, LonLat position);
    /// Removes row `index` of layer `layerId` (the selection in that layer is cleared).
    Status removeIncident(uint64_t layerId, uint32_t index);
    /// Adds an empty incident layer of the user's own named `name`; returns its id.
    uint64_t newIncidentLayer(std::string name);
    /// Copies the incidents of layer `layerId` (only row `*only` when given) into a new layer of the user's
    /// own above the others; returns its id.
    Result<uint64_t> copyIncidentsToOwnLayer(uint64_t layerId, std::optional<uint32_t> only);
    /// Records that layer `layerId`'s file now holds `saved` (read from `source`, format `format`): the
    /// layer shows `saved` and has no unsaved edits.
    Status markIncidentLayerSaved(uint64_t layerId, std::shared_ptr<const IncidentStore> saved,
                                  const std::string& source, const std::string& format);

    /// Switches the map CRS (EPSG code, PROJ string, WKT). Keeps the view centred on the same place at the
    /// same ground scale. On failure the old CRS stays and the Error says why.
    Status setCrs(const std::string& definition);

    /// Replaces a vector layer's style; NotFound when there is no such layer.
    Status setLayerStyle(uint64_t layerId, const LayerStyle& style);
    /// Moves a vector layer one step up (+1) or down (-1); past either end nothing moves. NotFound when
    /// there is no such layer.
    Status moveLayer(uint64_t layerId, int direction);
    /// Removes a vector layer; NotFound when there is no such layer.
    Status removeLayer(uint64_t layerId);
    /// Replaces an incident layer's style; NotFound when there is no such layer.
    Status setIncidentStyle(uint64_t layerId, const IncidentStyle& style);
    /// Removes an incident layer with its geocoding review (and the selection in it); NotFound when there is
    /// no such layer.
    Status removeIncidentLayer(uint64_t layerId);
    /// How the gazetteer's places are labelled.
    void setPlaceLabels(const PlaceLabelStyle& style) { m_scene.placeLabels = style; }
    /// The gazetteer for place labels and reverse geocoding (null: none).
    void setGazetteer(std::shared_ptr<const Gazetteer> gazetteer) {
        m_scene.gazetteer = std::move(gazetteer);
    }
    /// The colour outside every layer (the GUI darkens it for its dark theme).
    void setBackground(Color background) { m_scene.background = background; }
    /// Applies a geocoding decision (see GeocodeReviews::resolve); the layer gets a new store.
    Status resolveGeocode(uint64_t layerId, const GeocodeChoice& choice);
    /// The geocoding decisions a project saved; they apply to layers held afterwards (holdForReview).
    void setGeocodeChoices(std::vector<GeocodeChoice> choices) {
        m_geocodeReviews.setChoices(std::move(choices));
    }
    /// Registers the rows of incident layer `layerId` held for a geocoding decision
    /// (GeocodeReviews::addLayer).
    void holdForReview(uint64_t layerId, const std::string& layerName, GeocodeSummary summary) {
        m_geocodeReviews.addLayer(m_scene, layerId, layerName, std::move(summary));
    }

    /// Replaces the time state; the scene shows it at once.
    void setTime(const TimeState& time) { m_scene.time = time; }
    /// Replaces the playback step, speed and loop.
    void setPlayback(const PlaybackSettings& playback) { m_playback = playback; }
    /// Union of the time ranges of all incident layers; {0, 0} when there are none.
    TimeSpan dataTimeSpan() const { return m_scene.dataTimeSpan(); }

    /// Selects an incident and spreads a group (see IncidentSelection).
    void setSelection(const IncidentSelection& selection) { m_scene.incidentFocus = selection; }

    /// Moves the view so the map follows a drag of (dx, dy) physical pixels.
    void panByPixels(double dx, double dy) { m_view.panByPixels(dx, dy); }
    /// Replaces the view (pan, zoom, fly to); the viewport size stays as resize() set it.
    void setView(const MapView& view);
    /// Frames a lon/lat box in the current viewport (aspect ratio kept, never stretched).
    void frame(const GeoBBox& box, double marginFraction = 0.04);
    /// Resizes the viewport keeping the centre and scale.
    void resize(int widthPx, int heightPx, float pixelRatio);

    /// The parts of the state a change can touch, as bits: what an undo step puts back.
    enum Part : unsigned {
        Layers = 1u << 0,          ///< vector layers: order, styles, data
        IncidentLayers = 1u << 1,  ///< incident layers (styles, data) with their geocoding reviews
        Crs = 1u << 2,             ///< the map CRS, its projection and the view (in the CRS's units)
        Time = 1u << 3,            ///< the time state
        Playback = 1u << 4,
        PlaceLabels = 1u << 5,
        Selection = 1u << 6,  ///< the selected incident (an incident edit selects the incident it changed)
    };
    /// What undo restores (see Part). Cheap to copy: layer data is shared, not copied.
    struct Snapshot {
        MapScene scene;
        MapView view;
        TimeState time;
        PlaybackSettings playback;
        GeocodeReviews geocodeReviews;
    };
    Snapshot snapshot() const;
    /// Puts the `parts` (Part bits) of `snapshot` back, leaving the others, the background, the gazetteer
    /// and the viewport size as they are; a selection in a layer that is gone is cleared.
    void restore(const Snapshot& snapshot, unsigned parts);

private:
    MapState(MapScene scene, MapProjection projection)
        : m_scene(std::move(scene)), m_projection(std::move(projection)) {}
    MapScene m_scene;
    MapProjection m_projection;
    MapView m_view;
    std::vector<LoadReport> m_reports;
    IncidentFormatInfo m_lastIncidentFormat;
    GeocodeReviews m_geocodeReviews;
    size_t m_userLayersAdded = 0;
    PlaybackSettings m_playback;
};

/// Parses "minlon,minlat,maxlon,maxlat" in degrees. InvalidArgument naming the text when there are not four
/// numbers, a value is out of range, or min is not below max.
Result<GeoBBox> parseGeoBBox(const std::string& text);

/// Parses "WIDTHxHEIGHT" in pixels, each 1..maxSide. InvalidArgument naming the text otherwise.
Result<std::pair<int, int>> parseImageSize(const std::string& text, int maxSide);

}  // namespace fp
