// What the session asks of the window (SessionShell): theme, closing, the unsaved-changes question, project
// notifications, exports on the GL thread, geocoded copies on a worker, remembered settings.
#include <imgui.h>
#include <unistd.h>

#include "app/gui/gui_app_impl.h"
#include "core/util/log.h"
#include "ui/theme.h"

namespace fp {

void GuiApp::applyTheme(Theme theme) {
    m_ui.setTheme(theme);
    applyImGuiStyle(theme, m_metrics.scale);
}

void GuiApp::quit() {
    m_quitConfirmed = true;
    m_window.requestClose();
}

void GuiApp::askUnsavedChanges(const Command& command) {
    m_ui.projectDialogs().askUnsavedChanges(command);
}

bool GuiApp::askWriteBack(const Command& command, const std::vector<WriteBackTarget>& targets) {
    m_ui.writeBackDialog().ask(command, targets);
    if (std::holds_alternative<SaveProject>(command)) m_ui.projectDialogs().saveAwaitsWriteBack();
    return true;
}

void GuiApp::projectReplaced(const std::string& name, const std::vector<Error>& skipped, bool opened) {
    for (const Error& e : skipped)
        m_ui.notify(LogLevel::Warning, e.describe() + "\nLeft out; saving the project drops it.");
    if (opened) m_ui.notify(LogLevel::Info, "Opened " + name);
}

void GuiApp::projectFileUsed(const std::string& path, bool saved) {
    if (saved) {
        logInfo("Saved project " + path);
        m_ui.notify(LogLevel::Info, "Saved " + path);
    }
    if (!m_settings) return;
    rememberRecentProject(m_settings->recentProjects, path);
    saveSettings("recent projects");
}

Status GuiApp::startAnimationExport(const ExportAnimation& request, const std::string& title,
                                    const ExportSettings& base) {
    // Failures show in the animation dialog (its status), as do progress and the result.
    m_animation.start(request, m_session.state(), m_session.uncoveredView(), title, base);
    return {};
}

Status GuiApp::startImageExport(const ExportImage& request, const std::string& title) {
    if (!m_imageExport.start(request, title))
        return makeError(ErrorCode::InvalidArgument, request.outputPath,
                         "an image export is still running; try again when it is done");
    return {};
}

Status GuiApp::saveGeocodedCopy(const MapState& state, const SaveGeocodedCopy& request) {
    // On a worker thread: a large source takes seconds. Its outcome reaches the UI when the job is polled.
    return m_geocodedCopy.start(state, request);
}

std::map<std::string, std::string> GuiApp::rememberedFieldMapping(const std::string& source) {
    if (!m_settings) return {};
    const auto it = m_settings->fieldMappings.find(fieldMappingKey(source));
    return it == m_settings->fieldMappings.end() ? std::map<std::string, std::string>{} : it->second;
}

void GuiApp::rememberFieldMapping(const ReloadIncidents& reload) {
    if (!m_settings) return;
    m_settings->fieldMappings[fieldMappingKey(reload.source, reload.table)] = reload.fieldMapping;
    saveSettings("field mapping");
}

void GuiApp::startRecovery() {
    const std::string dir = guiStateDir();
    if (dir.empty()) return;
    std::vector<RecoveryOffer> offers;
    for (RecoveryCopy& copy : findRecoveryCopies(dir))
        offers.push_back({copy.path, copy.projectName, copy.projectPath, copy.savedAt, copy.notKept});
    m_ui.recoveryDialog().offer(std::move(offers));
    m_recovery.emplace(recoveryPathFor(dir, static_cast<long>(::getpid())));
}

void GuiApp::keepRecoveryCopy() {
    if (!m_recovery) return;
    // A button held is an edit under way (a marker dragged, a slider): its copy follows at the keeper's pace.
    if (Status kept = m_recovery->update(m_session, glfwGetTime(), ImGui::IsAnyMouseDown()); !kept)
        logWarning("no recovery copy of the unsaved changes: " + kept.error().describe());
}

void GuiApp::saveSettings(const char* what) {
    if (!m_settings || m_settingsPath.empty()) return;
    if (Status saved = saveGuiSettings(m_settingsPath, *m_settings); !saved)
        logWarning(std::string(what) + " not saved: " + saved.error().describe());
}

}  // namespace fp
