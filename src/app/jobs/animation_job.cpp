#include "app/jobs/animation_job.h"

#include "core/util/log.h"

namespace fp {

Result<AnimationSpec> animationSpecFor(const ExportAnimation& request, const std::string& title,
                                       const ExportSettings& base) {
    auto output = animationOutputForPath(request.outputPath);
    if (!output) return output.error();
    auto plan = planFrames(request.first, request.last, request.step);
    if (!plan) return plan.error();
    AnimationSpec spec;
    spec.outputPath = request.outputPath;
    spec.output = output.value();
    spec.plan = std::move(plan).value();
    spec.time = request.time;
    spec.settings = base;
    spec.settings.widthPx = request.widthPx;
    spec.settings.heightPx = request.heightPx;
    spec.settings.fps = request.fps;
    spec.title = title;
    if (const char* program = std::getenv("FLASHPOINT_FFMPEG"); program && *program) spec.ffmpeg = program;
    return spec;
}

void AnimationJob::start(const ExportAnimation& request, const MapState& state, const MapView& framing,
                         const std::string& title, const ExportSettings& base) {
    cancel();
    m_status = {};
    auto spec = animationSpecFor(request, title, base);
    if (!spec) return fail(spec.error());
    auto copied = state.copy();
    if (!copied) return fail(copied.error());
    m_state.emplace(std::move(copied).value());
    m_state->resize(framing.widthPx, framing.heightPx, framing.pixelRatio);
    m_state->setView(framing);
    auto job = AnimationExport::start(spec.value());
    if (!job) return fail(job.error());
    m_export = std::move(job).value();
    m_status.running = true;
    m_status.frameCount = m_export->frameCount();
    logInfo("Exporting " + std::to_string(m_status.frameCount) + " frames to " + request.outputPath);
}

void AnimationJob::tick(MapRenderer& renderer) {
    if (!m_export || !m_state) return;
    if (!m_export->done()) {
        if (Status s = m_export->renderNext(*m_state, renderer); !s) return fail(s.error());
        m_status.framesDone = m_export->framesDone();
        m_status.dateLabel = m_export->lastLabel();
        return;  // finishing (ffmpeg's last encoding) waits for the next window frame, after this one shows
    }
    if (Status s = m_export->finish(); !s) return fail(s.error());
    m_status.running = false;
    m_status.written = m_export->spec().outputPath;
    logInfo("Wrote " + m_status.written + " (" + std::to_string(m_status.frameCount) + " frames)");
    m_export.reset();
    m_state.reset();
}

void AnimationJob::cancel() {
    if (!m_export) return;
    m_export->cancel();
    m_export.reset();
    m_state.reset();
    m_status.running = false;
    m_status.cancelled = true;
    logInfo("Animation export cancelled; nothing was written");
}

void AnimationJob::fail(const Error& e) {
    if (m_export) m_export->cancel();
    m_export.reset();
    m_state.reset();
    m_status.running = false;
    m_status.error = e.describe();
    logError("Animation export failed: " + m_status.error);
}

}  // namespace fp
