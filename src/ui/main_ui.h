#pragma once

#include "core/places/location_describer.h"

#include <array>
#include <map>
#include <set>
#include <string>

#include "core/util/result.h"
#include "ui/incident_map_editing.h"
#include "ui/map_interaction.h"
#include "ui/panels/animation_dialog.h"
#include "ui/panels/code_incidents_panel.h"
#include "ui/panels/crs_panel.h"
#include "ui/panels/field_mapping_dialog.h"
#include "ui/panels/geocode_review_panel.h"
#include "ui/panels/geocoded_copy_dialog.h"
#include "ui/panels/help_windows.h"
#include "ui/panels/image_export_dialog.h"
#include "ui/panels/incident_inspector_panel.h"
#include "ui/panels/incident_legend_panel.h"
#include "ui/panels/incident_table_panel.h"
#include "ui/panels/incident_tooltip.h"
#include "ui/panels/layers_panel.h"
#include "ui/panels/load_report_panel.h"
#include "ui/panels/log_panel.h"
#include "ui/panels/main_menu.h"
#include "ui/panels/notifications.h"
#include "ui/panels/place_search_panel.h"
#include "ui/panels/project_dialogs.h"
#include "ui/panels/recovery_dialog.h"
#include "ui/panels/status_bar.h"
#include "ui/panels/write_back_dialog.h"
#include "ui/side_docks.h"
#include "ui/timeline/incident_time_cache.h"
#include "ui/timeline/timeline_panel.h"

namespace fp {

/// Display metrics of the frame being drawn.
struct UiMetrics {
    float scale = 1.f;    ///< ImGui units per logical pixel
    float fbScale = 1.f;  ///< framebuffer pixels per ImGui unit
};

/// The whole GUI over the map: menu, panels, status bar, scale bar, notifications and map interaction. Reads
/// the state, returns commands; keeps only UI state (open panels, text fields, theme choice).
class MainUi {
public:
    MainUi();

    /// Native codes of the keys ImGui 1.86 cannot name (WASD pan, Ctrl+Q quits, Ctrl+Z undoes).
    void setExtraKeys(const ExtraKeys& keys) {
        m_keys = keys;
        m_interaction.setExtraKeys(keys);
        m_projectDialogs.setSaveKey(keys.s);
    }

    /// Builds this frame's UI (call between ImGui::NewFrame and ImGui::Render) and appends to `out` what the
    /// app must apply, in order. Commands the UI handles itself (ShowPanel, ShowIncidentPanel) are not passed
    /// on; SelectIncident and SpreadIncidentGroup are noted (inspector, table, click behaviour) and passed
    /// on.
    void frame(const MapState& state, const UiMetrics& metrics, CommandList& out);

    /// The incidents under the pointer for this frame (from the app's hit test); set before frame().
    void setIncidentHover(IncidentHover hover) { m_hover = std::move(hover); }
    /// Category colours and shapes for legends, tables and tooltips (default: the shipped sheet).
    void setIncidentStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet);
    /// The selected incident (layerId 0: none).
    const IncidentRef& selectedIncident() const { return m_selected; }
    bool isIncidentPanelOpen(IncidentPanelId id) const;
    void setIncidentPanelOpen(IncidentPanelId id, bool open);

    /// Tells the UI how a command it emitted went: errors appear inline (CRS, add layer) and as a
    /// notification. With `state` (right after the command was applied to it) loads also update the load
    /// report (opened when rows had problems, with a notification), an incident source whose columns were not
    /// recognised opens the field-mapping dialog, and loaded incident sources can be remapped later.
    void onCommandResult(const Command& command, const Status& status, const MapState* state = nullptr);
    /// Shows a transient message.
    void notify(LogLevel level, std::string text);

    /// True while something moves continuously; the app should then not wait for events between frames.
    bool isAnimating() const { return m_interaction.isAnimating(); }
    /// True while something changes with time alone (a notification fading, a text cursor blinking): the app
    /// should then wake at least ten times a second even without input.
    bool needsRegularFrames() const;

    Theme theme() const { return m_theme; }
    void setTheme(Theme theme) { m_theme = theme; }
    bool isPanelOpen(PanelId id) const;
    void setPanelOpen(PanelId id, bool open);

