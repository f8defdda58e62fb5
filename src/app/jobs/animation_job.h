#pragma once

#include <memory>
#include <optional>

#include "core/project/map_state.h"
#include "render/export/animation_export.h"
#include "render/map_renderer.h"
#include "ui/commands.h"
#include "ui/panels/animation_dialog.h"

namespace fp {

/// The spec of the export `request` asks for (frame plan, output kind, size, fps, time settings), or why it
/// cannot be made (bad output extension, dates, too many frames).
/// `base` gives the furniture and dpi (the project's export settings), `title` the title's text (the
/// project's name); the request's size and fps override `base`.
Result<AnimationSpec> animationSpecFor(const ExportAnimation& request, const std::string& title = {},
                                       const ExportSettings& base = {});

/// Runs an animation export from the GUI's main loop: one frame per window frame, drawn offscreen with the
/// window's GL context and the app's renderer, so the window stays responsive. It draws a copy of the map
/// taken when it starts, each frame at its own time, while the map on screen goes on. status() feeds the
/// animation dialog's progress bar, result and errors.
class AnimationJob {
public:
    /// Starts the export (see AnimationExport::start) of a copy of `state` framing `framing` (the map area
    /// the user sees: Session::uncoveredView); on failure status().error says why. A running export is
    /// cancelled first. `title` and `base`: see animationSpecFor.
    void start(const ExportAnimation& request, const MapState& state, const MapView& framing,
               const std::string& title = {}, const ExportSettings& base = {});
    /// Renders the next frame when running (the GL context must be current); finishes after the last one.
    void tick(MapRenderer& renderer);
    /// Stops the running export; nothing it wrote stays.
    void cancel();
    bool running() const { return m_export != nullptr; }
    const AnimationExportStatus& status() const { return m_status; }

private:
    void fail(const Error& e);
    std::unique_ptr<AnimationExport> m_export;
    std::optional<MapState> m_state;  // the map being exported
    AnimationExportStatus m_status;
};

}  // namespace fp
