#include "core/model/map_scene.h"

#include "core/util/secrets.h"

#include <algorithm>
#include <atomic>

namespace fp {

uint64_t nextLayerId() {
    static std::atomic<uint64_t> next{1};
    return next++;
}

uint64_t MapScene::addLayer(std::shared_ptr<const VectorLayer> data, LayerStyle style,
                            std::string attribution, std::string name) {
    MapLayer layer;
    layer.id = nextLayerId();
    layer.name = name.empty() && data ? data->displayName : std::move(name);
    layer.data = std::move(data);
    layer.style = std::move(style);
    layer.attribution = std::move(attribution);
    layers.push_back(std::move(layer));
    return layers.back().id;
}

uint64_t MapScene::addIncidentLayer(std::shared_ptr<const IncidentStore> data, std::string name,
                                    std::string source, std::string attribution) {
    IncidentLayer layer;
    layer.id = nextLayerId();
    layer.name = std::move(name);
    layer.source = std::move(source);
    layer.attribution = std::move(attribution);
    layer.data = std::move(data);
    layer.savedData = layer.data;
    incidentLayers.push_back(std::move(layer));
    return incidentLayers.back().id;
}

bool hasUnsavedEdits(const IncidentLayer& layer) {
    if (!layer.savedData) return layer.data && !layer.data->empty();
    return layer.data != layer.savedData;
}

std::string readOnlyReason(const IncidentLayer& layer) {
    if (layer.own) return {};
    if (layer.format == "gdelt") return "a GDELT export is read-only";
    if (!layer.loadOptions.sql.empty()) return "incidents read by an SQL query cannot be written back";
    // A PostGIS table is written back (incident_write_back.h), so its incidents are edited in place.
    if (isDatabaseSource(layer.source) && layer.loadOptions.table.empty())
        return "incidents read from a database without naming a table are not edited in place";
    return {};
}

MapLayer* MapScene::find(uint64_t id) {
    for (auto& l : layers)
        if (l.id == id) return &l;
    return nullptr;
}

const MapLayer* MapScene::find(uint64_t id) const {
    return const_cast<MapScene*>(this)->find(id);
}

IncidentLayer* MapScene::findIncidentLayer(uint64_t id) {
    for (auto& l : incidentLayers)
        if (l.id == id) return &l;
    return nullptr;
}

const IncidentLayer* MapScene::findIncidentLayer(uint64_t id) const {
    return const_cast<MapScene*>(this)->findIncidentLayer(id);
}

bool MapScene::remove(uint64_t id) {
    auto it = std::find_if(layers.begin(), layers.end(), [id](const MapLayer& l) { return l.id == id; });
    if (it == layers.end()) return false;
    layers.erase(it);
    return true;
}

bool MapScene::move(uint64_t id, int direction) {
    auto it = std::find_if(layers.begin(), layers.end(), [id](const MapLayer& l) { return l.id == id; });
    if (it == layers.end()) return false;
    auto index = std::distance(layers.begin(), it);
    auto target = index + (direction > 0 ? 1 : -1);
    if (target < 0 || target >= static_cast<long>(layers.size())) return false;
    std::swap(layers[index], layers[target]);
    return true;
}

GeoBBox MapScene::extent() const {
    GeoBBox box;
    for (const auto& l : layers)
        if (l.style.visible && l.data) box.extend(l.data->extent);
    return box;
}

TimeSpan MapScene::dataTimeSpan() const {
    TimeSpan span;
    bool any = false;
    for (const auto& layer : incidentLayers) {
        if (!layer.data || layer.data->empty()) continue;
        const TimeSpan r = layer.data->timeRange();
        span = any ? TimeSpan{std::min(span.begin, r.begin), std::max(span.end, r.end)} : r;
        any = true;
    }
    return span;
}

std::optional<TimeSpan> MapScene::timeWindow() const {
    if (time.window.mode == WindowMode::All) return std::nullopt;
    return windowAt(time, dataTimeSpan());
}

}  // namespace fp
