#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/session/project_session.h"
#include "app/session/session_shell.h"
#include "app/session/undo_history.h"
#include "core/project/map_state.h"
#include "core/project/project_file.h"
#include "core/time/playback_clock.h"
#include "ui/commands.h"

namespace fp {

/// Physical pixels the UI covers along each edge of the map viewport.
struct CoveredInsets {
    int left = 0, top = 0, right = 0, bottom = 0;
};

/// One open project and everything that changes it: the map state, the project file's name and export
/// settings, the undo history with the unsaved mark, and the playback clock. Every Command goes through
/// apply(), one handler per command kind (session_*.cpp); the window and the command line only feed it
/// commands and draw or export what it holds. Needs no window, GL context or ImGui frame.
class Session {
public:
    /// Starts on `project` (its view fitted to its saved viewport): no history, no unsaved changes.
    explicit Session(LoadedProject project);
    /// Starts on `state` as an untitled project.
    explicit Session(MapState state);

    /// Where the commands with an effect outside the project go (see SessionShell); null: the defaults.
    void setShell(SessionShell* shell) { m_shell = shell; }

    const MapState& state() const { return m_state; }
    const ProjectSession& project() const { return m_project; }
    const UndoHistory& history() const { return m_history; }
    /// Changes since the project file was saved or opened (follows undo and redo).
    bool dirty() const { return m_history.dirty(); }
    bool playing() const { return m_clock.playing(); }
    /// Counts the changes of the project (recorded changes, undo, redo, a project replaced): a recovery copy
    /// is stale when it was written at another count.
    uint64_t changeCount() const { return m_changes; }
    /// The project document Save would write now (the project's own background, not a theme's).
    ProjectDocument projectDocument() const;
    /// What the File and Edit menus show: the project's name, path, unsaved mark and `recent` files (checked
    /// for files that went missing), and the names of the changes Undo and Redo would make.
    ProjectInfo projectInfo(const std::vector<std::string>& recent) const;
    /// The view the project opened with (its saved view, or a box to frame): the start-up view and Home.
    const ProjectView& homeView() const { return m_homeView; }
    void setHomeView(const ProjectView& view) { m_homeView = view; }

    /// Applies `command` through its handler. A change of the project that succeeds becomes an undo step
    /// (named after the change). On failure nothing changes and the Error says why; the session never logs
    /// it: the caller says it once.
    Status apply(const Command& command);

    /// A new frame of the window: changes of the same thing in consecutive frames (a slider dragged) merge
    /// into one undo step.
    void nextFrame() { ++m_frame; }
    /// While playing, moves the cursor by `wallSeconds` of playback; true when it moved.
    bool advancePlayback(double wallSeconds);
    /// Resizes the map viewport (physical pixels) keeping centre and scale.
    void resize(int widthPx, int heightPx, float pixelRatio) {
        m_state.resize(widthPx, heightPx, pixelRatio);
    }
    /// Physical pixels along each edge of the viewport the UI covers (menu, side bars, timeline): Home,
    /// zooming to a layer and flying to an incident or a place centre and fit in the rest (the map area).
    void setCoveredInsets(const CoveredInsets& insets) { m_covered = insets; }
    void setCoveredBottom(int pixels) { m_covered = {0, 0, 0, pixels}; }
    /// Frames the home view in the uncovered part of the viewport (ResetView does this).
    void frameHome();
    /// The part of the view the UI leaves uncovered (the map area the user sees): same scale, its own
    /// centre and size. Exports frame this, not the whole window. The whole view when nothing is covered
    /// or the insets would leave (almost) nothing.
    MapView uncoveredView() const;
    /// Warns when the map CRS is not meant for `area` (lon/lat; see crsUnsuitedFor), once per such warning
    /// in the session: a start framing far incidents and a later zoom to them say it once.
    void warnIfCrsUnsuited(const GeoBBox& area);
    /// The gazetteer for place labels and place names (loaded on demand by whoever needs it first).
    void setGazetteer(std::shared_ptr<const Gazetteer> gazetteer) {
        m_state.setGazetteer(std::move(gazetteer));
    }
    /// Shows the map on `background` instead of the project's own (a dark theme); nullopt: the project's.
    /// Saving always writes the project's own.
    void setBackgroundOverride(std::optional<Color> background);

private:
    // One handler per command kind (session_view.cpp, session_layers.cpp, session_time.cpp,
    // session_project.cpp, session_shell.cpp).
    Status on(const Pan&);
    Status on(const Zoom&);
    Status on(const ResetView&);
    Status on(const ZoomToLayer&);
    Status on(const FlyToIncident&);
    Status on(const FlyToPlace&);
    Status on(const SetLayerStyle&);
    Status on(const MoveLayer&);
    Status on(const RemoveLayer&);
    Status on(const AddLayer&);
    Status on(const SetCrs&);
    Status on(const AddIncidents&);
    Status on(const ReloadIncidents&);
    Status on(const SetIncidentStyle&);
    Status on(const RemoveIncidentLayer&);
    Status on(const SetPlaceLabels&);
    Status on(const ResolveGeocode&);
    Status on(const SelectIncident&);
    Status on(const SpreadIncidentGroup&);
    Status on(const SetTimeState&);
    Status on(const SetPlayback&);
    Status on(const Play&);
    Status on(const Pause&);
    Status on(const StepTime&);
    Status on(const SeekStart&);
    Status on(const SeekEnd&);
    Status on(const NewProject&);
    Status on(const OpenProject&);
    Status on(const SaveProject&);
    Status on(const RecoverProject&);
    Status on(const Quit&);
    Status on(const Undo&);
    Status on(const Redo&);
    Status on(const SetTheme&);
    Status on(const ClearLog&);
    Status on(const OpenUrl&);
    Status on(const ExportAnimation&);
    Status on(const CancelAnimationExport&);
    Status on(const ExportImage&);
    Status on(const SaveGeocodedCopy&);
    Status on(const AddCodedIncidents&);  // session_coding.cpp
    Status on(const AddIncident&);
    Status on(const EditIncident&);
    Status on(const MoveIncident&);
    Status on(const DeleteIncident&);
    Status on(const NewIncidentLayer&);
    Status on(const CopyIncidentsToOwnLayer&);
    Status on(const SaveIncidentLayer&);
    /// The commands the UI handles itself (Show*): they never reach the session, and do nothing here.
    Status on(const ShowPanel&) { return {}; }
    Status on(const ShowIncidentPanel&) { return {}; }
    Status on(const ShowFieldMapping&) { return {}; }
    Status on(const ShowAnimationExport&) { return {}; }
    Status on(const ShowImageExport&) { return {}; }
    Status on(const ShowProjectDialog&) { return {}; }
    Status on(const ShowGeocodedCopy&) { return {}; }
    Status on(const ShowCodeIncidents&) { return {}; }
    Status on(const ArmAddIncident&) { return {}; }

