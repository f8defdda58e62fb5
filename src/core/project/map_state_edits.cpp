// MapState's incident edits: each gives the edited layer a new store, so the undo history keeps the old one.

#include <cmath>

#include "core/project/map_state.h"
#include "core/util/log.h"

namespace fp {

namespace {

Error badValue(const std::string& field, const std::string& why) {
    return makeError(ErrorCode::InvalidArgument, "incident " + field, why);
}

/// The first value of `inc` a store must not take, or nothing.
Status checkIncident(const Incident& inc) {
    if (!isValidLonLat(inc.location) || !std::isfinite(inc.location.lon) || !std::isfinite(inc.location.lat))
        return badValue("location", "longitude must be within -180..180 and latitude within -90..90");
    if (inc.end && *inc.end < inc.start) return badValue("end", "the end is before the start");
    if (inc.fatalities < -1) return badValue("fatalities", "a count cannot be negative");
    if (inc.injured < -1) return badValue("injured", "a count cannot be negative");
    return {};
}

}  // namespace

namespace detail {

/// The layer and, when `index` is given, that it has such a row; NotFound otherwise. Read-only layers
/// (readOnlyReason) are refused.
Result<IncidentLayer*> editableLayer(MapScene& scene, uint64_t layerId, std::optional<uint32_t> index) {
    IncidentLayer* layer = scene.findIncidentLayer(layerId);
    if (!layer || !layer->data)
        return makeError(ErrorCode::NotFound, "layer " + std::to_string(layerId),
                         "the layer no longer exists");
    if (index && *index >= layer->data->size())
        return makeError(ErrorCode::NotFound, layer->name,
                         "has no incident " + std::to_string(*index + 1) + " (it has " +
                             std::to_string(layer->data->size()) + ")");
    if (const std::string why = readOnlyReason(*layer); !why.empty())
        return makeError(ErrorCode::InvalidArgument, layer->name,
                         why + ": copy its incidents into a layer of your own to edit them");
    return layer;
}

}  // namespace detail

Result<uint32_t> MapState::addIncident(uint64_t layerId, Incident incident) {
    auto layer = detail::editableLayer(m_scene, layerId, std::nullopt);
    if (!layer) return layer.error();
    if (Status s = checkIncident(incident); !s) return s.error();
    stampProvenance(incident);
    size_t at = 0;
    layer.value()->data =
        std::make_shared<const IncidentStore>(layer.value()->data->withAdded(incident, &at));
    setSelection({layerId, static_cast<uint32_t>(at), 0, 0});
    return static_cast<uint32_t>(at);
}

Status MapState::editIncident(uint64_t layerId, uint32_t index, Incident incident) {
    auto layer = detail::editableLayer(m_scene, layerId, index);
    if (!layer) return layer.error();
    if (Status s = checkIncident(incident); !s) return s;
    stampProvenance(incident);
    size_t at = 0;
    layer.value()->data =
        std::make_shared<const IncidentStore>(layer.value()->data->withReplaced(index, incident, &at));
    setSelection({layerId, static_cast<uint32_t>(at), 0, 0});
    return {};
}

Status MapState::moveIncident(uint64_t layerId, uint32_t index, LonLat position) {
    const IncidentLayer* layer = m_scene.findIncidentLayer(layerId);
    if (!layer || !layer->data || index >= layer->data->size()) return editIncident(layerId, index, {});
    Incident moved = layer->data->get(index);
    // A drag resting on one spot sends the same position again: no new store for it.
    if (moved.location == position) return {};
    moved.location = position;
    return editIncident(layerId, index, std::move(moved));
}

Status MapState::removeIncident(uint64_t layerId, uint32_t index) {
    auto layer = detail::editableLayer(m_scene, layerId, index);
    if (!layer) return layer.error();
    layer.value()->data = std::make_shared<const IncidentStore>(layer.value()->data->withRemoved(index));
    if (m_scene.incidentFocus.selectedLayer == layerId) setSelection({});
    return {};
}

uint64_t MapState::newIncidentLayer(std::string name) {
    const uint64_t id =
        m_scene.addIncidentLayer(std::make_shared<const IncidentStore>(), std::move(name), {});
    IncidentLayer& layer = m_scene.incidentLayers.back();
    layer.own = true;
    layer.savedData.reset();
    return id;
}

Result<uint64_t> MapState::copyIncidentsToOwnLayer(uint64_t layerId, std::optional<uint32_t> only) {
    const IncidentLayer* from = m_scene.findIncidentLayer(layerId);
    if (!from || !from->data || (only && *only >= from->data->size()))
        return makeError(ErrorCode::NotFound, "layer " + std::to_string(layerId),
                         "the layer or the incident no longer exists");
    IncidentStoreBuilder builder;
    if (only) {
        builder.append(from->data->get(*only));
    } else {
        builder.reserve(from->data->size());
        for (size_t i = 0; i < from->data->size(); ++i) builder.append(from->data->get(i));
    }
    const std::string name = from->name + (only ? " (incident copy)" : " (own copy)");
    const IncidentStyle style = from->style;
    const std::string attribution = from->attribution;
    const uint64_t id = newIncidentLayer(name);
    IncidentLayer& layer = m_scene.incidentLayers.back();
    layer.data = std::make_shared<const IncidentStore>(builder.build());
    layer.style = style;
    layer.attribution = attribution;
    logInfo("Copied " + std::to_string(layer.data->size()) + " incident(s) into the new layer " + name);
    return id;
}

Status MapState::markIncidentLayerSaved(uint64_t layerId, std::shared_ptr<const IncidentStore> saved,
                                        const std::string& source, const std::string& format) {
    IncidentLayer* layer = m_scene.findIncidentLayer(layerId);
    if (!layer)
        return makeError(ErrorCode::NotFound, "layer " + std::to_string(layerId),
                         "the layer no longer exists");
    const bool sameRows = layer->data && saved && layer->data->size() == saved->size();
    layer->data = saved;
    layer->savedData = std::move(saved);
    if (!source.empty() && source != layer->source) {
        layer->source = source;
        layer->format = format;
        layer->loadOptions = IncidentLoadOptions{};
    }
    // The saved file is read back in its own order: a selection row may now be another incident.
    if (m_scene.incidentFocus.selectedLayer == layerId && !sameRows) setSelection({});
    return {};
}

}  // namespace fp
