// The Session's incident edits: add, edit, move and delete incidents, layers of the user's own, and saving a
// layer's edits (back to its source, or as a new file).
#include <cctype>
#include <filesystem>

#include "app/session/session.h"
#include "core/io/incidents/incident_write_back.h"
#include "core/util/log.h"
#include "core/util/secrets.h"
#include "ui/panels/incident_layer_save.h"

namespace fs = std::filesystem;

namespace fp {

Status Session::on(const AddIncident& add) {
    uint64_t layerId = add.layerId;
    if (layerId == 0) {
        for (const IncidentLayer& layer : m_state.scene().incidentLayers)
            if (layer.own) layerId = layer.id;  // the topmost
        if (layerId == 0) layerId = m_state.newIncidentLayer("My incidents");
    }
    auto at = m_state.addIncident(layerId, add.incident);
    if (!at) return at.error();
    return {};
}

Status Session::on(const EditIncident& edit) {
    return m_state.editIncident(edit.incident.layerId, edit.incident.index, edit.values);
}

Status Session::on(const MoveIncident& move) {
    return m_state.moveIncident(move.incident.layerId, move.incident.index, move.position);
}

Status Session::on(const DeleteIncident& remove) {
    return m_state.removeIncident(remove.incident.layerId, remove.incident.index);
}

Status Session::on(const NewIncidentLayer& create) {
    m_state.newIncidentLayer(create.name.empty() ? std::string("My incidents") : create.name);
    return {};
}

Status Session::on(const CopyIncidentsToOwnLayer& copy) {
    std::optional<uint32_t> only;
    if (copy.only.layerId != 0) only = copy.only.index;
    auto id = m_state.copyIncidentsToOwnLayer(copy.only.layerId ? copy.only.layerId : copy.layerId, only);
    if (!id) return id.error();
    // The copy of one incident is selected, ready to edit.
    if (only) m_state.setSelection({id.value(), 0, 0, 0});
    return {};
}

Status Session::saveIncidentLayer(uint64_t layerId, const std::string& path, bool replaceExisting) {
    const IncidentLayer* layer = m_state.scene().findIncidentLayer(layerId);
    if (!layer)
        return makeError(ErrorCode::NotFound, "layer " + std::to_string(layerId),
                         "the layer no longer exists");
    IncidentSaveRequest request;
    request.source = layer->source;
    request.options = layer->loadOptions;
    request.format = layer->format;
    request.own = layer->own;
    request.saved = layer->savedData;
    request.edited = layer->data;
    request.output = path;
    request.replaceExisting = replaceExisting;
    request.layerName = layer->name;
    auto saved = saveIncidents(request);
    if (!saved) return saved.error();
    logInfo("Saved incident layer " + layer->name + " to " + scrubSecrets(saved->path) + ": " +
            saved->describe());
    return m_state.markIncidentLayerSaved(layerId, saved->store, saved->path, saved->format);
}

WriteBackTarget Session::writeBackTarget(const IncidentLayer& layer) const {
    WriteBackTarget t{layer.id, layer.name, scrubSecrets(layer.source), layer.data ? layer.data->size() : 0,
                      defaultSaveAsPath(layer)};
    if (!layer.data || !layer.savedData || layer.savedData->lineage() != layer.data->lineage()) return t;
    const incident_io::RowEdits e = incident_io::rowEdits(*layer.savedData, *layer.data);
    t.changes = e.added.size();
    for (size_t k = 0; k < e.removed.size(); ++k) t.changes += e.removed[k] || e.changedTo[k] >= 0 ? 1 : 0;
    return t;
}

bool Session::writesBack(const IncidentLayer& layer) const {
    return hasUnsavedEdits(layer) && !layer.source.empty() &&
           writeBackProblem(layer.source, layer.loadOptions, layer.format).empty();
}

Status Session::askWriteBack(const Command& command, const std::vector<WriteBackTarget>& targets) {
    if (shell().askWriteBack(command, targets)) return {};
    return makeError(ErrorCode::InvalidArgument, targets.front().file,
                     "writing edits back into the file needs the user's confirmation; nothing was written");
}

Status Session::on(const SaveIncidentLayer& save) {
    if (save.path.empty() && !save.writeConfirmed) {
        const IncidentLayer* layer = m_state.scene().findIncidentLayer(save.layerId);
        if (layer && writesBack(*layer)) return askWriteBack(save, {writeBackTarget(*layer)});
    }
    return saveIncidentLayer(save.layerId, save.path, save.replaceExisting);
}

std::string Session::ownLayerPath(const IncidentLayer& layer, const std::string& projectPath) const {
    const fs::path project(projectPath);
    // "brief.flashpoint.json" -> "brief"
    const std::string name = project.filename().string();
    const std::string projectStem = name.substr(0, name.find('.'));
    std::string stem;
    for (char c : layer.name) stem += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    fs::path path = project.parent_path() / (projectStem + "-" + stem + ".gpkg");
    for (int n = 2; fs::exists(path); ++n)
        path = project.parent_path() / (projectStem + "-" + stem + "-" + std::to_string(n) + ".gpkg");
    return path.string();
}

std::vector<WriteBackTarget> Session::writeBackTargets() const {
    std::vector<WriteBackTarget> targets;
    for (const IncidentLayer& layer : m_state.scene().incidentLayers)
        if (writesBack(layer)) targets.push_back(writeBackTarget(layer));
    return targets;
}

Status Session::saveIncidentEdits(const std::string& projectPath, bool asNewFiles) {
    std::vector<std::pair<uint64_t, std::string>> toSave;
    for (const IncidentLayer& layer : m_state.scene().incidentLayers) {
        if (!hasUnsavedEdits(layer)) continue;
        // Layers of the user's own that have no file yet, sources that cannot take the edits, and every
        // layer when the user chose new files go into a GeoPackage beside the project, which the project then
        // references.
        const bool inPlace = !asNewFiles && writesBack(layer);
        toSave.emplace_back(layer.id, inPlace ? std::string() : ownLayerPath(layer, projectPath));
    }
    for (const auto& [id, path] : toSave)
        if (Status s = saveIncidentLayer(id, path, false); !s) return s;
    return {};
}

}  // namespace fp
