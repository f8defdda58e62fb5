// The incident layers of a recovery copy: unsaved incident edits and layers made in memory, which a project
// document cannot hold, written beside the copy and put back when it is restored.
#include "app/session/recovery_incidents.h"

#include <algorithm>
#include <atomic>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/io/incidents/incident_loader.h"
#include "core/io/incidents/incident_write_back.h"
#include "core/io/incidents/incident_writer.h"
#include "core/util/log.h"

namespace fp {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// Each write names its files anew, so that the copy on disk never refers to a file being rewritten.
std::atomic<uint64_t> g_generation{0};

/// "recovery-PID": the recovery file's name without ".json", which every file of its window starts with.
std::string stemOf(const std::string& recoveryPath) {
    return fs::path(recoveryPath).stem().string();
}

std::vector<Incident> rowsOf(const IncidentStore& store, const std::vector<size_t>& indices) {
    std::vector<Incident> rows;
    rows.reserve(indices.size());
    for (size_t i : indices) rows.push_back(store.get(i));
    return rows;
}

/// The unsaved edits of `layer` (which has a source) as a difference to what the source holds.
void describeEdits(const IncidentLayer& layer, RecoveryIncidentLayer& r, std::vector<size_t>& rows) {
    const IncidentStore& saved = *layer.savedData;
    const IncidentStore& edited = *layer.data;
    r.edited = true;
    r.loadedRows = static_cast<int64_t>(saved.size());
    // A store not made from the saved one by edits (no shared row numbers): all of it replaces the source's.
    if (edited.lineage() != saved.lineage()) {
        for (size_t o = 0; o < saved.size(); ++o) r.removed.push_back(static_cast<int64_t>(o));
        for (size_t i = 0; i < edited.size(); ++i) rows.push_back(i), r.origins.push_back(-1);
        return;
    }
    const incident_io::RowEdits e = incident_io::rowEdits(saved, edited);
    for (size_t o = 0; o < e.changedTo.size(); ++o) {
        if (e.changedTo[o] >= 0) {
            rows.push_back(static_cast<size_t>(e.changedTo[o]));
            r.origins.push_back(static_cast<int64_t>(o));
        }
        if (e.removed[o]) r.removed.push_back(static_cast<int64_t>(o));
    }
    for (size_t i : e.added) rows.push_back(i), r.origins.push_back(-1);
}

size_t indexOfOrigin(const IncidentStore& store, int64_t origin) {
    for (size_t i = 0; i < store.size(); ++i)
        if (static_cast<int64_t>(store.origin(i)) == origin) return i;
    return store.size();
}

/// The incidents of the file a recovery entry names, in the file's row order.
Result<std::vector<Incident>> readRows(const RecoveryIncidentLayer& r, const std::string& recoveryPath) {
    if (r.file.empty()) return std::vector<Incident>{};
    const std::string path = (fs::path(recoveryPath).parent_path() / r.file).string();
    LoadReport report;
    auto store = loadIncidents(path, {}, report);
    if (!store) return store.error();
    if (store->size() != r.origins.size())
        return makeError(ErrorCode::InvalidArgument, path,
                         "holds " + std::to_string(store->size()) + " incidents, the recovery copy lists " +
                             std::to_string(r.origins.size()));
    std::vector<Incident> rows(store->size());
    for (size_t j = 0; j < store->size(); ++j) rows[store->origin(j)] = store->get(j);
    return rows;
}

/// `source` (as loaded again) with the recorded edits applied, keeping its row numbers so that the edits can
/// still be saved back into the source.
Result<IncidentStore> applyEdits(const IncidentStore& source, const RecoveryIncidentLayer& r,
                                 const std::vector<Incident>& rows) {
    if (static_cast<int64_t>(source.size()) != r.loadedRows)
        return makeError(ErrorCode::InvalidArgument, r.name,
                         "its source now has " + std::to_string(source.size()) + " incidents, it had " +
                             std::to_string(r.loadedRows) + " when the edits were made");
    IncidentStore out = source;
    const auto find = [&](int64_t origin) -> Result<size_t> {
        const size_t i = indexOfOrigin(out, origin);
        if (i == out.size())
            return makeError(ErrorCode::InvalidArgument, r.name, "no source row " + std::to_string(origin));
        return i;
    };
    for (size_t k = 0; k < rows.size(); ++k) {
        if (r.origins[k] < 0) continue;
        auto at = find(r.origins[k]);
        if (!at) return at.error();
        out = out.withReplaced(at.value(), rows[k]);
    }
    for (int64_t origin : r.removed) {
        auto at = find(origin);
        if (!at) return at.error();
        out = out.withRemoved(at.value());
    }
    for (size_t k = 0; k < rows.size(); ++k)
        if (r.origins[k] < 0) out = out.withAdded(rows[k]);
    return out;
}

IncidentLayer ownLayer(std::string name, std::vector<Incident> rows) {
    IncidentLayer layer;
    layer.id = nextLayerId();
    layer.name = std::move(name);
    layer.own = true;
    layer.data = std::make_shared<const IncidentStore>(IncidentStore::build(std::move(rows)));
    return layer;
}

}  // namespace

