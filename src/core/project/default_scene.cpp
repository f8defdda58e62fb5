#include "core/project/default_scene.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>

#include "core/io/incidents/incident_loader.h"
#include "core/io/vector_loader.h"
#include "core/util/log.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

bool looksLikeDataDir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p / "boundaries", ec);
}

fs::path executableDir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

struct EmbeddedLayer {
    const char* file;
    const char* attribution;
    LayerStyle style;
    const char* displayName = nullptr;  ///< overrides the file's name in the layers panel
};

LayerStyle style(Color fill, bool filled, Color outline, float width, const char* labelField, float labelSize,
                 int priority, bool upper = false) {
    LayerStyle s;
    s.fill = fill;
    s.filled = filled;
    s.outline = outline;
    s.outlineWidthPx = width;
    s.labelField = labelField;
    s.labelSizePx = labelSize;
    s.labelPriority = priority;
    s.labelUppercase = upper;
    return s;
}

std::vector<EmbeddedLayer> embeddedLayers() {
    const char* ne = "Natural Earth (public domain)";
    const char* gb = "geoBoundaries (Runfola et al. 2020), CC BY-SA 2.0";
    // Kosovo's line in these layers is the geoBoundaries one (see geodata/README.md), so they credit both.
    const char* neGb = "Natural Earth; Kosovo boundary: geoBoundaries (Runfola et al. 2020), CC BY-SA 2.0";
    LayerStyle neighbours =
        style(Color::rgb(232, 229, 223), true, Color::rgb(160, 155, 148), 0.9f, "name", 11.f, 60, true);
    neighbours.labelColor = Color::rgb(120, 116, 110);
    LayerStyle serbia =
        style(Color::rgb(247, 240, 226), true, Color::rgb(196, 178, 150), 0.6f, "name", 10.5f, 20);
    serbia.labelColor = Color::rgb(110, 92, 70);
    LayerStyle kosovoDistricts =
        style(Color::rgb(250, 232, 214), true, Color::rgb(196, 150, 120), 0.8f, "name", 10.5f, 30);
    kosovoDistricts.labelColor = Color::rgb(125, 80, 55);
    LayerStyle municipalities = style(Color{}, false, Color::rgb(214, 178, 150), 0.45f, "", 9.f, 0);
    LayerStyle focus = style(Color{}, false, Color::rgb(92, 52, 36), 1.8f, "name", 15.f, 100, true);
    focus.labelColor = Color::rgb(70, 38, 26);
    // The admin layers come from two sources whose lines differ by up to a kilometre; the countries' own fill
    // underneath keeps the slivers between them from showing the sea colour.
    LayerStyle land = style(Color::rgb(247, 240, 226), true, Color{}, 0.f, "", 10.f, 0);
    LayerStyle regionLand = style(neighbours.fill, true, Color{}, 0.f, "", 10.f, 0);
    return {
        {"boundaries/region_land.shp", neGb, regionLand, "Land (region)"},
        {"boundaries/neighbour_countries.shp", ne, neighbours, "Neighbouring countries"},
        {"boundaries/focus_countries.shp", neGb, land, "Kosovo and Serbia (land)"},
        {"boundaries/serbia_districts.shp", neGb, serbia, "Serbia: districts"},
        {"boundaries/kosovo_districts.shp", gb, kosovoDistricts, "Kosovo: districts"},
        {"boundaries/kosovo_municipalities.shp", gb, municipalities, "Kosovo: municipalities"},
        {"boundaries/focus_countries.shp", neGb, focus, "Kosovo and Serbia"},
    };
}

}  // namespace

constexpr const char* kEmbeddedIncidents = "incidents/kosovo_2022_2023.geojson";
constexpr const char* kIncidentsAttribution =
    "Incidents coded from AP via The Washington Post, 8 Jan 2023; places: GeoNames (CC BY 4.0), "
    "geoBoundaries";

