#pragma once

#include <memory>
#include <string>

#include "core/export/animation_output.h"
#include "core/export/export_settings.h"
#include "core/export/frame_plan.h"
#include "core/export/video_encoder.h"
#include "core/project/map_state.h"
#include "core/util/result.h"
#include "render/export/map_exporter.h"
#include "render/gl/offscreen_target.h"
#include "render/map_renderer.h"

namespace fp {

/// Everything an animation export needs besides the map state.
struct AnimationSpec {
    std::string outputPath;
    AnimationOutput output = AnimationOutput::PngFolder;
    FramePlan plan;           ///< the frames' cursors
    TimeState time;           ///< window mode, length, fade and ghosts of every frame (the cursor is ignored)
    ExportSettings settings;  ///< size, dpi, furniture and fps
    bool furniture = true;    ///< false: the map only (tests comparing with the on-screen map)
    std::string title;        ///< the title's text when settings.furniture.titleText is empty (project name)
    std::string ffmpeg = "ffmpeg";  ///< the encoder program (tests point it elsewhere)
};

struct AnimationFrameTools;

/// Renders an animation frame by frame and streams the frames to ffmpeg or a folder. Incremental, so that
/// the GUI can render one frame per window frame and stay responsive: start(), renderNext() until done(),
/// then finish(); cancel() (or destruction before finish) leaves nothing behind. Needs a current GL
/// context for renderNext() and for its destruction.
class AnimationExport {
public:
    /// Checks the spec and starts the output (ffmpeg or the temporary frame folder). No GL is needed here.
    /// Errors: InvalidArgument (size, fps, empty plan), NotFound (ffmpeg missing, output folder missing),
    /// PermissionDenied, IoError; each names the path or program.
    static Result<std::unique_ptr<AnimationExport>> start(const AnimationSpec& spec);
    ~AnimationExport();
    AnimationExport(const AnimationExport&) = delete;
    AnimationExport& operator=(const AnimationExport&) = delete;

    /// Renders the next frame of `state` with `renderer` (the frame's time state is applied to `state` for
    /// the drawing and restored afterwards, so the caller's map is unchanged) and sends it to the output.
    /// On failure the export is cancelled and the Error says why.
    Status renderNext(MapState& state, MapRenderer& renderer);
    /// All frames rendered: call finish().
    bool done() const { return m_next >= m_spec.plan.size(); }
    /// Frames rendered so far and in all.
    size_t framesDone() const { return m_next; }
    size_t frameCount() const { return m_spec.plan.size(); }
    /// The date label of the last rendered frame (empty before the first).
    std::string lastLabel() const { return m_next == 0 ? std::string() : m_spec.plan.label(m_next - 1); }
    /// Moves the finished output into place; fails (and cleans up) when frames are missing or the encoder
    /// fails.
    Status finish();
    /// Stops the encoder and removes every temporary file. Safe to call more than once.
    void cancel();
    const AnimationSpec& spec() const { return m_spec; }

private:
    Result<Image> renderFrame(const MapState& state, MapRenderer& renderer);
    explicit AnimationExport(AnimationSpec spec);
    AnimationSpec m_spec;
    size_t m_next = 0;
    std::unique_ptr<VideoEncoder> m_video;
    std::unique_ptr<class FrameFolderWriter> m_folder;
    std::unique_ptr<AnimationFrameTools> m_tools;
    bool m_ended = false;
};

}  // namespace fp
