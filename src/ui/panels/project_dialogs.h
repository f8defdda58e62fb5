#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ui/panel.h"

namespace fp {

/// A project in the File menu's recent list.
struct RecentProject {
    std::string path;
    bool exists = true;  ///< false: shown greyed out, cannot be opened
};

/// What the UI knows of the open project (set by the app before each frame).
struct ProjectInfo {
    std::string name;  ///< shown in the window title and the dialogs
    std::string path;  ///< its file; empty for an untitled project
    bool dirty = false;
    /// The shipped default (or untitled): Save asks for a new path instead of writing `path`.
    bool needsNewPath = true;
    std::vector<RecentProject> recent;  ///< most recent first
    std::string undoName;  ///< the change Edit > Undo reverts ("Change layer colour"); empty: none
    std::string redoName;  ///< the change Edit > Redo applies again; empty: none
};

/// The File menu's project dialogs: a small path dialog to open a project or save it under a new path (typed
/// paths, no native file dialog), and the "unsaved changes" question (Save / Discard / Cancel) the app asks
/// before quitting, opening or starting a new project.
class ProjectDialogs : public Panel {
public:
    const char* title() const override { return "Project"; }
    /// Draws the open dialog and the question; also handles Ctrl+S with `saveKey` (a native key code).
    void draw(const UiContext& ctx, CommandList& out) override;

    void setProject(ProjectInfo info) { m_info = std::move(info); }
    const ProjectInfo& project() const { return m_info; }
    void setSaveKey(int nativeKey) { m_saveKey = nativeKey; }

    /// Opens the path dialog (prefilled with the project's path when saving).
    void openPathDialog(ProjectDialogKind kind);
    bool isPathDialogOpen() const { return m_pathOpen; }
    /// What File ▸ Save does: SaveProject{} into the project's own file, or the Save As dialog.
    void save(CommandList& out);
    /// Asks what to do with unsaved changes before `pending` (Quit, NewProject or OpenProject) runs: Save
    /// (then `pending` once the save succeeded), Discard (`pending` with discardChanges) or Cancel.
    void askUnsavedChanges(Command pending);
    bool isAskingUnsavedChanges() const { return m_pending.has_value() && !m_afterSave; }
    /// How a project command went: closes the path dialog or shows the error in it; after a successful save
    /// the action waiting for it is sent with the next frame's commands.
    void onCommandResult(const Command& command, const Status& status);
    /// The SaveProject just sent waits for the question about writing edits back (WriteBackDialog): its
    /// result is not the save's; what waits for the save keeps waiting for the answer's.
    void saveAwaitsWriteBack() { m_saveAsked = true; }
    /// That question was cancelled: nothing was saved, so what waited for the save is dropped.
    void saveCancelled();

private:
    void drawPathDialog(const UiContext& ctx, CommandList& out);
    void drawUnsavedQuestion(const UiContext& ctx, CommandList& out);

    ProjectInfo m_info;
    int m_saveKey = -1;
    bool m_pathOpen = false;
    bool m_focusPath = false;
    ProjectDialogKind m_kind = ProjectDialogKind::Open;
    std::string m_path;
    std::string m_error;
    std::string m_confirmOverwrite;    ///< path the user was asked about replacing
    std::optional<Command> m_pending;  ///< waits for the user's answer, or for a save
    bool m_afterSave = false;          ///< m_pending runs once the save succeeds
    std::optional<Command> m_queued;   ///< sent at the start of the next frame
    bool m_openQuestion = false;
    bool m_saveAsked = false;
};

}  // namespace fp