    LayersPanel& layersPanel() { return m_layers; }
    IncidentLegendPanel& incidentLegend() { return m_incidentLegend; }
    IncidentTablePanel& incidentTable() { return m_incidentTable; }
    IncidentInspectorPanel& incidentInspector() { return m_inspector; }
    CrsPanel& crsPanel() { return m_crs; }
    FieldMappingDialog& fieldMapping() { return m_fieldMapping; }
    LoadReportPanel& loadReport() { return m_loadReport; }
    TimelinePanel& timeline() { return m_timeline; }
    /// The File menu's project dialogs; the app sets the project's name, path and state before frame().
    ProjectDialogs& projectDialogs() { return m_projectDialogs; }
    WriteBackDialog& writeBackDialog() { return m_writeBack; }
    /// Find place (Ctrl+F); give it the gazetteer once loaded (setGazetteer) or the load error.
    PlaceSearchPanel& placeSearch() { return m_placeSearch; }
    /// Whether the app's playback clock runs; set before frame().
    void setPlaying(bool playing) { m_timeline.setPlaying(playing); }
    /// File > Export animation…; the app feeds it the running export's progress (setStatus).
    AnimationDialog& animationDialog() { return m_animation; }
    /// File > Export image… (Ctrl+E); the app reports the export's outcome (setStatus).
    ImageExportDialog& imageExportDialog() { return m_imageExport; }
    /// "Save geocoded copy…" of an incident layer (ShowGeocodedCopy opens it).
    GeocodedCopyDialog& geocodedCopyDialog() { return m_geocodedCopy; }
    const StatusBar& statusBar() const { return m_status; }
    /// The side bars: Layers on the left, Incidents and the inspector on the right (collapse, widths).
    SideDocks& docks() { return m_docks; }
    /// Where the map shows this frame (ImGui units): what the menu, the side bars and the timeline leave.
    UiRect mapRect() const { return m_docks.mapRect(); }
    /// View > Geocoding review: the rows held back by geocoding. Opened (with a notification) when a load
    /// or a project leaves rows awaiting a decision; its pick mode takes the next click on the map.
    GeocodeReviewPanel& geocodeReview() { return m_geocodeReview; }
    /// Help > About; the app gives it the version text (setVersionText).
    AboutBox& aboutBox() { return m_about; }
    /// Offers the recovery copies of unsaved work found at start-up.
    RecoveryDialog& recoveryDialog() { return m_recovery; }
    /// File > Code incidents from text…; give it the gazetteer once loaded (setGazetteer) or the load error.
    CodeIncidentsPanel& codeIncidents() { return m_codeIncidents; }
    /// The map's incident gestures: the add mode (Edit > Add incident on the map) and marker drags.
    IncidentMapEditing& incidentMapEditing() { return m_mapEditing; }

private:
    Panel& panel(PanelId id);
    const Panel& panel(PanelId id) const;
    Panel& incidentPanel(IncidentPanelId id);
    /// onCommandResult for the loads and geocoding decisions: notifications, the load report, the field
    /// mapping dialog, the selection of a placed row.
    void onAddIncidentsResult(const AddIncidents& add, const Status& status, const MapState* state);
    void onReloadResult(const ReloadIncidents& reload, const Status& status, const MapState* state);
    void onResolveResult(const ResolveGeocode& resolve, const Status& status, const MapState* state);
    /// The menu, the panels, the dialogs and the scale bar.
    void drawPanels(UiContext& ctx, const UiMetrics& metrics, CommandList& commands);
    /// Lays out the side bars for the panels open now (a panel just opened shows its collapsed bar again)
    /// and draws the docked panels in their slots.
    void drawDocked(UiContext& ctx, CommandList& commands);
    /// Mouse and keys over the map: incident picking, geocoding pick mode, time keys, shortcuts.
    void handleMapInput(const UiContext& ctx, CommandList& commands);
    /// Handles the commands that only open UI (ShowPanel, dialogs) and passes the rest on to `out`.
    void routeCommands(const MapState& state, CommandList& commands, CommandList& out);
    /// Handles the incident commands the UI keeps state for; false when `command` must not be passed on.
    bool noteIncidentCommand(const Command& command);
    /// Copies the state's last load reports into the load report; opens it and notifies on problems.
    /// `heldRows` of its problems are rows held for geocoding review, which do not open the load report.
    void noteLoad(const MapState& state, size_t heldRows = 0);
    /// Incident layers whose rows were geocoded from place names (and are files): "Save geocoded copy…".
    std::set<uint64_t> geocodedLayers(const MapState& state) const;
    /// Follows the state's selection when it changed there (an edit moved the incident, an undo).
    void followStateSelection(const MapState& state);
    /// Remembers how the newest incident layer of `state` was loaded, for "Map fields…".
    void noteIncidentSource(const MapState& state, const std::string& source, const std::string& table);
    /// Opens the geocoding review (once per layer) when layers with rows awaiting a decision appear.
    void noteGeocodeReviews(const MapState& state);

    Theme m_theme = Theme::Light;
    ExtraKeys m_keys;
    LogSnapshot m_log;
    MapInteraction m_interaction;
    MainMenu m_menu;
    LayersPanel m_layers;
    LogPanel m_logPanel;
    CrsPanel m_crs;
    StatusBar m_status;
    Notifications m_notifications;
    IncidentLegendPanel m_incidentLegend;
    IncidentTablePanel m_incidentTable;
    IncidentInspectorPanel m_inspector;
    FieldMappingDialog m_fieldMapping;
    LoadReportPanel m_loadReport;
    IncidentTimeCache m_timeCache;
    TimelinePanel m_timeline;
    AnimationDialog m_animation;
    ProjectDialogs m_projectDialogs;
    WriteBackDialog m_writeBack;
    PlaceSearchPanel m_placeSearch;
    ImageExportDialog m_imageExport;
    GeocodedCopyDialog m_geocodedCopy;
    GeocodeReviewPanel m_geocodeReview;
    KeysHelpOverlay m_keysHelp;
    AboutBox m_about;
    RecoveryDialog m_recovery;
    SideDocks m_docks;
    std::array<bool, 3> m_dockedWasOpen{};  // Layers, Incidents, inspector at the last frame
    CodeIncidentsPanel m_codeIncidents;
    CommandList m_queued;  // emitted at the start of the next frame (selecting a row just placed)
    struct LoadedSource {
        std::string source;  // as given (with any password)
        std::string table;
        IncidentFormatInfo info;
        IncidentLoadOptions options;  // as the layer was read: the dialog reopens on them
    };
    std::map<uint64_t, LoadedSource> m_incidentSources;  // by incident layer id
    IncidentPointer m_incidentPointer;
    IncidentMapEditing m_mapEditing;
    IncidentRef m_stateSelection;  // the state's selection last frame: a change there (an edit, an undo) wins
    IncidentHover m_hover;
    IncidentRef m_selected;
    LocationDescriber m_locations;
    bool m_groupSpread = false;
    std::shared_ptr<const IncidentStyleSheet> m_sheet = IncidentStyleSheet::shipped();
};

}  // namespace fp
