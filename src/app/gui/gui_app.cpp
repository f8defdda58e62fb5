#include "app/gui/gui_app.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <optional>

#include "app/cli/cli.h"
#include "app/gui/animation_job.h"
#include "app/gui/command_applier.h"
#include "app/gui/gui_window.h"
#include "app/gui/image_export_job.h"
#include "app/gui/project_session.h"
#include "app/gui/settings.h"
#include "core/geocode/incident_geocoder.h"
#include "core/places/gazetteer.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/time/playback_clock.h"
#include "core/time/time_label.h"
#include "core/util/log.h"
#include "render/export/image_io.h"
#include "render/export/map_exporter.h"
#include "render/gl/gl.h"
#include "render/map_renderer.h"
#include "render/text/font_locator.h"
#include "ui/main_ui.h"
#include "ui/theme.h"

namespace fp {

namespace {

constexpr const char* kTitle = "Flashpoint";
constexpr float kFontSize = 15.f;  // logical pixels
// Longest sleep between frames without input: short while something fades or blinks. An idle window without
// either draws nothing at all.
constexpr double kBusyTimeout = 0.1;
constexpr double kIdleTimeout = 0.5;
const Color kDarkBackground = Color::rgb(36, 46, 56);

/// The project the window starts with: `path`, else (or when it cannot be opened) the embedded default, else
/// an empty map when its data is missing. Sources that cannot be loaded are left out with a warning.
LoadedProject initialProject(const std::string& path) {
    if (!path.empty()) {
        auto project = loadProject(path, MissingSourcePolicy::Skip);
        if (project) return std::move(project).value();
        logError(project.error().describe() + " \xE2\x80\x94 opening the default project instead");
    }
    auto project = loadDefaultProject();
    if (project) return std::move(project).value();
    logError(project.error().describe() + " \xE2\x80\x94 starting with an empty map");
    ProjectView view;
    view.bbox = defaultFocusBBox();
    return LoadedProject{{}, "Untitled", std::move(MapState::create(MapScene{})).value(), view, {}, {}, {}};
}

/// The time state --at and --window ask for (nullopt: neither given, all time). The Error names the flag.
Result<std::optional<TimeState>> timeStateFromOptions(const GuiOptions& o) {
    if (o.at.empty() && o.window.empty()) return std::optional<TimeState>();
    if (o.at.empty())
        return makeError(ErrorCode::InvalidArgument, "--window", "'" + o.window + "' needs --at DATE");
    auto cursor = parseCursorDate(o.at);
    if (!cursor)
        return makeError(ErrorCode::InvalidArgument, "--at",
                         "'" + o.at + "' is not a date or time (e.g. 2022-12-20 or 2022-12-20T14:30Z)");
    TimeState state;
    state.cursor = cursor.value();
    state.window = {WindowMode::Moving, 86400, 0};
    if (!o.window.empty()) {
        auto spec = parseWindowLength(o.window);
        if (!spec)
            return makeError(ErrorCode::InvalidArgument, "--window",
                             "'" + o.window + "' is not a window: use 12h, 7d, 1w, 1m, cumulative or all");
        state.window = spec.value();
    }
    return std::optional<TimeState>(state);
}

/// What a file dropped on the window becomes: tables (.csv, .tsv, .tab, .txt) are read as incidents first
/// (ACLED, GDELT and Flashpoint exports are tables), falling back to vector layers; anything else is layers.
Command commandForDroppedPath(std::string path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".csv" || ext == ".tsv" || ext == ".tab" || ext == ".txt")
        return AddIncidents{std::move(path), true};
    return AddLayer{std::move(path)};
}

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
    void setTime(const TimeState& time) {
        m_state.time() = time;
        m_state.applyTime();
    }
    /// Opens Find place with `query`, loading the gazetteer first (for --find screenshots).
    void findPlace(const std::string& query) {
        startPlacesLoad();
        m_places.wait();
        pollPlaces();
        m_ui.placeSearch().setQuery(query);
        m_ui.setPanelOpen(PanelId::PlaceSearch, true);
        m_ui.placeSearch().focusField();
    }
    void setSettingsStore(GuiSettings* settings, std::string path) {
        m_settings = settings;
        m_settingsPath = std::move(path);
        if (!m_project.needsNewPath())
            rememberRecent(m_project.path());  // a project given on the command line
    }

private:
    /// The gazetteer loads on a worker thread, started after the first frame so start-up does not wait.
    void startPlacesLoad() {
        if (m_places.valid() || m_placesDone) return;
        // Shared with the project's scene: once the project has loaded it this returns at once.
        m_places = std::async(std::launch::async, [] { return defaultGazetteer(); });
    }
    /// Hands the loaded gazetteer (or why it failed) to the UI once the worker is done.
    void pollPlaces() {
        if (!m_places.valid() || m_places.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return;
        auto loaded = m_places.get();
        m_placesDone = true;
        if (loaded) {
            m_ui.placeSearch().setGazetteer(loaded.value());
        } else {
            logWarning("Places: " + loaded.error().describe());
            m_ui.placeSearch().setLoadError(loaded.error().describe());
        }
    }
    std::future<Result<std::shared_ptr<const Gazetteer>>> m_places;
    bool m_placesDone = false;
    int m_framesDrawn = 0;

    void updateScale(bool initial);
    void applyTheme(Theme theme);
    void drawFrame();
    /// The incidents under the mouse, from the renderer's hit test against what it last drew.
    IncidentHover hoverUnderMouse() const;
    /// Keeps the renderer's selection and spread group in step with the UI's commands.
    void noteIncidentFocus(const Command& command);
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
    IncidentFocus m_incidentFocus;
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
    /// Keeps the still export's size, DPI, format, furniture and path in the project, so that saving it
    /// makes `flashpoint render PROJECT.json` produce the same briefing; a change marks the project unsaved.
    void rememberImageExportSettings(const ExportImage& request);
};

void GuiApp::rememberImageExportSettings(const ExportImage& request) {
    ExportSettings settings = request.settings;
    // The animation dialog owns these two.
    settings.fps = m_project.exportSettings().fps;
    settings.lastAnimationPath = m_project.exportSettings().lastAnimationPath;
    settings.lastImagePath = request.outputPath;
    if (settings == m_project.exportSettings()) return;
    m_project.exportSettings() = settings;
    m_project.markDirty();
}

void GuiApp::setUp(const GuiSettings& settings) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    if (!m_configDir.empty()) {
        m_iniPath = (std::filesystem::path(m_configDir) / "imgui.ini").string();
        io.IniFilename = m_iniPath.c_str();
    } else {
        io.IniFilename = nullptr;
    }
    io.ConfigWindowsMoveFromTitleBarOnly = true;

