// One frame of the GUI: input and the UI, the commands it emits applied by the session, then the map and
// the UI drawn.
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "app/gui/gui_app_impl.h"
#include "core/util/log.h"
#include "render/gl/gl.h"

namespace fp {

void GuiApp::apply(const Command& command) {
    const Status status = m_session.apply(command);
    logRowProblems(command, m_session.state());
    // A geocoded copy runs on a worker: its outcome reaches the UI when the job is done (prepareUi polls).
    if (status.ok() && std::holds_alternative<SaveGeocodedCopy>(command)) return;
    // Said once: in the log panel here, and as a notification by the UI.
    if (!status.ok()) logError(status.error().describe());
    m_ui.onCommandResult(command, status, &m_session.state());
}

CoveredInsets GuiApp::coveredInsets() const {
    const UiRect map = m_ui.mapRect();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    if (map.w <= 0.f || map.h <= 0.f) return {};
    const float s = m_metrics.fbScale;
    return {static_cast<int>(map.x * s), static_cast<int>(map.y * s),
            static_cast<int>((display.x - map.right()) * s),
            static_cast<int>((display.y - map.bottom()) * s)};
}

void GuiApp::prepareUi() {
    const ProjectSession& project = m_session.project();
    m_ui.setIncidentHover(hoverUnderMouse());
    m_ui.setPlaying(m_session.playing());
    m_ui.animationDialog().setStatus(m_animation.status());
    // The dialogs start from the project's export settings (size, fps, last paths).
    if (!m_ui.animationDialog().isOpen()) m_ui.animationDialog().setExportSettings(project.exportSettings());
    if (!m_ui.imageExportDialog().isOpen())
        m_ui.imageExportDialog().exportSettings() = project.exportSettings();
    if (m_imageExport.running()) m_ui.imageExportDialog().setStatus(m_imageExport.status());
    if (auto done = m_geocodedCopy.poll())
        m_ui.onCommandResult(done->first, done->second, &m_session.state());
    m_ui.geocodedCopyDialog().setBusy(m_geocodedCopy.running());
    m_ui.projectDialogs().setProject(
        m_session.projectInfo(m_settings ? m_settings->recentProjects : std::vector<std::string>{}));
    if (m_framesDrawn++ > 0) startPlacesLoad();
    pollPlaces();
}

void GuiApp::drawFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();

    m_session.nextFrame();
    advancePlayback();
    CommandList commands;
    for (std::string& path : m_window.takeDroppedPaths())
        commands.push_back(commandForDroppedPath(std::move(path)));
    prepareUi();
    m_ui.frame(m_session.state(), m_metrics, commands);
    m_appliedCommands = !commands.empty();
    m_session.setCoveredInsets(coveredInsets());
    for (const Command& command : commands) apply(command);
    keepRecoveryCopy();
    // The start-up view, once the first frame has laid the timeline out.
    if (!m_framedAboveTimeline && m_ui.timeline().height() > 0.f) {
        m_session.frameHome();
        m_framedAboveTimeline = true;
    }
    if (const std::string title = projectWindowTitle(m_session.project().name(), m_session.dirty());
        title != m_title) {
        m_window.setTitle(title);
        m_title = title;
    }
    ImGui::Render();
    renderFrame();
}

void GuiApp::renderFrame() {
    const MapState& state = m_session.state();
    m_animation.tick(*m_renderer);
    if (m_imageExport.tick(*m_renderer, state, m_session.uncoveredView())) {
        const ImageExportStatus& done = m_imageExport.status();
        m_ui.imageExportDialog().setStatus(done);
        if (done.error.empty())
            m_ui.notify(LogLevel::Info, "Exported " + done.written);
        else
            m_ui.notify(LogLevel::Error, "Image export failed: " + done.error);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    m_renderer->sync(state.scene(), state.projection());
    m_renderer->draw(state.scene(), state.view());
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

void GuiApp::advancePlayback() {
    const double now = glfwGetTime();
    // A stall (a file loading) would jump far ahead: at most half a second of play per frame.
    const double elapsed = std::clamp(now - m_lastFrameTime, 0.0, 0.5);
    m_lastFrameTime = now;
    m_session.advancePlayback(elapsed);
}

IncidentHover GuiApp::hoverUnderMouse() const {
    IncidentHover hover;
    const ImGuiIO& io = ImGui::GetIO();
    const MapState& state = m_session.state();
    if (state.scene().incidentLayers.empty() || io.WantCaptureMouse || !ImGui::IsMousePosValid())
        return hover;
    const ScreenXY pointer{static_cast<double>(io.MousePos.x) * io.DisplayFramebufferScale.x,
                           static_cast<double>(io.MousePos.y) * io.DisplayFramebufferScale.y};
    for (const IncidentHit& hit :
         m_renderer->incidents().pick(state.scene(), state.view(), pointer, 16, &hover.total))
        hover.hits.push_back({{hit.layerId, hit.index}, hit.group, hit.groupSize, hit.spread});
    return hover;
}

}  // namespace fp
