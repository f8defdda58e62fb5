#include "render/export/animation_export.h"

#include <algorithm>
#include <filesystem>

#include "core/export/export_limits.h"
#include "core/export/frame_folder.h"
#include "render/export/image_io.h"
#include "render/gl/gl.h"

namespace fs = std::filesystem;

namespace fp {

/// GL resources kept from frame to frame: the exporter's offscreen target and furniture.
struct AnimationFrameTools {
    MapExporter exporter;
};

AnimationExport::AnimationExport(AnimationSpec spec)
    : m_spec(std::move(spec)), m_tools(std::make_unique<AnimationFrameTools>()) {}

AnimationExport::~AnimationExport() {
    cancel();
    m_tools.reset();  // GL objects: the caller keeps the context current
}

Result<std::unique_ptr<AnimationExport>> AnimationExport::start(const AnimationSpec& spec) {
    if (spec.plan.size() == 0)
        return makeError(ErrorCode::InvalidArgument, spec.outputPath, "the animation has no frames");
    const int w = spec.settings.widthPx, h = spec.settings.heightPx;
    std::unique_ptr<AnimationExport> job(new AnimationExport(spec));
    if (spec.output == AnimationOutput::PngFolder) {
        if (w < 1 || h < 1 || w > kMaxExportSidePx || h > kMaxExportSidePx)
            return makeError(ErrorCode::InvalidArgument, std::to_string(w) + "x" + std::to_string(h),
                             "frame size must be 1.." + std::to_string(kMaxExportSidePx) + " pixels a side");
        auto folder = FrameFolderWriter::start(spec.outputPath);
        if (!folder) return folder.error();
        job->m_folder = std::make_unique<FrameFolderWriter>(std::move(folder).value());
    } else {
        VideoEncoderOptions o;
        o.outputPath = spec.outputPath;
        o.format = spec.output == AnimationOutput::Mp4 ? VideoFormat::Mp4 : VideoFormat::Gif;
        o.width = w;
        o.height = h;
        o.fps = spec.settings.fps;
        o.program = spec.ffmpeg;
        auto video = VideoEncoder::start(o);
        if (!video) return video.error();
        job->m_video = std::move(video).value();
    }
    return job;
}

Result<Image> AnimationExport::renderFrame(const MapState& state, MapRenderer& renderer) {
    // The still exporter draws the frame: the same view, layers and furniture as a still export, with the
    // time stamp showing the frame's window.
    ExportOptions options;
    options.furniture = m_spec.furniture;
    options.defaultTitle = m_spec.title;
    auto image = m_tools->exporter.render(renderer, state, m_spec.settings, options);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return image;
}

Status AnimationExport::renderNext(MapState& state, MapRenderer& renderer) {
    if (m_ended || done())
        return makeError(ErrorCode::Internal, m_spec.outputPath, "no frame left to render");
    const size_t k = m_next;
    const TimeState saved = state.time();
    TimeState frameTime = m_spec.time;
    frameTime.cursor = m_spec.plan.cursors[k];
    state.setTime(frameTime);
    auto image = renderFrame(state, renderer);
    state.setTime(saved);
    if (!image) {
        cancel();
        return image.error();
    }
    Status sent;
    if (m_video) {
        sent = m_video->addFrame(
            std::string_view(reinterpret_cast<const char*>(image->rgba.data()), image->rgba.size()));
    } else {
        auto png = encodePng(image.value());
        sent = png ? m_folder->addFrame(png.value(), m_spec.plan.label(k)) : Status(png.error());
    }
    if (!sent) {
        cancel();
        return sent;
    }
    ++m_next;
    return {};
}

Status AnimationExport::finish() {
    if (m_ended) return makeError(ErrorCode::Internal, m_spec.outputPath, "the export has ended");
    if (!done()) {
        cancel();
        return makeError(ErrorCode::Internal, m_spec.outputPath, "finish() before every frame was rendered");
    }
    m_ended = true;
    Status s = m_video ? m_video->finish() : m_folder->finish();
    if (!s) cancel();
    return s;
}

void AnimationExport::cancel() {
    m_ended = true;
    if (m_video) m_video->cancel();
    if (m_folder) m_folder->cancel();
}

}  // namespace fp
