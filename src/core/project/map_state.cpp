#include "core/project/map_state.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "core/io/vector_loader.h"
#include "core/project/default_scene.h"
#include "core/util/log.h"

namespace fp {

Result<MapState> MapState::create(MapScene scene) {
    auto projection = MapProjection::create(scene.crs);
    if (!projection) return projection.error();
    return MapState(std::move(scene), std::move(projection).value());
}

Result<MapState> MapState::copy() const {
    auto projection = MapProjection::create(m_scene.crs);
    if (!projection) return projection.error();
    MapState copied(m_scene, std::move(projection).value());
    copied.m_view = m_view;
    copied.m_reports = m_reports;
    copied.m_lastIncidentFormat = m_lastIncidentFormat;
    copied.m_geocodeReviews = m_geocodeReviews;
    copied.m_userLayersAdded = m_userLayersAdded;
    copied.m_playback = m_playback;
    return copied;
}

Result<std::vector<uint64_t>> MapState::addLayers(const std::string& source) {
    LoadReport report;
    auto loaded = loadVectorSource(source, report);
    m_reports = {report};
    if (!loaded) return loaded.error();
    std::vector<uint64_t> ids;
    for (auto& layer : loaded.value()) {
        LayerStyle style = defaultStyleForUserLayer(layer, m_userLayersAdded++);
        std::string name = layer.displayName;
        ids.push_back(m_scene.addLayer(std::make_shared<VectorLayer>(std::move(layer)), style, {}));
        logInfo("Added layer " + name + " from " + source);
    }
    logInfo(source + ": " + report.summary());
    return ids;
}

Result<uint64_t> MapState::addIncidents(const std::string& source, const IncidentLoadOptions& options) {
    LoadReport report;
    auto loaded = loadIncidents(source, options, report, &m_lastIncidentFormat);
    m_reports = {report};
    if (!loaded) return loaded.error();
    const std::string name = incidentSourceName(source, options);
    const size_t count = loaded->size();
    // report.source is already without any password.
    const uint64_t id =
        m_scene.addIncidentLayer(std::make_shared<const IncidentStore>(std::move(loaded).value()), name,
                                 report.source, m_lastIncidentFormat.attribution);
    m_scene.incidentLayers.back().loadOptions = options;
    m_scene.incidentLayers.back().format = m_lastIncidentFormat.format;
    logInfo("Added " + std::to_string(count) + " incidents (" + m_lastIncidentFormat.format + ") as layer " +
            name + " from " + report.source);
    logInfo(report.source + ": " + report.summary());
    if (m_lastIncidentFormat.geocoding.any()) {
        logInfo(report.source + ": " + m_lastIncidentFormat.geocoding.describe());
        m_geocodeReviews.addLayer(m_scene, id, name, m_lastIncidentFormat.geocoding);
    }
    return id;
}

namespace {

/// Clears the selection and the spread group when they are in layer `layerId`.
void forgetSelectionIn(IncidentSelection& selection, uint64_t layerId) {
    if (selection.selectedLayer == layerId) {
        selection.selectedLayer = 0;
        selection.selectedIndex = 0;
    }
    if (selection.spreadLayer == layerId) {
        selection.spreadLayer = 0;
        selection.spreadGroup = 0;
    }
}

Error layerMissing(uint64_t id) {
    return makeError(ErrorCode::NotFound, "layer " + std::to_string(id), "the layer no longer exists");
}

}  // namespace

Status MapState::replaceIncidentLayer(uint64_t oldId, uint64_t newId) {
    auto& layers = m_scene.incidentLayers;
    const auto indexOf = [&](uint64_t id) -> size_t {
        return static_cast<size_t>(
            std::find_if(layers.begin(), layers.end(), [&](const IncidentLayer& l) { return l.id == id; }) -
            layers.begin());
    };
    size_t oldIndex = indexOf(oldId);
    const size_t newIndex = indexOf(newId);
    if (oldIndex == layers.size()) return layerMissing(oldId);
    if (newIndex == layers.size() || newIndex == oldIndex) return layerMissing(newId);
    IncidentLayer replacement = std::move(layers[newIndex]);
    replacement.style = layers[oldIndex].style;
    // Categories the new mapping no longer has would stay hidden for nothing; harmless, so kept.
    logInfo("Replaced incident layer " + layers[oldIndex].name + " with the remapped one");
    m_geocodeReviews.removeLayer(oldId);
    forgetSelectionIn(m_scene.incidentFocus, oldId);
    layers.erase(layers.begin() + static_cast<std::ptrdiff_t>(newIndex));
    if (newIndex < oldIndex) --oldIndex;
    layers[oldIndex] = std::move(replacement);
    return {};
}

Status MapState::setLayerStyle(uint64_t layerId, const LayerStyle& style) {
    MapLayer* layer = m_scene.find(layerId);
    if (!layer) return layerMissing(layerId);
    layer->style = style;
    return {};
}

Status MapState::moveLayer(uint64_t layerId, int direction) {
    // Moving past either end is a harmless no-op, not an error.
    if (!m_scene.find(layerId)) return layerMissing(layerId);
    m_scene.move(layerId, direction);
    return {};
}

Status MapState::removeLayer(uint64_t layerId) {
    const MapLayer* layer = m_scene.find(layerId);
    if (!layer) return layerMissing(layerId);
    const std::string name = !layer->name.empty() ? layer->name
                             : layer->data        ? layer->data->displayName
                                                  : std::string("layer");
    m_scene.remove(layerId);
    logInfo("Removed layer " + name);
    return {};
}

Status MapState::setIncidentStyle(uint64_t layerId, const IncidentStyle& style) {
    IncidentLayer* layer = m_scene.findIncidentLayer(layerId);
    if (!layer) return layerMissing(layerId);
    layer->style = style;
    return {};
}

Status MapState::removeIncidentLayer(uint64_t layerId) {
    auto& layers = m_scene.incidentLayers;
    auto it =
        std::find_if(layers.begin(), layers.end(), [&](const IncidentLayer& l) { return l.id == layerId; });
    if (it == layers.end()) return layerMissing(layerId);
    logInfo("Removed incident layer " + it->name);
    m_geocodeReviews.removeLayer(layerId);
    forgetSelectionIn(m_scene.incidentFocus, layerId);
    layers.erase(it);
    return {};
}

Status MapState::resolveGeocode(uint64_t layerId, const GeocodeChoice& choice) {
    return m_geocodeReviews.resolve(m_scene, layerId, choice);
}

Status MapState::setCrs(const std::string& definition) {
    auto crs = Crs::fromUserInput(definition);
    if (!crs) return crs.error();
    auto projection = MapProjection::create(crs.value());
    if (!projection) return projection.error();
    const LonLat centre = m_projection.unproject(m_view.center);
    const double groundPerPixel = groundMetresPerPixelAtCenter(m_view, m_projection);
    const MapXY newCentre = projection->project(centre);
    if (!isValidLonLat(centre) || !isFinite(newCentre))
        return makeError(ErrorCode::ProjectionFailed, definition,
                         "the current view centre cannot be shown in this CRS");
    m_scene.crs = crs.value();
    m_projection = std::move(projection).value();
    m_view.center = newCentre;
    // Keep the ground scale: measure one unit in the new CRS and rescale.
    m_view.unitsPerPixel = 1.0;
    const double metresPerUnit = groundMetresPerPixelAtCenter(m_view, m_projection);
    if (std::isfinite(groundPerPixel) && std::isfinite(metresPerUnit) && metresPerUnit > 0.0)
        m_view.unitsPerPixel = groundPerPixel / metresPerUnit;
    else
        frame(m_scene.extent());
    logInfo("Map CRS is now " + m_scene.crs.name());
    return {};
}

void MapState::setView(const MapView& view) {
    const MapView size = m_view;
    m_view = view;
    m_view.widthPx = size.widthPx;
    m_view.heightPx = size.heightPx;
    m_view.pixelRatio = size.pixelRatio;
}

void MapState::frame(const GeoBBox& box, double marginFraction) {
    m_view.fit(projectGeoBBox(box, m_projection), marginFraction);
}

void MapState::resize(int widthPx, int heightPx, float pixelRatio) {
    m_view.widthPx = std::max(1, widthPx);
    m_view.heightPx = std::max(1, heightPx);
    m_view.pixelRatio = pixelRatio > 0.f ? pixelRatio : 1.f;
}

MapState::Snapshot MapState::snapshot() const {
    return Snapshot{m_scene, m_view, m_scene.time, m_playback, m_geocodeReviews};
}

void MapState::restore(const Snapshot& snapshot, unsigned parts) {
    if (parts & Layers) m_scene.layers = snapshot.scene.layers;
    if (parts & IncidentLayers) {
        // What each layer's file holds does not go back with an undo: a save is no step of the history.
        std::vector<IncidentLayer> now = std::move(m_scene.incidentLayers);
        m_scene.incidentLayers = snapshot.scene.incidentLayers;
        for (IncidentLayer& layer : m_scene.incidentLayers)
            for (const IncidentLayer& current : now)
                if (current.id == layer.id) {
                    layer.savedData = current.savedData;
                    layer.source = current.source;
                    layer.format = current.format;
                    layer.loadOptions = current.loadOptions;
                }
        m_geocodeReviews = snapshot.geocodeReviews;
    }
    if (parts & Selection) {
        const IncidentFocus& was = snapshot.scene.incidentFocus;
        m_scene.incidentFocus.selectedLayer = was.selectedLayer;
        m_scene.incidentFocus.selectedIndex = was.selectedIndex;
    }
    // The CRS was in use when the snapshot was taken, so PROJ accepts it again.
    if (parts & Crs)
        if (auto projection = MapProjection::create(snapshot.scene.crs)) {
            m_scene.crs = snapshot.scene.crs;
            m_projection = std::move(projection).value();
            setView(snapshot.view);
        }
    if (parts & Time) m_scene.time = snapshot.time;
    if (parts & Playback) m_playback = snapshot.playback;
    if (parts & PlaceLabels) m_scene.placeLabels = snapshot.scene.placeLabels;
    const IncidentSelection& selection = m_scene.incidentFocus;
    for (uint64_t id : {selection.selectedLayer, selection.spreadLayer})
        if (id && !m_scene.findIncidentLayer(id)) forgetSelectionIn(m_scene.incidentFocus, id);
    if (const IncidentLayer* layer = m_scene.findIncidentLayer(selection.selectedLayer);
        layer && (!layer->data || selection.selectedIndex >= layer->data->size()))
        forgetSelectionIn(m_scene.incidentFocus, layer->id);
}

namespace {
bool parseDouble(const std::string& s, double& out) {
    std::string t = s;
    t.erase(0, t.find_first_not_of(" \t"));
    t.erase(t.find_last_not_of(" \t") + 1);
    if (t.empty()) return false;
    const char* begin = t.data();
    if (*begin == '+') ++begin;
    auto [ptr, ec] = std::from_chars(begin, t.data() + t.size(), out);
    return ec == std::errc() && ptr == t.data() + t.size() && std::isfinite(out);
}
}  // namespace

Result<GeoBBox> parseGeoBBox(const std::string& text) {
    auto bad = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "--bbox " + text, why);
    };
    std::vector<double> values;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        double v = 0.0;
        if (!parseDouble(item, v)) return bad("'" + item + "' is not a number");
        values.push_back(v);
    }
    if (values.size() != 4 || (!text.empty() && text.back() == ','))
        return bad("expected four numbers: minlon,minlat,maxlon,maxlat");
    const double minLon = values[0], minLat = values[1], maxLon = values[2], maxLat = values[3];
    if (minLon < -180 || maxLon > 180) return bad("longitudes must be within -180..180");
    if (minLat < -90 || maxLat > 90) return bad("latitudes must be within -90..90");
    if (!(minLon < maxLon)) return bad("minlon must be less than maxlon");
    if (!(minLat < maxLat)) return bad("minlat must be less than maxlat");
    return GeoBBox::fromCorners(minLon, minLat, maxLon, maxLat);
}

Result<std::pair<int, int>> parseImageSize(const std::string& text, int maxSide) {
    auto bad = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "--size " + text, why);
    };
    auto x = text.find_first_of("xX");
    if (x == std::string::npos) return bad("expected WIDTHxHEIGHT, e.g. 1920x1080");
    auto parseSide = [](const std::string& s, int& out) {
        if (s.empty() || s.size() > 9) return false;
        for (char c : s)
            if (c < '0' || c > '9') return false;
        out = std::stoi(s);
        return true;
    };
    int w = 0, h = 0;
    if (!parseSide(text.substr(0, x), w) || !parseSide(text.substr(x + 1), h))
        return bad("expected WIDTHxHEIGHT in whole pixels, e.g. 1920x1080");
    if (w < 1 || h < 1) return bad("width and height must be at least 1 pixel");
    if (w > maxSide || h > maxSide)
        return bad("width and height must be at most " + std::to_string(maxSide) + " pixels");
    return std::make_pair(w, h);
}

}  // namespace fp
