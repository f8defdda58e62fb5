#pragma once

// The GUI application behind runGui(): private to src/app/gui (gui_app.cpp: set-up, main loop and tear-down;
// gui_app_frame.cpp: one frame; gui_app_shell.cpp: what the session asks of the window).

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/gui_window.h"
#include "app/jobs/animation_job.h"
#include "app/jobs/geocoded_copy_job.h"
#include "app/jobs/image_export_job.h"
#include "app/session/recovery_keeper.h"
#include "app/session/session.h"
#include "app/session/session_startup.h"
#include "app/session/settings.h"
#include "core/places/gazetteer.h"
#include "render/map_renderer.h"
#include "ui/main_ui.h"

namespace fp {

/// The window's shell around a Session: forwards input and the UI's commands to the session, draws what it
/// holds, and does for it what needs the window (theme, dialogs, exports on the GL thread, settings).
class GuiApp : public SessionShell {
public:
    GuiApp(GuiWindow& window, LoadedProject project, std::unique_ptr<MapRenderer> renderer,
           std::string configDir)
        : m_window(window),
          m_skippedAtStart(project.skipped),
          m_session(std::move(project)),
          m_renderer(std::move(renderer)),
          m_configDir(std::move(configDir)) {
        m_session.setShell(this);
    }
    GuiApp(const GuiApp&) = delete;
    GuiApp& operator=(const GuiApp&) = delete;

    void setUp(const GuiSettings& settings);
    void run();
    /// Draws `frames` frames without waiting for input and saves the last one to `path`.
    Status runForScreenshot(int frames, const std::string& path);
    void tearDown(GuiSettings& settings);
    /// Applies a start-up command exactly as the UI's would be (errors go to the log and the notifications).
    void apply(const Command& command);
    /// Applies the start-up commands (startCommands) as the UI's would be, then sets the home view the first
    /// frame shows as the CLI's start does (startHomeView: far incidents framed, an unsuited CRS said).
    void applyStart(const SessionStart& start);
    /// Applies the time state the start-up flags select (startTime); the Error names the flag.
    Status startTime(const SessionStart& start);
    /// Opens Find place with `query`, loading the gazetteer first (for --find screenshots).
    void findPlace(const std::string& query);
    /// Where remembered field mappings and recent projects are kept and saved to as soon as they change.
    void setSettingsStore(GuiSettings* settings, std::string path);

    // SessionShell: what the session asks of the window.
    void applyTheme(Theme theme) override;
    void quit() override;
    void askUnsavedChanges(const Command& command) override;
    bool askWriteBack(const Command& command, const std::vector<WriteBackTarget>& targets) override;
    void projectReplaced(const std::string& name, const std::vector<Error>& skipped, bool opened) override;
    void projectFileUsed(const std::string& path, bool saved) override;
    Status startAnimationExport(const ExportAnimation& request, const std::string& title,
                                const ExportSettings& base) override;
    void cancelAnimationExport() override { m_animation.cancel(); }
    Status startImageExport(const ExportImage& request, const std::string& title) override;
    Status saveGeocodedCopy(const MapState& state, const SaveGeocodedCopy& request) override;
    std::map<std::string, std::string> rememberedFieldMapping(const std::string& source) override;
    void rememberFieldMapping(const ReloadIncidents& reload) override;

private:
    /// The gazetteer loads on a worker thread, started after the first frame so start-up does not wait.
    void startPlacesLoad();
    /// Hands the loaded gazetteer (or why it failed) to the UI once the worker is done.
    void pollPlaces();
    void updateScale(bool initial);
    /// What the UI covers of the map viewport (menu, side bars, timeline, status bar), physical pixels.
    CoveredInsets coveredInsets() const;
    void drawFrame();
    /// With FLASHPOINT_REPORT_FIRST_FRAME set: waits for the first frame to finish and says so on stderr.
    void reportFirstFrame();
    /// Feeds the UI this frame's state from the session and the jobs, before it draws.
    void prepareUi();
    /// Renders the map (and any export job's next step) and the UI, and shows the frame.
    void renderFrame();
    /// The incidents under the mouse, from the renderer's hit test against what it last drew.
    IncidentHover hoverUnderMouse() const;
    Image readWindowPixels() const;
    /// Moves the playback cursor by the wall-clock time since the last frame while playing.
    void advancePlayback();
    void saveSettings(const char* what);
    /// Offers the recovery copies crashed windows left, and starts keeping this window's own.
    void startRecovery();
    /// Writes or removes this window's recovery copy as the project's unsaved changes require.
    void keepRecoveryCopy();

    GuiWindow& m_window;
    std::vector<Error> m_skippedAtStart;
    Session m_session;
    std::unique_ptr<MapRenderer> m_renderer;
    std::string m_configDir;
    std::string m_iniPath;  // ImGui keeps the pointer: must outlive the context
    std::string m_fontPath;
    MainUi m_ui;
    UiMetrics m_metrics;
    float m_contentScale = 1.f;
    bool m_captureNextFrame = false;
    Image m_captured;
    GuiSettings* m_settings = nullptr;
    std::string m_settingsPath;
    double m_lastFrameTime = 0.0;
    bool m_framedAboveTimeline = false;
    AnimationJob m_animation;
    bool m_quitConfirmed = false;
    std::string m_title;
    std::future<Result<std::shared_ptr<const Gazetteer>>> m_places;
    bool m_placesDone = false;
    int m_framesDrawn = 0;
    bool m_appliedCommands = false;  // the last frame's UI emitted commands: its outcome is not drawn yet
    // Holds GL objects (a tile target, furniture fonts): destroyed before the context, like m_renderer.
    ImageExportJob m_imageExport;
    GeocodedCopyJob m_geocodedCopy;
    std::optional<RecoveryKeeper> m_recovery;  // none without a state folder (no HOME)
};

}  // namespace fp
