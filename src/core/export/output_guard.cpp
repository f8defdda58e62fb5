#include "core/export/output_guard.h"

#include <algorithm>
#include <filesystem>

#include "core/model/map_scene.h"
#include "core/util/input_file.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

/// A file in the image's folder with the image's stem ("roads.shp" for "roads.png") that the export does not
/// write; empty when there is none.
std::string foreignFileWithStem(const std::string& imagePath, const std::vector<std::string>& written) {
    const fs::path image(imagePath);
    const fs::path folder = image.parent_path().empty() ? fs::path(".") : image.parent_path();
    const std::string stemDot = image.stem().string() + ".";
    std::vector<std::string> ours;
    for (const auto& w : written) ours.push_back(fs::path(w).filename().string());
    const std::string imageName = image.filename().string();
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(stemDot, 0) != 0) continue;
        if (std::find(ours.begin(), ours.end(), name) != ours.end()) continue;
        if (name.rfind(imageName + ".", 0) == 0) continue;  // the image's own "map.png.aux.xml"
        return name;
    }
    return {};
}

}  // namespace

Status checkImageFileName(const std::string& path) {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, "--output", "no output file given");
    const std::string name = fs::path(path).filename().string();
    if (name.empty() || name == "." || name == "..")
        return makeError(ErrorCode::InvalidArgument, path,
                         "no file name: this names a folder; give the image's file name, e.g. " +
                             (fs::path(path) / "map.png").lexically_normal().string());
    return {};
}

std::string exportSidecarPath(const std::string& imagePath, const char* extension) {
    return fs::path(imagePath).replace_extension(extension).string();
}

std::vector<std::string> exportFilePaths(const std::string& path, ImageFormat format) {
    std::vector<std::string> files{path};
    if (format == ImageFormat::PngWorldFile) {
        files.push_back(exportSidecarPath(path, ".pgw"));
        files.push_back(exportSidecarPath(path, ".prj"));
    }
    return files;
}

std::vector<std::string> sceneInputs(const MapScene& scene) {
    std::vector<std::string> inputs;
    for (const auto& layer : scene.layers)
        if (layer.data && !layer.data->sourcePath.empty()) inputs.push_back(layer.data->sourcePath);
    for (const auto& layer : scene.incidentLayers)
        if (!layer.source.empty()) inputs.push_back(layer.source);
    return inputs;
}

Status checkExportTarget(const std::string& path, ImageFormat format,
                         const std::vector<std::string>& inputs) {
    const std::vector<std::string> files = exportFilePaths(path, format);
    if (Status s = checkOutputsAreNotInputs(files, inputs); !s) return s;
    if (files.size() == 1) return {};
    if (const std::string other = foreignFileWithStem(path, files); !other.empty())
        return makeError(
            ErrorCode::InvalidArgument, path,
            "the world file and .prj written beside it (" + fs::path(files[1]).filename().string() + ", " +
                fs::path(files[2]).filename().string() + ") would also apply to " + other +
                " in the same folder and change where that data lies: choose another output name");
    return {};
}

}  // namespace fp
