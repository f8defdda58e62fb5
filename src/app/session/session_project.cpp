// The Session's project commands: New, Open, Save, Quit (asking first about unsaved changes), Undo and Redo
// (session.cpp).
#include <filesystem>

#include "app/session/recovery.h"
#include "app/session/session.h"
#include "core/project/default_scene.h"
#include "core/util/log.h"

namespace fp {

void Session::replaceProject(LoadedProject project) {
    const MapView screen = m_state.view();
    m_clock.pause();
    m_state = std::move(project.state);
    m_projectBackground = m_state.scene().background;
    setBackgroundOverride(m_backgroundOverride);
    m_homeView = project.view;
    m_project.adopt(project);
    m_history.clear();
    ++m_changes;
    // The project's view, fitted to the viewport the old one had.
    m_state.resize(screen.widthPx, screen.heightPx, screen.pixelRatio);
    frameHome();
}

Status Session::on(const NewProject& create) {
    if (dirty() && !create.discardChanges) {
        shell().askUnsavedChanges(create);
        return {};
    }
    auto project = loadDefaultProject();
    if (!project) return project.error();
    replaceProject(std::move(project).value());
    m_project.startUntitled();
    shell().projectReplaced(m_project.name(), {}, false);
    return {};
}

Status Session::on(const OpenProject& open) {
    if (dirty() && !open.discardChanges) {
        shell().askUnsavedChanges(open);
        return {};
    }
    // A project that cannot be read leaves the current one as it was.
    auto project = loadProject(open.path, MissingSourcePolicy::Skip);
    if (!project) return project.error();
    const std::vector<Error> skipped = project->skipped;
    replaceProject(std::move(project).value());
    logInfo("Opened project " + open.path);
    if (!m_project.needsNewPath()) shell().projectFileUsed(m_project.path(), false);
    shell().projectReplaced(m_project.name(), skipped, true);
    return {};
}

Status Session::on(const SaveProject& save) {
    // Incident edits go to their files first: the project references those files, and nothing unsaved is
    // left behind silently.
    const std::string path = save.path.empty() ? m_project.path() : save.path;
    if (!path.empty() && !(save.path.empty() && m_project.needsNewPath())) {
        if (!save.writeBackConfirmed && !save.editsAsNewFiles)
            if (const auto targets = writeBackTargets(); !targets.empty()) return askWriteBack(save, targets);
        if (Status s = saveIncidentEdits(path, save.editsAsNewFiles); !s) return s;
    }
    if (Status s = m_project.save(m_state, save.path, m_projectBackground); !s) return s;
    m_history.markSaved();
    shell().projectFileUsed(m_project.path(), true);
    return {};
}

Status Session::on(const RecoverProject& recover) {
    if (!recover.restore) {
        std::error_code ec;
        std::filesystem::remove(recover.path, ec);
        if (ec) return makeError(ErrorCode::PermissionDenied, recover.path, "cannot delete: " + ec.message());
        removeRecoveryCopy(recover.path);  // its incident files
        return {};
    }
    if (dirty())
        return makeError(ErrorCode::InvalidArgument, recover.path,
                         "the open project has unsaved changes: save or undo them before restoring");
    auto copy = readRecoveryCopy(recover.path);
    if (!copy) return copy.error();
    auto project = loadRecoveredProject(copy.value());
    if (!project) return project.error();
    const std::vector<Error> skipped = project->skipped;
    // The window's gazetteer (place labels, reverse geocoding) stays: the copy loads no gazetteer of its own.
    project->state.setGazetteer(m_state.scene().gazetteer);
    // Its name and file (none while untitled) and export settings, as the crashed window had them.
    replaceProject(std::move(project).value());
    // What was recovered is not what any file holds: it stays unsaved until saved.
    m_history.markUnsaved();
    m_project.setDirty(true);
    removeRecoveryCopy(recover.path);  // this window keeps its own copy from now on
    shell().projectReplaced(m_project.name(), skipped, false);
    return {};
}

Status Session::on(const Quit& quit) {
    if (dirty() && !quit.discardChanges)
        shell().askUnsavedChanges(quit);
    else
        shell().quit();
    return {};
}

}  // namespace fp
