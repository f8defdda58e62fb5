#include "app/jobs/image_export_job.h"

#include <cstdio>
#include <utility>

#include "core/util/log.h"
#include "render/gl/gl.h"

namespace fp {

namespace {

std::string seconds(std::chrono::steady_clock::duration d) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", std::chrono::duration<double>(d).count());
    return text;
}

}  // namespace

ImageExportJob::ImageExportJob() = default;

ImageExportJob::~ImageExportJob() {
    finish();
}

bool ImageExportJob::start(const ExportImage& request, std::string defaultTitle) {
    if (running()) return false;
    m_queued = request;
    m_defaultTitle = std::move(defaultTitle);
    m_framesQueued = 0;
    m_path = request.outputPath;
    m_started = std::chrono::steady_clock::now();
    m_status = {};
    m_status.progress = "Rendering " + std::to_string(request.settings.widthPx) + " \xC3\x97 " +
                        std::to_string(request.settings.heightPx) + " px";
    return true;
}

bool ImageExportJob::tick(MapRenderer& renderer, const MapState& state, const MapView& framing) {
    // The frame after the request shows "Rendering…" (the request's own frame was built before it came);
    // the render blocks the one after that, once the message is on screen.
    if (m_queued && m_framesQueued++ >= 2) {
        const ExportImage request = std::move(*m_queued);
        m_queued.reset();
        if (!m_exporter) m_exporter = std::make_unique<MapExporter>();
        ExportOptions options;
        options.defaultTitle = m_defaultTitle;
        options.framing = framing;
        auto image = m_exporter->render(renderer, state, request.settings, options);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        if (!image) {
            end(image.error());
            return true;
        }
        const GeoReference ref = exportGeoReference(state, request.settings, framing);
        m_status.progress = "Writing " + request.outputPath;
        const std::string& titleText = request.settings.furniture.titleText;
        const std::string title = titleText.empty() ? m_defaultTitle : titleText;
        m_write = std::async(std::launch::async, [image = std::move(image).value(), request, ref, title]() {
            return writeExportImage(image, request.outputPath, request.settings.format,
                                    request.settings.jpegQuality, ref, request.settings.dpi, title);
        });
        return false;
    }
    if (m_write.valid() && m_write.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        end(m_write.get());
        return true;
    }
    return false;
}

void ImageExportJob::finish() {
    if (m_write.valid()) end(m_write.get());
    m_queued.reset();
}

void ImageExportJob::end(const Status& outcome) {
    m_status = {};
    if (outcome) {
        m_status.written = m_path;
        logInfo("exported " + m_path + " in " + seconds(std::chrono::steady_clock::now() - m_started));
    } else {
        m_status.error = outcome.error().describe();
        logError("image export: " + m_status.error);
    }
}

}  // namespace fp