    auto font = findSystemFont();
    if (font)
        m_fontPath = font.value();
    else
        logWarning(font.error().describe() + "; the UI falls back to ImGui's built-in font (ASCII only)");

    ImGui_ImplGlfw_InitForOpenGL(m_window.handle(), true);
    m_window.installInputFilter();
    ImGui_ImplOpenGL3_Init("#version 330 core");
    updateScale(true);

    m_ui.setExtraKeys({GLFW_KEY_W, GLFW_KEY_A, GLFW_KEY_S, GLFW_KEY_D, GLFW_KEY_Q, GLFW_KEY_F, GLFW_KEY_E});
    m_ui.setPanelOpen(PanelId::Layers, settings.layersOpen);
    m_ui.setPanelOpen(PanelId::Log, settings.logOpen);
    m_ui.setPanelOpen(PanelId::Crs, settings.crsOpen);
    applyTheme(settings.theme);

    int fw = 0, fh = 0;
    m_window.framebufferSize(fw, fh);
    fitProjectView(m_state, m_homeView, fw, fh, m_contentScale);
    for (const Error& e : m_skippedAtStart) m_ui.notify(LogLevel::Warning, e.describe());
    logInfo("Flashpoint GUI ready: " + std::to_string(m_state.scene().layers.size()) + " layers in " +
            m_state.scene().crs.name());
}

