#include "app/gui/command_applier.h"

#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>

#include "core/project/default_scene.h"
#include "core/project/layer_geocoded_copy.h"
#include "core/time/playback_clock.h"
#include "core/util/log.h"
#include "ui/geo_format.h"
#include "ui/panels/incident_inspector_panel.h"

extern char** environ;

namespace fp {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

constexpr double kMinGroundMetresPerPixel = 0.01;
constexpr double kMaxGroundMetresPerPixel = 40000.0;

void zoom(MapState& state, const Zoom& z) {
    MapView next = state.view();
    next.zoomAbout(z.anchor, z.factor);
    const double ground = groundMetresPerPixelAtCenter(next, state.projection());
    // Outside the projection's domain the ground scale is undefined: allow zooming in, never out.
    if (std::isfinite(ground) ? (z.factor > 1.0 && ground < kMinGroundMetresPerPixel) ||
                                    (z.factor < 1.0 && ground > kMaxGroundMetresPerPixel)
                              : z.factor < 1.0)
        return;
    state.view() = next;
}

/// `box`, or a few kilometres around it when it is a single place (framing a point would zoom in forever).
GeoBBox withRoomAround(const GeoBBox& box) {
    if (box.empty() || box.width() >= 0.02 || box.height() >= 0.02) return box;
    return GeoBBox::fromCorners(box.centerX() - 0.05, box.centerY() - 0.05, box.centerX() + 0.05,
                                box.centerY() + 0.05);
}

/// Frames `box` when none of it is on screen, so that something just added does not seem to be missing.
void bringIntoView(MapState& state, GeoBBox box) {
    box = withRoomAround(box);
    const MapBBox projected = projectGeoBBox(box, state.projection());
    if (!projected.empty() && !projected.intersects(state.view().visibleExtent())) state.frame(box);
}

Status addLayers(MapState& state, const std::string& path) {
    auto ids = state.addLayers(path);
    if (!ids) return ids.error();
    // A layer far from what is on screen would look like nothing happened: bring it into view.
    GeoBBox added;
    for (uint64_t id : ids.value())
        if (const MapLayer* layer = state.scene().find(id); layer && layer->data)
            added.extend(layer->data->extent);
    bringIntoView(state, added);
    return {};
}

/// Brings the newest incident layer into view.
void showNewestIncidents(MapState& state) {
    const IncidentLayer* newest = nullptr;
    for (const auto& layer : state.scene().incidentLayers)
        if (!newest || layer.id > newest->id) newest = &layer;
    if (newest && newest->data) bringIntoView(state, newest->data->extent());
}

Status addIncidents(MapState& state, const AddIncidents& a) {
    IncidentLoadOptions options;
    options.fieldMapping = a.fieldMapping;
    auto id = state.addIncidents(a.source, options);
    if (!id) {
        // Dropped files that hold no incidents are ordinary vector layers. When they are not that either, the
        // incident error says more (a table whose columns were not recognised can still be mapped).
        if (a.orAsLayers && id.error().code == ErrorCode::UnsupportedFormat) {
            if (Status layers = addLayers(state, a.source); !layers.ok()) return id.error();
            return {};
        }
        return id.error();
    }
    showNewestIncidents(state);
    return {};
}

/// Loads the incidents again with the user's field mapping, in place of `replaceLayerId` when it still exists
/// (same style and drawing position), else on top. On failure the map stays as it was.
Status reloadIncidents(MapState& state, const ReloadIncidents& r) {
    IncidentLoadOptions options;
    options.fieldMapping = r.fieldMapping;
    options.table = r.table;
    options.dateFormat = r.dateFormat;
    auto id = state.addIncidents(r.source, options);
    if (!id) return id.error();
    auto& layers = state.scene().incidentLayers;
    const auto old = std::find_if(layers.begin(), layers.end(), [&](const IncidentLayer& l) {
        return r.replaceLayerId && l.id == r.replaceLayerId;
    });
    if (old != layers.end() && layers.back().id == id.value()) {
        IncidentLayer added = std::move(layers.back());
        layers.pop_back();
        added.style = old->style;
        // Categories the new mapping no longer has would stay hidden for nothing; harmless, so kept.
        logInfo("Replaced incident layer " + old->name + " with the remapped one");
        state.geocodeReviews().removeLayer(old->id);
        *old = std::move(added);
        return {};
    }
    showNewestIncidents(state);
    return {};
}

/// Centres the view on the incident and zooms in until its place fills the view: about 20 m per pixel for an
/// exact place, the uncertainty disc across 80 % of the view otherwise. A closer view is kept.
/// Centres the view on `at`, zooming in (never out) until `radiusMetres` around it fills 80% of the shorter
/// side; a radius of 0 zooms to 20 m per pixel.
void centreOn(MapState& state, MapXY at, double radiusMetres) {
    MapView& view = state.view();
    view.center = at;
    const double target =
        radiusMetres > 0.0 ? 2.0 * radiusMetres / (0.8 * std::max(1, std::min(view.widthPx, view.heightPx)))
                           : 20.0;
    const double ground = groundMetresPerPixelAtCenter(view, state.projection());
    if (std::isfinite(ground) && ground > target) view.unitsPerPixel *= target / ground;
}

Status flyTo(MapState& state, const IncidentRef& ref) {
    const IncidentLayer* layer = state.scene().findIncidentLayer(ref.layerId);
    if (!layer || !layer->data || ref.index >= layer->data->size())
        return makeError(ErrorCode::NotFound, "incident", "the incident is no longer loaded");
    const IncidentStore& store = *layer->data;
    const MapXY at = state.projection().project({store.lon()[ref.index], store.lat()[ref.index]});
    if (!isFinite(at))
        return makeError(ErrorCode::ProjectionFailed, std::string(store.id(ref.index)),
                         "the incident lies outside the area the map CRS covers");
    centreOn(state, at,
             uncertaintyRadiusMetres(static_cast<LocationPrecision>(store.locationPrecision()[ref.index])));
    return {};
}

Status flyToPlace(MapState& state, const FlyToPlace& place) {
    const MapXY at =
        isValidLonLat(place.position) ? state.projection().project(place.position) : MapXY{NAN, NAN};
    if (!isFinite(at))
        return makeError(ErrorCode::ProjectionFailed, place.name,
                         "the place lies outside the area the map CRS covers");
    centreOn(state, at, place.radiusMetres);
    return {};
}

/// Opens `url` with xdg-open in its own process: the URL is one argv entry (no shell ever parses it) and a
/// detached thread reaps the process.
Status openUrl(const std::string& url) {
    if (!isOpenableUrl(url))
        return makeError(ErrorCode::InvalidArgument, url, "only http:// and https:// links are opened");
    std::string program = "xdg-open";
    char* argv[] = {program.data(), const_cast<char*>(url.c_str()), nullptr};
    pid_t pid = 0;
    const int err = posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ);
    if (err != 0)
        return makeError(ErrorCode::NotFound, "xdg-open",
                         std::string("cannot start the browser: ") + std::strerror(err));
    std::thread([pid] {
        int status = 0;
        waitpid(pid, &status, 0);
    }).detach();
    logInfo("Opened " + url);
    return {};
}

