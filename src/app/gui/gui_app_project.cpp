// The project commands of the GUI: New, Open, Save and Quit (with the question about unsaved changes).
#include <algorithm>

#include "app/gui/gui_app_impl.h"
#include "core/project/default_scene.h"
#include "core/util/log.h"

namespace fp {

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

}  // namespace fp
