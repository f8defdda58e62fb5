#include "app/session/project_session.h"

#include <algorithm>
#include <filesystem>

#include "core/project/default_scene.h"
#include "core/util/atomic_file.h"
#include "core/util/log.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

/// Absolute and normalised, so that the same file is always the same entry.
std::string canonicalPath(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? fs::absolute(path).lexically_normal().string() : p.string();
}

bool isShippedDefault(const std::string& path) {
    const std::string shipped = defaultProjectPath();
    return !path.empty() && !shipped.empty() && canonicalPath(path) == canonicalPath(shipped);
}

}  // namespace

void rememberRecentProject(std::vector<std::string>& recent, const std::string& path) {
    const std::string entry = canonicalPath(path);
    recent.erase(std::remove(recent.begin(), recent.end(), entry), recent.end());
    recent.insert(recent.begin(), entry);
    if (recent.size() > kMaxRecentProjects) recent.resize(kMaxRecentProjects);
}

std::string projectWindowTitle(const std::string& name, bool dirty) {
    return std::string(dirty ? "\xE2\x80\xA2 " : "") + (name.empty() ? "Untitled" : name) +
           " \xE2\x80\x94 Flashpoint " FP_VERSION;
}

void ProjectSession::adopt(const LoadedProject& project) {
    m_name = project.name;
    m_path = project.path;
    m_export = project.exportSettings;
    m_dirty = false;
}

void ProjectSession::startUntitled() {
    m_name = "Untitled";
    m_path.clear();
    m_export = ExportSettings{};
    m_dirty = false;
}

bool ProjectSession::needsNewPath() const {
    return m_path.empty() || isShippedDefault(m_path);
}

Status ProjectSession::save(const MapState& state, const std::string& path, Color background) {
    const std::string target = path.empty() ? m_path : path;
    if (target.empty())
        return makeError(ErrorCode::InvalidArgument, m_name, "the project has no file yet: use Save As");
    if (isShippedDefault(target))
        return makeError(ErrorCode::PermissionDenied, target,
                         "is the shipped default project; save under another name");
    // A project saved under a new name is named after its file, unless the user named it.
    std::string name = m_name;
    if (!path.empty() && (m_name == "Untitled" || isShippedDefault(m_path) ||
                          (!m_path.empty() && m_name == fs::path(m_path).stem().stem().string())))
        name = fs::path(target).stem().stem().string();  // "briefing.flashpoint.json" -> "briefing"
    ProjectDocument doc = projectFromState(state, name, m_export);
    doc.background = background;
    if (Status s = writeFileAtomically(target, projectToJson(doc, target)); !s) return s;
    m_path = target;
    m_name = name;
    m_dirty = false;
    logInfo("Saved project " + target);
    return {};
}

ProjectInfo ProjectSession::info(const std::vector<std::string>& recent) const {
    ProjectInfo info;
    info.name = m_name;
    info.path = m_path;
    info.dirty = m_dirty;
    info.needsNewPath = needsNewPath();
    std::error_code ec;
    for (const auto& path : recent) info.recent.push_back({path, fs::exists(path, ec)});
    return info;
}

}  // namespace fp
