// One frame of the GUI: input, the UI, the commands it emits, then the map and the UI drawn.
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "app/gui/command_applier.h"
#include "app/gui/gui_app_impl.h"
#include "core/util/log.h"
#include "render/gl/gl.h"

namespace fp {

Command commandForDroppedPath(std::string path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".csv" || ext == ".tsv" || ext == ".tab" || ext == ".txt")
        return AddIncidents{std::move(path), true};
    return AddLayer{std::move(path)};
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
    if (auto done = m_geocodedCopy.poll()) m_ui.onCommandResult(done->first, done->second, &m_state);
    m_ui.geocodedCopyDialog().setBusy(m_geocodedCopy.running());
    m_ui.projectDialogs().setProject(
        m_project.info(m_settings ? m_settings->recentProjects : std::vector<std::string>{}));
    if (m_framesDrawn++ > 0) startPlacesLoad();
    pollPlaces();
    m_ui.frame(m_state, m_metrics, commands);
    m_appliedCommands = !commands.empty();
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
        if (const auto* copy = std::get_if<SaveGeocodedCopy>(&command)) {
            // On a worker thread (GeocodedCopyJob), not through applyCommand: a large source takes seconds.
            if (Status started = m_geocodedCopy.start(m_state, *copy); !started)
                m_ui.onCommandResult(command, started, &m_state);
            continue;
        }
        if (const auto* theme = std::get_if<SetTheme>(&command)) applyTheme(theme->theme);
        apply(command);
        if (std::holds_alternative<Play>(command) && m_state.time().window.mode != WindowMode::All) {
            m_clock.play(m_state.time(), m_state.dataTimeSpan());
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
    if (m_framesDrawn == 1) reportFirstFrame();
}

void GuiApp::reportFirstFrame() {
    // For bench/gui_first_frame_bench.cpp: the moment the first map frame is really on screen.
    static const bool wanted = std::getenv("FLASHPOINT_REPORT_FIRST_FRAME") != nullptr;
    if (!wanted) return;
    glFinish();
    std::fprintf(stderr, "flashpoint: first map frame drawn\n");
    std::fflush(stderr);
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

void GuiApp::advancePlayback() {
    const double now = glfwGetTime();
    // A stall (a file loading) would jump far ahead: at most half a second of play per frame.
    const double elapsed = std::clamp(now - m_lastFrameTime, 0.0, 0.5);
    m_lastFrameTime = now;
    m_clock.advance(m_state.time(), m_state.playback(), m_state.dataTimeSpan(), elapsed);
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

}  // namespace fp
