// What the Edit menu calls each change of the project ("Undo Change layer colour").
#include "app/session/session.h"

namespace fp {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string layerStyleChange(const LayerStyle& from, const LayerStyle& to) {
    if (from.visible != to.visible) return to.visible ? "Show layer" : "Hide layer";
    if (from.fill != to.fill || from.outline != to.outline || from.filled != to.filled)
        return "Change layer colour";
    if (from.outlineWidthPx != to.outlineWidthPx) return "Change line width";
    if (from.opacity != to.opacity) return "Change layer opacity";
    if (from.labelField != to.labelField || from.labelSizePx != to.labelSizePx ||
        from.labelColor != to.labelColor || from.labelHalo != to.labelHalo ||
        from.labelUppercase != to.labelUppercase || from.labelPriority != to.labelPriority)
        return "Change layer labels";
    return "Change layer style";
}

std::string incidentStyleChange(const IncidentStyle& from, const IncidentStyle& to) {
    if (from.visible != to.visible) return to.visible ? "Show incidents" : "Hide incidents";
    if (from.hiddenCategories != to.hiddenCategories) return "Show or hide categories";
    if (from.opacity != to.opacity) return "Change incident opacity";
    if (from.markerScale != to.markerScale) return "Change marker size";
    if (from.showUncertainty != to.showUncertainty) return "Show or hide uncertainty rings";
    return "Change incident style";
}

std::string layerName(const MapState& state, uint64_t id) {
    if (const MapLayer* layer = state.scene().find(id))
        return !layer->name.empty() ? layer->name : layer->data ? layer->data->displayName : std::string();
    if (const IncidentLayer* layer = state.scene().findIncidentLayer(id)) return layer->name;
    return {};
}

std::string withName(const std::string& change, const std::string& name) {
    return name.empty() ? change : change + " " + name;
}

/// "Edit incident title", "Edit incident time"...: the first field the edit changes.
std::string incidentEditName(const MapState& state, const EditIncident& edit) {
    const IncidentLayer* layer = state.scene().findIncidentLayer(edit.incident.layerId);
    if (!layer || !layer->data || edit.incident.index >= layer->data->size()) return "Edit incident";
    const Incident was = layer->data->get(edit.incident.index);
    const Incident& now = edit.values;
    const std::pair<bool, const char*> fields[] = {
        {was.title != now.title, "title"},
        {was.category != now.category || was.subCategory != now.subCategory, "category"},
        {was.start != now.start || was.end != now.end || was.timePrecision != now.timePrecision, "time"},
        {was.location != now.location || was.locationPrecision != now.locationPrecision, "location"},
        {was.placeName != now.placeName, "place"},
        {was.actors != now.actors, "actors"},
        {was.fatalities != now.fatalities || was.injured != now.injured, "casualties"},
        {was.sources != now.sources, "source"},
        {was.description != now.description, "notes"},
        {was.tags != now.tags, "tags"},
    };
    for (const auto& [changed, name] : fields)
        if (changed) return std::string("Edit incident ") + name;
    return "Edit incident";
}

}  // namespace

std::string changeName(const Command& command, const MapState& state) {
    return std::visit(
        Overloaded{
            [&](const SetLayerStyle& c) {
                const MapLayer* layer = state.scene().find(c.layerId);
                return layer ? layerStyleChange(layer->style, c.style) : std::string("Change layer style");
            },
            [&](const MoveLayer& c) {
                return withName(c.direction > 0 ? "Move up" : "Move down", layerName(state, c.layerId));
            },
            [&](const RemoveLayer& c) { return withName("Remove layer", layerName(state, c.layerId)); },
            [&](const AddLayer&) { return std::string("Add layer"); },
            [&](const SetCrs&) { return std::string("Change map CRS"); },
            [&](const AddIncidents&) { return std::string("Add incidents"); },
            [&](const ReloadIncidents&) { return std::string("Map incident fields"); },
            [&](const SetIncidentStyle& c) {
                const IncidentLayer* layer = state.scene().findIncidentLayer(c.layerId);
                return layer ? incidentStyleChange(layer->style, c.style)
                             : std::string("Change incident style");
            },
            [&](const RemoveIncidentLayer& c) {
                return withName("Remove incidents", layerName(state, c.layerId));
            },
            [&](const SetTimeState&) { return std::string("Change time window"); },
            [&](const SetPlayback&) { return std::string("Change playback"); },
            [&](const SetPlaceLabels&) { return std::string("Change place labels"); },
            [&](const ResolveGeocode& c) {
                return std::string(c.choice.kind == GeocodeChoice::Kind::Skip ? "Skip row" : "Place row") +
                       " " + std::to_string(c.choice.row);
            },
            [&](const AddCodedIncidents& c) {
                const size_t n = c.incidents.size();
                return std::string("Add ") + std::to_string(n) +
                       (n == 1 ? " coded incident" : " coded incidents");
            },
            [&](const AddIncident&) { return std::string("Add incident"); },
            [&](const EditIncident& c) { return incidentEditName(state, c); },
            [&](const MoveIncident&) { return std::string("Move incident"); },
            [&](const DeleteIncident&) { return std::string("Delete incident"); },
            [&](const NewIncidentLayer&) { return std::string("New incident layer"); },
            [&](const CopyIncidentsToOwnLayer& c) {
                return std::string(c.only.layerId ? "Copy incident to own layer"
                                                  : "Copy incidents to own layer");
            },
            [&](const ExportImage&) { return std::string("Change export settings"); },
            [&](const ExportAnimation&) { return std::string("Change animation settings"); },
            [&](const auto&) { return std::string(); },
        },
        command);
}

}  // namespace fp
