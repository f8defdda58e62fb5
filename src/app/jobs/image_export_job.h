#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "core/project/map_state.h"
#include "render/export/map_exporter.h"
#include "render/map_renderer.h"
#include "ui/commands.h"
#include "ui/panels/image_export_dialog.h"

namespace fp {

/// A still export from the GUI's main loop. The map is rendered offscreen on the GUI thread two window frames
/// after the request, once the dialog has said so on screen; the file is then encoded and written on a worker
/// thread while the window stays responsive (a 4K PNG takes longer to write than to draw). The map's own
/// state is never touched. Needs the window's GL context current in tick() and until destruction (the
/// exporter holds GL objects).
class ImageExportJob {
public:
    ImageExportJob();
    ~ImageExportJob();
    ImageExportJob(const ImageExportJob&) = delete;
    ImageExportJob& operator=(const ImageExportJob&) = delete;

    /// Queues `request`, titled `defaultTitle` (the project's name) when its title text is empty; false (and
    /// nothing queued) while another export is still running.
    bool start(const ExportImage& request, std::string defaultTitle = {});
    /// Call once a frame with the GL context current: renders a request queued two frames earlier, framing
    /// `framing` (the map area the user sees: Session::uncoveredView) (blocks
    /// for the render only) and hands the image to the writer; collects a finished write. True on the frame
    /// an export ended (status() then has the file written or the error, also logged).
    bool tick(MapRenderer& renderer, const MapState& state, const MapView& framing);
    /// Waits for a write in progress (the window is closing: no half-written file is left behind, and the
    /// temp-file-and-rename write finishes or removes its temp file).
    void finish();

    bool running() const { return m_queued.has_value() || m_write.valid(); }
    /// For the dialog: what runs now ("Rendering 3840 x 2160 px", "Writing F"), or the last outcome.
    const ImageExportStatus& status() const { return m_status; }

private:
    void end(const Status& outcome);

    std::unique_ptr<MapExporter> m_exporter;
    std::optional<ExportImage> m_queued;
    std::string m_defaultTitle;
    int m_framesQueued = 0;
    std::future<Status> m_write;
    std::string m_path;
    std::chrono::steady_clock::time_point m_started;
    ImageExportStatus m_status;
};

}  // namespace fp
