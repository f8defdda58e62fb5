#pragma once

// The GUI application behind runGui(): private to src/app/gui (gui_app.cpp: set-up, main loop and tear-down;
// gui_app_frame.cpp: one frame and the commands it emits; gui_app_project.cpp: New, Open, Save, Quit).

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/animation_job.h"
#include "app/gui/geocoded_copy_job.h"
#include "app/gui/gui_window.h"
#include "app/gui/image_export_job.h"
#include "app/gui/project_session.h"
#include "app/gui/settings.h"
#include "core/places/gazetteer.h"
#include "core/project/map_state.h"
#include "core/time/playback_clock.h"
#include "render/map_renderer.h"
#include "ui/main_ui.h"

namespace fp {

/// What a file dropped on the window becomes: tables (.csv, .tsv, .tab, .txt) are read as incidents first
/// (ACLED, GDELT and Flashpoint exports are tables), falling back to vector layers; anything else is layers.
Command commandForDroppedPath(std::string path);

class GuiApp {
public:
    GuiApp(GuiWindow& window, LoadedProject project, std::unique_ptr<MapRenderer> renderer,
           std::string configDir)
        : m_window(window),
          m_state(std::move(project.state)),
          m_renderer(std::move(renderer)),
          m_configDir(std::move(configDir)),
          m_lightBackground(m_state.scene().background),
          m_homeView(project.view) {
        m_project.adopt(project);
        m_skippedAtStart = std::move(project.skipped);
    }

    void setUp(const GuiSettings& settings);
    void run();
    /// Draws `frames` frames without waiting for input and saves the last one to `path`.
    Status runForScreenshot(int frames, const std::string& path);
    void tearDown(GuiSettings& settings);
    /// Adds a source exactly as dropping it on the window would (errors go to the log and the notifications).
    void addLayer(const std::string& path) { apply(commandForDroppedPath(path)); }
    /// Adds incidents exactly as the Incidents panel's Add does (remembered field mapping, field-mapping
    /// dialog when the columns are not recognised, load report).
    void addIncidents(const std::string& source) { apply(AddIncidents{source}); }
    /// Where remembered field mappings are kept and saved to as soon as the user applies one.
    /// Starts at `time` (from --at / --window) instead of all time.
    void setTime(const TimeState& time);
    /// Opens Find place with `query`, loading the gazetteer first (for --find screenshots).
    void findPlace(const std::string& query);
    void setSettingsStore(GuiSettings* settings, std::string path);

private:
    /// The gazetteer loads on a worker thread, started after the first frame so start-up does not wait.
    void startPlacesLoad();
    /// Hands the loaded gazetteer (or why it failed) to the UI once the worker is done.
    void pollPlaces();
    std::future<Result<std::shared_ptr<const Gazetteer>>> m_places;
    bool m_placesDone = false;
    int m_framesDrawn = 0;
    bool m_appliedCommands = false;  // the last frame's UI emitted commands: its outcome is not drawn yet

    void updateScale(bool initial);
    void applyTheme(Theme theme);
    void drawFrame();
    /// With FLASHPOINT_REPORT_FIRST_FRAME set: waits for the first frame to finish and says so on stderr.
    void reportFirstFrame();
    /// The incidents under the mouse, from the renderer's hit test against what it last drew.
    IncidentHover hoverUnderMouse() const;
    /// Keeps the renderer's selection and spread group in step with the UI's commands.
    Image readWindowPixels() const;
    /// Applies `command` to the state (with the field mapping remembered for an incident source) and reports
    /// the result to the UI.
    void apply(Command command);
    void rememberFieldMapping(const ReloadIncidents& reload);
    /// Moves the playback cursor by the wall-clock time since the last frame while playing.
    void advancePlayback();
    /// Frames the default extent in the part of the window above the timeline (which covers the map's
    /// bottom), as the start-up view and Home do.
    void frameAboveTimeline();
    /// New, Open and Save, and Quit's question about unsaved changes; false for other commands.
    bool handleProjectCommand(const Command& command);
    /// Replaces the map with `project` (view fitted to the window) and tells the UI and the recent list.
    void adoptProject(LoadedProject project);
    void rememberRecent(const std::string& path);

    GuiWindow& m_window;
    MapState m_state;
    std::unique_ptr<MapRenderer> m_renderer;
    std::string m_configDir;
    std::string m_iniPath;  // ImGui keeps the pointer: must outlive the context
    std::string m_fontPath;
    Color m_lightBackground;
    MainUi m_ui;
    UiMetrics m_metrics;
    float m_contentScale = 1.f;
    bool m_captureNextFrame = false;
    Image m_captured;
    GuiSettings* m_settings = nullptr;
    std::string m_settingsPath;
    PlaybackClock m_clock;
    double m_lastFrameTime = 0.0;
    bool m_framedAboveTimeline = false;
    AnimationJob m_animation;
    ProjectSession m_project;
    ProjectView m_homeView;  // the project's view: the start-up view and Home
    std::vector<Error> m_skippedAtStart;
    bool m_quitConfirmed = false;
    std::string m_title;
    // Holds GL objects (a tile target, furniture fonts): destroyed before the context, like m_renderer.
    ImageExportJob m_imageExport;
    GeocodedCopyJob m_geocodedCopy;
    /// Keeps the still export's size, DPI, format, furniture and path in the project, so that saving it
    /// makes `flashpoint render PROJECT.json` produce the same briefing; a change marks the project unsaved.
    void rememberImageExportSettings(const ExportImage& request);
};

}  // namespace fp