void GuiApp::updateScale(bool initial) {
    const float content = m_window.contentScale();
    const float fbScale = m_window.framebufferScale();
    const bool changed = content != m_contentScale || fbScale != m_metrics.fbScale;
    m_contentScale = content;
    m_metrics.fbScale = fbScale;
    m_metrics.scale = content / fbScale;
    if (!initial && !changed) return;
    ImGuiIO& io = ImGui::GetIO();
    loadUiFont(*io.Fonts, m_fontPath, kFontSize * content, 1.f / fbScale);
    if (!initial) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    applyImGuiStyle(m_ui.theme(), m_metrics.scale);
}

void GuiApp::applyTheme(Theme theme) {
    m_ui.setTheme(theme);
    applyImGuiStyle(theme, m_metrics.scale);
    m_state.scene().background = theme == Theme::Dark ? kDarkBackground : m_lightBackground;
}

void GuiApp::run() {
    while (true) {
        bool forceFrame = false;
        if (m_window.shouldClose()) {
            if (!m_project.dirty() || m_quitConfirmed) break;
            // The window's close button: ask first, as File > Quit does.
            m_window.cancelClose();
            m_ui.projectDialogs().askUnsavedChanges(Quit{});
            forceFrame = true;
        }
        const bool regular = m_ui.needsRegularFrames() || forceFrame;
        // Playing redraws continuously, like a drag: the map changes with wall-clock time alone. An
        // animation export renders one frame per window frame: no waiting for input meanwhile either.
        const bool busy =
            m_ui.isAnimating() || m_clock.playing() || m_animation.running() || m_imageExport.running();
        const bool input = m_window.waitEvents(busy, regular ? kBusyTimeout : kIdleTimeout);
        // Nothing moved and nothing fades: the last frame is still on screen, so skip the work.
        if (!input && !regular && !busy) continue;
        int fw = 0, fh = 0;
        m_window.framebufferSize(fw, fh);
        if (fw <= 0 || fh <= 0) continue;  // minimized
        if (m_window.takeContentScaleChanged()) updateScale(false);
        m_state.resize(fw, fh, m_contentScale);
        drawFrame();
    }
}

void GuiApp::drawFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();

    advancePlayback();
    CommandList commands;
    for (std::string& path : m_window.takeDroppedPaths())
        commands.push_back(commandForDroppedPath(std::move(path)));
    m_ui.setIncidentHover(hoverUnderMouse());
    m_ui.setPlaying(m_clock.playing());
    m_ui.animationDialog().setStatus(m_animation.status());
    // The dialog starts from the project's export settings (size, fps, last animation path).
    if (!m_ui.animationDialog().isOpen())
        m_ui.animationDialog().setExportSettings(m_project.exportSettings());
    if (!m_ui.imageExportDialog().isOpen())
        m_ui.imageExportDialog().exportSettings() = m_project.exportSettings();
    if (m_imageExport.running()) m_ui.imageExportDialog().setStatus(m_imageExport.status());
    m_ui.projectDialogs().setProject(
        m_project.info(m_settings ? m_settings->recentProjects : std::vector<std::string>{}));
    if (m_framesDrawn++ > 0) startPlacesLoad();
    pollPlaces();
    m_ui.frame(m_state, m_metrics, commands);
    for (const Command& command : commands) {
        if (handleProjectCommand(command)) continue;
        if (const auto* animate = std::get_if<ExportAnimation>(&command)) {
            m_project.exportSettings().lastAnimationPath = animate->outputPath;
            m_project.exportSettings().fps = animate->fps;
            m_animation.start(*animate, m_project.name(), m_project.exportSettings());
        }
        if (std::holds_alternative<CancelAnimationExport>(command)) m_animation.cancel();
        if (const auto* still = std::get_if<ExportImage>(&command)) {
            if (m_imageExport.start(*still, m_project.name()))
                rememberImageExportSettings(*still);
            else
                m_ui.notify(LogLevel::Warning,
                            "An image export is still running; try again when it is done.");
        }
        if (const auto* theme = std::get_if<SetTheme>(&command)) applyTheme(theme->theme);
        noteIncidentFocus(command);
        apply(command);
        if (std::holds_alternative<Play>(command) && m_state.time().window.mode != WindowMode::All) {
            m_clock.play(m_state.time(), m_state.dataTimeSpan());
            m_state.applyTime();
        }
        if (std::holds_alternative<Pause>(command)) m_clock.pause();
        if (std::holds_alternative<ResetView>(command)) frameAboveTimeline();
    }
    // The start-up view, once the first frame has laid the timeline out.
    if (!m_framedAboveTimeline && m_ui.timeline().height() > 0.f) {
        frameAboveTimeline();
        m_framedAboveTimeline = true;
    }
    if (const std::string title = m_project.windowTitle(); title != m_title) {
        m_window.setTitle(title);
        m_title = title;
    }
    ImGui::Render();

    m_renderer->incidents().setFocus(m_incidentFocus);
    m_animation.tick(m_state, *m_renderer);
    if (m_imageExport.tick(*m_renderer, m_state)) {
        const ImageExportStatus& done = m_imageExport.status();
        m_ui.imageExportDialog().setStatus(done);
        if (done.error.empty())
            m_ui.notify(LogLevel::Info, "Exported " + done.written);
        else
            m_ui.notify(LogLevel::Error, "Image export failed: " + done.error);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    m_renderer->sync(m_state.scene(), m_state.projection());
    m_renderer->draw(m_state.scene(), m_state.view());
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (m_captureNextFrame) {
        m_captured = readWindowPixels();  // before the swap: the back buffer is undefined afterwards
        m_captureNextFrame = false;
    }
    glfwSwapBuffers(m_window.handle());
    m_window.endFrameInput();
}

