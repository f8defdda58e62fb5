#pragma once

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

/// What a recovery copy holds of a session, taken in O(layers) on the thread that edits it: the project
/// document as Save would write it, the project's name and file, and the incident layers, whose stores are
/// immutable and shared, so that the copy can be written on another thread while editing goes on.
struct RecoverySnapshot {
    std::string projectName;
    std::string projectPath;  ///< empty while the project has no file (untitled)
    ProjectDocument doc;
    std::vector<IncidentLayer> incidentLayers;
};

/// The snapshot of `session` a recovery copy is written from.
RecoverySnapshot recoverySnapshot(const Session& session);

/// Writes `snapshot` (plus the time) to `path` atomically, creating its folder. Unsaved incident edits and
/// incident layers made in memory go into incident files beside it, written first under new names
/// (writeRecoveryIncidents): the copy on disk is always whole, the old one with its files until the new one
/// replaces it. One writer per `path` at a time.
Status writeRecoveryCopy(const std::string& path, const RecoverySnapshot& snapshot);

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

}  // namespace fp
