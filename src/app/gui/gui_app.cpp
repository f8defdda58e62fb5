#include "app/gui/gui_app.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <filesystem>

#include "app/gui/command_applier.h"
#include "app/gui/gui_window.h"
#include "app/gui/settings.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/util/log.h"
#include "render/export/image_io.h"
#include "render/gl/gl.h"
#include "render/map_renderer.h"
#include "render/text/font_locator.h"
#include "ui/main_ui.h"
#include "ui/theme.h"

namespace fp {

namespace {

constexpr const char* kTitle = "Flashpoint \xE2\x80\x94 Kosovo and Serbia";
constexpr float kFontSize = 15.f;  // logical pixels
// Longest sleep between frames without input: short while something fades or blinks. An idle window without
// either draws nothing at all.
constexpr double kBusyTimeout = 0.1;
constexpr double kIdleTimeout = 0.5;
const Color kDarkBackground = Color::rgb(36, 46, 56);

/// The map state the window starts with: the embedded default, or an empty map when its data is missing.
MapState initialState() {
    std::vector<LoadReport> reports;
    auto scene = loadDefaultScene(reports);
    if (!scene) logError(scene.error().describe() + " \xE2\x80\x94 starting with an empty map");
    for (const auto& report : reports)
        for (const auto& problem : report.problems) logWarning(problem.describe());
    auto state = MapState::create(scene ? std::move(scene).value() : MapScene{});
    if (state) return std::move(state).value();
    logError(state.error().describe());
    return std::move(MapState::create(MapScene{})).value();
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
    GuiApp(GuiWindow& window, MapState state, std::unique_ptr<MapRenderer> renderer, std::string configDir)
        : m_window(window),
          m_state(std::move(state)),
          m_renderer(std::move(renderer)),
          m_configDir(std::move(configDir)),
          m_lightBackground(m_state.scene().background) {}

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
    void setSettingsStore(GuiSettings* settings, std::string path) {
        m_settings = settings;
        m_settingsPath = std::move(path);
    }

private:
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
};

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

    m_ui.setExtraKeys({GLFW_KEY_W, GLFW_KEY_A, GLFW_KEY_S, GLFW_KEY_D, GLFW_KEY_Q});
    m_ui.setPanelOpen(PanelId::Layers, settings.layersOpen);
    m_ui.setPanelOpen(PanelId::Log, settings.logOpen);
    m_ui.setPanelOpen(PanelId::Crs, settings.crsOpen);
    applyTheme(settings.theme);

    int fw = 0, fh = 0;
    m_window.framebufferSize(fw, fh);
    m_state.resize(fw, fh, m_contentScale);
    m_state.frame(defaultFocusBBox());
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
    while (!m_window.shouldClose()) {
        const bool regular = m_ui.needsRegularFrames();
        const bool input = m_window.waitEvents(m_ui.isAnimating(), regular ? kBusyTimeout : kIdleTimeout);
        // Nothing moved and nothing fades: the last frame is still on screen, so skip the work.
        if (!input && !regular) continue;
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

    CommandList commands;
    for (std::string& path : m_window.takeDroppedPaths())
        commands.push_back(commandForDroppedPath(std::move(path)));
    m_ui.setIncidentHover(hoverUnderMouse());
    m_ui.frame(m_state, m_metrics, commands);
    for (const Command& command : commands) {
        if (std::holds_alternative<Quit>(command)) m_window.requestClose();
        if (const auto* theme = std::get_if<SetTheme>(&command)) applyTheme(theme->theme);
        noteIncidentFocus(command);
        apply(command);
    }
    ImGui::Render();

    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    m_renderer->incidents().setFocus(m_incidentFocus);
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

void GuiApp::apply(Command command) {
    if (auto* add = std::get_if<AddIncidents>(&command); add && add->fieldMapping.empty() && m_settings) {
        const auto it = m_settings->fieldMappings.find(fieldMappingKey(add->source));
        if (it != m_settings->fieldMappings.end()) {
            add->fieldMapping = it->second;
            logInfo("Reading " + scrubSecrets(add->source) + " with the field mapping chosen for it before");
        }
    }
    const Status status = applyCommand(m_state, command);
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
        GuiApp app(*window.value(), initialState(), std::move(renderer).value(), configDir);
        app.setUp(settings);
        app.setSettingsStore(&settings, settingsPath);
        int code = 0;
        for (const auto& path : options.layers) app.addLayer(path);
        for (const auto& source : options.incidents) app.addIncidents(source);
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
