#include "app/gui/gui_app.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>

#include "app/cli/cli.h"
#include "app/cli/cli_output.h"
#include "app/cli/version_text.h"
#include "app/gui/gui_app_impl.h"
#include "app/session/session_startup.h"
#include "core/geocode/incident_geocoder.h"
#include "core/project/default_scene.h"
#include "core/time/time_label.h"
#include "core/util/log.h"
#include "render/export/image_io.h"
#include "render/gl/gl.h"
#include "render/gl/headless_context.h"
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

}  // namespace

void GuiApp::applyStart(const SessionStart& start) {
    const uint64_t newestBefore = newestIncidentLayerId(m_session.state());
    for (const Command& command : startCommands(start)) apply(command);
    m_session.setHomeView(startHomeView(start, m_session, newestBefore));
}

Status GuiApp::startTime(const SessionStart& start) {
    auto time = fp::startTime(start, m_session.state(), timeFlagNames());
    if (!time) return time.error();
    if (time.value()) apply(SetTimeState{*time.value()});
    return {};
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
    // The overlay setUp opened on a first start is not shown again, even if this run does not end cleanly.
    if (m_settings && !m_settings->keysHelpShown) {
        m_settings->keysHelpShown = true;
        saveSettings("first start");
    }
    // A project given on the command line.
    if (!m_session.project().needsNewPath()) projectFileUsed(m_session.project().path(), false);
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
        m_ui.codeIncidents().setGazetteer(loaded.value());
    } else {
        logWarning("Places: " + loaded.error().describe());
        m_ui.placeSearch().setLoadError(loaded.error().describe());
        m_ui.codeIncidents().setLoadError(loaded.error().describe());
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

    m_ui.setExtraKeys(
        {GLFW_KEY_W, GLFW_KEY_A, GLFW_KEY_S, GLFW_KEY_D, GLFW_KEY_Q, GLFW_KEY_F, GLFW_KEY_E, GLFW_KEY_Z});
    m_ui.setPanelOpen(PanelId::Layers, settings.layersOpen);
    m_ui.setPanelOpen(PanelId::Log, settings.logOpen);
    m_ui.setPanelOpen(PanelId::Crs, settings.crsOpen);
    // Shown by itself once, on the first start; Help > Keys and mouse brings it back.
    if (!settings.keysHelpShown) m_ui.setPanelOpen(PanelId::KeysHelp, true);
    SideDocks& docks = m_ui.docks();
    docks.setCollapsed(DockSide::Left, settings.leftBarCollapsed);
    docks.setCollapsed(DockSide::Right, settings.rightBarCollapsed);
    docks.setWidth(DockSide::Left, static_cast<float>(settings.leftBarWidth));
    docks.setWidth(DockSide::Right, static_cast<float>(settings.rightBarWidth));
    m_ui.aboutBox().setVersionText(versionText(describeCurrentGlContext()));
    (void)m_session.apply(SetTheme{settings.theme});

    int fw = 0, fh = 0;
    m_window.framebufferSize(fw, fh);
    m_session.resize(fw, fh, m_contentScale);
    m_session.frameHome();
    for (const Error& e : m_skippedAtStart) m_ui.notify(LogLevel::Warning, e.describe());
    startRecovery();
    const MapState& state = m_session.state();
    logInfo("Flashpoint GUI ready: " + std::to_string(state.scene().layers.size()) + " layers in " +
            state.scene().crs.name());
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

void GuiApp::run() {
    while (true) {
        bool forceFrame = false;
        if (m_window.shouldClose()) {
            if (!m_session.dirty() || m_quitConfirmed) break;
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
        const bool busy = m_ui.isAnimating() || m_session.playing() || m_animation.running() ||
                          m_imageExport.running() || m_appliedCommands;
        const bool input = m_window.waitEvents(busy, regular ? kBusyTimeout : kIdleTimeout);
        keepRecoveryCopy();  // also while idle: a change waiting for its minute is written on time
        // Nothing moved and nothing fades: the last frame is still on screen, so skip the work.
        if (!input && !regular && !busy) continue;
        int fw = 0, fh = 0;
        m_window.framebufferSize(fw, fh);
        if (fw <= 0 || fh <= 0) continue;  // minimized
        if (m_window.takeContentScaleChanged()) updateScale(false);
        m_session.resize(fw, fh, m_contentScale);
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
        m_session.resize(std::max(fw, 1), std::max(fh, 1), m_contentScale);
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
    settings.keysHelpShown = true;
    SideDocks& docks = m_ui.docks();
    settings.leftBarCollapsed = docks.collapsed(DockSide::Left);
    settings.rightBarCollapsed = docks.collapsed(DockSide::Right);
    settings.leftBarWidth = static_cast<int>(docks.width(DockSide::Left));
    settings.rightBarWidth = static_cast<int>(docks.width(DockSide::Right));
    m_window.storeGeometry(settings);
    if (m_recovery) m_recovery->remove();  // a clean quit: saved, or the changes given up on purpose
    m_animation.cancel();                  // a window closed mid-export leaves no half-written file
    m_imageExport.finish();                // a still being written is finished
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();  // also writes imgui.ini
    m_renderer.reset();       // needs the GL context, which the window still holds
}

int runGui(int, char**) {
    return runGuiWith(GuiOptions{});
}

namespace {

/// The window's start-up, the same steps as the CLI's (startSession) but through GuiApp::apply, so that the
/// UI hears each outcome: the project (or the default when it cannot be opened), --layer as if dropped,
/// --incidents as the Incidents panel adds them, then --at/--window.
SessionStart sessionStartOf(const GuiOptions& options) {
    SessionStart start;
    start.project = options.project;
    start.missingSources = MissingSourcePolicy::Skip;
    start.fallBackToDefault = true;
    start.layers = options.layers;
    start.layersAsDropped = true;
    start.incidents = options.incidents;
    start.time.at = options.at;
    start.time.window = options.window;
    return start;
}

/// Runs the window on `start` until it is closed (or the screenshot is taken). Returns the exit code.
int runWindow(GuiWindow& window, std::unique_ptr<MapRenderer> renderer, Result<LoadedProject> project,
              const SessionStart& start, const GuiOptions& options, GuiSettings& settings,
              const std::string& configDir, const std::string& settingsPath) {
    if (!project) return printError(project.error(), 1);
    GuiApp app(window, std::move(project).value(), std::move(renderer), configDir);
    app.setUp(settings);
    app.setSettingsStore(&settings, settingsPath);
    app.applyStart(start);
    if (auto time = app.startTime(start); !time) {
        app.tearDown(settings);
        return printError(time.error(), kExitUsage);
    }
    if (!options.findPlace.empty()) app.findPlace(options.findPlace);
    int code = 0;
    if (options.screenshotPath.empty()) {
        app.run();
    } else if (Status s = app.runForScreenshot(std::max(1, options.frames), options.screenshotPath); !s) {
        code = printError(s.error(), 1);
    }
    app.tearDown(settings);
    return code;
}

}  // namespace

int runGuiWith(const GuiOptions& options) {
    const SessionStart start = sessionStartOf(options);
    // Malformed time flags are usage errors before any window opens (no data yet: the range is checked
    // later).
    if (auto time = resolveTimeRequest(start.time, {}, timeFlagNames()); !time && start.time.selectsWindow())
        return printError(time.error(), kExitUsage);
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
    // The project's layers load on a worker while the window, its GL context and the shaders are made.
    auto project = std::async(std::launch::async, [&start] { return startingProject(start); });
    int code = 1;
    if (auto window = GuiWindow::create(settings, kTitle); !window) {
        printError(window.error(), 1);
    } else if (auto renderer = MapRenderer::create(); !renderer) {
        printError(renderer.error(), 1);
    } else {
        code = runWindow(*window.value(), std::move(renderer).value(), project.get(), start, options,
                         settings, configDir, settingsPath);
    }
    if (code == 0)
        if (Status saved = saveGuiSettings(settingsPath, settings); !saved)
            logWarning("settings not saved: " + saved.error().describe());
    Log::instance().removeSink(sink);
    return code;
}

}  // namespace fp
