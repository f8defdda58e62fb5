#include "core/project/default_scene.h"

#include <cstdlib>
#include <filesystem>

#include "core/util/data_paths.h"
#include "core/util/log.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

bool looksLikeDataDir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p / "boundaries", ec);
}

}  // namespace

constexpr const char* kDefaultProjectFile = "kosovo-serbia.flashpoint.json";

std::string findDataDir() {
    if (const char* env = std::getenv("FLASHPOINT_DATA_DIR"); env && *env) {
        if (looksLikeDataDir(env)) return env;
        logWarning(std::string("FLASHPOINT_DATA_DIR=") + env + " has no boundaries/ folder; ignored");
    }
    const std::string root = dataRoot();
    if (!root.empty() && looksLikeDataDir(fs::path(root) / "geodata"))
        return (fs::path(root) / "geodata").string();
    return {};
}

GeoBBox defaultFocusBBox() {
    return GeoBBox::fromCorners(18.81, 41.85, 23.01, 46.19);
}

std::string defaultProjectPath() {
    const std::string dir = findDataDir();
    return dir.empty() ? std::string() : (fs::path(dir) / kDefaultProjectFile).string();
}

Result<LoadedProject> loadDefaultProject() {
    const std::string path = defaultProjectPath();
    if (path.empty()) {
        return makeError(ErrorCode::NotFound, "geodata",
                         "embedded data folder not found (set FLASHPOINT_DATA_DIR to the geodata/ folder)");
    }
    return loadProject(path, MissingSourcePolicy::Skip);
}

Result<MapScene> loadDefaultScene(std::vector<LoadReport>& reports) {
    auto project = loadDefaultProject();
    if (!project) return project.error();
    for (auto& report : project->reports) reports.push_back(std::move(report));
    return std::move(project->state.scene());
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
