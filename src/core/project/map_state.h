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

/// The headless engine both the GUI and the CLI drive: scene, map projection and view, changed only through
/// these commands so that every change is validated and logged. No GL here.
class MapState {
public:
    /// Starts from `scene`, projecting into scene.crs; fails if that CRS has no transformation from WGS 84.
    static Result<MapState> create(MapScene scene);

    const MapScene& scene() const { return m_scene; }
    MapScene& scene() { return m_scene; }
    const MapProjection& projection() const { return m_projection; }
    MapView& view() { return m_view; }
    const MapView& view() const { return m_view; }

    /// Loads every layer of `source` (see loadVectorSource) on top of the others with a default style.
    /// On failure nothing changes and the Error names the source and the reason; row problems are logged and
    /// kept in lastReports().
    Result<std::vector<uint64_t>> addLayers(const std::string& source);
    const std::vector<LoadReport>& lastReports() const { return m_reports; }

    /// Loads the incidents of `source` (see loadIncidents) into a new incident layer above the others and
    /// returns its id. The layer is named after the file or table and records the source without any
    /// password. On failure nothing changes and the Error says why; row problems are logged as warnings and
    /// kept in lastReports(), the detected format in lastIncidentFormat().
    Result<uint64_t> addIncidents(const std::string& source, const IncidentLoadOptions& options = {});
    const IncidentFormatInfo& lastIncidentFormat() const { return m_lastIncidentFormat; }
    /// Rows of incident layers held for a geocoding decision, and the decisions made (see GeocodeReviews).
    GeocodeReviews& geocodeReviews() { return m_geocodeReviews; }
    const GeocodeReviews& geocodeReviews() const { return m_geocodeReviews; }

    /// Switches the map CRS (EPSG code, PROJ string, WKT). Keeps the view centred on the same place at the
    /// same ground scale. On failure the old CRS stays and the Error says why.
    Status setCrs(const std::string& definition);

    /// The time state (window mode and length, cursor, fade, ghosts): the scene's (MapScene::time), which
    /// the map follows every frame. Starts as WindowMode::All with the cursor at 0.
    TimeState& time() { return m_scene.time; }
    const TimeState& time() const { return m_scene.time; }
    /// Playback step, speed and loop (used by the GUI's player and by animation exports).
    PlaybackSettings& playback() { return m_playback; }
    const PlaybackSettings& playback() const { return m_playback; }
    /// Union of the time ranges of all incident layers; {0, 0} when there are none.
    TimeSpan dataTimeSpan() const { return m_scene.dataTimeSpan(); }

    /// Frames a lon/lat box in the current viewport (aspect ratio kept, never stretched).
    void frame(const GeoBBox& box, double marginFraction = 0.04);
    /// Resizes the viewport keeping the centre and scale.
    void resize(int widthPx, int heightPx, float pixelRatio);

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
