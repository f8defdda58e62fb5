#include "core/util/data_paths.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace fp {

namespace {

bool isInside(const fs::path& path, const fs::path& folder) {
    std::error_code ec;
    const fs::path canonicalFolder = fs::weakly_canonical(folder, ec);
    if (ec || canonicalFolder.empty()) return false;
    const fs::path relative = fs::weakly_canonical(path, ec).lexically_relative(canonicalFolder);
    return !ec && !relative.empty() && *relative.begin() != "..";
}

}  // namespace

std::string executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

std::string dataRoot() {
    const fs::path exeDir = executableDir();
    if (exeDir.empty()) return {};
    std::error_code ec;
    const fs::path installed = exeDir / ".." / "share" / "flashpoint";
    if (fs::is_directory(installed / "geodata", ec)) return fs::weakly_canonical(installed, ec).string();
    // Only a binary built here (build tree, benchmarks, tests) may fall back to the sources it was built from.
    if (isInside(exeDir, FP_BUILD_DIR) && fs::is_directory(fs::path(FP_SOURCE_DIR) / "geodata", ec))
        return FP_SOURCE_DIR;
    return {};
}

std::string dataPath(const std::string& relative) {
    const std::string root = dataRoot();
    return root.empty() ? std::string() : (fs::path(root) / relative).string();
}

}  // namespace fp
