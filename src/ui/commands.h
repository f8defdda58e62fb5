#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/export/export_settings.h"
#include "core/geocode/geocode_review.h"
#include "core/model/incident.h"
#include "core/model/layer_style.h"
#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/time/playback.h"
#include "core/time/time_window.h"

namespace fp {

/// The ImGui theme; the app may also darken the map background for Dark.
enum class Theme { Dark, Light };

/// The toggleable windows of the GUI.
enum class PanelId { Layers, Log, Crs, LoadReport, PlaceSearch, GeocodeReview, KeysHelp, About };
inline constexpr std::size_t kPanelCount = 8;

/// Move the view so the map follows a drag of (dx, dy) physical pixels.
struct Pan {
    double dx = 0.0;
    double dy = 0.0;
};
/// Zoom by `factor` (>1 zooms in) keeping the map point under `anchor` (physical pixels) fixed.
struct Zoom {
    ScreenXY anchor;
    double factor = 1.0;
};
/// Frame the default extent again.
struct ResetView {};
/// Replace a layer's style (visibility, colours, widths, opacity).
struct SetLayerStyle {
    uint64_t layerId = 0;
    LayerStyle style;
};
/// Move a layer one step up (+1, drawn later) or down (-1) in the drawing order.
struct MoveLayer {
    uint64_t layerId = 0;
    int direction = 0;
};
struct RemoveLayer {
    uint64_t layerId = 0;
};
/// Frame the layer's extent (a vector layer's or an incident layer's).
struct ZoomToLayer {
    uint64_t layerId = 0;
};
/// Load every layer of a vector source (path as typed or dropped) on top of the others.
struct AddLayer {
    std::string path;
};
/// Switch the map CRS (EPSG code, PROJ string or WKT); on failure the old CRS stays.
struct SetCrs {
    std::string definition;
};
struct SetTheme {
    Theme theme = Theme::Light;
};
/// Empty the process log.
struct ClearLog {};
/// Open or close a panel; `focus` also puts the keyboard into its main field. Handled inside the UI: the app
/// never sees it.
struct ShowPanel {
    PanelId panel = PanelId::Layers;
    bool show = true;
    bool focus = false;
};
/// Close the application. With unsaved project changes the app asks first, unless `discardChanges`.
struct Quit {
    bool discardChanges = false;
};

/// The incident windows of the GUI (kept apart from PanelId, whose panels the settings remember).
enum class IncidentPanelId { Table, Legend, Inspector };
/// Open or close an incident window. Handled inside the UI: the app never sees it.
struct ShowIncidentPanel {
    IncidentPanelId panel = IncidentPanelId::Legend;
    bool show = true;
    bool focus = false;  ///< also put the keyboard into its main field
};
/// One incident: its incident layer and its row in that layer's IncidentStore.
struct IncidentRef {
    uint64_t layerId = 0;  ///< 0: no incident
    uint32_t index = 0;
    friend bool operator==(const IncidentRef&, const IncidentRef&) = default;
};
/// Load the incidents of a source (path, or "PG:..." connection string) as a new incident layer on top.
/// With `orAsLayers` (files dropped on the window) a source that holds no incidents is added as vector
/// layers.
struct AddIncidents {
    std::string source;
    bool orAsLayers = false;
    /// Canonical field -> column (IncidentLoadOptions::fieldMapping). The UI leaves it empty; the app fills
    /// in the mapping remembered for the source.
    std::map<std::string, std::string> fieldMapping{};
    std::string dateFormat{};  ///< IncidentLoadOptions::dateFormat (the CLI's --date-format); "" infers it
    std::string encoding{};    ///< IncidentLoadOptions::encoding (the CLI's --encoding); "" detects it
};
/// Load a source's incidents again with the fields the user mapped (the field-mapping dialog's Apply): as a
/// new layer on top, or in place of `replaceLayerId` (keeping its style and position) when that is not 0.
/// On success the app remembers `fieldMapping` for the source.
struct ReloadIncidents {
    std::string source;  ///< as first given (a PG: source keeps its password here)
    std::string table;   ///< IncidentLoadOptions::table
    std::map<std::string, std::string> fieldMapping{};  ///< every canonical field; "" leaves it unread
    uint64_t replaceLayerId = 0;
    std::string dateFormat{};  ///< IncidentLoadOptions::dateFormat: "" infers it per date column
    std::string encoding{};    ///< IncidentLoadOptions::encoding the source was read with: "" detects it
};
/// Open the field-mapping dialog for a loaded incident layer. Handled inside the UI: the app never sees it.
struct ShowFieldMapping {
    uint64_t layerId = 0;
};
/// Replace an incident layer's style (visibility, opacity, marker scale, discs, hidden categories).
struct SetIncidentStyle {
    uint64_t layerId = 0;
    IncidentStyle style;
};
struct RemoveIncidentLayer {
    uint64_t layerId = 0;
};
/// Select an incident: the inspector shows it and the map rings it. layerId 0 clears the selection.
struct SelectIncident {
    IncidentRef incident;
};
/// Centre the view on an incident, zooming in until its place (or its uncertainty disc) fills the view.
struct FlyToIncident {
    IncidentRef incident;
};
/// Centre the view on a place (from the place search), zooming in until about `radiusMetres` around it fills
/// the view; never zooms out.
struct FlyToPlace {
    LonLat position;
    double radiusMetres = 5000.0;
    std::string name;  ///< for messages
};
/// Show or hide the gazetteer's place labels and pick their script (the layers panel's Places row).
struct SetPlaceLabels {
    PlaceLabelStyle style;
};
/// Spread apart the incidents at one place (`group` as the hit test reported it); layerId 0 closes it.
struct SpreadIncidentGroup {
    uint64_t layerId = 0;
    uint32_t group = 0;
};
/// Open a web link (a source's URL) in the desktop's browser. Only http and https links are opened.
struct OpenUrl {
    std::string url;
};
/// Replace the time state (window mode and length, cursor, fade by age, ghosts); the map shows it at once.
struct SetTimeState {
    TimeState state;
};
/// Replace the playback step, speed and loop. The cursor stays where it is.
struct SetPlayback {
    PlaybackSettings settings;
};
/// Start playing from the cursor (from the start when at the end). From "all time" the map first switches to
/// a moving window one playback step long.
struct Play {};
struct Pause {};
/// Move the cursor by `steps` playback steps (negative: back), within the data's time range.
struct StepTime {
    int steps = 1;
};
/// Put the cursor at the start or the end of the data's time range (see playbackBounds).
struct SeekStart {};
struct SeekEnd {};
/// Open the animation export dialog (File > Export animation…). Handled inside the UI: the app never sees it.
struct ShowAnimationExport {};
/// Export an animation (the animation dialog's Export): the app renders it frame by frame from its main loop,
/// reporting progress back to the dialog (MainUi::animationDialog().setStatus).
struct ExportAnimation {
    std::string outputPath;  ///< .mp4, .gif, or a folder for PNG frames; replaced if it exists
    TimePoint first;         ///< cursor of the first frame (see parseCursorField)
    TimePoint last;          ///< cursor of the last frame, included
    TimeStep step;
    TimeState time;  ///< window mode and length, fade and ghosts of every frame (the cursor is ignored)
    int fps = 4;
    int widthPx = 1280;
    int heightPx = 720;
};
/// Stop the running animation export; nothing it wrote is left behind.
struct CancelAnimationExport {};

/// The File menu's path dialogs: open a project, or save it under a new path.
enum class ProjectDialogKind { Open, SaveAs };
/// Open a project path dialog. Handled inside the UI: the app never sees it.
struct ShowProjectDialog {
    ProjectDialogKind kind = ProjectDialogKind::Open;
};
/// Start an untitled project from the embedded default map. With unsaved changes the app asks first, unless
/// `discardChanges`.
struct NewProject {
    bool discardChanges = false;
};
/// Open the project file at `path` in place of the current one (asking first as for NewProject). On failure
/// the current project stays as it was.
struct OpenProject {
    std::string path;
    bool discardChanges = false;
};
/// Save the project to `path`, or to its own file when `path` is empty. The UI sends an empty path only when
/// the project has a file of its own that is not the shipped default.
///
/// Incident layers with unsaved edits are saved first. Edits that would be written back into their source
/// files are not written before the user said so: unless `writeBackConfirmed`, the session asks (see
/// WriteBackTarget) and saves nothing. `editsAsNewFiles`: every edited layer goes into a new GeoPackage
/// beside the project instead, its source untouched.
struct SaveProject {
    std::string path;
    bool writeBackConfirmed = false;
    bool editsAsNewFiles = false;
};
/// Open the still image export dialog (File > Export image…, Ctrl+E). Handled inside the UI.
struct ShowImageExport {};
/// Export the map as it is on screen to an image (the image export dialog's Export): size, DPI, format and
/// furniture from `settings`; the app renders it offscreen with its GL context and reports back through
/// MainUi::imageExportDialog().setStatus. `outputPath` is replaced if it exists.
struct ExportImage {
    ExportSettings settings;
    std::string outputPath;
};
/// Apply the user's decision for a row held back by geocoding (the geocoding review's Use, Skip or a click
/// on the map in pick mode): see GeocodeReviews::resolve. A placed row joins the layer's incidents (a new
/// store); the choice is saved with the project. NotFound when the layer or the row is no longer held.
struct ResolveGeocode {
    uint64_t layerId = 0;
    GeocodeChoice choice;
};

/// Open the "Save geocoded copy" dialog for an incident layer whose rows were geocoded from place names.
/// Handled inside the UI: the app never sees it.
struct ShowGeocodedCopy {
    uint64_t layerId = 0;
};
/// Write a copy of an incident layer's source file (.csv or .gpkg) with the coordinates geocoding found and
/// the review choices made (writeGeocodedCopy). Refused when `outputPath` exists unless `replaceExisting`,
/// and when it is the source itself unless `overwriteSource` too (the dialog asks before setting either).
struct SaveGeocodedCopy {
    uint64_t layerId = 0;
    std::string outputPath;
    bool replaceExisting = false;
    bool overwriteSource = false;
};

/// Open File > "Code incidents from text…". Handled inside the UI: the app never sees it.
struct ShowCodeIncidents {};
/// Add incidents coded from an article (the coding panel's accepted proposals, as edited) to an incident
/// layer, as one undo step: to the incident layer `layerId`, or to a new in-memory layer named `newLayerName`
/// on top when `layerId` is 0. Each incident carries its provenance (the sentence as description, the
/// article as its source). NotFound when the layer is gone; InvalidArgument when there is nothing to add.
struct AddCodedIncidents {
    uint64_t layerId = 0;
    std::string newLayerName = "Coded incidents";
    std::vector<Incident> incidents;
};
/// Add an incident to an incident layer (stamped with its provenance) and select it. Refused for a layer
/// whose source Flashpoint cannot write (copy it into a layer of your own first: CopyIncidentsToOwnLayer).
struct AddIncident {
    uint64_t layerId = 0;  ///< 0: the newest layer of the user's own, started ("My incidents") when none
    Incident incident;
};
/// Replace every field of an incident (the inspector's edits) and keep it selected at its new row.
struct EditIncident {
    IncidentRef incident;
    Incident values;
};
/// Move an incident to `position` (a drag of its marker: consecutive frames merge into one undo step).
struct MoveIncident {
    IncidentRef incident;
    LonLat position;
};
/// Remove an incident from its layer.
struct DeleteIncident {
    IncidentRef incident;
};
/// Turn the "add incident" mode on or off: the next click on the map adds an incident there. Handled inside
/// the UI: the app never sees it.
struct ArmAddIncident {
    bool on = true;
};
/// Start an empty incident layer of the user's own, editable, saved as a GeoPackage.
struct NewIncidentLayer {
    std::string name = "My incidents";
};
/// Copy incidents into a new layer of the user's own to edit them: the one incident `only` (when its
/// layerId is set) or every incident of layer `layerId`.
struct CopyIncidentsToOwnLayer {
    uint64_t layerId = 0;
    IncidentRef only{};
};
/// Write an incident layer's edits: back to its source when `path` is empty (a GeoPackage, CSV or GeoJSON
/// file Flashpoint reads without a database), or as a new file at `path` (.gpkg, .csv, .geojson), which the
/// layer then uses as its source. Refused when `path` exists unless `replaceExisting`.
/// Writing back overwrites a file the user has: unless `writeConfirmed`, the session asks first ("Write N
/// changed incidents back to FILE?") and writes nothing.
struct SaveIncidentLayer {
    uint64_t layerId = 0;
    std::string path;
    bool replaceExisting = false;
    bool writeConfirmed = false;
};
/// A source file that edits would be written back into: what the question before writing says.
struct WriteBackTarget {
    uint64_t layerId = 0;
    std::string layerName;
    std::string file;        ///< the source, any password scrubbed
    size_t changes = 0;      ///< incidents changed, added or deleted
    std::string saveAsPath;  ///< the new GeoPackage "Save as new GeoPackage…" proposes
};

/// Revert the newest change of the project (Edit > Undo, Ctrl+Z); nothing to undo is not an error.
struct Undo {};
/// Apply the newest undone change again (Edit > Redo, Ctrl+Shift+Z).
struct Redo {};

/// Everything the UI can ask of the application. Panels append these; the app's Session applies them (one
/// handler per kind, app/session) after the UI frame and the app reports failures back
/// (MainUi::onCommandResult).
/// The recovery copy of a project left by a window that crashed: restore it (it becomes the open project,
/// with unsaved changes, saved to its own project file when it had one) or discard it (the file is
/// deleted).
struct RecoverProject {
    std::string path;  ///< the recovery file
    bool restore = true;
};

using Command =
    std::variant<Pan, Zoom, ResetView, SetLayerStyle, MoveLayer, RemoveLayer, ZoomToLayer, AddLayer, SetCrs,
                 SetTheme, ClearLog, ShowPanel, Quit, ShowIncidentPanel, AddIncidents, SetIncidentStyle,
                 RemoveIncidentLayer, SelectIncident, FlyToIncident, SpreadIncidentGroup, OpenUrl,
                 ReloadIncidents, ShowFieldMapping, SetTimeState, SetPlayback, Play, Pause, StepTime,
                 SeekStart, SeekEnd, ShowAnimationExport, ExportAnimation, CancelAnimationExport,
                 ShowProjectDialog, NewProject, OpenProject, SaveProject, FlyToPlace, ShowImageExport,
                 ExportImage, SetPlaceLabels, ShowGeocodedCopy, SaveGeocodedCopy, ResolveGeocode,
                 ShowCodeIncidents, AddCodedIncidents, Undo, Redo, RecoverProject, AddIncident, EditIncident,
                 MoveIncident, DeleteIncident, NewIncidentLayer, CopyIncidentsToOwnLayer, SaveIncidentLayer,
                 ArmAddIncident>;
using CommandList = std::vector<Command>;

}  // namespace fp