/// Moves the cursor with `move` (given the time state ready for playing, see withActiveWindow) and shows it.
template <class Move>
Status moveCursor(MapState& state, Move move) {
    const TimeSpan data = state.dataTimeSpan();
    if (data.end <= data.begin)
        return makeError(ErrorCode::NotFound, "time", "no incidents with dates loaded");
    state.time() = withActiveWindow(state.time(), state.playback().step, data);
    state.time().cursor = move(data);
    return {};
}

/// Applies a geocoding decision. The layer gets a new store: the renderer and the time caches key on the
/// store, so they refresh as after a reload.
Status resolveGeocode(MapState& state, const ResolveGeocode& r) {
    const GeocodeChoice& c = r.choice;
    if (Status s = state.geocodeReviews().resolve(state.scene(), r.layerId, c); !s) {
        logWarning("geocoding decision not applied: " + s.error().describe());
        return s;
    }
    const std::string row = c.source + " row " + std::to_string(c.row) + " '" + c.name + "'";
    switch (c.kind) {
        case GeocodeChoice::Kind::Skip:
            logInfo(row + ": left off the map");
            break;
        case GeocodeChoice::Kind::Candidate:
            logInfo(row + ": placed at " + c.placeName);
            break;
        case GeocodeChoice::Kind::MapPoint:
            logInfo(row + ": placed where clicked, " + formatLatLon(c.position));
            break;
    }
    return {};
}

