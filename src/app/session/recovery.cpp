#include "app/session/recovery.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/session/recovery_incidents.h"
#include "app/session/session.h"
#include "core/project/project_document.h"
#include "core/util/atomic_file.h"
#include "core/util/log.h"
#include "core/util/temp_files.h"

namespace fp {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "flashpoint-recovery";
constexpr const char* kPrefix = "recovery-";
constexpr const char* kSuffix = ".json";

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

/// The pid in a recovery file's name; -1 when the name is not one.
long pidOfName(const std::string& name) {
    const std::string prefix = kPrefix, suffix = kSuffix;
    if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return -1;
    const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), ::isdigit))
        return -1;
    return std::stol(digits);
}

/// Whether `pid` is a running Flashpoint (a pid reused by another program after a reboot does not count).
bool flashpointRuns(long pid) {
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)) return false;
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    std::getline(comm, name);
    return !comm || name == "flashpoint";
}

Error badCopy(const std::string& path, const std::string& reason) {
    return makeError(ErrorCode::InvalidArgument, path, "not a readable recovery copy: " + reason);
}

/// The folder relative source paths of the copy are resolved against: the project file's when it has one.
std::string basePathOf(const RecoveryCopy& copy) {
    return copy.projectPath.empty() ? copy.path : copy.projectPath;
}

}  // namespace

std::string guiStateDir() {
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg == '/')
        return (fs::path(xdg) / "flashpoint").string();
    if (const char* home = std::getenv("HOME"); home && *home)
        return (fs::path(home) / ".local" / "state" / "flashpoint").string();
    return {};
}

std::string recoveryPathFor(const std::string& dir, long pid) {
    return (fs::path(dir) / (kPrefix + std::to_string(pid) + kSuffix)).string();
}

RecoverySnapshot recoverySnapshot(const Session& session) {
    RecoverySnapshot snapshot;
    snapshot.projectName = session.project().name();
    snapshot.projectPath = session.project().needsNewPath() ? std::string() : session.project().path();
    snapshot.doc = session.projectDocument();
    snapshot.incidentLayers = session.state().scene().incidentLayers;
    return snapshot;
}

Status writeRecoveryCopy(const std::string& path, const RecoverySnapshot& snapshot) {
    RecoveryCopy copy;
    copy.path = path;
    copy.projectName = snapshot.projectName;
    copy.projectPath = snapshot.projectPath;
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    ProjectDocument doc = snapshot.doc;
    auto incidents = writeRecoveryIncidents(path, snapshot.incidentLayers, doc);
    if (!incidents) return incidents.error();
    const std::vector<std::string> files = recoveryIncidentFiles(path, incidents.value());
    const json project = json::parse(projectToJson(doc, basePathOf(copy)), nullptr, false);
    json root;
    root["format"] = kFormat;
    root["version"] = 1;
    root["name"] = copy.projectName;
    root["projectPath"] = copy.projectPath;
    root["savedAt"] = utcNow();
    root["notKept"] = json::array();
    root["project"] = project;
    root["incidentLayers"] = recoveryIncidentsJson(incidents.value());
    Status written =
        project.is_discarded()
            ? makeError(ErrorCode::InvalidArgument, path, "the project could not be written as JSON")
            : writeFileAtomically(path, root.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
    // The files the copy on disk names stay: the new ones once it is written, else the previous ones.
    if (written)
        removeRecoveryIncidentFiles(path, files);
    else
        for (const std::string& file : files) fs::remove(file, ec);
    return written;
}

void removeRecoveryCopy(const std::string& path) {
    std::error_code ec;
    fs::remove(path, ec);
    removeRecoveryIncidentFiles(path);
}

Result<RecoveryCopy> readRecoveryCopy(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path, "cannot read the recovery copy");
    std::stringstream text;
    text << in.rdbuf();
    const json root = json::parse(text.str(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) return badCopy(path, "not JSON (cut short?)");
    if (root.value("format", std::string()) != kFormat)
        return badCopy(path, "'format' is not " + std::string(kFormat));
    RecoveryCopy copy;
    copy.path = path;
    const auto field = [&](const char* key, std::string& out) {
        if (root.contains(key) && root[key].is_string()) out = root[key].get<std::string>();
        return root.contains(key) && root[key].is_string();
    };
    if (!field("name", copy.projectName) || !field("projectPath", copy.projectPath) ||
        !field("savedAt", copy.savedAt) || !root.contains("project") || !root["project"].is_object())
        return badCopy(path, "'name', 'projectPath', 'savedAt' or 'project' is missing or of the wrong type");
    if (root.contains("incidentLayers")) {
        auto layers = readRecoveryIncidents(root["incidentLayers"], path);
        if (!layers) return layers.error();
        copy.incidentLayers = std::move(layers).value();
    }
    if (root.contains("notKept") && root["notKept"].is_array())
        for (const json& name : root["notKept"])
            if (name.is_string()) copy.notKept.push_back(name.get<std::string>());
    copy.projectJson = root["project"].dump();
    return copy;
}

Result<LoadedProject> loadRecoveredProject(const RecoveryCopy& copy) {
    auto doc = parseProjectJson(copy.projectJson, basePathOf(copy));
    if (!doc) return doc.error();
    auto loaded = instantiateProject(doc.value(), basePathOf(copy), MissingSourcePolicy::Skip);
    if (!loaded) return loaded.error();
    restoreRecoveryIncidents(loaded.value(), copy.incidentLayers, copy.path);
    loaded.value().path = copy.projectPath;
    loaded.value().name = copy.projectName;
    return loaded;
}

std::vector<RecoveryCopy> findRecoveryCopies(const std::string& dir) {
    std::vector<RecoveryCopy> found;
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return found;
    std::vector<long> deadWriters;  // whose hidden temporary copies a kill -9 mid-write left
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (const size_t end = name.find(".json."); name[0] == '.' && end != std::string::npos) {
            const long writer = pidOfName(name.substr(1, end + 4));
            if (writer > 0 && writer != static_cast<long>(::getpid()) && !flashpointRuns(writer))
                deadWriters.push_back(writer);
            continue;
        }
        const long pid = pidOfName(name);
        if (pid < 0 || pid == static_cast<long>(::getpid()) || flashpointRuns(pid)) continue;
        auto copy = readRecoveryCopy(entry.path().string());
        if (!copy) {
            logWarning(copy.error().describe());
            continue;
        }
        found.push_back(std::move(copy).value());
    }
    for (long writer : deadWriters) removeStaleTempSiblings(recoveryPathFor(dir, writer));
    std::sort(found.begin(), found.end(),
              [](const RecoveryCopy& a, const RecoveryCopy& b) { return a.savedAt > b.savedAt; });
    return found;
}

}  // namespace fp
