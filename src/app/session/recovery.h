#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/session/recovery_incidents.h"
#include "core/project/project_file.h"
#include "core/util/result.h"

namespace fp {

class Session;

/// $XDG_STATE_HOME/flashpoint, else ~/.local/state/flashpoint; empty when neither variable is set.
std::string guiStateDir();

/// A recovery copy of an unsaved project, as found at start-up.
struct RecoveryCopy {
    std::string path;         ///< the recovery file
    std::string projectName;  ///< the project's name when the copy was written
    std::string projectPath;  ///< its project file; empty while it had none (untitled)
    std::string savedAt;      ///< when the copy was written, ISO 8601 UTC ("2026-12-07T00:41:09Z")
    /// Incident layers a copy written by an older Flashpoint could not hold (made in memory); now always
    /// empty.
    std::vector<std::string> notKept;
    std::string projectJson;  ///< the project document it holds (project file JSON)
    /// Every incident layer in order, with what the project document cannot hold: unsaved incident edits and
    /// layers made in memory, in incident files beside the copy (see RecoveryIncidentLayer).
    std::vector<RecoveryIncidentLayer> incidentLayers;
};

/// The recovery file of the process `pid` in `dir` ("recovery-PID.json"): each window keeps its own.
std::string recoveryPathFor(const std::string& dir, long pid);

/// Writes what `session` holds (its project document as Save would write it, plus the project's name, file
/// and the time) to `path` atomically, creating its folder. Unsaved incident edits and incident layers made
/// in memory go into incident files beside it, written first under new names (writeRecoveryIncidents): the
/// copy on disk is always whole, the old one with its files until the new one replaces it.
Status writeRecoveryCopy(const std::string& path, const Session& session);

/// Removes the recovery file at `path` with its incident files.
void removeRecoveryCopy(const std::string& path);

/// The recovery copies in `dir` left by windows no longer running (a crash, kill -9, a power cut), newest
/// first. A copy whose process still runs is another window's and is left alone; an unreadable one is
/// skipped with a warning naming it.
std::vector<RecoveryCopy> findRecoveryCopies(const std::string& dir);

/// Reads the recovery file at `path`. The Error names the file and what is wrong with it.
Result<RecoveryCopy> readRecoveryCopy(const std::string& path);

/// The project `copy` holds with its sources loaded (missing ones skipped), named and filed as it was, its
/// incident layers as they were (restoreRecoveryIncidents).
Result<LoadedProject> loadRecoveredProject(const RecoveryCopy& copy);

/// Keeps the recovery copy of the window's session: written when the project has unsaved changes and its
/// layers or incident layers changed, and at most once a minute for any other change; removed as soon as
/// the project has no unsaved changes (saved, or undone back to the saved state) and on a clean quit.
class RecoveryKeeper {
public:
    static constexpr double kIntervalSeconds = 60.0;

    explicit RecoveryKeeper(std::string path) : m_path(std::move(path)) {}
    const std::string& path() const { return m_path; }
    /// Call once a frame with a monotonic clock in seconds. Errors are returned once per failure streak.
    Status update(const Session& session, double nowSeconds);
    /// Removes the copy (a clean quit).
    void remove();
    /// True when a copy is on disk for this window.
    bool written() const { return m_written; }

private:
    std::string m_path;
    std::vector<uint64_t> m_layers;  // ids of the layers and incident layers at the last write
    uint64_t m_changes = 0;          // the session's change count at the last write
    double m_lastWrite = -1e300;
    bool m_written = false;
    bool m_failing = false;
};

}  // namespace fp
