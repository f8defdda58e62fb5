#include "core/project/project_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <sstream>

#include "core/geocode/incident_geocoder.h"
#include "core/io/incidents/incident_loader.h"
#include "core/io/vector_loader.h"
#include "core/places/gazetteer.h"
#include "core/util/atomic_file.h"
#include "core/util/input_file.h"
#include "core/util/log.h"
#include "core/util/secrets.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

Result<std::string> readText(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return makeError(ErrorCode::IsDirectory, path, "is a folder, not a project file");
    if (!fs::exists(path, ec) && !fs::is_symlink(path, ec))
        return makeError(ErrorCode::NotFound, path, "project file not found");
    if (Status s = checkInputFile(path); !s) return s.error();
    // A project is a few kilobytes of JSON; anything huge is the wrong file and would only exhaust memory.
    constexpr uintmax_t kMaxProjectBytes = 64u << 20;
    if (fs::file_size(path, ec) > kMaxProjectBytes)
        return makeError(ErrorCode::UnsupportedFormat, path, "is over 64 MB: too large to be a project file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::PermissionDenied, path, "project file cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return makeError(ErrorCode::IoError, path, "reading the project file failed");
    return text.str();
}

using VectorLoad = std::pair<LoadReport, Result<std::vector<VectorLayer>>>;
using IncidentLoad = std::tuple<LoadReport, Result<IncidentStore>, GeocodeSummary, std::string>;

/// "layer 3 'Kosovo: districts'": how messages name an entry of the project (1-based, as a person counts).
std::string entryName(const char* kind, size_t index, const std::string& name) {
    std::string s = std::string(kind) + " " + std::to_string(index + 1);
    return name.empty() ? s : s + " '" + name + "'";
}

Error entryError(const std::string& projectPath, const std::string& entry, const Error& cause) {
    Error e = cause;
    e.message = entry + " cannot be loaded: " + cause.describe();
    e.source = projectPath;
    e.row = -1;
    e.field.clear();
    return e;
}

/// The layers of one loaded source that `wanted` selects: the one named (any layer when the source has just
/// one, so a renamed shapefile still loads), or all of them when no name is given.
Result<std::vector<std::shared_ptr<const VectorLayer>>> pickLayers(
    const std::vector<std::shared_ptr<const VectorLayer>>& loaded, const ProjectLayer& wanted) {
    if (wanted.layer.empty() || loaded.size() == 1) return loaded;
    for (const auto& layer : loaded)
        if (layer->layerName == wanted.layer) return std::vector<std::shared_ptr<const VectorLayer>>{layer};
    return makeError(ErrorCode::NotFound, wanted.source, "has no layer named '" + wanted.layer + "'");
}

}  // namespace