void GuiApp::frameAboveTimeline() {
    MapView& view = m_state.view();
    const int width = view.widthPx, height = view.heightPx;
    const float ratio = view.pixelRatio;
    const int covered = static_cast<int>(m_ui.timeline().height() * m_metrics.fbScale);
    // A saved centre and scale are what the whole window showed when saving: restore exactly that.
    if (!m_homeView.bbox) fitProjectView(m_state, m_homeView, width, height, ratio);
    if (covered <= 0 || covered >= height / 2 || !m_homeView.bbox) return;
    fitProjectView(m_state, m_homeView, width, height - covered, ratio);
    m_state.resize(width, height, ratio);
    view.center.y -= 0.5 * covered * view.unitsPerPixel;
}

bool GuiApp::handleProjectCommand(const Command& command) {
    if (const auto* quit = std::get_if<Quit>(&command)) {
        if (m_project.dirty() && !quit->discardChanges) {
            m_ui.projectDialogs().askUnsavedChanges(*quit);
        } else {
            m_quitConfirmed = true;
            m_window.requestClose();
        }
        return true;
    }
    const auto* create = std::get_if<NewProject>(&command);
    const auto* open = std::get_if<OpenProject>(&command);
    if ((create && !create->discardChanges) || (open && !open->discardChanges)) {
        if (m_project.dirty()) {
            m_ui.projectDialogs().askUnsavedChanges(command);
            return true;
        }
    }
    if (create) {
        auto project = loadDefaultProject();
        if (project) {
            adoptProject(std::move(project).value());
            m_project.startUntitled();
        }
        m_ui.onCommandResult(command, project ? Status{} : Status{project.error()});
        return true;
    }
    if (open) {
        // A project that cannot be read leaves the current one as it was.
        auto project = loadProject(open->path, MissingSourcePolicy::Skip);
        if (project) {
            for (const Error& e : project->skipped)
                m_ui.notify(LogLevel::Warning, e.describe() + "\nLeft out; saving the project drops it.");
            const std::string name = project->name;
            adoptProject(std::move(project).value());
            m_ui.notify(LogLevel::Info, "Opened " + name);
            logInfo("Opened project " + open->path);
        } else {
            logError(project.error().describe());
        }
        m_ui.onCommandResult(command, project ? Status{} : Status{project.error()});
        return true;
    }
    if (const auto* save = std::get_if<SaveProject>(&command)) {
        const Status status = m_project.save(m_state, save->path, m_lightBackground);
        if (status) {
            rememberRecent(m_project.path());
            m_ui.notify(LogLevel::Info, "Saved " + m_project.path());
        } else {
            logError(status.error().describe());
        }
        m_ui.onCommandResult(command, status);
        return true;
    }
    return false;
}

