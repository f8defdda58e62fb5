#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/export/export_settings.h"
#include "core/io/load_report.h"
#include "core/project/map_state.h"
#include "core/project/project_document.h"
#include "core/util/result.h"

namespace fp {

/// What to do when a layer or incident source of a project cannot be loaded (missing file, unreadable...).
enum class MissingSourcePolicy {
    Fail,  ///< the whole load fails (the CLI: a briefing without one of its layers would mislead)
    Skip,  ///< the rest loads; each failure is returned in LoadedProject::skipped (the GUI warns)
};

/// A project opened from a file: its name, map state and export settings.
struct LoadedProject {
    std::string path;  ///< the project file as given
    std::string name;  ///< the project's name, or the file's stem when it has none
    MapState state;    ///< scene, CRS, time state and playback; the view is set by fitProjectView
    ProjectView view;  ///< what part of the map to show, applied by fitProjectView once the size is known
    ExportSettings exportSettings;
    std::vector<Error> skipped;       ///< sources left out under MissingSourcePolicy::Skip
    std::vector<LoadReport> reports;  ///< one per source loaded, with its row problems
};

/// Reads the project file at `path` and loads every layer and incident source it names (files in parallel,
/// each file once even when several layers show it). Errors name the project file: cannot be read, invalid
/// (see parseProjectJson), a CRS PROJ does not know; and with MissingSourcePolicy::Fail a source that
/// cannot be loaded, naming the entry ("layer 3 'Kosovo: districts'") and the loader's reason with the path.
/// Row problems of sources are in `reports`, not errors.
Result<LoadedProject> loadProject(const std::string& path, MissingSourcePolicy policy);

/// Builds the map state a document describes (as loadProject does after reading the file); `projectPath`
/// names the project in messages.
Result<LoadedProject> instantiateProject(const ProjectDocument& doc, const std::string& projectPath,
                                         MissingSourcePolicy policy);

/// Sets the view of `state` for a map of `widthPx` x `heightPx` physical pixels: frames view.bbox, or shows
/// the extent saved with view.center/unitsPerPixel fitted into the new size (widened on one axis, never
/// stretched). The centre is projected in the state's current CRS, so a CRS changed after loading keeps it.
void fitProjectView(MapState& state, const ProjectView& view, int widthPx, int heightPx, float pixelRatio);

/// The view of `state` as a project saves it (centre, scale and viewport size).
ProjectView currentProjectView(const MapState& state);

/// The document describing `state`: its layers (with their sources, styles and attributions), incident
/// sources with how they were read, CRS, background, the current view, time state and playback, plus
/// `name` and `exportSettings`. Incident layers without a file or connection (made in memory) are left out.
ProjectDocument projectFromState(const MapState& state, const std::string& name,
                                 const ExportSettings& exportSettings);

/// Writes projectFromState(...) to `path` atomically (old file or complete new one, never a part). The
/// Error names the path and the reason (missing folder, permission denied, disk full).
Status saveProject(const std::string& path, const MapState& state, const std::string& name,
                   const ExportSettings& exportSettings);

}  // namespace fp
