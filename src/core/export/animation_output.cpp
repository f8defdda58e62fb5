#include "core/export/animation_output.h"

#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace fp {

Result<AnimationOutput> animationOutputForPath(const std::string& path) {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, "output", "no output path given");
    std::error_code ec;
    if (fs::is_directory(path, ec)) return AnimationOutput::PngFolder;
    std::string ext = fs::path(path).lexically_normal().extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".mp4") return AnimationOutput::Mp4;
    if (ext == ".gif") return AnimationOutput::Gif;
    if (ext.empty()) return AnimationOutput::PngFolder;
    return makeError(ErrorCode::InvalidArgument, path,
                     "unknown animation format '" + ext +
                         "': use .mp4, .gif, or a folder (a name without extension) for PNG frames");
}

}  // namespace fp
