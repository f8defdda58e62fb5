// The Session's layer commands: vector and incident layers (add, reload, style, order, remove), the map CRS,
// place labels and geocoding decisions.
#include "app/session/session.h"
#include "core/util/log.h"
#include "ui/geo_format.h"

namespace fp {

Status Session::addLayers(const std::string& source) {
    auto ids = m_state.addLayers(source);
    if (!ids) return ids.error();
    // A layer far from what is on screen would look like nothing happened: bring it into view.
    GeoBBox added;
    for (uint64_t id : ids.value())
        if (const MapLayer* layer = m_state.scene().find(id); layer && layer->data)
            added.extend(layer->data->extent);
    bringIntoView(added);
    return {};
}

void Session::showNewestIncidents() {
    const IncidentLayer* newest = nullptr;
    for (const auto& layer : m_state.scene().incidentLayers)
        if (!newest || layer.id > newest->id) newest = &layer;
    if (newest && newest->data) bringIntoView(newest->data->extent());
}

Status Session::on(const AddLayer& add) {
    return addLayers(add.path);
}

Status Session::on(const AddIncidents& add) {
    IncidentLoadOptions options;
    options.fieldMapping = add.fieldMapping;
    options.dateFormat = add.dateFormat;
    options.encoding = add.encoding;
    if (options.fieldMapping.empty()) {
        options.fieldMapping = shell().rememberedFieldMapping(add.source);
        if (!options.fieldMapping.empty())
            logInfo("Reading " + scrubSecrets(add.source) + " with the field mapping chosen for it before");
    }
    auto id = m_state.addIncidents(add.source, options);
    if (!id) {
        // Dropped files that hold no incidents are ordinary vector layers. When they are not that either, the
        // incident error says more (a table whose columns were not recognised can still be mapped).
        if (add.orAsLayers && id.error().code == ErrorCode::UnsupportedFormat) {
            if (Status layers = addLayers(add.source); !layers.ok()) return id.error();
            return {};
        }
        return id.error();
    }
    showNewestIncidents();
    return {};
}

Status Session::on(const ReloadIncidents& reload) {
    IncidentLoadOptions options;
    options.fieldMapping = reload.fieldMapping;
    options.table = reload.table;
    options.dateFormat = reload.dateFormat;
    options.encoding = reload.encoding;
    auto id = m_state.addIncidents(reload.source, options);
    if (!id) return id.error();
    shell().rememberFieldMapping(reload);
    // In place of the layer it remaps when that still exists (same style and drawing position), else on top.
    if (reload.replaceLayerId && m_state.scene().findIncidentLayer(reload.replaceLayerId))
        return m_state.replaceIncidentLayer(reload.replaceLayerId, id.value());
    showNewestIncidents();
    return {};
}

Status Session::on(const SetLayerStyle& set) {
    return m_state.setLayerStyle(set.layerId, set.style);
}

Status Session::on(const MoveLayer& move) {
    return m_state.moveLayer(move.layerId, move.direction);
}

Status Session::on(const RemoveLayer& remove) {
    return m_state.removeLayer(remove.layerId);
}

Status Session::on(const SetIncidentStyle& set) {
    return m_state.setIncidentStyle(set.layerId, set.style);
}

Status Session::on(const RemoveIncidentLayer& remove) {
    return m_state.removeIncidentLayer(remove.layerId);
}

Status Session::on(const SetCrs& set) {
    return m_state.setCrs(set.definition);
}

Status Session::on(const SetPlaceLabels& set) {
    m_state.setPlaceLabels(set.style);
    return {};
}

Status Session::on(const ResolveGeocode& resolve) {
    const GeocodeChoice& c = resolve.choice;
    if (Status s = m_state.resolveGeocode(resolve.layerId, c); !s) return s;
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

}  // namespace fp
