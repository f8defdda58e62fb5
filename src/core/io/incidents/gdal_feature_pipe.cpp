#include "core/io/incidents/gdal_feature_pipe.h"

#include <cpl_error.h>

#include <system_error>
#include <utility>

#include "core/io/gdal_env.h"
#include "core/io/incidents/gdal_field_text.h"
#include "core/io/incidents/incident_loader.h"
#include "core/util/log.h"

namespace fp::incident_io {

std::string oneLine(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

ScrubbingGdalCapture::ScrubbingGdalCapture() {
    initGdal();
    CPLPushErrorHandlerEx(&ScrubbingGdalCapture::handle, this);
}

void CPL_STDCALL ScrubbingGdalCapture::handle(CPLErr cls, CPLErrorNum, const char* message) {
    auto* self = static_cast<ScrubbingGdalCapture*>(CPLGetErrorHandlerUserData());
    std::string text = scrubSecrets(oneLine(message ? message : ""));
    if (cls == CE_Failure || cls == CE_Fatal) {
        self->addFailure(std::move(text));
    } else if (cls == CE_Warning) {
        logWarning("GDAL: " + text);
    } else {
        logDebug("GDAL: " + text);
    }
}

bool FeaturePipe::start() {
    try {
        m_thread = std::thread([this] { run(); });
    } catch (const std::system_error&) {
        return false;
    }
    return true;
}

bool FeaturePipe::next(Batch& batch) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
    if (m_queue.empty()) return false;
    // The batch before goes back to the reader thread, which allocated its texts and geometries.
    if (batch.size() > 0) m_spent.push_back(std::move(batch));
    batch = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return true;
}

void FeaturePipe::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
    m_queue.clear();
    m_spent.clear();
}

FeatureShape shapeOf(OGRFeature& f, OGRGeometryUniquePtr* keep) {
    FeatureShape shape;
    shape.fid = f.GetFID();
    const OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty()) return shape;
    if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
        shape.kind = FeatureShape::Kind::Point;
        shape.x = g->toPoint()->getX();
        shape.y = g->toPoint()->getY();
        return shape;
    }
    shape.kind = FeatureShape::Kind::Other;
    shape.other = g;
    if (keep) {
        keep->reset(f.StealGeometry());
        shape.other = keep->get();
    }
    return shape;
}

bool FeaturePipe::fill(Batch& batch, ScrubbingGdalCapture& capture) {
    // Clearing frees the odd geometries of a spent batch here, where GDAL allocated them.
    batch.shapes.clear();
    batch.geometries.clear();
    batch.chars.clear();
    batch.ends.clear();
    batch.badUtf8.clear();
    bool more = true;
    while (batch.shapes.size() < kBatchSize) {
        OGRFeatureUniquePtr feature(m_layer.GetNextFeature());
        if (!feature) {
            more = false;
            break;
        }
        OGRGeometryUniquePtr kept;
        batch.shapes.push_back(shapeOf(*feature, &kept));
        if (kept) batch.geometries.push_back(std::move(kept));
        appendFeatureTexts(*feature, m_types, batch.chars, batch.ends, batch.badUtf8);
    }
    textViews(batch.chars, batch.ends, batch.views);
    batch.failures = capture.takeFailures();
    return more;
}

void FeaturePipe::run() {
    ScrubbingGdalCapture capture;  // GDAL's error handlers are per thread
    m_layer.ResetReading();
    for (;;) {
        Batch batch;
        {
            std::lock_guard lock(m_mutex);
            if (!m_spent.empty()) {
                batch = std::move(m_spent.back());
                m_spent.pop_back();
            }
        }
        const bool more = fill(batch, capture);
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_queue.size() < kQueuedBatches || m_stopping; });
            if (m_stopping) return;
            if (batch.size() > 0 || !batch.failures.empty()) m_queue.push_back(std::move(batch));
            m_done = !more;
        }
        m_changed.notify_all();
        if (!more) return;
    }
}

}  // namespace fp::incident_io