Result<LoadedProject> instantiateProject(const ProjectDocument& doc, const std::string& projectPath,
                                         MissingSourcePolicy policy) {
    MapScene scene;
    auto crs = Crs::fromUserInput(doc.crs);
    if (!crs) return makeError(ErrorCode::InvalidCrs, projectPath, "crs: " + crs.error().describe());
    scene.crs = crs.value();
    scene.background = doc.background;
    scene.placeLabels = doc.placeLabels;

    // Every file loads once and in parallel (GDAL datasets and PROJ contexts are per thread in the loaders).
    // A network source is not even opened without the user's consent (checkNetworkAllowed).
    std::map<std::string, std::future<VectorLoad>> vectorLoads;
    for (const auto& layer : doc.layers) {
        if (vectorLoads.count(layer.source)) continue;
        if (Status s = checkNetworkAllowed(layer.source); !s) {
            vectorLoads[layer.source] =
                std::async(std::launch::deferred, [e = s.error()] { return VectorLoad(LoadReport{}, e); });
            continue;
        }
        vectorLoads[layer.source] = std::async(std::launch::async, [source = layer.source] {
            LoadReport report;
            auto loaded = loadVectorSource(source, report);
            return VectorLoad(std::move(report), std::move(loaded));
        });
    }
    std::vector<std::future<IncidentLoad>> incidentLoads;
    for (const auto& incidents : doc.incidents) {
        if (Status s = checkNetworkAllowed(incidents.source); !s) {
            incidentLoads.push_back(std::async(std::launch::deferred, [e = s.error()] {
                return IncidentLoad(LoadReport{}, e, GeocodeSummary{}, std::string());
            }));
            continue;
        }
        incidentLoads.push_back(std::async(std::launch::async, [incidents] {
            LoadReport report;
            IncidentFormatInfo info;
            auto loaded = loadIncidents(incidents.source, incidents.options, report, &info);
            return IncidentLoad(std::move(report), std::move(loaded), std::move(info.geocoding), info.format);
        }));
    }

    std::vector<LoadReport> reports;
    std::map<std::string, Result<std::vector<std::shared_ptr<const VectorLayer>>>> vectorData;
    for (auto& [source, future] : vectorLoads) {
        auto [report, loaded] = future.get();
        reports.push_back(std::move(report));
        if (!loaded) {
            vectorData.emplace(source, loaded.error());
            continue;
        }
        std::vector<std::shared_ptr<const VectorLayer>> shared;
        for (auto& layer : loaded.value())
            shared.push_back(std::make_shared<const VectorLayer>(std::move(layer)));
        vectorData.emplace(source, std::move(shared));
    }
    std::vector<IncidentLoad> incidentResults;
    for (auto& future : incidentLoads) incidentResults.push_back(future.get());

    struct Held {
        uint64_t layerId;
        std::string name;
        GeocodeSummary summary;
    };
    std::vector<Held>
        held;  // per layer geocoded from place names: its outcome, with rows awaiting a decision
    std::vector<Error> skipped;
    auto failed = [&](const std::string& entry, const Error& cause) -> std::optional<Error> {
        Error e = entryError(projectPath, entry, cause);
        if (policy == MissingSourcePolicy::Fail) return e;
        logWarning(e.describe() + "; left out");
        skipped.push_back(std::move(e));
        return std::nullopt;
    };
    for (size_t i = 0; i < doc.layers.size(); ++i) {
        const ProjectLayer& layer = doc.layers[i];
        const auto& data = vectorData.at(layer.source);
        auto picked = data ? pickLayers(data.value(), layer)
                           : Result<std::vector<std::shared_ptr<const VectorLayer>>>(data.error());
        if (!picked) {
            if (auto e = failed(entryName("layer", i, layer.name), picked.error())) return *e;
            continue;
        }
        for (const auto& d : picked.value()) scene.addLayer(d, layer.style, layer.attribution, layer.name);
    }
    for (size_t i = 0; i < doc.incidents.size(); ++i) {
        const ProjectIncidents& incidents = doc.incidents[i];
        auto& [report, loaded, geocoding, format] = incidentResults[i];
        reports.push_back(report);
        if (!loaded) {
            if (auto e = failed(entryName("incident source", i, incidents.name), loaded.error())) return *e;
            continue;
        }
        const std::string name =
            incidents.name.empty() ? incidentSourceName(incidents.source, incidents.options) : incidents.name;
        // The loader's report names the source without any password.
        scene.addIncidentLayer(std::make_shared<const IncidentStore>(std::move(loaded).value()), name,
                               report.source, incidents.attribution);
        IncidentLayer& added = scene.incidentLayers.back();
        added.loadOptions = incidents.options;
        added.style = incidents.style;
        added.format = format;
        if (geocoding.any()) held.push_back({added.id, name, std::move(geocoding)});
    }

    auto state = MapState::create(std::move(scene));
    if (!state) return makeError(state.error().code, projectPath, "crs: " + state.error().describe());
    state->setGeocodeChoices(doc.geocodeChoices);
    for (auto& h : held) state->holdForReview(h.layerId, h.name, std::move(h.summary));
    state->setTime(doc.time);
    state->setPlayback(doc.playback);
    LoadedProject project{projectPath,
                          doc.name.empty() ? fs::path(projectPath).stem().string() : doc.name,
                          std::move(state).value(),
                          doc.view,
                          doc.exportSettings,
                          std::move(skipped),
                          std::move(reports)};
    fitProjectView(project.state, doc.view, doc.view.widthPx, doc.view.heightPx, 1.f);
    return project;
}