    /// Writes incident layer `layerId`'s edits (see SaveIncidentLayer) and marks the layer saved.
    Status saveIncidentLayer(uint64_t layerId, const std::string& path, bool replaceExisting);
    /// Saves every incident layer with unsaved edits before the project is saved to `projectPath`: back to
    /// its source when it can take them (and !asNewFiles), else as a GeoPackage beside the project
    /// (ownLayerPath).
    Status saveIncidentEdits(const std::string& projectPath, bool asNewFiles);
    /// True when saving `layer` would write unsaved edits back into its source file.
    bool writesBack(const IncidentLayer& layer) const;
    /// What the question before writing `layer`'s edits back says of it.
    WriteBackTarget writeBackTarget(const IncidentLayer& layer) const;
    /// The targets of every layer whose edits saving the project would write back.
    std::vector<WriteBackTarget> writeBackTargets() const;
    /// Asks the shell about writing back before `command`; an error when it cannot ask (nothing written).
    Status askWriteBack(const Command& command, const std::vector<WriteBackTarget>& targets);
    /// "<project folder>/<project stem>-<layer name>.gpkg", numbered when that exists.
    std::string ownLayerPath(const IncidentLayer& layer, const std::string& projectPath) const;
    /// Adds `source`'s layers and brings them into view when none of them is on screen.
    Status addLayers(const std::string& source);
    /// Frames `box` when none of it is on screen, so that something just added does not seem missing.
    void bringIntoView(const GeoBBox& box);
    /// The title an export of what the window shows gets when the user gives none (see briefingTitle).
    std::string exportTitle() const;
    /// Frames `box` (lon/lat) in the uncovered view, warning once when the map CRS is not meant for it.
    void frameArea(const GeoBBox& box);
    void showNewestIncidents();
    /// Centres the view on `at`, zooming in (never out) until `radiusMetres` around it fills the view.
    void centreOn(MapXY at, double radiusMetres);
    /// Runs `fit` (which sets the view's centre and scale) on a view the size of the uncovered area, then
    /// moves the view so that what `fit` centred sits in the middle of that area. Covered insets that leave
    /// less than an eighth of the viewport (or 100 pixels) either way are ignored.
    void fitUncovered(const std::function<void()>& fit);
    /// Moves the cursor with `cursorFor` (given the time state ready for playing and the data's range).
    template <class CursorFor>
    Status moveCursor(CursorFor cursorFor);
    /// Replaces the whole project (New, Open): history cleared, view fitted, the shell told.
    void replaceProject(LoadedProject project);
    /// Records the change `command` made since `before` as an undo step, if it changed anything.
    void recordChange(const Command& command, const MapState::Snapshot& before,
                      const ExportSettings& exportBefore);
    SessionShell& shell() { return m_shell ? *m_shell : m_defaultShell; }
    /// Puts back the `before` (undo) or `after` (redo) of `entry`.
    void restore(const UndoEntry& entry, bool after);
    /// Keeps what the last ExportImage/ExportAnimation asked for in the project's export settings.
    void rememberExportSettings(const ExportSettings& settings);

    MapState m_state;
    ProjectSession m_project;
    UndoHistory m_history;
    PlaybackClock m_clock;
    ProjectView m_homeView;
    Color m_projectBackground;
    std::optional<Color> m_backgroundOverride;
    CoveredInsets m_covered;
    std::set<std::string> m_crsWarnings;  // "the CRS is not meant for this area", each said once
    uint64_t m_frame = 0;
    uint64_t m_changes = 0;
    SessionShell m_defaultShell;
    SessionShell* m_shell = nullptr;  // null: m_defaultShell (a pointer to it would not survive a move)
};

/// True when applying `command` successfully may change what a project file saves in a way the user made on
/// purpose (layers, styles, incident sources, CRS, time window, playback, geocoding decisions, export
/// settings): such changes are undo steps and mark the project unsaved. Navigation (pan, zoom, fly to,
/// stepping or playing through time) is saved too but is neither.
bool changesProject(const Command& command);

/// The name of the change `command` makes to `state` (before it is applied), as the Edit menu shows it after
/// "Undo ": "Change layer colour", "Remove layer Kosovo", "Change map CRS".
std::string changeName(const Command& command, const MapState& state);

/// Which parts of the state (MapState::Part bits) `command` may change.
unsigned changedParts(const Command& command);

}  // namespace fp