void GuiApp::adoptProject(LoadedProject project) {
    m_clock.pause();
    m_state = std::move(project.state);
    m_lightBackground = m_state.scene().background;
    applyTheme(m_ui.theme());
    m_homeView = project.view;
    m_project.adopt(project);
    m_incidentFocus = {};
    if (!project.path.empty() && !m_project.needsNewPath()) rememberRecent(project.path);
    int fw = 0, fh = 0;
    m_window.framebufferSize(fw, fh);
    fitProjectView(m_state, m_homeView, std::max(fw, 1), std::max(fh, 1), m_contentScale);
    frameAboveTimeline();
}

void GuiApp::rememberRecent(const std::string& path) {
    if (!m_settings) return;
    rememberRecentProject(m_settings->recentProjects, path);
    if (m_settingsPath.empty()) return;
    if (Status saved = saveGuiSettings(m_settingsPath, *m_settings); !saved)
        logWarning("recent projects not saved: " + saved.error().describe());
}

void GuiApp::advancePlayback() {
    const double now = glfwGetTime();
    // A stall (a file loading) would jump far ahead: at most half a second of play per frame.
    const double elapsed = std::clamp(now - m_lastFrameTime, 0.0, 0.5);
    m_lastFrameTime = now;
    if (m_clock.advance(m_state.time(), m_state.playback(), m_state.dataTimeSpan(), elapsed))
        m_state.applyTime();
}

void GuiApp::apply(Command command) {
    if (auto* add = std::get_if<AddIncidents>(&command); add && add->fieldMapping.empty() && m_settings) {
        const auto it = m_settings->fieldMappings.find(fieldMappingKey(add->source));
        if (it != m_settings->fieldMappings.end()) {
            add->fieldMapping = it->second;
            logInfo("Reading " + scrubSecrets(add->source) + " with the field mapping chosen for it before");
        }
    }
    const Status status = applyCommand(m_state, command);
    if (status.ok() && changesProject(command)) m_project.markDirty();
    if (const auto* reload = std::get_if<ReloadIncidents>(&command); reload && status.ok())
        rememberFieldMapping(*reload);
    m_ui.onCommandResult(command, status, &m_state);
}

void GuiApp::rememberFieldMapping(const ReloadIncidents& reload) {
    if (!m_settings) return;
    m_settings->fieldMappings[fieldMappingKey(reload.source, reload.table)] = reload.fieldMapping;
    if (m_settingsPath.empty()) return;
    if (Status saved = saveGuiSettings(m_settingsPath, *m_settings); !saved)
        logWarning("field mapping not saved: " + saved.error().describe());
}

IncidentHover GuiApp::hoverUnderMouse() const {
    IncidentHover hover;
    const ImGuiIO& io = ImGui::GetIO();
    if (m_state.scene().incidentLayers.empty() || io.WantCaptureMouse || !ImGui::IsMousePosValid())
        return hover;
    const ScreenXY pointer{static_cast<double>(io.MousePos.x) * io.DisplayFramebufferScale.x,
                           static_cast<double>(io.MousePos.y) * io.DisplayFramebufferScale.y};
    for (const IncidentHit& hit :
         m_renderer->incidents().pick(m_state.scene(), m_state.view(), pointer, 16, &hover.total))
        hover.hits.push_back({{hit.layerId, hit.index}, hit.group, hit.groupSize, hit.spread});
    return hover;
}

void GuiApp::noteIncidentFocus(const Command& command) {
    if (const auto* select = std::get_if<SelectIncident>(&command)) {
        m_incidentFocus.selectedLayer = select->incident.layerId;
        m_incidentFocus.selectedIndex = select->incident.index;
    } else if (const auto* spread = std::get_if<SpreadIncidentGroup>(&command)) {
        m_incidentFocus.spreadLayer = spread->layerId;
        m_incidentFocus.spreadGroup = spread->group;
    }
}

