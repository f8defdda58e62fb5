#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/project/project_document.h"
#include "core/project/project_file.h"
#include "core/util/result.h"

namespace fp {

/// What a recovery copy keeps of one incident layer, in the scene's order. A layer with a source is an entry
/// of the copy's project document; its unsaved edits are kept as a difference to the source (changed and
/// added incidents in an incident file beside the copy, the rows removed), so that after recovery they can
/// still be saved back into the source. A layer made in memory (New incident layer, coded from text, a
/// copy) has its incidents in a file beside the copy, which the copy's project document names as its source.
struct RecoveryIncidentLayer {
    std::string name;
    bool own = false;     ///< a layer of the user's own (IncidentLayer::own)
    int project = -1;     ///< its entry in the copy's project document; -1: an empty layer made in memory
    bool memory = false;  ///< made in memory: no source of its own (the entry's source is the copy's file)
    bool edited = false;  ///< has unsaved edits kept as a difference to its source (below)
    std::string file;     ///< the incident file beside the copy with the changed, then the added incidents
    std::vector<int64_t> origins;  ///< per row of `file`: the source row it changes (its origin); -1: added
    std::vector<int64_t> removed;  ///< origins of the source rows deleted
    int64_t loadedRows = 0;  ///< rows the source had when the copy was written (a changed source differs)
};

/// Writes the incident data of a scene's incident layers `layers` that `doc` (the scene's project document)
/// cannot hold into files beside the recovery file `recoveryPath` (named "recovery-PID-GENERATION-N.csv", new
/// names at each call so that the copy written before stays whole until the new one replaces it), and
/// rewrites `doc.incidents` in the scene's order with the layers made in memory among them. Returns one entry
/// per incident layer. The Error names the file that could not be written. Reads the layers' stores only
/// (immutable, shared): safe on another thread than the one editing the scene.
Result<std::vector<RecoveryIncidentLayer>> writeRecoveryIncidents(const std::string& recoveryPath,
                                                                  const std::vector<IncidentLayer>& layers,
                                                                  ProjectDocument& doc);

/// The files beside `recoveryPath` that `layers` name, with their folder.
std::vector<std::string> recoveryIncidentFiles(const std::string& recoveryPath,
                                               const std::vector<RecoveryIncidentLayer>& layers);

/// Removes the incident files of the recovery file `recoveryPath`'s window (and their hidden temporaries) but
/// those in `keep`.
void removeRecoveryIncidentFiles(const std::string& recoveryPath, const std::vector<std::string>& keep = {});

nlohmann::json recoveryIncidentsJson(const std::vector<RecoveryIncidentLayer>& layers);
/// Reads what recoveryIncidentsJson wrote; entries of the wrong shape are an Error naming `path`.
Result<std::vector<RecoveryIncidentLayer>> readRecoveryIncidents(const nlohmann::json& array,
                                                                 const std::string& path);

/// Puts the incident layers of a recovered project (loaded from the copy's document) back as they were: in
/// their order, layers made in memory without a source again, edits applied to the freshly loaded sources.
/// Edits that no longer fit their source (it is gone or has another number of rows) are not dropped: they
/// become a layer of the user's own "NAME (recovered edits)", and an Error saying so joins project.skipped.
void restoreRecoveryIncidents(LoadedProject& project, const std::vector<RecoveryIncidentLayer>& layers,
                              const std::string& recoveryPath);

}  // namespace fp
