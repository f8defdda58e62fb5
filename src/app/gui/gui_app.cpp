#include "app/gui/gui_app.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/cli/cli.h"
#include "app/gui/gui_app_impl.h"
#include "core/geocode/incident_geocoder.h"
#include "core/project/default_scene.h"
#include "core/time/time_label.h"
#include "core/util/log.h"
#include "render/export/image_io.h"
#include "render/gl/gl.h"
#include "render/text/font_locator.h"
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

}  // namespace

void GuiApp::setTime(const TimeState& time) {
    m_state.time() = time;
}

void GuiApp::findPlace(const std::string& query) {
    startPlacesLoad();
    m_places.wait();
    pollPlaces();
    m_ui.placeSearch().setQuery(query);
    m_ui.setPanelOpen(PanelId::PlaceSearch, true);
    m_ui.placeSearch().focusField();
}

void GuiApp::setSettingsStore(GuiSettings* settings, std::string path) {
    m_settings = settings;
    m_settingsPath = std::move(path);
    if (!m_project.needsNewPath()) rememberRecent(m_project.path());  // a project given on the command line
}

void GuiApp::startPlacesLoad() {
    if (m_places.valid() || m_placesDone) return;
    // Shared with the project's scene: once the project has loaded it this returns at once.
    m_places = std::async(std::launch::async, [] { return defaultGazetteer(); });
}

void GuiApp::pollPlaces() {
    if (!m_places.valid() || m_places.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    auto loaded = m_places.get();
    m_placesDone = true;
    if (loaded) {
        m_ui.placeSearch().setGazetteer(loaded.value());
    } else {
        logWarning("Places: " + loaded.error().describe());
        m_ui.placeSearch().setLoadError(loaded.error().describe());
    }
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
        // A frame that emitted commands drew the UI before they were applied: draw their outcome at once
        // rather than at the next input.
        const bool busy = m_ui.isAnimating() || m_clock.playing() || m_animation.running() ||
                          m_imageExport.running() || m_appliedCommands;
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
