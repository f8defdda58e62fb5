#include "render/export/animation_export.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/export/frame_folder.h"
#include "render/export/image_io.h"
#include "render/gl/gl.h"
#include "render/text/font_locator.h"
#include "render/text/text_renderer.h"

namespace fs = std::filesystem;

namespace fp {

/// GL resources kept from frame to frame: the offscreen target and the time stamp's text renderer.
struct AnimationFrameTools {
    std::optional<OffscreenTarget> target;
    std::optional<TextRenderer> text;
    bool textFailed = false;
};

namespace {

/// The view a w x h frame shows for `screen`: the same centre, the screen's extent kept along the limiting
/// axis and widened along the other (never stretched).
MapView frameView(const MapView& screen, int w, int h, double dpi) {
    MapView v = screen;
    const double u =
        std::max(screen.widthPx * screen.unitsPerPixel / w, screen.heightPx * screen.unitsPerPixel / h);
    v.unitsPerPixel = u;
    v.widthPx = w;
    v.heightPx = h;
    v.pixelRatio = static_cast<float>(dpi / 96.0);
    return v;
}

/// The frame's date, large in the top-left corner, dark on a light halo so it reads over any map.
void drawTimeStamp(TextRenderer& text, const MapView& view, const std::string& label) {
    const float size = 28.f * view.pixelRatio;
    const TextMetrics m = text.measure(label, size);
    const float margin = 14.f * view.pixelRatio;
    TextStyle style;
    style.sizePx = size;
    style.fill = Color{0.08f, 0.08f, 0.1f, 1.f};
    style.halo = Color{1.f, 1.f, 1.f, 0.9f};
    style.haloWidthPx = 3.f * view.pixelRatio;
    text.begin(view.widthPx, view.heightPx);
    text.addText(label, margin + m.width / 2, margin + m.height() / 2, style);
    text.flush();
}

}  // namespace

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
        if (w < 1 || h < 1 || w > 16384 || h > 16384)
            return makeError(ErrorCode::InvalidArgument, std::to_string(w) + "x" + std::to_string(h),
                             "frame size must be 1..16384 pixels a side");
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

Result<Image> AnimationExport::renderFrame(const MapState& state, MapRenderer& renderer,
                                           const std::string& dateLabel) {
    const int w = m_spec.settings.widthPx, h = m_spec.settings.heightPx;
    AnimationFrameTools& tools = *m_tools;
    if (!tools.target) {
        auto target = OffscreenTarget::create(w, h);
        if (!target) return target.error();
        tools.target.emplace(std::move(target).value());
    }
    const MapView view = frameView(state.view(), w, h, m_spec.settings.dpi);
    renderer.sync(state.scene(), state.projection());
    tools.target->bind();
    renderer.draw(state.scene(), view);
    if (m_spec.furniture && m_spec.settings.furniture.timestamp && !dateLabel.empty()) {
        if (!tools.text && !tools.textFailed) {
            auto font = findSystemFont();
            auto text = font ? TextRenderer::create(font.value()) : Result<TextRenderer>(font.error());
            if (text)
                tools.text.emplace(std::move(text).value());
            else
                return text.error();
        }
        drawTimeStamp(*tools.text, view, dateLabel);
    }
    Image image = tools.target->readPixels();
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return image;
}

Status AnimationExport::renderNext(MapState& state, MapRenderer& renderer) {
    if (m_ended || done())
        return makeError(ErrorCode::Internal, m_spec.outputPath, "no frame left to render");
    const size_t k = m_next;
    const TimeState saved = state.time();
    state.time() = m_spec.time;
    state.time().cursor = m_spec.plan.cursors[k];
    state.applyTime();
    auto image = renderFrame(state, renderer, m_spec.plan.label(k));
    state.time() = saved;
    state.applyTime();
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