Result<std::vector<RecoveryIncidentLayer>> writeRecoveryIncidents(const std::string& recoveryPath,
                                                                  const std::vector<IncidentLayer>& layers,
                                                                  ProjectDocument& doc) {
    const std::string prefix = stemOf(recoveryPath) + "-" + std::to_string(++g_generation) + "-";
    const fs::path dir = fs::path(recoveryPath).parent_path();
    std::vector<ProjectIncidents> entries;
    std::vector<RecoveryIncidentLayer> out;
    size_t next = 0;  // doc.incidents holds the layers with a source, in the scene's order (projectFromState)
    for (const IncidentLayer& layer : layers) {
        RecoveryIncidentLayer r;
        r.name = layer.name;
        r.own = layer.own;
        const std::string file = prefix + std::to_string(out.size()) + ".csv";
        std::vector<size_t> rows;
        if (layer.source.empty()) {
            r.memory = true;
            if (layer.data)
                for (size_t i = 0; i < layer.data->size(); ++i) rows.push_back(i);
            // Its file becomes its source in the copy's document, which keeps its place, style and credit.
            if (!rows.empty()) {
                r.project = static_cast<int>(entries.size());
                entries.push_back({(dir / file).string(), {}, layer.name, layer.style, layer.attribution});
            }
        } else {
            if (next >= doc.incidents.size())
                return makeError(ErrorCode::InvalidArgument, layer.name, "is not in the project document");
            r.project = static_cast<int>(entries.size());
            entries.push_back(doc.incidents[next++]);
            if (hasUnsavedEdits(layer) && layer.savedData && layer.data) describeEdits(layer, r, rows);
        }
        if (!rows.empty()) {
            if (Status s = writeIncidentFile((dir / file).string(), rowsOf(*layer.data, rows)); !s)
                return s.error();
            r.file = file;
        }
        out.push_back(std::move(r));
    }
    doc.incidents = std::move(entries);
    return out;
}

std::vector<std::string> recoveryIncidentFiles(const std::string& recoveryPath,
                                               const std::vector<RecoveryIncidentLayer>& layers) {
    std::vector<std::string> files;
    for (const RecoveryIncidentLayer& r : layers)
        if (!r.file.empty()) files.push_back((fs::path(recoveryPath).parent_path() / r.file).string());
    return files;
}

void removeRecoveryIncidentFiles(const std::string& recoveryPath, const std::vector<std::string>& keep) {
    const std::string prefix = stemOf(recoveryPath) + "-";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(recoveryPath).parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        const bool ours = name.rfind(prefix, 0) == 0 || name.rfind("." + prefix, 0) == 0;
        if (!ours || name.find(".csv") == std::string::npos) continue;
        if (std::find(keep.begin(), keep.end(), entry.path().string()) != keep.end()) continue;
        std::error_code removeError;
        fs::remove(entry.path(), removeError);
    }
}

json recoveryIncidentsJson(const std::vector<RecoveryIncidentLayer>& layers) {
    json array = json::array();
    for (const RecoveryIncidentLayer& r : layers)
        array.push_back({{"name", r.name},
                         {"own", r.own},
                         {"project", r.project},
                         {"memory", r.memory},
                         {"edited", r.edited},
                         {"file", r.file},
                         {"origins", r.origins},
                         {"removed", r.removed},
                         {"loadedRows", r.loadedRows}});
    return array;
}