Result<LoadedProject> loadProject(const std::string& path, MissingSourcePolicy policy) {
    // Every project gets the embedded gazetteer (place labels, reverse geocoding), loaded beside its layers
    // once per process and shared; missing or corrupt it is a warning and the map has no place names.
    auto gazetteerFuture = std::async(std::launch::async, [] { return defaultGazetteer(); });
    auto text = readText(path);
    if (!text) return text.error();
    auto doc = parseProjectJson(text.value(), path);
    if (!doc) return doc.error();
    auto project = instantiateProject(doc.value(), path, policy);
    auto gazetteer = gazetteerFuture.get();
    if (!project) return project;
    if (gazetteer)
        project->state.setGazetteer(std::move(gazetteer).value());
    else
        logWarning(gazetteer.error().describe() + " (no place labels or place names)");
    return project;
}

void fitProjectView(MapState& state, const ProjectView& view, int widthPx, int heightPx, float pixelRatio) {
    if (view.bbox) {
        state.resize(widthPx, heightPx, pixelRatio);
        state.frame(*view.bbox);
        return;
    }
    // The saved viewport, placed in the current CRS (the same when nothing changed it)...
    const MapXY center = state.projection().project(view.center);
    if (!isFinite(center)) {
        logWarning("the saved view centre cannot be shown in " + state.scene().crs.name() +
                   "; framing every layer instead");
        state.resize(widthPx, heightPx, pixelRatio);
        state.frame(state.scene().extent());
        return;
    }
    // ...then its extent fitted into the new size: the tighter axis decides the scale.
    const double extentW = view.widthPx * view.unitsPerPixel, extentH = view.heightPx * view.unitsPerPixel;
    state.resize(widthPx, heightPx, pixelRatio);
    MapView v = state.view();
    v.center = center;
    v.unitsPerPixel = std::max(extentW / v.widthPx, extentH / v.heightPx);
    state.setView(v);
}

ProjectView currentProjectView(const MapState& state) {
    ProjectView view;
    view.center = state.projection().unproject(state.view().center);
    if (!isValidLonLat(view.center)) {
        // A centre outside the CRS's domain has no lon/lat: save what the layers cover instead.
        view.bbox = state.scene().extent();
        if (view.bbox->empty()) view.bbox = GeoBBox::fromCorners(-180, -85, 180, 85);
        return view;
    }
    view.unitsPerPixel = state.view().unitsPerPixel;
    view.widthPx = state.view().widthPx;
    view.heightPx = state.view().heightPx;
    return view;
}

ProjectDocument projectFromState(const MapState& state, const std::string& name,
                                 const ExportSettings& exportSettings) {
    ProjectDocument doc;
    doc.name = name;
    const MapScene& scene = state.scene();
    doc.crs = scene.crs.definition();
    doc.background = scene.background;
    for (const auto& layer : scene.layers) {
        if (!layer.data || layer.data->sourcePath.empty()) continue;
        doc.layers.push_back(
            {layer.data->sourcePath, layer.data->layerName, layer.name, layer.style, layer.attribution});
    }
    for (const auto& layer : scene.incidentLayers) {
        if (layer.source.empty()) continue;
        doc.incidents.push_back(
            {layer.source, layer.loadOptions, layer.name, layer.style, layer.attribution});
    }
    doc.view = currentProjectView(state);
    doc.time = state.time();
    doc.playback = state.playback();
    doc.exportSettings = exportSettings;
    doc.placeLabels = scene.placeLabels;
    doc.geocodeChoices = state.geocodeReviews().choices();
    return doc;
}

Status saveProject(const std::string& path, const MapState& state, const std::string& name,
                   const ExportSettings& exportSettings) {
    const std::string text = projectToJson(projectFromState(state, name, exportSettings), path);
    if (Status s = writeFileAtomically(path, text); !s) return s;
    logInfo("Saved project " + path);
    return {};
}

}  // namespace fp