std::string findDataDir() {
    if (const char* env = std::getenv("FLASHPOINT_DATA_DIR"); env && *env) {
        if (looksLikeDataDir(env)) return env;
        logWarning(std::string("FLASHPOINT_DATA_DIR=") + env + " has no boundaries/ folder; ignored");
    }
    fs::path exeDir = executableDir();
    for (fs::path candidate :
         {exeDir / "geodata", exeDir / ".." / "geodata", exeDir / ".." / ".." / "geodata",
          exeDir / ".." / "share" / "flashpoint" / "geodata"}) {
        if (!exeDir.empty() && looksLikeDataDir(candidate)) return fs::weakly_canonical(candidate).string();
    }
    fs::path source = fs::path(FP_SOURCE_DIR) / "geodata";
    if (looksLikeDataDir(source)) return source.string();
    return {};
}

GeoBBox defaultFocusBBox() {
    return GeoBBox::fromCorners(18.81, 41.85, 23.01, 46.19);
}

Result<MapScene> loadDefaultScene(std::vector<LoadReport>& reports) {
    std::string dir = findDataDir();
    if (dir.empty()) {
        return makeError(ErrorCode::NotFound, "geodata",
                         "embedded data folder not found (set FLASHPOINT_DATA_DIR to the geodata/ folder)");
    }
    // Files load in parallel (GDAL datasets and PROJ contexts are per thread here); each file once, even when
    // two map layers show it with different styles.
    const auto layers = embeddedLayers();
    std::map<std::string, std::future<std::pair<LoadReport, Result<std::vector<VectorLayer>>>>> pending;
    for (const auto& layer : layers) {
        if (pending.count(layer.file)) continue;
        const std::string path = (fs::path(dir) / layer.file).string();
        pending[layer.file] = std::async(std::launch::async, [path] {
            LoadReport report;
            auto loaded = loadVectorSource(path, report);
            return std::make_pair(std::move(report), std::move(loaded));
        });
    }
    // The incidents of the seed story load beside the boundaries.
    const std::string incidentsPath = (fs::path(dir) / kEmbeddedIncidents).string();
    auto incidentsFuture = std::async(std::launch::async, [incidentsPath] {
        LoadReport report;
        auto loaded = loadIncidents(incidentsPath, {}, report);
        return std::make_pair(std::move(report), std::move(loaded));
    });
    std::map<std::string, std::vector<std::shared_ptr<const VectorLayer>>> loadedByFile;
    for (auto& [file, future] : pending) {
        auto [report, loaded] = future.get();
        reports.push_back(report);
        if (!loaded) {
            logError(loaded.error().describe());
            continue;
        }
        for (auto& data : loaded.value())
            loadedByFile[file].push_back(std::make_shared<VectorLayer>(std::move(data)));
    }
    MapScene scene;
    for (const auto& layer : layers) {
        for (const auto& data : loadedByFile[layer.file])
            scene.addLayer(data, layer.style, layer.attribution, layer.displayName ? layer.displayName : "");
    }
    auto [incidentReport, incidents] = incidentsFuture.get();
    reports.push_back(incidentReport);
    if (incidents) {
        scene.addIncidentLayer(std::make_shared<const IncidentStore>(std::move(incidents).value()),
                               "Kosovo 2022–23 (seed story)", "embedded", kIncidentsAttribution);
    } else {
        logError(incidents.error().describe());
    }
    return scene;
}

LayerStyle defaultStyleForUserLayer(const VectorLayer& layer, size_t index) {
    static const Color palette[] = {Color::rgb(31, 120, 180), Color::rgb(51, 160, 44),
                                    Color::rgb(227, 26, 28),  Color::rgb(255, 127, 0),
                                    Color::rgb(106, 61, 154), Color::rgb(177, 89, 40)};
    const Color c = palette[index % (sizeof(palette) / sizeof(palette[0]))];
    LayerStyle s;
    s.fill = c.withAlpha(0.25f);
    s.filled = layer.hasPolygons();
    s.outline = c;
    s.outlineWidthPx = layer.hasPolygons() ? 1.2f : 2.0f;
    s.labelField = layer.guessLabelField();
    s.labelSizePx = 11.f;
    s.labelPriority = 40;
    s.labelColor = Color::rgb(30, 30, 30);
    return s;
}

}  // namespace fp
