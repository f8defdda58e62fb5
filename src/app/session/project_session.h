#pragma once

#include <string>
#include <vector>

#include "core/export/export_settings.h"
#include "core/model/color.h"
#include "core/project/project_file.h"
#include "ui/panels/project_dialogs.h"

namespace fp {

/// Most projects the File menu's recent list keeps.
inline constexpr size_t kMaxRecentProjects = 10;

/// `path` (made absolute) moved to the front of `recent`, without duplicates, at most kMaxRecentProjects.
void rememberRecentProject(std::vector<std::string>& recent, const std::string& path);

/// "NAME — Flashpoint VERSION", with "• " in front while there are unsaved changes.
std::string projectWindowTitle(const std::string& name, bool dirty);

/// The GUI's open project: which file it came from, its name, whether it has unsaved changes, and the export
/// settings it carries. The map state itself stays with the Session.
class ProjectSession {
public:
    /// Takes over the name, file and export settings of a project just loaded; no unsaved changes. The
    /// shipped default project (defaultProjectPath) is never written: Save asks for a new path.
    void adopt(const LoadedProject& project);
    /// An untitled project (no file yet) with default export settings.
    void startUntitled();

    /// Saves `state` to `path`, or to the project's own file when `path` is empty, with `background` as the
    /// map background (the light theme's, whatever the current theme shows). Refuses to write the shipped
    /// default project. On success the project is that file, with no unsaved changes.
    Status save(const MapState& state, const std::string& path, Color background);

    void markDirty() { m_dirty = true; }
    /// The unsaved mark as the undo history says (Session keeps them together).
    void setDirty(bool dirty) { m_dirty = dirty; }
    bool dirty() const { return m_dirty; }
    const std::string& name() const { return m_name; }
    const std::string& path() const { return m_path; }
    /// True for an untitled project and for the shipped default: Save must ask for a path.
    bool needsNewPath() const;
    ExportSettings& exportSettings() { return m_export; }
    const ExportSettings& exportSettings() const { return m_export; }

    std::string windowTitle() const { return projectWindowTitle(m_name, m_dirty); }
    /// What the File menu and the dialogs show, with `recent` checked for files that went missing.
    ProjectInfo info(const std::vector<std::string>& recent) const;

private:
    std::string m_name = "Untitled";
    std::string m_path;
    bool m_dirty = false;
    ExportSettings m_export;
};

}  // namespace fp
