#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/export/export_settings.h"
#include "core/project/map_state.h"
#include "core/util/result.h"
#include "ui/commands.h"

namespace fp {

/// What a Session asks of the program that runs it (the window, the command line, a test) for the commands
/// whose effect lies outside the project: the theme, closing, questions to the user, work on the GL thread.
/// Every function has a default that suits a program without a window.
class SessionShell {
public:
    virtual ~SessionShell() = default;

    /// SetTheme: restyle the UI (the session has already set the map background).
    virtual void applyTheme(Theme) {}
    /// Quit with nothing unsaved (or discarding it): close.
    virtual void quit() {}
    /// New, Open or Quit while the project has unsaved changes: ask Save / Discard / Cancel, then send
    /// `command` again with discardChanges set (or not at all).
    virtual void askUnsavedChanges(const Command&) {}
    /// SaveIncidentLayer or SaveProject would write edits back into the source files `targets`: ask "Write N
    /// changed incidents back to FILE?" (Write / Save as new GeoPackage… / Cancel), then send `command` again
    /// with writeConfirmed (writeBackConfirmed), or as a new file, or not at all. False when the shell
    /// cannot ask (no window): then nothing is written.
    virtual bool askWriteBack(const Command& command, const std::vector<WriteBackTarget>& targets) {
        (void)command;
        (void)targets;
        return false;
    }
    /// New or Open replaced the project (history cleared, view framed): the shell drops what it knew of the
    /// old one. `skipped`: sources of an opened project that could not be loaded.
    virtual void projectReplaced(const std::string& name, const std::vector<Error>& skipped, bool opened) {}
    /// The project was opened from or saved to `path` (not the shipped default): e.g. the recent list.
    virtual void projectFileUsed(const std::string& path, bool saved) {}

    /// ExportAnimation / CancelAnimationExport: run on the GL thread. Unavailable without a window.
    virtual Status startAnimationExport(const ExportAnimation& request, const std::string& title,
                                        const ExportSettings& base);
    virtual void cancelAnimationExport() {}
    /// ExportImage: render offscreen. Unavailable without a window.
    virtual Status startImageExport(const ExportImage& request, const std::string& title);
    /// SaveGeocodedCopy: the default writes the copy at once; the window uses a worker thread.
    virtual Status saveGeocodedCopy(const MapState& state, const SaveGeocodedCopy& request);
    /// OpenUrl (an http or https link, already checked): the default starts xdg-open.
    virtual Status openUrl(const std::string& url);

    /// The field mapping remembered for `source` (AddIncidents without one); empty when none.
    virtual std::map<std::string, std::string> rememberedFieldMapping(const std::string&) { return {}; }
    /// ReloadIncidents succeeded: remember its mapping for the source.
    virtual void rememberFieldMapping(const ReloadIncidents&) {}
};

}  // namespace fp