Result<std::vector<RecoveryIncidentLayer>> readRecoveryIncidents(const json& array, const std::string& path) {
    const auto bad = [&](size_t i, const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, path,
                         "not a readable recovery copy: incidentLayers[" + std::to_string(i) + "]: " + why);
    };
    if (!array.is_array()) return bad(0, "'incidentLayers' is not an array");
    std::vector<RecoveryIncidentLayer> layers;
    for (size_t i = 0; i < array.size(); ++i) {
        const json& j = array[i];
        RecoveryIncidentLayer r;
        try {
            r.name = j.at("name").get<std::string>();
            r.own = j.at("own").get<bool>();
            r.project = j.at("project").get<int>();
            r.memory = j.at("memory").get<bool>();
            r.edited = j.at("edited").get<bool>();
            r.file = j.at("file").get<std::string>();
            r.origins = j.at("origins").get<std::vector<int64_t>>();
            r.removed = j.at("removed").get<std::vector<int64_t>>();
            r.loadedRows = j.at("loadedRows").get<int64_t>();
        } catch (const json::exception& e) {
            return bad(i, e.what());
        }
        // Only a file of this copy's own, beside it.
        if (!r.file.empty() && (r.file.find('/') != std::string::npos || r.file[0] == '.'))
            return bad(i, "'file' is not a file name beside the copy");
        layers.push_back(std::move(r));
    }
    return layers;
}

void restoreRecoveryIncidents(LoadedProject& project, const std::vector<RecoveryIncidentLayer>& layers,
                              const std::string& recoveryPath) {
    if (layers.empty()) return;  // a copy written before incident layers were kept
    std::vector<IncidentLayer> loaded = project.state.scene().incidentLayers;
    std::vector<IncidentLayer> result;
    size_t next = 0;  // the loaded layers are the document's entries in order, less those that failed to load
    for (const RecoveryIncidentLayer& r : layers) {
        IncidentLayer* match = nullptr;
        if (r.project >= 0 && next < loaded.size() && loaded[next].name == r.name) match = &loaded[next++];
        if (r.memory) {
            if (r.project < 0) result.push_back(ownLayer(r.name, {}));
            if (!match) continue;  // its file failed to load: instantiateProject named it in `skipped`
            match->source.clear();
            match->format.clear();
            match->loadOptions = {};
            match->savedData.reset();
            match->own = r.own;
            result.push_back(std::move(*match));
            continue;
        }
        if (!r.edited) {
            if (match) result.push_back(std::move(*match));
            continue;
        }
        auto rows = readRows(r, recoveryPath);
        Result<IncidentStore> edited =
            !rows ? Result<IncidentStore>(rows.error())
            : match
                ? applyEdits(*match->data, r, rows.value())
                : Result<IncidentStore>(makeError(ErrorCode::NotFound, r.name, "its source did not load"));
        if (edited) {
            match->data = std::make_shared<const IncidentStore>(std::move(edited).value());
            match->own = match->own || r.own;
            result.push_back(std::move(*match));
            continue;
        }
        if (match) result.push_back(std::move(*match));
        // Edits that no longer fit: what was changed and added survives as a layer of its own, and it is
        // said.
        std::string said = edited.error().describe();
        if (rows && !rows->empty()) {
            const std::string name = r.name + " (recovered edits)";
            said += "; its changed and added incidents are in the layer \"" + name + "\"";
            result.push_back(ownLayer(name, std::move(rows).value()));
        }
        if (!r.removed.empty()) said += "; " + std::to_string(r.removed.size()) + " deletion(s) not applied";
        logWarning("recovered edits of \"" + r.name + "\": " + said);
        project.skipped.push_back(
            makeError(ErrorCode::InvalidArgument, recoveryPath, "edits of \"" + r.name + "\": " + said));
    }
    for (; next < loaded.size(); ++next) result.push_back(std::move(loaded[next]));  // none, unless renamed
    project.state.setIncidentLayers(std::move(result));
}

}  // namespace fp