Status layerMissing(uint64_t id) {
    return makeError(ErrorCode::NotFound, "layer " + std::to_string(id), "the layer no longer exists");
}

}  // namespace

Status applyCommand(MapState& state, const Command& command) {
    return std::visit(
        Overloaded{
            [&](const Pan& p) -> Status {
                state.view().panByPixels(p.dx, p.dy);
                return {};
            },
            [&](const Zoom& z) -> Status {
                zoom(state, z);
                return {};
            },
            [&](const ResetView&) -> Status {
                state.frame(defaultFocusBBox());
                return {};
            },
            [&](const SetLayerStyle& s) -> Status {
                MapLayer* layer = state.scene().find(s.layerId);
                if (!layer) return layerMissing(s.layerId);
                layer->style = s.style;
                return {};
            },
            [&](const MoveLayer& m) -> Status {
                // Moving past either end is a harmless no-op, not an error.
                if (!state.scene().find(m.layerId)) return layerMissing(m.layerId);
                state.scene().move(m.layerId, m.direction);
                return {};
            },
            [&](const RemoveLayer& r) -> Status {
                const MapLayer* layer = state.scene().find(r.layerId);
                if (!layer) return layerMissing(r.layerId);
                const std::string name = !layer->name.empty() ? layer->name
                                         : layer->data        ? layer->data->displayName
                                                              : std::string("layer");
                state.scene().remove(r.layerId);
                logInfo("Removed layer " + name);
                return {};
            },
            [&](const ZoomToLayer& z) -> Status {
                const MapLayer* layer = state.scene().find(z.layerId);
                if (const IncidentLayer* incidents = state.scene().findIncidentLayer(z.layerId);
                    !layer && incidents) {
                    if (incidents->data && !incidents->data->empty())
                        state.frame(withRoomAround(incidents->data->extent()));
                    return {};
                }
                if (!layer) return layerMissing(z.layerId);
                if (layer->data && !layer->data->extent.empty()) state.frame(layer->data->extent);
                return {};
            },
            [&](const AddLayer& a) -> Status { return addLayers(state, a.path); },
            [&](const SetCrs& c) -> Status { return state.setCrs(c.definition); },
            [&](const ClearLog&) -> Status {
                Log::instance().clear();
                return {};
            },
            [&](const SetTheme&) -> Status { return {}; },
            [&](const ShowPanel&) -> Status { return {}; },
            [&](const Quit&) -> Status { return {}; },
            [&](const ShowIncidentPanel&) -> Status { return {}; },
            [&](const AddIncidents& a) -> Status { return addIncidents(state, a); },
            [&](const SetIncidentStyle& s) -> Status {
                IncidentLayer* layer = state.scene().findIncidentLayer(s.layerId);
                if (!layer) return layerMissing(s.layerId);
                layer->style = s.style;
                return {};
            },
            [&](const RemoveIncidentLayer& r) -> Status {
                auto& layers = state.scene().incidentLayers;
                auto it = std::find_if(layers.begin(), layers.end(),
                                       [&](const IncidentLayer& l) { return l.id == r.layerId; });
                if (it == layers.end()) return layerMissing(r.layerId);
                logInfo("Removed incident layer " + it->name);
                state.geocodeReviews().removeLayer(r.layerId);
                layers.erase(it);
                return {};
            },
            [&](const SelectIncident& s) -> Status {
                state.scene().incidentFocus.selectedLayer = s.incident.layerId;
                state.scene().incidentFocus.selectedIndex = s.incident.index;
                return {};
            },
            [&](const FlyToIncident& f) -> Status { return flyTo(state, f.incident); },
            [&](const SpreadIncidentGroup& s) -> Status {
                state.scene().incidentFocus.spreadLayer = s.layerId;
                state.scene().incidentFocus.spreadGroup = s.group;
                return {};
            },
            [&](const OpenUrl& o) -> Status { return openUrl(o.url); },
            [&](const ReloadIncidents& r) -> Status { return reloadIncidents(state, r); },
            [&](const ShowFieldMapping&) -> Status { return {}; },
            [&](const SetTimeState& t) -> Status {
                state.time() = t.state;
                return {};
            },
            [&](const SetPlayback& p) -> Status {
                state.playback() = p.settings;
                return {};
            },
            // The app's PlaybackClock starts and stops; here the map gets a window to play.
            [&](const Play&) -> Status {
                return moveCursor(state, [&](TimeSpan) { return state.time().cursor; });
            },
            [&](const Pause&) -> Status { return {}; },
            [&](const StepTime& s) -> Status {
                return moveCursor(state, [&](TimeSpan data) {
                    return stepCursor(state.time().cursor, state.time(), state.playback().step, s.steps,
                                      data);
                });
            },
            [&](const SeekStart&) -> Status {
                return moveCursor(state,
                                  [&](TimeSpan data) { return playbackBounds(state.time(), data).begin; });
            },
            [&](const FlyToPlace& f) -> Status { return flyToPlace(state, f); },
            [&](const ResolveGeocode& r) -> Status { return resolveGeocode(state, r); },
            [&](const SetPlaceLabels& p) -> Status {
                state.scene().placeLabels = p.style;
                return {};
            },
            [&](const SeekEnd&) -> Status {
                return moveCursor(state,
                                  [&](TimeSpan data) { return playbackBounds(state.time(), data).end; });
            },
            // The app's animation job runs these (app/gui/animation_job.h).
            [&](const ShowAnimationExport&) -> Status { return {}; },
            [&](const ExportAnimation&) -> Status { return {}; },
            [&](const CancelAnimationExport&) -> Status { return {}; },
            [&](const ShowImageExport&) -> Status { return {}; },
            [&](const ExportImage&) -> Status { return {}; },
            // Projects are opened and saved by the app (ProjectSession), which owns the whole state.
            [&](const ShowProjectDialog&) -> Status { return {}; },
            [&](const NewProject&) -> Status { return {}; },
            [&](const OpenProject&) -> Status { return {}; },
            [&](const SaveProject&) -> Status { return {}; },
            [&](const ShowGeocodedCopy&) -> Status { return {}; },
            // The GUI writes copies on a worker thread (GeocodedCopyJob); here the copy is written at once.
            [&](const SaveGeocodedCopy& c) -> Status {
                auto req = layerGeocodedCopyRequest(state, c.layerId);
                if (!req) return req.error();
                req.value().output = c.outputPath;
                req.value().replaceExisting = c.replaceExisting || c.overwriteSource;
                req.value().allowSourceOverwrite = c.overwriteSource;
                auto saved = writeGeocodedCopy(req.value());
                if (!saved) return saved.error();
                logInfo("Saved geocoded copy " + saved.value().output + ": " + saved.value().describe());
                return {};
            },
        },
        command);
}

bool changesProject(const Command& command) {
    return std::visit(
        Overloaded{
            // What a project file holds: layers, styles, incident sources, CRS, the time window, playback and
            // place labels.
            [](const SetLayerStyle&) { return true; },
            [](const MoveLayer&) { return true; },
            [](const RemoveLayer&) { return true; },
            [](const AddLayer&) { return true; },
            [](const SetCrs&) { return true; },
            [](const AddIncidents&) { return true; },
            [](const SetIncidentStyle&) { return true; },
            [](const RemoveIncidentLayer&) { return true; },
            [](const ReloadIncidents&) { return true; },
            [](const SetTimeState&) { return true; },
            [](const SetPlayback&) { return true; },
            [](const SetPlaceLabels&) { return true; },
            [](const ResolveGeocode&) { return true; },
            // Looking around (pan, zoom, stepping and playing through time) is saved with the project but is
            // not a change worth a question on quitting; nor is anything about the app itself.
            [](const auto&) { return false; },
        },
        command);
}

}  // namespace fp