Image GuiApp::readWindowPixels() const {
    Image img;
    m_window.framebufferSize(img.width, img.height);
    img.rgba.resize(static_cast<size_t>(img.width) * img.height * 4);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    const size_t row = static_cast<size_t>(img.width) * 4;
    for (int y = 0; y < img.height / 2; ++y)
        std::swap_ranges(img.rgba.begin() + static_cast<long>(y * row),
                         img.rgba.begin() + static_cast<long>((y + 1) * row),
                         img.rgba.begin() + static_cast<long>((img.height - 1 - y) * row));
    for (size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;  // a screenshot is opaque
    return img;
}

Status GuiApp::runForScreenshot(int frames, const std::string& path) {
    for (int i = 0; i < frames && !m_window.shouldClose(); ++i) {
        m_window.waitEvents(false, 0.0);
        int fw = 0, fh = 0;
        m_window.framebufferSize(fw, fh);
        if (m_window.takeContentScaleChanged()) updateScale(false);
        m_state.resize(std::max(fw, 1), std::max(fh, 1), m_contentScale);
        m_captureNextFrame = i + 1 == frames;
        drawFrame();
    }
    if (m_captured.width <= 0) return makeError(ErrorCode::GraphicsError, path, "no frame was drawn");
    return writePng(m_captured, path);
}

void GuiApp::tearDown(GuiSettings& settings) {
    settings.theme = m_ui.theme();
    settings.layersOpen = m_ui.isPanelOpen(PanelId::Layers);
    settings.logOpen = m_ui.isPanelOpen(PanelId::Log);
    settings.crsOpen = m_ui.isPanelOpen(PanelId::Crs);
    m_window.storeGeometry(settings);
    m_animation.cancel();    // a window closed mid-export leaves no half-written file
    m_imageExport.finish();  // a still being written is finished
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();  // also writes imgui.ini
    m_renderer.reset();       // needs the GL context, which the window still holds
}

}  // namespace

int runGui(int, char**) {
    return runGuiWith(GuiOptions{});
}

int runGuiWith(const GuiOptions& options) {
    auto time = timeStateFromOptions(options);
    if (!time) {
        std::fprintf(stderr, "flashpoint: error: %s\n", time.error().describe().c_str());
        return kExitUsage;
    }
    installProjLogHandler();
    const int sink = Log::instance().addSink(stderrSink(LogLevel::Warning));
    const std::string configDir = guiConfigDir();
    const std::string settingsPath =
        configDir.empty() ? std::string() : (std::filesystem::path(configDir) / "settings.json").string();
    if (!configDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(configDir, ec);
    }
    GuiSettings settings = loadGuiSettings(settingsPath);

    auto window = GuiWindow::create(settings, kTitle);
    if (!window) {
        std::fprintf(stderr, "flashpoint: error: %s\n", window.error().describe().c_str());
        Log::instance().removeSink(sink);
        return 1;
    }
    auto renderer = MapRenderer::create();
    if (!renderer) {
        std::fprintf(stderr, "flashpoint: error: %s\n", renderer.error().describe().c_str());
        Log::instance().removeSink(sink);
        return 1;
    }

    {
        GuiApp app(*window.value(), initialProject(options.project), std::move(renderer).value(), configDir);
        app.setUp(settings);
        app.setSettingsStore(&settings, settingsPath);
        int code = 0;
        for (const auto& path : options.layers) app.addLayer(path);
        for (const auto& source : options.incidents) app.addIncidents(source);
        if (time.value()) app.setTime(*time.value());
        if (!options.findPlace.empty()) app.findPlace(options.findPlace);
        if (options.screenshotPath.empty()) {
            app.run();
        } else if (Status s = app.runForScreenshot(std::max(1, options.frames), options.screenshotPath); !s) {
            std::fprintf(stderr, "flashpoint: error: %s\n", s.error().describe().c_str());
            code = 1;
        }
        app.tearDown(settings);
        if (code != 0) {
            Log::instance().removeSink(sink);
            return code;
        }
    }
    if (Status saved = saveGuiSettings(settingsPath, settings); !saved)
        logWarning("settings not saved: " + saved.error().describe());
    Log::instance().removeSink(sink);
    return 0;
}

}  // namespace fp
